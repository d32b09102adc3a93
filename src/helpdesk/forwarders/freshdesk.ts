// Freshdesk API v2: POST /api/v2/tickets with Basic auth "<api key>:X". The description is HTML, so
// the customer's text is escaped. With attachments the same call goes as multipart/form-data.
import type { Priority } from "../../lib/content-schemas.ts";
import { callLimits, ForwardError, htmlDescription, ticketTags, type FirstResponseReading, type FirstResponseRequest, type Forwarder, type OutgoingTicket } from "./forwarder.ts";
import { basicAuth, joinUrl, vendorJson, vendorRequest } from "./vendor-request.ts";

export interface FreshdeskSettings {
  /** https://<domain>.freshdesk.com, or a test server. */
  baseUrl: string;
  apiKey: string;
  /** Department id (departments.yaml) → Freshdesk group id. */
  groupIds: Record<string, number>;
}

export const FRESHDESK_PRIORITY: Record<Priority, number> = { High: 3, Medium: 2, Low: 1 };
const STATUS_OPEN = 2;
const SOURCE_PORTAL = 2;

export function freshdeskTicketFields(outgoing: OutgoingTicket, settings: Pick<FreshdeskSettings, "groupIds">) {
  const { ticket } = outgoing;
  const groupId = settings.groupIds[ticket.department];
  return {
    name: ticket.name,
    email: ticket.email,
    subject: ticket.subject,
    description: htmlDescription(outgoing),
    priority: FRESHDESK_PRIORITY[ticket.priority],
    status: STATUS_OPEN,
    source: SOURCE_PORTAL,
    ...(groupId === undefined ? {} : { group_id: groupId }),
    tags: ticketTags(ticket),
  };
}

function multipartBody(fields: ReturnType<typeof freshdeskTicketFields>, outgoing: OutgoingTicket): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) form.append(`${key}[]`, item);
    else form.append(key, String(value));
  }
  for (const file of outgoing.attachments) {
    form.append("attachments[]", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
  }
  return form;
}

export function createFreshdeskForwarder(settings: FreshdeskSettings): Forwarder {
  const auth = basicAuth(settings.apiKey, "X");
  return {
    name: "freshdesk",
    async forward(outgoing) {
      const fields = freshdeskTicketFields(outgoing, settings);
      const withFiles = outgoing.attachments.length > 0;
      const response = await vendorRequest("Freshdesk", joinUrl(settings.baseUrl, "/api/v2/tickets"), {
        method: "POST",
        // fetch sets the multipart boundary itself, so Content-Type is only given for JSON.
        headers: withFiles ? { Authorization: auth } : { Authorization: auth, "Content-Type": "application/json" },
        body: withFiles ? multipartBody(fields, outgoing) : JSON.stringify(fields),
        ...callLimits(outgoing),
      });
      const id = (await vendorJson<{ id?: number }>(response))?.id;
      return {
        externalId: id === undefined ? null : String(id),
        externalUrl: id === undefined ? null : joinUrl(settings.baseUrl, `/a/tickets/${id}`),
      };
    },
    readFirstResponse: (request) => readFreshdeskFirstResponse(settings, auth, request),
  };
}

const STATUS_RESOLVED = 4;
const STATUS_CLOSED = 5;

/**
 * GET /api/v2/tickets/{id}?include=stats (two API credits): `stats.first_responded_at` is set once an
 * agent answered; a resolved or closed ticket needs no answer any more.
 */
async function readFreshdeskFirstResponse(settings: FreshdeskSettings, auth: string, request: FirstResponseRequest): Promise<FirstResponseReading> {
  const url = joinUrl(settings.baseUrl, `/api/v2/tickets/${encodeURIComponent(request.externalId)}?include=stats`);
  const response = await vendorRequest("Freshdesk", url, {
    method: "GET",
    headers: { Authorization: auth, Accept: "application/json" },
    signal: request.signal,
    timeoutMs: request.timeoutMs,
  });
  const ticket = await vendorJson<{ status?: number; stats?: { first_responded_at?: string | null } }>(response);
  if (!ticket) throw new ForwardError("Freshdesk answered without the ticket", { retryable: true });
  const first = ticket.stats?.first_responded_at;
  if (first) return { responded: true, at: first, detail: "first response recorded in Freshdesk" };
  if (ticket.status === STATUS_RESOLVED || ticket.status === STATUS_CLOSED) {
    return { responded: true, at: null, detail: "resolved or closed in Freshdesk" };
  }
  return { responded: false, at: null, detail: "no first response in Freshdesk yet" };
}
