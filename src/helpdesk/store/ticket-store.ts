// Where tickets live until (and after) the helpdesk has them. The local store is the source of
// truth for forwarding: a ticket is saved before the customer gets an answer, and the outbox
// works from what is saved here.
//
// Three engines implement it: SQLite (sqlite.ts, the default), PostgreSQL (postgres.ts, for several
// instances) and memory (memory.ts, for tests). Another one must make every method async and follow
// the rules written on it; tests/unit/ticket-store.test.ts runs the same contract against every
// store, so add the new one to its list.
import type { AlertKind, PlannedAlert } from "../../lib/alert-rules.ts";
import type { Priority } from "../../lib/content-schemas.ts";
import type { ResponseTarget } from "../../lib/sla.ts";

/**
 * Where a ticket is in forwarding. `suspended` tickets were flagged by a spam rule: kept, never
 * forwarded, until staff release them (then `pending`) or they expire.
 */
export type ForwardStatus = "pending" | "sent" | "failed" | "suspended";
export const FORWARD_STATUSES: readonly ForwardStatus[] = ["pending", "sent", "failed", "suspended"];

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
  /**
   * The target the due time was computed from, as the SLA data said when the ticket arrived; null
   * when the tier had none. Tickets stored before this was kept have null with a due time.
   */
  firstResponseTarget: ResponseTarget | null;
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
  /** The ticket's page in the helpdesk, when the forwarder knows it; chat alerts link to it. */
  externalUrl: string | null;
  sentAt: string | null;
}

/** Why and when a spam rule held a ticket back; kept after release so staff can see it was. */
export interface Suspension {
  /** For staff, in words: which rule and what it saw. */
  reason: string;
  at: string;
  releasedAt: string | null;
}

/** That someone answered the customer, and who said so. */
export interface FirstResponse {
  /** When it was recorded (the helpdesk's own time when it gives one). */
  at: string;
  /** "staff" for `npm run tickets -- responded`, or the helpdesk it was read back from. */
  source: string;
}

export interface StoredTicket extends TicketRecord {
  forward: ForwardState;
  /** Null for a ticket no spam rule flagged. */
  suspension: Suspension | null;
  /** Null until someone answered the customer; the response-target watch stops then. */
  firstResponse: FirstResponse | null;
}

/** One step in a ticket's forwarding, oldest first in `forwardHistory`. */
export interface ForwardEvent {
  at: string;
  /** sent, retry and failed are forwarding attempts; requeued and released are staff actions. */
  kind: "sent" | "retry" | "failed" | "requeued" | "released";
  /** The forwarder for an attempt; null for staff actions. */
  target: string | null;
  /** The attempt's number (1 for the first); 0 for staff actions. */
  attempt: number;
  /** The helpdesk's id when sent, the error when it failed, the next try's time for a retry. */
  detail: string | null;
}

export type AlertStatus = "pending" | "sent" | "failed" | "skipped";

/** Which alert: at most one exists per ticket, rule and kind, whatever happens (its idempotency key). */
export interface AlertKey {
  reference: string;
  rule: string;
  kind: AlertKind;
}

/**
 * One chat alert in the outbox. `failed` alerts were refused for good (a revoked webhook) or gave up
 * after the last attempt; `skipped` ones were not sent for a reason given in `lastError` (the
 * destination was off, or the customer was answered before a warning went out).
 */
export interface StoredAlert extends AlertKey {
  destination: string;
  status: AlertStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
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
  /** Set when a spam rule flagged the submission: the ticket is saved suspended, as of its createdAt. */
  suspendedBecause?: string | null;
  /** Chat alerts to queue with the ticket, due at its createdAt; ignored for a suspended ticket. */
  alerts?: readonly PlannedAlert[];
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
  /**
   * Saves the ticket, its attachments, its idempotency key and its alerts in one transaction: pending
   * and due at its createdAt, or suspended (never due, and with no alerts) when `suspendedBecause` is set.
   */
  saveTicket(entry: NewTicketEntry): Promise<SaveTicketResult>;
  findIdempotency(key: string): Promise<IdempotencyRecord | null>;
  getTicket(reference: string): Promise<StoredTicket | null>;
  /** Newest first (by createdAt, then by order of saving). */
  listTickets(filter?: { status?: ForwardStatus }): Promise<StoredTicket[]>;
  getAttachments(reference: string): Promise<AttachmentData[]>;
  /** Every forwarding attempt and staff action on the ticket, oldest first. */
  forwardHistory(reference: string): Promise<ForwardEvent[]>;

