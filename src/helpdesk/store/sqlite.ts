// The default store: one SQLite file under KB_DATA_DIR, through Node's built-in node:sqlite.
// WAL lets the `npm run tickets` command read while the server writes.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DatabaseSync, type SQLOutputValue } from "node:sqlite";
import type { PlannedAlert } from "../../lib/alert-rules.ts";
import { migrate } from "./sqlite-migrations.ts";
import type {
  AlertKey,
  AlertStatus,
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

type Row = Record<string, SQLOutputValue>;

/** What the write-ahead log is cut back to after a checkpoint. */
const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

const text = (value: SQLOutputValue | undefined): string | null => (value === null || value === undefined ? null : String(value));
const iso = (ms: SQLOutputValue | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

function ticketFromRow(row: Row): StoredTicket {
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

function alertFromRow(row: Row): StoredAlert {
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

/** The WHERE clause naming one alert by its key, with its three parameters. */
const ALERT_KEY = "ticket_reference = ? AND rule = ? AND kind = ?";
const keyParams = (key: AlertKey) => [key.reference, key.rule, key.kind] as const;

/** The data folder: KB_DATA_DIR, or data/ in the project. */
export function dataDirectory(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.KB_DATA_DIR || "data");
}

export class SqliteTicketStore implements TicketStore {
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

  #findIdempotency(key: string): IdempotencyRecord | null {
    const row = this.#db.prepare("SELECT * FROM idempotency_keys WHERE key = ?").get(key);
    return row
      ? { key: String(row.key), bodyHash: String(row.body_hash), reference: String(row.reference), response: String(row.response) }
      : null;
  }

  /** Queues alerts (unless that key exists already); called inside the transaction that needs them. */
  #addAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): number {
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO alerts (ticket_reference, rule, kind, destination, status, attempts, created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    let added = 0;
    for (const alert of alerts) {
      added += Number(insert.run(reference, alert.rule, alert.kind, alert.destination, now.toISOString(), now.getTime()).changes);
    }
    return added;
  }

  async saveTicket({ ticket, attachments, idempotency, suspendedBecause, alerts }: NewTicketEntry): Promise<SaveTicketResult> {
    const suspended = Boolean(suspendedBecause);
    return this.#transaction((): SaveTicketResult => {
      if (idempotency) {
        const existing = this.#findIdempotency(idempotency.key);
        if (existing) return { saved: false, existing };
      }
      this.#db
        .prepare(
          `INSERT INTO tickets (reference, created_at, channel, name, email, subject, description, priority, plan,
             product_area, workspace_url, version, department, tier, first_response_target, first_response_due_at,
             idempotency_key, attachments, forward_status, attempts, next_attempt_at, suspended_reason, suspended_at)
           VALUES ($reference, $createdAt, $channel, $name, $email, $subject, $description, $priority, $plan,
             $productArea, $workspaceUrl, $version, $department, $tier, $target, $due,
             $idempotencyKey, $attachments, $status, 0, $nextAttemptAt, $suspendedReason, $suspendedAt)`,
        )
        .run({
          reference: ticket.reference,
          createdAt: ticket.createdAt,
          channel: ticket.channel,
          name: ticket.name,
          email: ticket.email,
          subject: ticket.subject,
          description: ticket.description,
          priority: ticket.priority,
          plan: ticket.plan,
          productArea: ticket.productArea,
          workspaceUrl: ticket.workspaceUrl,
          version: ticket.version,
          department: ticket.department,
          tier: ticket.tier,
          target: ticket.firstResponseTarget ? JSON.stringify(ticket.firstResponseTarget) : null,
          due: ticket.firstResponseDueAt,
          idempotencyKey: ticket.idempotencyKey,
          attachments: JSON.stringify(ticket.attachments),
          status: suspended ? "suspended" : "pending",
          nextAttemptAt: suspended ? null : Date.parse(ticket.createdAt),
          suspendedReason: suspended ? suspendedBecause! : null,
          suspendedAt: suspended ? ticket.createdAt : null,
        });
      const insertAttachment = this.#db.prepare(
        "INSERT INTO attachments (ticket_reference, position, name, type, size, bytes) VALUES (?, ?, ?, ?, ?, ?)",
      );
      attachments.forEach((file, position) =>
        insertAttachment.run(ticket.reference, position, file.name, file.type, file.size, file.bytes),
      );
      if (idempotency) {
        this.#db
          .prepare("INSERT INTO idempotency_keys (key, body_hash, reference, response) VALUES (?, ?, ?, ?)")
          .run(idempotency.key, idempotency.bodyHash, ticket.reference, idempotency.response);
      }
      if (!suspended && alerts) this.#addAlerts(ticket.reference, alerts, new Date(ticket.createdAt));
      return { saved: true };
    });
  }

  async findIdempotency(key: string): Promise<IdempotencyRecord | null> {
    return this.#findIdempotency(key);
  }

  async getTicket(reference: string): Promise<StoredTicket | null> {
    const row = this.#db.prepare("SELECT * FROM tickets WHERE reference = ?").get(reference);
    return row ? ticketFromRow(row) : null;
  }

  async listTickets(filter: { status?: ForwardStatus } = {}): Promise<StoredTicket[]> {
    const rows = filter.status
      ? this.#db.prepare("SELECT * FROM tickets WHERE forward_status = ? ORDER BY created_at DESC, rowid DESC").all(filter.status)
      : this.#db.prepare("SELECT * FROM tickets ORDER BY created_at DESC, rowid DESC").all();
    return rows.map(ticketFromRow);
  }

  async getAttachments(reference: string): Promise<AttachmentData[]> {
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

  async forwardHistory(reference: string): Promise<ForwardEvent[]> {
    return this.#db
      .prepare("SELECT at, kind, target, attempt, detail FROM forward_events WHERE ticket_reference = ? ORDER BY id")
      .all(reference)
      .map((row) => ({
        at: String(row.at),
        kind: String(row.kind) as ForwardEvent["kind"],
        target: text(row.target),
        attempt: Number(row.attempt),
        detail: text(row.detail),
      }));
  }

  /** Adds to the forward history; called inside the transaction that made the change. */
  #record(reference: string, event: ForwardEvent): void {
    this.#db
      .prepare("INSERT INTO forward_events (ticket_reference, at, kind, target, attempt, detail) VALUES (?, ?, ?, ?, ?, ?)")
      .run(reference, event.at, event.kind, event.target, event.attempt, event.detail);
  }

  async dueForForwarding(now: Date, limit: number): Promise<StoredTicket[]> {
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

  async listAlerts(filter: { references?: readonly string[] } = {}): Promise<StoredAlert[]> {
    const order = "ORDER BY created_at, rowid";
    if (!filter.references) return this.#db.prepare(`SELECT * FROM alerts ${order}`).all().map(alertFromRow);
    if (!filter.references.length) return [];
    return this.#db
      .prepare(`SELECT * FROM alerts WHERE ticket_reference IN (SELECT value FROM json_each(?)) ${order}`)
      .all(JSON.stringify(filter.references))
      .map(alertFromRow);
  }

  async dueAlerts(now: Date, limit: number): Promise<StoredAlert[]> {
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

  async claimAlert(key: AlertKey, now: Date, leaseMs: number): Promise<boolean> {
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

  async markAlertSent(key: AlertKey, result: { attempts: number; at: Date }): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'sent', attempts = ?, delivered_at = ?, last_error = NULL, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status != 'sent'`,
      )
      .run(result.attempts, result.at.toISOString(), ...keyParams(key));
  }

  async markAlertRetry(key: AlertKey, result: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
    this.#db
      .prepare(`UPDATE alerts SET attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL WHERE ${ALERT_KEY} AND status = 'pending'`)
      .run(result.attempts, result.nextAttemptAt.getTime(), result.lastError, ...keyParams(key));
  }

  async deferAlert(key: AlertKey, nextAttemptAt: Date): Promise<void> {
    this.#db
      .prepare(`UPDATE alerts SET next_attempt_at = ?, lease_until = NULL WHERE ${ALERT_KEY} AND status = 'pending'`)
      .run(nextAttemptAt.getTime(), ...keyParams(key));
  }

  async markAlertFailed(key: AlertKey, result: { attempts: number; lastError: string }): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status = 'pending'`,
      )
      .run(result.attempts, result.lastError, ...keyParams(key));
  }

  async markAlertSkipped(key: AlertKey, reason: string): Promise<void> {
    this.#db
      .prepare(
        `UPDATE alerts SET status = 'skipped', last_error = ?, next_attempt_at = NULL, lease_until = NULL
         WHERE ${ALERT_KEY} AND status = 'pending'`,
      )
      .run(reason, ...keyParams(key));
  }

  async markResponded(reference: string, response: FirstResponse): Promise<boolean> {
    const { changes } = this.#db
      .prepare("UPDATE tickets SET first_response_at = ?, first_response_source = ? WHERE reference = ? AND first_response_at IS NULL")
      .run(response.at, response.source, reference);
    return changes === 1;
  }

  async ticketsAwaitingResponse(dueAfter: Date, limit: number): Promise<StoredTicket[]> {
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

  async saveDraft(draft: Draft, now: Date, limits: { maxDrafts: number }): Promise<void> {
    const removed = this.#transaction(() => {
      // Drafts hold what a person typed, so they are removed as soon as they expire.
      const expired = this.#db.prepare("DELETE FROM drafts WHERE expires_at <= ?").run(now.getTime()).changes;
      this.#db
        .prepare("INSERT INTO drafts (token, values_json, errors_json, expires_at) VALUES (?, ?, ?, ?)")
        .run(draft.token, JSON.stringify(draft.values), JSON.stringify(draft.errors), Date.parse(draft.expiresAt));
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

  async readDraft(token: string, now: Date): Promise<Draft | null> {
    const row = this.#db.prepare("SELECT * FROM drafts WHERE token = ? AND expires_at > ?").get(token, now.getTime());
    if (!row) return null;
    return {
      token: String(row.token),
      values: JSON.parse(String(row.values_json)),
      errors: JSON.parse(String(row.errors_json)),
      expiresAt: new Date(Number(row.expires_at)).toISOString(),
    };
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
