// A store that lives in one process's memory, for unit tests only: everything is lost when the process
// ends. It follows the same rules as the SQLite and PostgreSQL stores (one contract test runs all three).
import type { PlannedAlert } from "../../lib/alert-rules.ts";
import type {
  AlertKey,
  AttachmentData,
  Draft,
  FirstResponse,
  ForwardEvent,
  ForwardStatus,
  IdempotencyRecord,
  NewTicketEntry,
  SaveTicketResult,
  StoredAlert,
  StoredTicket,
  TicketStore,
} from "./ticket-store.ts";

interface Entry {
  ticket: StoredTicket;
  attachments: AttachmentData[];
  history: ForwardEvent[];
  leaseUntil: number;
  order: number;
}

interface AlertEntry {
  alert: StoredAlert;
  leaseUntil: number;
  order: number;
}

const alertId = (key: AlertKey) => `${key.reference}\u0000${key.rule}\u0000${key.kind}`;

const copyFiles = (files: readonly AttachmentData[]) => files.map((a) => ({ ...a, bytes: a.bytes.slice() }));

export class MemoryTicketStore implements TicketStore {
  readonly #tickets = new Map<string, Entry>();
  readonly #keys = new Map<string, IdempotencyRecord>();
  readonly #drafts = new Map<string, Draft>();
  readonly #alerts = new Map<string, AlertEntry>();
  #order = 0;

