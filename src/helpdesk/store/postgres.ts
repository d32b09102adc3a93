// The store for several instances: every endpoint process (or serverless function) that has the
// same DATABASE_URL shares its tickets, outbox, drafts and alerts. The rules are the TicketStore
// contract's (tests/unit/ticket-store.test.ts runs it here too); what sharing adds:
// - a lease is taken with FOR UPDATE SKIP LOCKED, so two outboxes claiming one ticket at the same
//   moment never wait on each other and exactly one of them gets it;
// - an idempotency key sent to two instances at once is stored once: the second insert waits for the
//   first transaction, finds the key taken and answers with the first ticket, saving nothing.
import type { PlannedAlert } from "../../lib/alert-rules.ts";
import { PostgresDatabase, PostgresStorePart, type PostgresOptions, type Transaction } from "./postgres-database.ts";
import * as sqlRows from "./sql-rows.ts";
import type * as Store from "./ticket-store.ts";

/** Thrown inside saveTicket's transaction to undo it when another request holds the key. */
class KeyTaken extends Error {}

export class PostgresTicketStore extends PostgresStorePart implements Store.TicketStore {
  /** Where the database is (host, port, name), for messages. */
  get where(): string {
    return this.database.where;
  }

  /** Settles once the schema is up to date; rejects with why the database cannot be used. */
  get ready(): Promise<void> {
    return this.database.ready;
  }

