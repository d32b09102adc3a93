// The default store: one SQLite file under KB_DATA_DIR, through Node's built-in node:sqlite.
// WAL lets the `npm run tickets` command read while the server writes.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import type { PlannedAlert } from "../../lib/alert-rules.ts";
import { migrate } from "./sqlite-migrations.ts";
import {
  alertFromRow,
  attachmentRows,
  draftFromRow,
  draftRow,
  forwardEventFromRow,
  forwardEventRow,
  idempotencyFromRow,
  newAlertRow,
  newTicketRow,
  ticketFromRow,
} from "./sql-rows.ts";
import type * as Store from "./ticket-store.ts";

/** What the write-ahead log is cut back to after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** Inserts a row given as column → value (sql-rows.ts); `or` is SQLite's conflict clause. */
function insert(db: DatabaseSync, table: string, row: Record<string, SQLInputValue>, or = ""): number {
  const columns = Object.keys(row);
  const sql = `INSERT ${or} INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `$${c}`).join(", ")})`;
  return Number(db.prepare(sql).run(row).changes);
}

/** The WHERE clause naming one alert by its key, with its three parameters. */
const ALERT_KEY = "ticket_reference = ? AND rule = ? AND kind = ?";
const keyParams = (key: Store.AlertKey) => [key.reference, key.rule, key.kind] as const;

/** The data folder: KB_DATA_DIR, or data/ in the project. */
export function dataDirectory(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.KB_DATA_DIR || "data");
}

export class SqliteTicketStore implements Store.TicketStore {
  readonly file: string;
  readonly #db: DatabaseSync;

  constructor(file: string) {
    this.file = file;
    this.#db = new DatabaseSync(file);
    // Only takes effect in a new file, so it comes before anything writes one (journal_mode does);
    // migrate() converts an older file. It lets deletions give their space back (#reclaimSpace).
    this.#db.exec("PRAGMA auto_vacuum = INCREMENTAL");
    this.#db.exec("PRAGMA journal_mode = WAL");
    // FULL makes every committed ticket survive a power cut, not only a crash; tickets are few.
    this.#db.exec("PRAGMA synchronous = FULL");
    this.#db.exec("PRAGMA busy_timeout = 5000");
    // A ticket with 20 MB of files grows the write-ahead log by as much; cut it back once it is copied.
    this.#db.exec(`PRAGMA journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    try {
      migrate(this.#db, file);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#db.exec("PRAGMA foreign_keys = ON");
  }

  /**
   * Returns the pages that deletions freed to the file system, so the file shrinks instead of
   * staying at its largest size. Best effort: if another process holds the write lock past the
   * busy timeout, the pages stay free inside the file and the next deletion returns them.
   */
  #reclaimSpace(): void {
    try {
      this.#db.exec("PRAGMA incremental_vacuum");
    } catch {
      // Nothing is lost: free pages are reused for new rows meanwhile.
    }
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  #findIdempotency(key: string): Store.IdempotencyRecord | null {
    const row = this.#db.prepare("SELECT * FROM idempotency_keys WHERE key = ?").get(key);
    return row ? idempotencyFromRow(row) : null;
  }

