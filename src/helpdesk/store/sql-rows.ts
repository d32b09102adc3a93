// What the two SQL stores (SQLite and PostgreSQL) share: one table layout, so one mapping between
// their rows and the TicketStore types. Times the interface hands back as given (createdAt, a
// helpdesk's response time) are kept as the ISO text they arrived as; times the stores compare
// and compute with (next attempts, leases, draft expiry) are milliseconds since the epoch.
import type { PlannedAlert } from "../../lib/alert-rules.ts";
import type {
  AlertStatus,
  Draft,
  ForwardEvent,
  ForwardStatus,
  IdempotencyRecord,
  NewTicketEntry,
  StoredAlert,
  StoredTicket,
} from "./ticket-store.ts";

/** A row as either driver returns it: column name to value. */
export type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const iso = (ms: unknown): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export function ticketFromRow(row: Row): StoredTicket {
  return {
    reference: String(row.reference),
    createdAt: String(row.created_at),
    channel: "Web",
    name: String(row.name),
    email: String(row.email),
    subject: String(row.subject),
    description: String(row.description),
    priority: String(row.priority) as StoredTicket["priority"],
    plan: String(row.plan),
    productArea: String(row.product_area),
    workspaceUrl: text(row.workspace_url),
    version: text(row.version),
    department: String(row.department),
    tier: String(row.tier),
    firstResponseTarget: row.first_response_target ? JSON.parse(String(row.first_response_target)) : null,
    firstResponseDueAt: text(row.first_response_due_at),
    idempotencyKey: text(row.idempotency_key),
    attachments: JSON.parse(String(row.attachments)),
    forward: {
      status: String(row.forward_status) as ForwardStatus,
      target: text(row.forward_target),
      attempts: Number(row.attempts),
      nextAttemptAt: iso(row.next_attempt_at),
      lastError: text(row.last_error),
      externalId: text(row.external_id),
      externalUrl: text(row.external_url),
      sentAt: text(row.sent_at),
    },
    suspension: row.suspended_at
      ? { reason: String(row.suspended_reason ?? ""), at: String(row.suspended_at), releasedAt: text(row.released_at) }
      : null,
    firstResponse: row.first_response_at
      ? { at: String(row.first_response_at), source: String(row.first_response_source ?? "") }
      : null,
  };
}

/** The columns of a new ticket's row, named as in the tickets table. */
export function newTicketRow({ ticket, suspendedBecause }: NewTicketEntry) {
  const suspended = Boolean(suspendedBecause);
  return {
    reference: ticket.reference,
    created_at: ticket.createdAt,
    channel: ticket.channel,
    name: ticket.name,
    email: ticket.email,
    subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    plan: ticket.plan,
    product_area: ticket.productArea,
    workspace_url: ticket.workspaceUrl,
    version: ticket.version,
    department: ticket.department,
    tier: ticket.tier,
    first_response_target: ticket.firstResponseTarget ? JSON.stringify(ticket.firstResponseTarget) : null,
    first_response_due_at: ticket.firstResponseDueAt,
    idempotency_key: ticket.idempotencyKey,
    attachments: JSON.stringify(ticket.attachments),
    forward_status: suspended ? "suspended" : "pending",
    attempts: 0,
    next_attempt_at: suspended ? null : Date.parse(ticket.createdAt),
    suspended_reason: suspended ? suspendedBecause! : null,
    suspended_at: suspended ? ticket.createdAt : null,
  };
}

/** The columns of a newly queued alert's row, due at `now`. */
export function newAlertRow(reference: string, alert: PlannedAlert, now: Date) {
  return {
    ticket_reference: reference,
    rule: alert.rule,
    kind: alert.kind,
    destination: alert.destination,
    status: "pending",
    attempts: 0,
    created_at: now.toISOString(),
    next_attempt_at: now.getTime(),
  };
}

export function alertFromRow(row: Row): StoredAlert {
  return {
    reference: String(row.ticket_reference),
    rule: String(row.rule),
    kind: String(row.kind) as StoredAlert["kind"],
    destination: String(row.destination),
    status: String(row.status) as AlertStatus,
    attempts: Number(row.attempts),
    createdAt: String(row.created_at),
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: text(row.last_error),
    deliveredAt: text(row.delivered_at),
  };
}

export function idempotencyFromRow(row: Row): IdempotencyRecord {
  return { key: String(row.key), bodyHash: String(row.body_hash), reference: String(row.reference), response: String(row.response) };
}

export function forwardEventFromRow(row: Row): ForwardEvent {
  return {
    at: String(row.at),
    kind: String(row.kind) as ForwardEvent["kind"],
    target: text(row.target),
    attempt: Number(row.attempt),
    detail: text(row.detail),
  };
}

export function draftFromRow(row: Row): Draft {
  return {
    token: String(row.token),
    values: JSON.parse(String(row.values_json)),
    errors: JSON.parse(String(row.errors_json)),
    expiresAt: new Date(Number(row.expires_at)).toISOString(),
  };
}

/** The columns of a draft's row. */
export function draftRow(draft: Draft) {
  return {
    token: draft.token,
    values_json: JSON.stringify(draft.values),
    errors_json: JSON.stringify(draft.errors),
    expires_at: Date.parse(draft.expiresAt),
  };
}

/** The forward_events row for an event in a ticket's history. */
export function forwardEventRow(reference: string, event: ForwardEvent) {
  return { ticket_reference: reference, ...event };
}

/** The attachment rows of a new ticket, in the order they were sent. */
export function attachmentRows({ ticket, attachments }: NewTicketEntry) {
  return attachments.map((file, position) => ({
    ticket_reference: ticket.reference,
    position,
    name: file.name,
    type: file.type,
    size: file.size,
    bytes: file.bytes,
  }));
}