  /** Pending tickets whose next attempt is due and that no other worker holds, oldest first. */
  dueForForwarding(now: Date, limit: number): Promise<StoredTicket[]>;
  /** Takes a short lease so two workers sharing one store never send the same ticket at once. */
  claimForForwarding(reference: string, now: Date, leaseMs: number): Promise<boolean>;
  /** When the earliest pending ticket is due, or null when nothing is pending. Cheap: polled every few seconds. */
  nextForwardAt(): Promise<Date | null>;
  /**
   * Each mark* records the attempt in the forward history. markSent applies to any ticket not yet
   * sent (a send that succeeded after its lease ran out still happened); markRetry and markFailed
   * only to a pending one.
   */
  markSent(
    reference: string,
    result: { target: string; attempts: number; externalId: string | null; externalUrl?: string | null; at: Date },
  ): Promise<void>;
  markRetry(
    reference: string,
    result: { target: string; attempts: number; nextAttemptAt: Date; lastError: string; at: Date },
  ): Promise<void>;
  markFailed(reference: string, result: { target: string; attempts: number; lastError: string; at: Date }): Promise<void>;
  /**
   * Puts a pending or failed ticket back in the queue, due now, and records it. A sent ticket is
   * never re-sent, and a suspended one is only released (below); both return false.
   */
  requeue(reference: string, now: Date): Promise<boolean>;
  /**
   * Moves a suspended ticket into the queue, due now, and records it, queueing `alerts` (due now) in
   * the same transaction; false if it is not suspended.
   */
  releaseSuspended(reference: string, now: Date, alerts?: readonly PlannedAlert[]): Promise<boolean>;
  /** Removes a ticket with its attachments, idempotency key, history and alerts, and gives its space back; false if there was none. */
  deleteTicket(reference: string): Promise<boolean>;
  /** Removes the tickets still suspended that were suspended before `cutoff`; returns how many. */
  deleteSuspendedBefore(cutoff: Date): Promise<number>;

  /**
   * Queues chat alerts for a ticket, due now. An alert whose key (ticket, rule, kind) exists already,
   * in any status, is left as it is, so no alert is ever queued twice; nothing is queued for a
   * suspended or unknown ticket. Returns how many were queued.
   */
  enqueueAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): Promise<number>;
  /** A ticket's alerts, or every ticket's when no references are given; oldest first. */
  listAlerts(filter?: { references?: readonly string[] }): Promise<StoredAlert[]>;
  /** Pending alerts whose next attempt is due and that no worker holds, oldest first; never a suspended ticket's. */
  dueAlerts(now: Date, limit: number): Promise<StoredAlert[]>;
  /** Takes a short lease on a pending alert, as claimForForwarding does for tickets. */
  claimAlert(key: AlertKey, now: Date, leaseMs: number): Promise<boolean>;
  /** When the earliest pending alert is due (or its lease ends), or null when none is pending. Polled often. */
  nextAlertAt(): Promise<Date | null>;
  /**
   * markAlertSent applies to any alert not yet sent (a post that went through after its lease ran out
   * still happened) and records the delivery time; the others apply only to a pending alert: retry
   * counts an attempt and sets the next one, deferAlert moves the next attempt without counting one
   * (the destination's rate limit), failed and skipped are final, with the reason in lastError.
   */
  markAlertSent(key: AlertKey, result: { attempts: number; at: Date }): Promise<void>;
  markAlertRetry(key: AlertKey, result: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void>;
  deferAlert(key: AlertKey, nextAttemptAt: Date): Promise<void>;
  markAlertFailed(key: AlertKey, result: { attempts: number; lastError: string }): Promise<void>;
  markAlertSkipped(key: AlertKey, reason: string): Promise<void>;
  /**
   * Queues a failed or skipped alert again, due now, with its attempts counted from nothing (staff,
   * after fixing a webhook: `npm run tickets -- --resend-alerts`). The sender checks it afresh, so
   * one still not wanted is skipped again. False for an alert that is pending or sent, or unknown.
   */
  resendAlert(key: AlertKey, now: Date): Promise<boolean>;

  /**
   * Records that the customer was answered (by staff, or as read back from the helpdesk); the first
   * record stays. False if the ticket is unknown or was already answered.
   */
  markResponded(reference: string, response: FirstResponse): Promise<boolean>;
  /**
   * Tickets whose first-response clock is running: not suspended, with a due time no earlier than
   * `dueAfter`, and not answered; soonest due first.
   */
  ticketsAwaitingResponse(dueAfter: Date, limit: number): Promise<StoredTicket[]>;

  /**
   * Saves a draft and removes the expired ones. Then, if more than `maxDrafts` are left, removes
   * those that would expire first until `maxDrafts` remain (the new one is always kept), and gives
   * the space they took back (SQLite: to the file system).
   */
  saveDraft(draft: Draft, now: Date, limits: { maxDrafts: number }): Promise<void>;
  /** A draft that has not expired; reading does not consume it, so a reload keeps the values. */
  readDraft(token: string, now: Date): Promise<Draft | null>;

  /** Releases the connection (or the pool); the store is not used afterwards. */
  close(): Promise<void>;
}
