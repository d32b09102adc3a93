// Zendesk Ticketing API: POST /api/v2/tickets.json with an agent's API token. Zendesk de-duplicates
// retried creates by Idempotency-Key; attachments go to /api/v2/uploads first and ride on the comment.
import type { Priority } from "../../lib/content-schemas.ts";
import { callLimits, ForwardError, plainDescription, ticketTags, type FirstResponseReading, type FirstResponseRequest, type Forwarder, type OutgoingTicket } from "./forwarder.ts";
import { basicAuth, joinUrl, vendorJson, vendorRequest } from "./vendor-request.ts";

export interface ZendeskSettings {
  /** https://<subdomain>.zendesk.com, or a test server. */
  baseUrl: string;
  /** The agent whose API token is used. */
  email: string;
  apiToken: string;
  /** Department id (departments.yaml) → Zendesk group id; unmapped departments are left to triggers. */
  groupIds: Record<string, number>;
}

export const ZENDESK_PRIORITY: Record<Priority, string> = { High: "high", Medium: "normal", Low: "low" };

async function upload(settings: ZendeskSettings, auth: string, outgoing: OutgoingTicket): Promise<string[]> {
  const tokens: string[] = [];
  for (const file of outgoing.attachments) {
    const url = joinUrl(settings.baseUrl, `/api/v2/uploads.json?filename=${encodeURIComponent(file.name)}`);
    const response = await vendorRequest("Zendesk", url, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": file.type || "application/octet-stream" },
      body: file.bytes as Uint8Array<ArrayBuffer>,
      ...callLimits(outgoing),
    });
    const token = (await vendorJson<{ upload?: { token?: string } }>(response))?.upload?.token;
    if (!token) throw new ForwardError(`Zendesk accepted "${file.name}" but returned no upload token`, { retryable: true });
    tokens.push(token);
  }
  return tokens;
}

export function zendeskTicketBody(outgoing: OutgoingTicket, settings: Pick<ZendeskSettings, "groupIds">, uploads: string[]) {
  const { ticket } = outgoing;
  const groupId = settings.groupIds[ticket.department];
  return {
    ticket: {
      subject: ticket.subject,
      comment: { body: plainDescription(outgoing), public: true, ...(uploads.length ? { uploads } : {}) },
      requester: { name: ticket.name, email: ticket.email },
      priority: ZENDESK_PRIORITY[ticket.priority],
      ...(groupId === undefined ? {} : { group_id: groupId }),
      tags: ticketTags(ticket),
      external_id: ticket.reference,
    },
  };
}

export function createZendeskForwarder(settings: ZendeskSettings): Forwarder {
  const auth = basicAuth(`${settings.email}/token`, settings.apiToken);
  return {
    name: "zendesk",
    async forward(outgoing) {
      const uploads = await upload(settings, auth, outgoing);
      const response = await vendorRequest("Zendesk", joinUrl(settings.baseUrl, "/api/v2/tickets.json"), {
        method: "POST",
        headers: { Authorization: auth, "Content-Type": "application/json", "Idempotency-Key": outgoing.idempotencyKey },
        body: JSON.stringify(zendeskTicketBody(outgoing, settings, uploads)),
        ...callLimits(outgoing),
      });
      const id = (await vendorJson<{ ticket?: { id?: number } }>(response))?.ticket?.id;
      return {
        externalId: id === undefined ? null : String(id),
        externalUrl: id === undefined ? null : joinUrl(settings.baseUrl, `/agent/tickets/${id}`),
      };
    },
    readFirstResponse: (request) => readZendeskFirstResponse(settings, auth, request),
  };
}

/**
 * Zendesk ticket metrics (GET /api/v2/tickets/{id}/metrics, agents only): `replies` counts the
 * agents' public replies, so more than none means the customer was answered; a solved ticket needs
 * no answer any more.
 */
async function readZendeskFirstResponse(settings: ZendeskSettings, auth: string, request: FirstResponseRequest): Promise<FirstResponseReading> {
  const url = joinUrl(settings.baseUrl, `/api/v2/tickets/${encodeURIComponent(request.externalId)}/metrics`);
  const response = await vendorRequest("Zendesk", url, {
    method: "GET",
    headers: { Authorization: auth, Accept: "application/json" },
    signal: request.signal,
    timeoutMs: request.timeoutMs,
  });
  const metric = (await vendorJson<{ ticket_metric?: { replies?: number | null; solved_at?: string | null } }>(response))?.ticket_metric;
  if (!metric) throw new ForwardError("Zendesk answered without the ticket's metrics", { retryable: true });
  const replies = metric.replies ?? 0;
  if (replies > 0) return { responded: true, at: null, detail: `${replies} public repl${replies === 1 ? "y" : "ies"} in Zendesk` };
  if (metric.solved_at) return { responded: true, at: metric.solved_at, detail: "solved in Zendesk" };
  return { responded: false, at: null, detail: "no public reply in Zendesk yet" };
}