  /** Queues alerts (unless that key exists already); called inside the transaction that needs them. */
  #addAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): number {
    return alerts.reduce((added, alert) => added + insert(this.#db, "alerts", newAlertRow(reference, alert, now), "OR IGNORE"), 0);
  }

  async saveTicket(entry: Store.NewTicketEntry): Promise<Store.SaveTicketResult> {
    const { ticket, idempotency, suspendedBecause, alerts } = entry;
    return this.#transaction((): Store.SaveTicketResult => {
      if (idempotency) {
        const existing = this.#findIdempotency(idempotency.key);
        if (existing) return { saved: false, existing };
      }
      insert(this.#db, "tickets", newTicketRow(entry));
      for (const row of attachmentRows(entry)) insert(this.#db, "attachments", row);
      if (idempotency) {
        insert(this.#db, "idempotency_keys", { key: idempotency.key, body_hash: idempotency.bodyHash, reference: ticket.reference, response: idempotency.response });
      }
      if (!suspendedBecause && alerts) this.#addAlerts(ticket.reference, alerts, new Date(ticket.createdAt));
      return { saved: true };
    });
  }

  async findIdempotency(key: string): Promise<Store.IdempotencyRecord | null> {
    return this.#findIdempotency(key);
  }

  async getTicket(reference: string): Promise<Store.StoredTicket | null> {
    const row = this.#db.prepare("SELECT * FROM tickets WHERE reference = ?").get(reference);
    return row ? ticketFromRow(row) : null;
  }

  async listTickets(filter: { status?: Store.ForwardStatus } = {}): Promise<Store.StoredTicket[]> {
    const rows = filter.status
      ? this.#db.prepare("SELECT * FROM tickets WHERE forward_status = ? ORDER BY created_at DESC, rowid DESC").all(filter.status)
      : this.#db.prepare("SELECT * FROM tickets ORDER BY created_at DESC, rowid DESC").all();
    return rows.map(ticketFromRow);
  }

  async getAttachments(reference: string): Promise<Store.AttachmentData[]> {
    return this.#db
      .prepare("SELECT name, type, size, bytes FROM attachments WHERE ticket_reference = ? ORDER BY position")
      .all(reference)
      .map((row) => ({
        name: String(row.name),
        type: String(row.type),
        size: Number(row.size),
        bytes: row.bytes as Uint8Array,
      }));
  }

  async forwardHistory(reference: string): Promise<Store.ForwardEvent[]> {
    return this.#db
      .prepare("SELECT at, kind, target, attempt, detail FROM forward_events WHERE ticket_reference = ? ORDER BY id")
      .all(reference)
      .map(forwardEventFromRow);
  }

  /** Adds to the forward history; called inside the transaction that made the change. */
  #record(reference: string, event: Store.ForwardEvent): void {
    insert(this.#db, "forward_events", forwardEventRow(reference, event));
  }

  async dueForForwarding(now: Date, limit: number): Promise<Store.StoredTicket[]> {
    const ms = now.getTime();
    return this.#db
      .prepare(
        `SELECT * FROM tickets WHERE forward_status = 'pending' AND next_attempt_at <= ?
           AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, rowid LIMIT ?`,
      )
      .all(ms, ms, limit)
      .map(ticketFromRow);
  }

  async claimForForwarding(reference: string, now: Date, leaseMs: number): Promise<boolean> {
    const ms = now.getTime();
    const result = this.#db
      .prepare(
        `UPDATE tickets SET lease_until = ? WHERE reference = ? AND forward_status = 'pending'
           AND (lease_until IS NULL OR lease_until <= ?)`,
      )
      .run(ms + leaseMs, reference, ms);
    return result.changes === 1;
  }

  async nextForwardAt(): Promise<Date | null> {
    const row = this.#db
      .prepare("SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM tickets WHERE forward_status = 'pending'")
      .get();
    return row?.due === null || row?.due === undefined ? null : new Date(Number(row.due));
  }

  async markSent(
    reference: string,
    result: { target: string; attempts: number; externalId: string | null; externalUrl?: string | null; at: Date },
  ): Promise<void> {
    this.#transaction(() => {
      const { changes } = this.#db
        .prepare(
          `UPDATE tickets SET forward_status = 'sent', forward_target = ?, external_id = ?, external_url = ?, sent_at = ?,
             attempts = ?, last_error = NULL, next_attempt_at = NULL, lease_until = NULL
           WHERE reference = ? AND forward_status IN ('pending', 'failed')`,
        )
        .run(result.target, result.externalId, result.externalUrl ?? null, result.at.toISOString(), result.attempts, reference);
      if (changes) {
        this.#record(reference, { at: result.at.toISOString(), kind: "sent", target: result.target, attempt: result.attempts, detail: result.externalId });
      }
    });
  }