  async #addAlerts(sql: Transaction, reference: string, alerts: readonly PlannedAlert[], now: Date): Promise<number> {
    if (!alerts.length) return 0;
    const rows = alerts.map((alert) => sqlRows.newAlertRow(reference, alert, now));
    const added = await sql`INSERT INTO alerts ${sql(rows)} ON CONFLICT DO NOTHING`;
    return added.count;
  }

  /** Adds to the forward history; called inside the transaction that made the change. */
  async #record(sql: Transaction, reference: string, event: Store.ForwardEvent): Promise<void> {
    await sql`INSERT INTO forward_events ${sql(sqlRows.forwardEventRow(reference, event))}`;
  }

  async saveTicket(entry: Store.NewTicketEntry): Promise<Store.SaveTicketResult> {
    const { ticket, idempotency, suspendedBecause, alerts } = entry;
    if (idempotency) {
      const existing = await this.findIdempotency(idempotency.key);
      if (existing) return { saved: false, existing };
    }
    const sql = await this.queries();
    try {
      await sql.begin(async (tx) => {
        await tx`INSERT INTO tickets ${tx(sqlRows.newTicketRow(entry))}`;
        const files = sqlRows.attachmentRows(entry);
        if (files.length) await tx`INSERT INTO attachments ${tx(files)}`;
        if (idempotency) {
          const key = { key: idempotency.key, body_hash: idempotency.bodyHash, reference: ticket.reference, response: idempotency.response };
          const claimed = await tx`INSERT INTO idempotency_keys ${tx(key)} ON CONFLICT (key) DO NOTHING RETURNING key`;
          if (!claimed.length) throw new KeyTaken();
        }
        if (!suspendedBecause && alerts) await this.#addAlerts(tx, ticket.reference, alerts, new Date(ticket.createdAt));
      });
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
      const existing = await this.findIdempotency(idempotency!.key);
      if (existing) return { saved: false, existing };
      // The other ticket was deleted in the meantime: the key is free again.
      return this.saveTicket(entry);
    }
    return { saved: true };
  }

  async findIdempotency(key: string): Promise<Store.IdempotencyRecord | null> {
    const sql = await this.queries();
    const [row] = await sql`SELECT * FROM idempotency_keys WHERE key = ${key}`;
    return row ? sqlRows.idempotencyFromRow(row) : null;
  }

  async getTicket(reference: string): Promise<Store.StoredTicket | null> {
    const sql = await this.queries();
    const [row] = await sql`SELECT * FROM tickets WHERE reference = ${reference}`;
    return row ? sqlRows.ticketFromRow(row) : null;
  }

  async listTickets(filter: { status?: Store.ForwardStatus } = {}): Promise<Store.StoredTicket[]> {
    const sql = await this.queries();
    const rows = filter.status
      ? await sql`SELECT * FROM tickets WHERE forward_status = ${filter.status} ORDER BY created_at DESC, seq DESC`
      : await sql`SELECT * FROM tickets ORDER BY created_at DESC, seq DESC`;
    return rows.map(sqlRows.ticketFromRow);
  }

  async getAttachments(reference: string): Promise<Store.AttachmentData[]> {
    const sql = await this.queries();
    const rows = await sql`SELECT name, type, size, bytes FROM attachments WHERE ticket_reference = ${reference} ORDER BY position`;
    return rows.map((row) => {
      const bytes = row.bytes as Buffer;
      return { name: row.name, type: row.type, size: Number(row.size), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    });
  }

  async forwardHistory(reference: string): Promise<Store.ForwardEvent[]> {
    const sql = await this.queries();
    const rows = await sql`SELECT at, kind, target, attempt, detail FROM forward_events WHERE ticket_reference = ${reference} ORDER BY id`;
    return rows.map(sqlRows.forwardEventFromRow);
  }

  async dueForForwarding(now: Date, limit: number): Promise<Store.StoredTicket[]> {
    const sql = await this.queries();
    const ms = now.getTime();
    const rows = await sql`
      SELECT * FROM tickets WHERE forward_status = 'pending' AND next_attempt_at <= ${ms}
        AND (lease_until IS NULL OR lease_until <= ${ms})
      ORDER BY next_attempt_at, seq LIMIT ${limit}`;
    return rows.map(sqlRows.ticketFromRow);
  }

  async claimForForwarding(reference: string, now: Date, leaseMs: number): Promise<boolean> {
    const sql = await this.queries();
    const ms = now.getTime();
    const claimed = await sql`
      UPDATE tickets SET lease_until = ${ms + leaseMs}
      WHERE reference = (
        SELECT reference FROM tickets WHERE reference = ${reference} AND forward_status = 'pending'
          AND (lease_until IS NULL OR lease_until <= ${ms})
        FOR UPDATE SKIP LOCKED)`;
    return claimed.count === 1;
  }

  async nextForwardAt(): Promise<Date | null> {
    const sql = await this.queries();
    const [row] = await sql`
      SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM tickets WHERE forward_status = 'pending'`;
    return row?.due === null || row?.due === undefined ? null : new Date(Number(row.due));
  }

  /** Runs `update` and, if it changed the ticket, records `event` with it, in one transaction. */
  async #changeAndRecord(reference: string, event: Store.ForwardEvent, update: (tx: Transaction) => Promise<{ count: number }>): Promise<boolean> {
    const sql = await this.queries();
    return sql.begin(async (tx) => {
      const { count } = await update(tx);
      if (count) await this.#record(tx, reference, event);
      return count === 1;
    });
  }

  async markSent(
    reference: string,
    result: { target: string; attempts: number; externalId: string | null; externalUrl?: string | null; at: Date },
  ): Promise<void> {
    const at = result.at.toISOString();
    await this.#changeAndRecord(
      reference,
      { at, kind: "sent", target: result.target, attempt: result.attempts, detail: result.externalId },
      (tx) => tx`
        UPDATE tickets SET forward_status = 'sent', forward_target = ${result.target}, external_id = ${result.externalId},
          external_url = ${result.externalUrl ?? null}, sent_at = ${at}, attempts = ${result.attempts}, last_error = NULL,
          next_attempt_at = NULL, lease_until = NULL
        WHERE reference = ${reference} AND forward_status IN ('pending', 'failed')`,
    );
  }

  async markRetry(
    reference: string,
    result: { target: string; attempts: number; nextAttemptAt: Date; lastError: string; at: Date },
  ): Promise<void> {
    await this.#changeAndRecord(
      reference,
      { at: result.at.toISOString(), kind: "retry", target: result.target, attempt: result.attempts, detail: result.lastError },
      (tx) => tx`
        UPDATE tickets SET forward_target = ${result.target}, attempts = ${result.attempts},
          next_attempt_at = ${result.nextAttemptAt.getTime()}, last_error = ${result.lastError}, lease_until = NULL
        WHERE reference = ${reference} AND forward_status = 'pending'`,
    );
  }

  async markFailed(reference: string, result: { target: string; attempts: number; lastError: string; at: Date }): Promise<void> {
    await this.#changeAndRecord(
      reference,
      { at: result.at.toISOString(), kind: "failed", target: result.target, attempt: result.attempts, detail: result.lastError },
      (tx) => tx`
        UPDATE tickets SET forward_status = 'failed', forward_target = ${result.target}, attempts = ${result.attempts},
          last_error = ${result.lastError}, next_attempt_at = NULL, lease_until = NULL
        WHERE reference = ${reference} AND forward_status = 'pending'`,
    );
  }

  async requeue(reference: string, now: Date): Promise<boolean> {
    return this.#changeAndRecord(
      reference,
      { at: now.toISOString(), kind: "requeued", target: null, attempt: 0, detail: null },
      (tx) => tx`
        UPDATE tickets SET forward_status = 'pending', attempts = 0, next_attempt_at = ${now.getTime()}, lease_until = NULL
        WHERE reference = ${reference} AND forward_status IN ('pending', 'failed')`,
    );
  }

  async releaseSuspended(reference: string, now: Date, alerts: readonly PlannedAlert[] = []): Promise<boolean> {
    return this.#changeAndRecord(
      reference,
      { at: now.toISOString(), kind: "released", target: null, attempt: 0, detail: null },
      async (tx) => {
        const released = await tx`
          UPDATE tickets SET forward_status = 'pending', attempts = 0, next_attempt_at = ${now.getTime()}, lease_until = NULL,
            released_at = ${now.toISOString()}
          WHERE reference = ${reference} AND forward_status = 'suspended'`;
        if (released.count) await this.#addAlerts(tx, reference, alerts, now);
        return released;
      },
    );
  }

  async deleteTicket(reference: string): Promise<boolean> {
    const sql = await this.queries();
    // Attachments, the idempotency key, the history and the alerts go with it (ON DELETE CASCADE);
    // autovacuum gives the space back.
    return (await sql`DELETE FROM tickets WHERE reference = ${reference}`).count === 1;
  }

  async deleteSuspendedBefore(cutoff: Date): Promise<number> {
    const sql = await this.queries();
    return (await sql`DELETE FROM tickets WHERE forward_status = 'suspended' AND suspended_at < ${cutoff.toISOString()}`).count;
  }

  async enqueueAlerts(reference: string, alerts: readonly PlannedAlert[], now: Date): Promise<number> {
    const sql = await this.queries();
    return sql.begin(async (tx) => {
      // Locks the ticket so a release or a deletion cannot come between the check and the insert.
      const [ticket] = await tx`SELECT forward_status FROM tickets WHERE reference = ${reference} FOR SHARE`;
      if (!ticket || ticket.forward_status === "suspended") return 0;
      return this.#addAlerts(tx, reference, alerts, now);
    });
  }

  async listAlerts(filter: { references?: readonly string[] } = {}): Promise<Store.StoredAlert[]> {
    const sql = await this.queries();
    if (filter.references && !filter.references.length) return [];
    const rows = filter.references
      ? await sql`SELECT * FROM alerts WHERE ticket_reference IN ${sql(filter.references)} ORDER BY created_at, seq`
      : await sql`SELECT * FROM alerts ORDER BY created_at, seq`;
    return rows.map(sqlRows.alertFromRow);
  }

  async dueAlerts(now: Date, limit: number): Promise<Store.StoredAlert[]> {
    const sql = await this.queries();
    const ms = now.getTime();
    const rows = await sql`
      SELECT alerts.* FROM alerts JOIN tickets ON tickets.reference = alerts.ticket_reference
      WHERE alerts.status = 'pending' AND alerts.next_attempt_at <= ${ms} AND (alerts.lease_until IS NULL OR alerts.lease_until <= ${ms})
        AND tickets.forward_status <> 'suspended'
      ORDER BY alerts.next_attempt_at, alerts.seq LIMIT ${limit}`;
    return rows.map(sqlRows.alertFromRow);
  }

  async claimAlert(key: Store.AlertKey, now: Date, leaseMs: number): Promise<boolean> {
    const sql = await this.queries();
    const ms = now.getTime();
    const claimed = await sql`
      UPDATE alerts SET lease_until = ${ms + leaseMs}
      WHERE seq = (
        SELECT seq FROM alerts WHERE ticket_reference = ${key.reference} AND rule = ${key.rule} AND kind = ${key.kind}
          AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ${ms})
        FOR UPDATE SKIP LOCKED)`;
    return claimed.count === 1;
  }

  async nextAlertAt(): Promise<Date | null> {
    const sql = await this.queries();
    const [row] = await sql`
      SELECT MIN(GREATEST(alerts.next_attempt_at, COALESCE(alerts.lease_until, 0))) AS due
      FROM alerts JOIN tickets ON tickets.reference = alerts.ticket_reference
      WHERE alerts.status = 'pending' AND tickets.forward_status <> 'suspended'`;
    return row?.due === null || row?.due === undefined ? null : new Date(Number(row.due));
  }

  /** Updates one alert, named by its key, if it is in one of `statuses`; true if it was. */
  async #updateAlert(key: Store.AlertKey, changes: Record<string, string | number | null>, statuses: readonly string[]): Promise<boolean> {
    const sql = await this.queries();
    const updated = await sql`
      UPDATE alerts SET ${sql(changes)}, lease_until = NULL
      WHERE ticket_reference = ${key.reference} AND rule = ${key.rule} AND kind = ${key.kind} AND status IN ${sql(statuses)}`;
    return updated.count === 1;
  }

  async markAlertSent(key: Store.AlertKey, result: { attempts: number; at: Date }): Promise<void> {
    await this.#updateAlert(
      key,
      { status: "sent", attempts: result.attempts, delivered_at: result.at.toISOString(), last_error: null, next_attempt_at: null },
      ["pending", "failed", "skipped"],
    );
  }

  async markAlertRetry(key: Store.AlertKey, result: { attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
    await this.#updateAlert(key, { attempts: result.attempts, next_attempt_at: result.nextAttemptAt.getTime(), last_error: result.lastError }, ["pending"]);
  }

  async deferAlert(key: Store.AlertKey, nextAttemptAt: Date): Promise<void> {
    await this.#updateAlert(key, { next_attempt_at: nextAttemptAt.getTime() }, ["pending"]);
  }

  async markAlertFailed(key: Store.AlertKey, result: { attempts: number; lastError: string }): Promise<void> {
    await this.#updateAlert(key, { status: "failed", attempts: result.attempts, last_error: result.lastError, next_attempt_at: null }, ["pending"]);
  }

  async markAlertSkipped(key: Store.AlertKey, reason: string): Promise<void> {
    await this.#updateAlert(key, { status: "skipped", last_error: reason, next_attempt_at: null }, ["pending"]);
  }

  async resendAlert(key: Store.AlertKey, now: Date): Promise<boolean> {
    return this.#updateAlert(key, { status: "pending", attempts: 0, next_attempt_at: now.getTime(), last_error: null }, ["failed", "skipped"]);
  }

  async markResponded(reference: string, response: Store.FirstResponse): Promise<boolean> {
    const sql = await this.queries();
    const updated = await sql`
      UPDATE tickets SET first_response_at = ${response.at}, first_response_source = ${response.source}
      WHERE reference = ${reference} AND first_response_at IS NULL`;
    return updated.count === 1;
  }

  async ticketsAwaitingResponse(dueAfter: Date, limit: number): Promise<Store.StoredTicket[]> {
    const sql = await this.queries();
    // Due times are ISO strings in UTC with milliseconds, in the "C" collation: they sort as times.
    const rows = await sql`
      SELECT * FROM tickets WHERE first_response_at IS NULL AND first_response_due_at IS NOT NULL
        AND first_response_due_at >= ${dueAfter.toISOString()} AND forward_status <> 'suspended'
      ORDER BY first_response_due_at, seq LIMIT ${limit}`;
    return rows.map(sqlRows.ticketFromRow);
  }

  async saveDraft(draft: Store.Draft, now: Date, limits: { maxDrafts: number }): Promise<void> {
    const sql = await this.queries();
    await sql.begin(async (tx) => {
      // Drafts hold what a person typed, so they are removed as soon as they expire.
      await tx`DELETE FROM drafts WHERE expires_at <= ${now.getTime()}`;
      await tx`INSERT INTO drafts ${tx(sqlRows.draftRow(draft))}`;
      await tx`
        DELETE FROM drafts WHERE token IN (
          SELECT token FROM drafts WHERE token <> ${draft.token} ORDER BY expires_at DESC, seq DESC OFFSET ${Math.max(0, limits.maxDrafts - 1)})`;
    });
  }

  async readDraft(token: string, now: Date): Promise<Store.Draft | null> {
    const sql = await this.queries();
    const [row] = await sql`SELECT * FROM drafts WHERE token = ${token} AND expires_at > ${now.getTime()}`;
    return row ? sqlRows.draftFromRow(row) : null;
  }
}

/** A ticket store with a pool of its own (the tickets command, tests); closing it ends the pool. */
export function openPostgresStore(url: string, options: PostgresOptions = {}): PostgresTicketStore {
  return new PostgresTicketStore(new PostgresDatabase(url, options));
}
