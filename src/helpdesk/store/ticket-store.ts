// Where tickets live until (and after) the helpdesk has them. The local store is the source of
// truth for forwarding: a ticket is saved before the customer gets an answer, and the outbox
// works from what is saved here.
import type { Priority } from "../../lib/content-schemas.ts";

export type ForwardStatus = "pending" | "sent" | "failed";
export const FORWARD_STATUSES: readonly ForwardStatus[] = ["pending", "sent", "failed"];

export interface AttachmentInfo {
  name: string;
  type: string;
  size: number;
}

export interface AttachmentData extends AttachmentInfo {
  bytes: Uint8Array;
}

/** A ticket as the endpoint built it: what the customer typed plus routing and the due time. */
export interface TicketRecord {
  reference: string;
  createdAt: string;
  channel: "Web";
  name: string;
  email: string;
  subject: string;
  description: string;
  priority: Priority;
  plan: string;
  productArea: string;
  workspaceUrl: string | null;
  version: string | null;
  department: string;
  tier: string;
  firstResponseDueAt: string | null;
  idempotencyKey: string | null;
  attachments: AttachmentInfo[];
}

export interface ForwardState {
  status: ForwardStatus;
  /** Name of the forwarder that last handled the ticket (local, webhook, zendesk, zoho, freshdesk). */
  target: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  externalId: string | null;
  sentAt: string | null;
}

export interface StoredTicket extends TicketRecord {
  forward: ForwardState;
}

export interface IdempotencyRecord {
  key: string;
  bodyHash: string;
  reference: string;
  /** The success response body (JSON) given the first time, replayed on a retry. */
  response: string;
}

export interface NewTicketEntry {
  ticket: TicketRecord;
  attachments: AttachmentData[];
  idempotency: Omit<IdempotencyRecord, "reference"> | null;
}

/** `saved: false` means another request already used the idempotency key; `existing` is its record. */
export type SaveTicketResult = { saved: true } | { saved: false; existing: IdempotencyRecord };

export interface Draft {
  token: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  expiresAt: string;
}

export interface TicketStore {
  /** Saves the ticket, its attachments and its idempotency key in one transaction. */
  saveTicket(entry: NewTicketEntry): Promise<SaveTicketResult>;
  findIdempotency(key: string): Promise<IdempotencyRecord | null>;
  getTicket(reference: string): Promise<StoredTicket | null>;
  /** Newest first. */
  listTickets(filter?: { status?: ForwardStatus }): Promise<StoredTicket[]>;
  getAttachments(reference: string): Promise<AttachmentData[]>;

  /** Pending tickets whose next attempt is due and that no other worker holds, oldest first. */
  dueForForwarding(now: Date, limit: number): Promise<StoredTicket[]>;
  /** Takes a short lease so two workers sharing one store never send the same ticket at once. */
  claimForForwarding(reference: string, now: Date, leaseMs: number): Promise<boolean>;
  /** When the earliest pending ticket is due, or null when nothing is pending. */
  nextForwardAt(): Promise<Date | null>;
  markSent(
    reference: string,
    result: { target: string; attempts: number; externalId: string | null; at: Date },
  ): Promise<void>;
  markRetry(
    reference: string,
    result: { target: string; attempts: number; nextAttemptAt: Date; lastError: string },
  ): Promise<void>;
  markFailed(reference: string, result: { target: string; attempts: number; lastError: string }): Promise<void>;
  /** Puts a pending or failed ticket back in the queue, due now; a sent ticket is never re-sent. */
  requeue(reference: string, now: Date): Promise<boolean>;

  saveDraft(draft: Draft, now: Date): Promise<void>;
  /** A draft that has not expired; reading does not consume it, so a reload keeps the values. */
  readDraft(token: string, now: Date): Promise<Draft | null>;

  close(): void;
}