  async markRetry(
    reference: string,
    result: { target: string; attempts: number; nextAttemptAt: Date; lastError: string; at: Date },
  ): Promise<void> {
    this.#transaction(() => {
      const { changes } = this.#db
        .prepare(
          `UPDATE tickets SET forward_target = ?, attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL
           WHERE reference = ? AND forward_status = 'pending'`,
        )
        .run(result.target, result.attempts, result.nextAttemptAt.getTime(), result.lastError, reference);
      if (changes) {
        this.#record(reference, { at: result.at.toISOString(), kind: "retry", target: result.target, attempt: result.attempts, detail: result.lastError });
      }
    });
  }

  async markFailed(reference: string, result: { target: string; attempts: number; lastError: string; at: Date }): Promise<void> {
    this.#transaction(() => {
      const { changes } = this.#db
        .prepare(
          `UPDATE tickets SET forward_status = 'failed', forward_target = ?, attempts = ?, last_error = ?,
             next_attempt_at = NULL, lease_until = NULL WHERE reference = ? AND forward_status = 'pending'`,
        )
        .run(result.target, result.attempts, result.lastError, reference);
      if (changes) {
        this.#record(reference, { at: result.at.toISOString(), kind: "failed", target: result.target, attempt: result.attempts, detail: result.lastError });
      }
    });
  }

  async requeue(reference: string, now: Date): Promise<boolean> {
    return this.#transaction(() => {
      const { changes } = this.#db
        .prepare(
          `UPDATE tickets SET forward_status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL
           WHERE reference = ? AND forward_status IN ('pending', 'failed')`,
        )
        .run(now.getTime(), reference);
      if (changes) this.#record(reference, { at: now.toISOString(), kind: "requeued", target: null, attempt: 0, detail: null });
      return changes === 1;
    });
  }

  async releaseSuspended(reference: string, now: Date, alerts: readonly PlannedAlert[] = []): Promise<boolean> {
    return this.#transaction(() => {
      const { changes } = this.#db
        .prepare(
          `UPDATE tickets SET forward_status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, released_at = ?
           WHERE reference = ? AND forward_status = 'suspended'`,
        )
        .run(now.getTime(), now.toISOString(), reference);
      if (changes) {
        this.#record(reference, { at: now.toISOString(), kind: "released", target: null, attempt: 0, detail: null });
        this.#addAlerts(reference, alerts, now);
      }
      return changes === 1;
    });
  }

  async deleteTicket(reference: string): Promise<boolean> {
    // Attachments, the idempotency key, the history and the alerts go with it (ON DELETE CASCADE).
    const deleted = this.#db.prepare("DELETE FROM tickets WHERE reference = ?").run(reference).changes === 1;
    if (deleted) this.#reclaimSpace();
    return deleted;
  }

  async deleteSuspendedBefore(cutoff: Date): Promise<number> {
    const { changes } = this.#db
      .prepare("DELETE FROM tickets WHERE forward_status = 'suspended' AND suspended_at < ?")
      .run(cutoff.toISOString());
    if (changes) this.#reclaimSpace();
    return Number(changes);
  }

  async enqueueAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): Promise<number> {
    return this.#transaction(() => {
      const ticket = this.#db.prepare("SELECT forward_status FROM tickets WHERE reference = ?").get(reference);
      if (!ticket || ticket.forward_status === "suspended") return 0;
      return this.#addAlerts(reference, alerts, now);
    });
  }

  async listAlerts(filter: { references?: readonly string[] } = {}): Promise<Store.StoredAlert[]> {
    const order = "ORDER BY created_at, rowid";
    if (!filter.references) return this.#db.prepare(`SELECT * FROM alerts ${order}`).all().map(alertFromRow);
    if (!filter.references.length) return [];
    return this.#db
      .prepare(`SELECT * FROM alerts WHERE ticket_reference IN (SELECT value FROM json_each(?)) ${order}`)
      .all(JSON.stringify(filter.references))
      .map(alertFromRow);
  }

  async dueAlerts(now: Date, limit: number): Promise<Store.StoredAlert[]> {
    const ms = now.getTime();
    return this.#db
      .prepare(
        `SELECT alerts.* FROM alerts JOIN tickets ON tickets.reference = alerts.ticket_reference
         WHERE alerts.status = 'pending' AND alerts.next_attempt_at <= ? AND (alerts.lease_until IS NULL OR alerts.lease_until <= ?)
           AND tickets.forward_status != 'suspended'
         ORDER BY alerts.next_attempt_at, alerts.rowid LIMIT ?`,
      )
      .all(ms, ms, limit)
      .map(alertFromRow);
  }

  async claimAlert(key: Store.AlertKey, now: Date, leaseMs: number): Promise<boolean> {
    const ms = now.getTime();
    const { changes } = this.#db
      .prepare(`UPDATE alerts SET lease_until = ? WHERE ${ALERT_KEY} AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?)`)
      .run(ms + leaseMs, ...keyParams(key), ms);
    return changes === 1;
  }

  async nextAlertAt(): Promise<Date | null> {
    const row = this.#db
      .prepare(
        `SELECT MIN(MAX(alerts.next_attempt_at, COALESCE(alerts.lease_until, 0))) AS due
         FROM alerts JOIN tickets ON tickets.reference = alerts.ticket_reference
         WHERE alerts.status = 'pending' AND tickets.forward_status != 'suspended'`,
      )
      .get();
    return row?.due === null || row?.due === undefined ? null : new Date(Number(row.due));
  }

  async markAlertSent(key: Store.AlertKey, result: { attempts: number; at: Date }): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'sent', attempts = ?, delivered_at = ?, last_error = NULL, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status != 'sent'`,
      )
      .run(result.attempts, result.at.toISOString(), ...keyParams(key));
  }

  async markAlertRetry(key: Store.AlertKey, result: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
    this.#db
      .prepare(`UPDATE alerts SET attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE ${ALERT_KEY} AND status = 'pending'`)
      .run(result.attempts, result.nextAttemptAt.getTime(), result.lastError, ...keyParams(key));
  }

  async deferAlert(key: Store.AlertKey, nextAttemptAt: Date): Promise<void> {
    this.#db
      .prepare(`UPDATE alerts SET next_attempt_at = ?, lease_until = NULL WHERE ${ALERT_KEY} AND status = 'pending'`)
      .run(nextAttemptAt.getTime(), ...keyParams(key));
  }

  async markAlertFailed(key: Store.AlertKey, result: { attempts: number; lastError: string }): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status = 'pending'`,
      )
      .run(result.attempts, result.lastError, ...keyParams(key));
  }

  async markAlertSkipped(key: Store.AlertKey, reason: string): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'skipped', last_error = ?, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status = 'pending'`,
      )
      .run(reason, ...keyParams(key));
  }

  async resendAlert(key: Store.AlertKey, now: Date): Promise<boolean> {
    const { changes } = this.#db
      .prepare(
        `UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status IN ('failed', 'skipped')`,
      )
      .run(now.getTime(), ...keyParams(key));
    return changes === 1;
  }

  async markResponded(reference: string, response: Store.FirstResponse): Promise<boolean> {
    const { changes } = this.#db
      .prepare("UPDATE tickets SET first_response_at = ?, first_response_source = ? WHERE reference = ? AND first_response_at IS NULL")
      .run(response.at, response.source, reference);
    return changes === 1;
  }

  async ticketsAwaitingResponse(dueAfter: Date, limit: number): Promise<Store.StoredTicket[]> {
    // Due times are ISO strings in UTC with milliseconds, so they compare in time order as text.
    return this.#db
      .prepare(
        `SELECT * FROM tickets WHERE first_response_at IS NULL AND first_response_due_at IS NOT NULL
           AND first_response_due_at >= ? AND forward_status != 'suspended'
         ORDER BY first_response_due_at, rowid LIMIT ?`,
      )
      .all(dueAfter.toISOString(), limit)
      .map(ticketFromRow);
  }

  async saveDraft(draft: Store.Draft, now: Date, limits: { maxDrafts: number }): Promise<void> {
    const removed = this.#transaction(() => {
      // Drafts hold what a person typed, so they are removed as soon as they expire.
      const expired = this.#db.prepare("DELETE FROM drafts WHERE expires_at <= ?").run(now.getTime()).changes;
      insert(this.#db, "drafts", draftRow(draft));
      const overCap = this.#db
        .prepare(
          `DELETE FROM drafts WHERE token IN (
             SELECT token FROM drafts WHERE token <> ? ORDER BY expires_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
        )
        .run(draft.token, Math.max(0, limits.maxDrafts - 1)).changes;
      return Number(expired) + Number(overCap);
    });
    if (removed) this.#reclaimSpace();
  }

  async readDraft(token: string, now: Date): Promise<Store.Draft | null> {
    const row = this.#db.prepare("SELECT * FROM drafts WHERE token = ? AND expires_at > ?").get(token, now.getTime());
    return row ? draftFromRow(row) : null;
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Opens (and creates, with its folder) the ticket database in the data folder. */
export function openSqliteStore(dataDir: string = dataDirectory()): SqliteTicketStore {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new Error(
      `Cannot create the data folder ${dataDir} for tickets (${(error as Error).message}); set KB_DATA_DIR to a writable folder`,
    );
  }
  return new SqliteTicketStore(join(dataDir, "tickets.sqlite"));
}
