// Copies what a help center kept in SQLite files (KB_DATA_DIR) into its PostgreSQL database, for
// the move to several instances (`npm run tickets -- import`): every ticket with its files,
// idempotency keys, forwarding history and chat alerts, the drafts not yet expired, the article
// feedback and the search-gap counts. Rate-limit counters are not copied: their windows are minutes.
//
// One transaction: the database gets all of it or none. Running it again copies nothing twice: a
// ticket already there (by reference) is left as it is with everything of it, a feedback answer
// identical to one there is skipped, and a search-gap count keeps the larger of the two. Leases
// are not copied: no instance holds them yet, so a ticket that was waiting is sent by the first
// instance that looks.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { PostgresDatabase, Transaction } from "./postgres-database.ts";
import { migrate } from "./sqlite-migrations.ts";

export interface ImportSummary {
  /** Tickets copied, and of them those still to be sent to the helpdesk, those it refused, and those suspended. */
  tickets: number;
  pending: number;
  failed: number;
  suspended: number;
  /** Tickets the database already had (an earlier import), left as they were. */
  alreadyThere: number;
  attachments: number;
  forwardEvents: number;
  alerts: number;
  drafts: number;
  feedback: number;
  searchGaps: number;
}

type Row = Record<string, unknown>;

/** Tickets per batch: each batch's files are read from SQLite only when it is copied. */
const BATCH = 200;
/** Columns that are never copied: PostgreSQL numbers rows itself, and leases belong to a running instance. */
const NOT_COPIED = new Set(["seq", "id"]);
const CLEARED = new Set(["lease_until"]);

export class ImportError extends Error {}

/**
 * Copies the SQLite files in `dataDir` into `database` (whose schema is brought up to date first).
 * The server must be stopped: tickets it sends meanwhile would be sent again from PostgreSQL.
 */
export async function importSqliteData(dataDir: string, database: PostgresDatabase, now = new Date()): Promise<ImportSummary> {
  const ticketsFile = join(dataDir, "tickets.sqlite");
  if (!existsSync(ticketsFile))
    throw new ImportError(`There is no tickets.sqlite in ${dataDir}; name the folder the server kept its data in (its KB_DATA_DIR).`);
  await database.ready;
  const tickets = new DatabaseSync(ticketsFile);
  const feedback = openIfThere(join(dataDir, "feedback.sqlite"));
  const gaps = openIfThere(join(dataDir, "search-gaps.sqlite"));
  try {
    // A file from an earlier version is upgraded first, as the server would on its next start.
    tickets.exec("PRAGMA busy_timeout = 5000");
    migrate(tickets, ticketsFile);
    // One read snapshot of each file for the whole copy.
    for (const db of [tickets, feedback, gaps]) db?.exec("BEGIN");
    const summary: ImportSummary = {
      tickets: 0,
      pending: 0,
      failed: 0,
      suspended: 0,
      alreadyThere: 0,
      attachments: 0,
      forwardEvents: 0,
      alerts: 0,
      drafts: 0,
      feedback: 0,
      searchGaps: 0,
    };
    await database.sql.begin(async (tx) => {
      const copy = await tableCopier(tx, tickets);
      const references = (tickets.prepare("SELECT reference FROM tickets ORDER BY rowid").all() as { reference: string }[]).map((r) => r.reference);
      for (let start = 0; start < references.length; start += BATCH) {
        const batch = references.slice(start, start + BATCH);
        const inList = `(${batch.map(() => "?").join(", ")})`;
        const rows = tickets.prepare(`SELECT * FROM tickets WHERE reference IN ${inList} ORDER BY rowid`).all(...batch) as Row[];
        const added = new Set((await copy("tickets", rows, "ON CONFLICT (reference) DO NOTHING RETURNING reference")).map((r) => String(r.reference)));
        summary.alreadyThere += batch.length - added.size;
        if (!added.size) continue;
        const ofAdded = (table: string, column: string, order: string) =>
          (tickets.prepare(`SELECT * FROM ${table} WHERE ${column} IN ${inList} ORDER BY ${order}`).all(...batch) as Row[]).filter((row) =>
            added.has(String(row[column])),
          );
        for (const row of rows.filter((r) => added.has(String(r.reference)))) {
          summary.tickets += 1;
          const status = row.forward_status as "pending" | "failed" | "suspended" | "sent";
          if (status !== "sent") summary[status] += 1;
        }
        // Files one ticket at a time, so a batch's attachments are never all in memory at once.
        for (const reference of added) {
          const files = tickets.prepare("SELECT * FROM attachments WHERE ticket_reference = ? ORDER BY position").all(reference) as Row[];
          summary.attachments += (await copy("attachments", files, "ON CONFLICT DO NOTHING RETURNING position")).length;
        }
        await copy("idempotency_keys", ofAdded("idempotency_keys", "reference", "rowid"), "ON CONFLICT (key) DO NOTHING");
        summary.forwardEvents += (await copy("forward_events", ofAdded("forward_events", "ticket_reference", "id"), "RETURNING id")).length;
        summary.alerts += (await copy("alerts", ofAdded("alerts", "ticket_reference", "rowid"), "ON CONFLICT DO NOTHING RETURNING rule")).length;
      }
      const drafts = tickets.prepare("SELECT * FROM drafts WHERE expires_at > ? ORDER BY rowid").all(now.getTime()) as Row[];
      summary.drafts = (await copy("drafts", drafts, "ON CONFLICT (token) DO NOTHING RETURNING token")).length;

      if (feedback) {
        // No key tells one answer from another, so an answer identical to one already there (same
        // article, answer, note and millisecond) is taken to be it.
        const answers = (feedback.prepare("SELECT article, helpful, comment, at FROM feedback ORDER BY id").all() as Row[]).map((row) => [
          row.article,
          Number(row.helpful) === 1,
          row.comment,
          row.at,
        ]);
        for (let start = 0; start < answers.length; start += 1000) {
          const batch = answers.slice(start, start + 1000).map((answer, n) => [...answer, n]);
          const added = await tx.unsafe(
            `INSERT INTO feedback (article, helpful, comment, at)
             SELECT i.article, i.helpful, i.comment, i.at
             FROM (VALUES ${placeholders(batch.length, ["text", "boolean", "text", "text", "integer"])}) AS i (article, helpful, comment, at, n)
             WHERE NOT EXISTS (
               SELECT 1 FROM feedback f
               WHERE f.article = i.article AND f.helpful = i.helpful AND f.comment IS NOT DISTINCT FROM i.comment AND f.at = i.at
             )
             ORDER BY i.n
             RETURNING id`,
            batch.flat() as never[],
          );
          summary.feedback += added.length;
        }
      }
      if (gaps) {
        // Counted again by the same import, or by PostgreSQL instances on the day of the move: the larger count stands.
        const counts = gaps.prepare("SELECT day, query, outcome, count FROM search_gaps").all() as Row[];
        for (let start = 0; start < counts.length; start += 1000) {
          const changed = await tx`
            INSERT INTO search_gaps ${tx(counts.slice(start, start + 1000) as Row[], "day", "query", "outcome", "count")}
            ON CONFLICT (day, query, outcome) DO UPDATE SET count = EXCLUDED.count WHERE search_gaps.count < EXCLUDED.count
            RETURNING day`;
          summary.searchGaps += changed.length;
        }
      }
    });
    return summary;
  } finally {
    for (const db of [tickets, feedback, gaps]) {
      if (db?.isTransaction) db.exec("ROLLBACK");
      db?.close();
    }
  }
}

