// One interface for every helpdesk. A forwarder turns a stored ticket into the vendor's request;
// fields a vendor has no place for go into a block at the end of the description, so nothing is lost.
import type { AttachmentData, StoredTicket } from "../store/ticket-store.ts";

/** Names for the ids on a ticket, resolved from content/ when the ticket is forwarded. */
export interface TicketLabels {
  plan: string;
  productArea: string;
  department: string;
  tier: string;
  firstResponseTarget: string;
  firstResponseDueText: string | null;
}

export interface OutgoingTicket {
  ticket: StoredTicket;
  labels: TicketLabels;
  attachments: AttachmentData[];
  /** Stable per ticket (the portal reference), for vendors that de-duplicate retried requests. */
  idempotencyKey: string;
  /** Aborted when the server shuts down. */
  signal: AbortSignal;
  /** Time limit for each vendor call. */
  timeoutMs: number;
}

/** The signal and timeout every vendor call of one forward uses. */
export function callLimits(outgoing: OutgoingTicket): { signal: AbortSignal; timeoutMs: number } {
  return { signal: outgoing.signal, timeoutMs: outgoing.timeoutMs };
}

export interface ForwardResult {
  /** The helpdesk's own id for the ticket, when it gives one. */
  externalId: string | null;
  /** The ticket's page for agents in the helpdesk, when known; chat alerts link to it. */
  externalUrl?: string | null;
}

/** What the helpdesk says about a ticket's first response. */
export interface FirstResponseReading {
  /** Someone answered the customer, or the ticket was closed without needing an answer. */
  responded: boolean;
  /** When, if the helpdesk says (ISO 8601). */
  at: string | null;
  /** In words, for the log: "2 public replies", "no reply yet". */
  detail: string;
}

export interface FirstResponseRequest {
  /** The helpdesk's id for the ticket, from forwarding. */
  externalId: string;
  signal: AbortSignal;
  timeoutMs: number;
}

export interface Forwarder {
  readonly name: string;
  forward(outgoing: OutgoingTicket): Promise<ForwardResult>;
  /**
   * Reads back whether the customer was answered, for helpdesks whose API says so; the
   * response-target watch asks only for a ticket it is about to warn about. Throws ForwardError.
   */
  readFirstResponse?(request: FirstResponseRequest): Promise<FirstResponseReading>;
}

/** A failed forward. `retryable` failures (network, timeout, 429, 5xx) are tried again later. */
export class ForwardError extends Error {
  readonly retryable: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  constructor(message: string, options: { retryable: boolean; status?: number | null; retryAfterMs?: number | null }) {
    super(message);
    this.name = "ForwardError";
    this.retryable = options.retryable;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/**
 * The same forwarder, with the message of every error it throws passed through `redact`: a vendor's
 * error or a network error can quote a configured URL or credential, and the message is stored with
 * the ticket, logged and shown by `npm run tickets`. Whether to retry is kept.
 */
export function withRedactedErrors(forwarder: Forwarder, redact: (text: string) => string): Forwarder {
  return {
    name: forwarder.name,
    async forward(outgoing) {
      try {
        return await forwarder.forward(outgoing);
      } catch (error) {
        if (error instanceof ForwardError) {
          throw new ForwardError(redact(error.message), {
            retryable: error.retryable,
            status: error.status,
            retryAfterMs: error.retryAfterMs,
          });
        }
        throw new ForwardError(redact((error as Error)?.message || String(error)), { retryable: false });
      }
    },
  };
}

/** The facts with no vendor field of their own, one "Label: value" line each. */
export function contextLines({ ticket, labels }: Pick<OutgoingTicket, "ticket" | "labels">): string[] {
  return [
    `Portal reference: ${ticket.reference}`,
    `Plan: ${labels.plan} (${ticket.plan})`,
    `Product area: ${labels.productArea} (${ticket.productArea})`,
    `Department: ${labels.department}`,
    `Support tier: ${labels.tier}`,
    `Priority chosen: ${ticket.priority}`,
    `First response target: ${labels.firstResponseTarget}${labels.firstResponseDueText ? `, due ${labels.firstResponseDueText}` : ""}`,
    ...(ticket.workspaceUrl ? [`Workspace URL: ${ticket.workspaceUrl}`] : []),
    ...(ticket.version ? [`Version: ${ticket.version}`] : []),
    ...(ticket.attachments.length ? [`Attachments: ${ticket.attachments.map((a) => a.name).join(", ")}`] : []),
    `Sent from the help center ticket form on ${ticket.createdAt}`,
  ];
}

export function plainDescription(outgoing: Pick<OutgoingTicket, "ticket" | "labels">): string {
  return `${outgoing.ticket.description}\n\n---\n${contextLines(outgoing).join("\n")}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** For helpdesks whose description is HTML: the customer's text escaped, line breaks kept. */
export function htmlDescription(outgoing: Pick<OutgoingTicket, "ticket" | "labels">): string {
  const paragraphs = outgoing.ticket.description
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  const context = contextLines(outgoing).map(escapeHtml).join("<br>");
  return `${paragraphs}<hr><p>${context}</p>`;
}

/** Tags in the form every vendor accepts: lowercase, no spaces. */
export function ticketTags(ticket: StoredTicket): string[] {
  return ["web-form", `plan-${ticket.plan}`, `area-${ticket.productArea}`, `tier-${ticket.tier}`, `dept-${ticket.department}`];
}