  #addAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): number {
    let added = 0;
    for (const planned of alerts) {
      const id = alertId({ reference, ...planned });
      if (this.#alerts.has(id)) continue;
      this.#alerts.set(id, {
        alert: {
          reference,
          rule: planned.rule,
          kind: planned.kind,
          destination: planned.destination,
          status: "pending",
          attempts: 0,
          createdAt: now.toISOString(),
          nextAttemptAt: now.toISOString(),
          lastError: null,
          deliveredAt: null,
        },
        leaseUntil: 0,
        order: this.#order++,
      });
      added++;
    }
    return added;
  }

  async saveTicket({ ticket, attachments, idempotency, suspendedBecause, alerts }: NewTicketEntry): Promise<SaveTicketResult> {
    if (idempotency) {
      const existing = this.#keys.get(idempotency.key);
      if (existing) return { saved: false, existing };
    }
    if (this.#tickets.has(ticket.reference)) throw new Error(`Ticket ${ticket.reference} already exists`);
    const suspended = Boolean(suspendedBecause);
    this.#tickets.set(ticket.reference, {
      ticket: structuredClone({
        ...ticket,
        forward: {
          status: suspended ? "suspended" : "pending",
          target: null,
          attempts: 0,
          nextAttemptAt: suspended ? null : ticket.createdAt,
          lastError: null,
          externalId: null,
          externalUrl: null,
          sentAt: null,
        },
        suspension: suspended ? { reason: suspendedBecause!, at: ticket.createdAt, releasedAt: null } : null,
        firstResponse: null,
      }),
      attachments: copyFiles(attachments),
      history: [],
      leaseUntil: 0,
      order: this.#order++,
    });
    if (idempotency) this.#keys.set(idempotency.key, { ...idempotency, reference: ticket.reference });
    if (!suspended && alerts) this.#addAlerts(ticket.reference, alerts, new Date(ticket.createdAt));
    return { saved: true };
  }

  async findIdempotency(key: string): Promise<IdempotencyRecord | null> {
    return this.#keys.get(key) ?? null;
  }

  async getTicket(reference: string): Promise<StoredTicket | null> {
    const entry = this.#tickets.get(reference);
    return entry ? structuredClone(entry.ticket) : null;
  }

  async listTickets(filter: { status?: ForwardStatus } = {}): Promise<StoredTicket[]> {
    return [...this.#tickets.values()]
      .filter((e) => !filter.status || e.ticket.forward.status === filter.status)
      .sort((a, b) => b.ticket.createdAt.localeCompare(a.ticket.createdAt) || b.order - a.order)
      .map((e) => structuredClone(e.ticket));
  }

  async getAttachments(reference: string): Promise<AttachmentData[]> {
    return copyFiles(this.#tickets.get(reference)?.attachments ?? []);
  }

  async forwardHistory(reference: string): Promise<ForwardEvent[]> {
    return structuredClone(this.#tickets.get(reference)?.history ?? []);
  }

  #pending(): Entry[] {
    return [...this.#tickets.values()].filter((e) => e.ticket.forward.status === "pending");
  }

  /** The entry if it is pending, for the mark* methods, which change nothing otherwise. */
  #pendingEntry(reference: string): Entry | null {
    const entry = this.#tickets.get(reference);
    return entry?.ticket.forward.status === "pending" ? entry : null;
  }

  async dueForForwarding(now: Date, limit: number): Promise<StoredTicket[]> {
    return dueEntries(this.#pending(), (e) => e.ticket.forward.nextAttemptAt, now, limit).map((e) => structuredClone(e.ticket));
  }

  async claimForForwarding(reference: string, now: Date, leaseMs: number): Promise<boolean> {
    return claimEntry(this.#pendingEntry(reference), now, leaseMs);
  }

  async nextForwardAt(): Promise<Date | null> {
    return nextAttemptOf(this.#pending(), (e) => e.ticket.forward.nextAttemptAt);
  }

  async markSent(
    reference: string,
    result: { target: string; attempts: number; externalId: string | null; externalUrl?: string | null; at: Date },
  ): Promise<void> {
    const entry = this.#tickets.get(reference);
    const status = entry?.ticket.forward.status;
    if (!entry || status === "sent" || status === "suspended") return;
    entry.ticket.forward = {
      status: "sent",
      target: result.target,
      attempts: result.attempts,
      nextAttemptAt: null,
      lastError: null,
      externalId: result.externalId,
      externalUrl: result.externalUrl ?? null,
      sentAt: result.at.toISOString(),
    };
    entry.leaseUntil = 0;
    entry.history.push({ at: result.at.toISOString(), kind: "sent", target: result.target, attempt: result.attempts, detail: result.externalId });
  }

  async markRetry(
    reference: string,
    result: { target: string; attempts: number; nextAttemptAt: Date; lastError: string; at: Date },
  ): Promise<void> {
    const entry = this.#pendingEntry(reference);
    if (!entry) return;
    Object.assign(entry.ticket.forward, {
      target: result.target,
      attempts: result.attempts,
      nextAttemptAt: result.nextAttemptAt.toISOString(),
      lastError: result.lastError,
    });
    entry.leaseUntil = 0;
    entry.history.push({ at: result.at.toISOString(), kind: "retry", target: result.target, attempt: result.attempts, detail: result.lastError });
  }

  async markFailed(reference: string, result: { target: string; attempts: number; lastError: string; at: Date }): Promise<void> {
    const entry = this.#pendingEntry(reference);
    if (!entry) return;
    Object.assign(entry.ticket.forward, {
      status: "failed",
      target: result.target,
      attempts: result.attempts,
      nextAttemptAt: null,
      lastError: result.lastError,
    });
    entry.leaseUntil = 0;
    entry.history.push({ at: result.at.toISOString(), kind: "failed", target: result.target, attempt: result.attempts, detail: result.lastError });
  }

  #queue(entry: Entry, now: Date, kind: "requeued" | "released"): void {
    Object.assign(entry.ticket.forward, { status: "pending", attempts: 0, nextAttemptAt: now.toISOString() });
    entry.leaseUntil = 0;
    entry.history.push({ at: now.toISOString(), kind, target: null, attempt: 0, detail: null });
  }

  async requeue(reference: string, now: Date): Promise<boolean> {
    const entry = this.#tickets.get(reference);
    if (!entry || (entry.ticket.forward.status !== "pending" && entry.ticket.forward.status !== "failed")) return false;
    this.#queue(entry, now, "requeued");
    return true;
  }

  async releaseSuspended(reference: string, now: Date, alerts: readonly PlannedAlert[] = []): Promise<boolean> {
    const entry = this.#tickets.get(reference);
    if (!entry || entry.ticket.forward.status !== "suspended" || !entry.ticket.suspension) return false;
    entry.ticket.suspension.releasedAt = now.toISOString();
    this.#queue(entry, now, "released");
    this.#addAlerts(reference, alerts, now);
    return true;
  }

  async deleteTicket(reference: string): Promise<boolean> {
    if (!this.#tickets.delete(reference)) return false;
    for (const [key, record] of this.#keys) if (record.reference === reference) this.#keys.delete(key);
    for (const [id, entry] of this.#alerts) if (entry.alert.reference === reference) this.#alerts.delete(id);
    return true;
  }

  async deleteSuspendedBefore(cutoff: Date): Promise<number> {
    const expired = [...this.#tickets.values()].filter(
      (e) => e.ticket.forward.status === "suspended" && Date.parse(e.ticket.suspension?.at ?? "") < cutoff.getTime(),
    );
    for (const entry of expired) await this.deleteTicket(entry.ticket.reference);
    return expired.length;
  }

  async enqueueAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): Promise<number> {
    const status = this.#tickets.get(reference)?.ticket.forward.status;
    if (!status || status === "suspended") return 0;
    return this.#addAlerts(reference, alerts, now);
  }

  async listAlerts(filter: { references?: readonly string[] } = {}): Promise<StoredAlert[]> {
    const wanted = filter.references ? new Set(filter.references) : null;
    return [...this.#alerts.values()]
      .filter((e) => !wanted || wanted.has(e.alert.reference))
      .sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt) || a.order - b.order)
      .map((e) => structuredClone(e.alert));
  }

  /** Pending alerts of tickets that are not suspended. */
  #pendingAlerts(): AlertEntry[] {
    return [...this.#alerts.values()].filter(
      (e) => e.alert.status === "pending" && this.#tickets.get(e.alert.reference)?.ticket.forward.status !== "suspended",
    );
  }

  async dueAlerts(now: Date, limit: number): Promise<StoredAlert[]> {
    return dueEntries(this.#pendingAlerts(), (e) => e.alert.nextAttemptAt, now, limit).map((e) => structuredClone(e.alert));
  }

  async claimAlert(key: AlertKey, now: Date, leaseMs: number): Promise<boolean> {
    return claimEntry(this.#pendingAlert(key), now, leaseMs);
  }

  async nextAlertAt(): Promise<Date | null> {
    return nextAttemptOf(this.#pendingAlerts(), (e) => e.alert.nextAttemptAt);
  }

  #pendingAlert(key: AlertKey): AlertEntry | null {
    const entry = this.#alerts.get(alertId(key));
    return entry?.alert.status === "pending" ? entry : null;
  }

  async markAlertSent(key: AlertKey, result: { attempts: number; at: Date }): Promise<void> {
    const entry = this.#alerts.get(alertId(key));
    if (!entry || entry.alert.status === "sent") return;
    Object.assign(entry.alert, { status: "sent", attempts: result.attempts, nextAttemptAt: null, lastError: null, deliveredAt: result.at.toISOString() });
    entry.leaseUntil = 0;
  }

  async markAlertRetry(key: AlertKey, result: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
    const entry = this.#pendingAlert(key);
    if (!entry) return;
    Object.assign(entry.alert, { attempts: result.attempts, nextAttemptAt: result.nextAttemptAt.toISOString(), lastError: result.lastError });
    entry.leaseUntil = 0;
  }

  async deferAlert(key: AlertKey, nextAttemptAt: Date): Promise<void> {
    const entry = this.#pendingAlert(key);
    if (!entry) return;
    entry.alert.nextAttemptAt = nextAttemptAt.toISOString();
    entry.leaseUntil = 0;
  }

  async markAlertFailed(key: AlertKey, result: { attempts: number; lastError: string }): Promise<void> {
    const entry = this.#pendingAlert(key);
    if (!entry) return;
    Object.assign(entry.alert, { status: "failed", attempts: result.attempts, nextAttemptAt: null, lastError: result.lastError });
    entry.leaseUntil = 0;
  }

  async markAlertSkipped(key: AlertKey, reason: string): Promise<void> {
    const entry = this.#pendingAlert(key);
    if (!entry) return;
    Object.assign(entry.alert, { status: "skipped", nextAttemptAt: null, lastError: reason });
    entry.leaseUntil = 0;
  }

  async resendAlert(key: AlertKey, now: Date): Promise<boolean> {
    const entry = this.#alerts.get(alertId(key));
    if (!entry || (entry.alert.status !== "failed" && entry.alert.status !== "skipped")) return false;
    Object.assign(entry.alert, { status: "pending", attempts: 0, nextAttemptAt: now.toISOString(), lastError: null });
    entry.leaseUntil = 0;
    return true;
  }

  async markResponded(reference: string, response: FirstResponse): Promise<boolean> {
    const entry = this.#tickets.get(reference);
    if (!entry || entry.ticket.firstResponse) return false;
    entry.ticket.firstResponse = { ...response };
    return true;
  }

  async ticketsAwaitingResponse(dueAfter: Date, limit: number): Promise<StoredTicket[]> {
    return [...this.#tickets.values()]
      .filter(
        (e) =>
          e.ticket.forward.status !== "suspended" &&
          !e.ticket.firstResponse &&
          e.ticket.firstResponseDueAt !== null &&
          Date.parse(e.ticket.firstResponseDueAt) >= dueAfter.getTime(),
      )
      .sort((a, b) => Date.parse(a.ticket.firstResponseDueAt!) - Date.parse(b.ticket.firstResponseDueAt!) || a.order - b.order)
      .slice(0, limit)
      .map((e) => structuredClone(e.ticket));
  }

  async saveDraft(draft: Draft, now: Date, limits: { maxDrafts: number }): Promise<void> {
    for (const [token, existing] of this.#drafts) {
      if (Date.parse(existing.expiresAt) <= now.getTime()) this.#drafts.delete(token);
    }
    this.#drafts.set(draft.token, structuredClone(draft));
    // Map order is the order of saving, so a stable sort keeps the later-saved of two equal expiries.
    const byExpiry = [...this.#drafts.values()].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
    const others = byExpiry.filter((d) => d.token !== draft.token);
    for (const old of others.slice(0, Math.max(0, this.#drafts.size - Math.max(1, limits.maxDrafts)))) {
      this.#drafts.delete(old.token);
    }
  }

  async readDraft(token: string, now: Date): Promise<Draft | null> {
    const draft = this.#drafts.get(token);
    return draft && Date.parse(draft.expiresAt) > now.getTime() ? structuredClone(draft) : null;
  }

  async close(): Promise<void> {}
}

// Tickets waiting to be forwarded and alerts waiting to be sent are two outboxes with the same rules:
// an entry is due once its next attempt has come and no sender holds its lease.
interface Leased {
  leaseUntil: number;
  order: number;
}

/** The first `limit` entries that are due at `now`, the longest waiting first. */
function dueEntries<E extends Leased>(entries: E[], nextAttempt: (entry: E) => string | null | undefined, now: Date, limit: number): E[] {
  const ms = now.getTime();
  const at = (entry: E) => Date.parse(nextAttempt(entry) ?? "");
  return entries
    .filter((e) => at(e) <= ms && e.leaseUntil <= ms)
    .sort((a, b) => at(a) - at(b) || a.order - b.order)
    .slice(0, limit);
}

/** Takes the lease on a pending entry for `leaseMs`, unless another sender holds it. */
function claimEntry(entry: Leased | null | undefined, now: Date, leaseMs: number): boolean {
  if (!entry || entry.leaseUntil > now.getTime()) return false;
  entry.leaseUntil = now.getTime() + leaseMs;
  return true;
}

/** When the soonest of `entries` may be attempted: its next attempt, or its lease's end if later. */
function nextAttemptOf<E extends Leased>(entries: E[], nextAttempt: (entry: E) => string | null | undefined): Date | null {
  const times = entries.map((e) => Math.max(Date.parse(nextAttempt(e) ?? ""), e.leaseUntil));
  return times.length ? new Date(Math.min(...times)) : null;
}
