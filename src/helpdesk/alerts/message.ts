// What an alert says, before any chat format shapes it: built from the stored ticket through
// summarizeTicket(), like every other view of a ticket. The facts are ours (names from content/);
// the only customer text is the subject, and the description or file names when a rule asks for
// them, with mentions defused. No requester name or email ever goes to chat.
import type { AlertKind } from "../../lib/alert-rules.ts";
import type { AlertRule, Priority } from "../../lib/content-schemas.ts";
import type { SupportData } from "../../lib/support-data.ts";
import { formatFileSize } from "../../lib/ticket.ts";
import type { StoredTicket } from "../store/ticket-store.ts";
import { summarizeTicket } from "../ticket-summary.ts";
import { defuseMentions, truncate } from "./customer-text.ts";

export interface AlertFact {
  title: string;
  value: string;
  /** Short enough to sit next to another fact. */
  short: boolean;
}

export interface AlertMessage {
  kind: AlertKind;
  reference: string;
  priority: Priority;
  /** Our words only, one line: what happened to which ticket. */
  headline: string;
  /** The headline and the due time in one sentence: the notification and fallback text. */
  summary: string;
  /** The customer's subject, mentions defused. */
  subject: string;
  facts: AlertFact[];
  /** The ticket in the helpdesk, when the forwarder knows its address. */
  link: { url: string; label: string } | null;
  /** Where to find the ticket when there is no link. */
  hint: string | null;
  /** Only when the rule includes it; mentions defused and shortened. */
  description: string | null;
  /** Only when the rule includes them: names and sizes, never the files. */
  attachmentNames: string[] | null;
  /** Hex colour for formats that show one: red for High and breaches, amber for warnings. */
  color: string;
}

export const ALERT_LIMITS = { subject: 250, description: 1_500, attachmentNames: 10 } as const;

const HELPDESK_NAMES: Record<string, string> = { zendesk: "Zendesk", zoho: "Zoho Desk", freshdesk: "Freshdesk", webhook: "the helpdesk" };
const PRIORITY_COLORS: Record<Priority, string> = { High: "#d9534f", Medium: "#f0ad4e", Low: "#5bc0de" };
const WARNING_COLOR = "#f0ad4e";
const BREACH_COLOR = "#d9534f";

export interface AlertMessageInput {
  ticket: StoredTicket;
  kind: AlertKind;
  /** Null when the rule was removed from alerts.yaml after the alert was queued: send the facts only. */
  rule: Pick<AlertRule, "includeDescription" | "includeAttachmentNames"> | null;
  data: SupportData;
  /** The forwarder's name (local, webhook, zendesk, zoho, freshdesk). */
  helpdesk: string;
}

function headlineFor(kind: AlertKind, ticket: StoredTicket, planName: string): string {
  const who = `${ticket.reference} (${ticket.priority}, ${planName})`;
  switch (kind) {
    case "new":
      return `New ${ticket.priority} ticket ${ticket.reference} (${planName})`;
    case "warning":
      return `First-response target about to run out: ${who}`;
    case "breach":
      return `First-response target missed: ${who}`;
  }
}

function whereToFind(ticket: StoredTicket, helpdesk: string): string {
  const show = `npm run tickets -- show ${ticket.reference}`;
  if (helpdesk === "local") return `Read it with ${show}`;
  const name = HELPDESK_NAMES[helpdesk] ?? helpdesk;
  return ticket.forward.status === "sent"
    ? `In ${name}${ticket.forward.externalId ? ` as #${ticket.forward.externalId}` : ""}; ${show}`
    : `Not in ${name} yet (${ticket.forward.status}); ${show}`;
}

export function buildAlertMessage({ ticket, kind, rule, data, helpdesk }: AlertMessageInput): AlertMessage {
  const summary = summarizeTicket(ticket, data);
  const headline = headlineFor(kind, ticket, summary.plan.name);
  const due = summary.firstResponseDueText;
  const facts: AlertFact[] = [
    { title: "Priority", value: ticket.priority, short: true },
    { title: "Plan", value: summary.plan.name, short: true },
    { title: "Department", value: summary.department.name, short: true },
    { title: "Product area", value: summary.productArea.name, short: true },
    { title: kind === "breach" ? "First response was due" : "First response due", value: due ?? "no response-time commitment", short: false },
    { title: "Target", value: summary.firstResponseTarget, short: false },
  ];
  const url = ticket.forward.externalUrl;
  const helpdeskName = HELPDESK_NAMES[helpdesk] ?? helpdesk;
  const files = ticket.attachments;
  return {
    kind,
    reference: ticket.reference,
    priority: ticket.priority,
    headline,
    summary: due ? `${headline}. First response ${kind === "breach" ? "was due" : "due"} ${due}.` : `${headline}.`,
    subject: truncate(defuseMentions(ticket.subject), ALERT_LIMITS.subject),
    facts,
    link: url ? { url, label: `Open ${ticket.reference} in ${helpdeskName}` } : null,
    hint: url ? null : whereToFind(ticket, helpdesk),
    description: rule?.includeDescription ? truncate(defuseMentions(ticket.description), ALERT_LIMITS.description) : null,
    attachmentNames:
      rule?.includeAttachmentNames && files.length
        ? [
            ...files.slice(0, ALERT_LIMITS.attachmentNames).map((f) => `${truncate(defuseMentions(f.name), 100)} (${formatFileSize(f.size)})`),
            ...(files.length > ALERT_LIMITS.attachmentNames ? [`and ${files.length - ALERT_LIMITS.attachmentNames} more`] : []),
          ]
        : null,
    color: kind === "breach" ? BREACH_COLOR : kind === "warning" ? WARNING_COLOR : PRIORITY_COLORS[ticket.priority],
  };
}
