// Freshdesk API v2: POST /api/v2/tickets with Basic auth "<api key>:X". The description is HTML, so
// the customer's text is escaped. With attachments the same call goes as multipart/form-data.
import type { Priority } from "../../lib/content-schemas.ts";
import { callLimits, htmlDescription, ticketTags, type Forwarder, type OutgoingTicket } from "./forwarder.ts";
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
      return { externalId: id === undefined ? null : String(id) };
    },
  };
}