function openIfThere(file: string): DatabaseSync | null {
  return existsSync(file) ? new DatabaseSync(file, { readOnly: true }) : null;
}

/**
 * Inserts SQLite rows into the PostgreSQL table of the same name, column for column. Both schemas
 * name their columns alike (postgres-migrations.ts follows sqlite-migrations.ts); a SQLite column
 * PostgreSQL lacks means the two have drifted apart, and nothing is copied.
 */
async function tableCopier(tx: Transaction, source: DatabaseSync) {
  const columns = new Map<string, string[]>();
  const columnsOf = async (table: string): Promise<string[]> => {
    const known = columns.get(table);
    if (known) return known;
    const target = new Set(
      (await tx`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`).map((r) =>
        String(r.column_name),
      ),
    );
    const from = (
      source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as {
        name: string;
      }[]
    )
      .map((r) => r.name)
      .filter((name) => !NOT_COPIED.has(name));
    const missing = from.filter((name) => !target.has(name));
    if (missing.length)
      throw new ImportError(
        `The PostgreSQL table ${table} has no column ${missing.join(", ")}, which tickets.sqlite has: this version cannot copy that file. Nothing was copied.`,
      );
    columns.set(table, from);
    return from;
  };
  return async (table: string, rows: readonly Row[], suffix: string): Promise<Row[]> => {
    if (!rows.length) return [];
    const names = await columnsOf(table);
    const value = (row: Row, name: string) => (CLEARED.has(name) ? null : row[name] instanceof Uint8Array ? Buffer.from(row[name]) : row[name]);
    return [
      ...(await tx.unsafe(
        `INSERT INTO ${table} (${names.join(", ")}) VALUES ${placeholders(rows.length, names.length)} ${suffix}`,
        rows.flatMap((row) => names.map((name) => value(row, name) as never)),
      )),
    ];
  };
}

/**
 * `($1, $2), ($3, $4)` for `rows` rows of `columns` values; with the columns' types given, each is
 * cast (`$1::text`), which a VALUES list not inserted straight into a table needs.
 */
function placeholders(rows: number, columns: number | readonly string[]): string {
  const types = typeof columns === "number" ? Array.from({ length: columns }, () => "") : columns.map((type) => `::${type}`);
  return Array.from({ length: rows }, (_, r) => `(${types.map((cast, c) => `$${r * types.length + c + 1}${cast}`).join(", ")})`).join(", ");
}
