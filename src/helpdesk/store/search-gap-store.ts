// Where the search-gap report keeps its counts: one row per day, searched words and outcome, with
// a count. Nothing else is stored: no address, no time of day, no link between searches.
import type { DatabaseSync } from "node:sqlite";
import { openSqliteFile } from "./sqlite-file.ts";
import { PostgresStorePart } from "./postgres-database.ts";
import { SEARCH_GAP_OUTCOMES, type SearchGapOutcome } from "../../lib/search-gap.ts";

export interface SearchGapCount {
  outcome: SearchGapOutcome;
  query: string;
  /** Times counted over the period. */
  count: number;
  /** Days of the period it was counted on. */
  days: number;
  lastDay: string;
}

export interface SearchGapPeriod {
  /** First and last day, inclusive, as YYYY-MM-DD. */
  from: string;
  to: string;
  /** Rows per outcome. */
  limit: number;
}

export type RecordResult = "counted" | "day-full";

export interface SearchGapStore {
  /** Adds one to the day's count; a new query is not stored once the day has `maxQueriesPerDay`. */
  record(query: string, outcome: SearchGapOutcome, day: string, maxQueriesPerDay: number): Promise<RecordResult>;
  /** The most counted queries per outcome over the period, most first. */
  top(period: SearchGapPeriod): Promise<SearchGapCount[]>;
  /** Removes days before `day`; answers how many rows went. */
  forgetBefore(day: string): Promise<number>;
  close(): Promise<void>;
}

function byCount(a: SearchGapCount, b: SearchGapCount): number {
  return a.outcome.localeCompare(b.outcome) || b.count - a.count || b.days - a.days || a.query.localeCompare(b.query);
}

export class MemorySearchGapStore implements SearchGapStore {
  private readonly rows = new Map<string, { day: string; query: string; outcome: SearchGapOutcome; count: number }>();

  async record(query: string, outcome: SearchGapOutcome, day: string, maxQueriesPerDay: number): Promise<RecordResult> {
    const key = JSON.stringify([day, query, outcome]);
    const row = this.rows.get(key);
    if (row) {
      row.count += 1;
      return "counted";
    }
    const today = new Set([...this.rows.values()].filter((r) => r.day === day).map((r) => `${r.query}\n${r.outcome}`));
    if (today.size >= maxQueriesPerDay) return "day-full";
    this.rows.set(key, { day, query, outcome, count: 1 });
    return "counted";
  }

  async top(period: SearchGapPeriod): Promise<SearchGapCount[]> {
    const totals = new Map<string, SearchGapCount>();
    for (const row of this.rows.values()) {
      if (row.day < period.from || row.day > period.to) continue;
      const key = `${row.outcome}\n${row.query}`;
      const total = totals.get(key) ?? { outcome: row.outcome, query: row.query, count: 0, days: 0, lastDay: row.day };
      total.count += row.count;
      total.days += 1;
      if (row.day > total.lastDay) total.lastDay = row.day;
      totals.set(key, total);
    }
    const sorted = [...totals.values()].sort(byCount);
    return sorted.filter((row, index) => sorted.slice(0, index).filter((r) => r.outcome === row.outcome).length < period.limit);
  }

  async forgetBefore(day: string): Promise<number> {
    let removed = 0;
    for (const [key, row] of this.rows) {
      if (row.day < day) {
        this.rows.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  async close() {}
}

export class SqliteSearchGapStore implements SearchGapStore {
  private readonly db: DatabaseSync;

  constructor(dataDir: string) {
    this.db = openSqliteFile(dataDir, "search-gaps.sqlite", `
      CREATE TABLE IF NOT EXISTS search_gaps (
        day TEXT NOT NULL,
        query TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, query, outcome)
      );
    `);
  }

  async record(query: string, outcome: SearchGapOutcome, day: string, maxQueriesPerDay: number): Promise<RecordResult> {
    const counted = this.db.prepare("UPDATE search_gaps SET count = count + 1 WHERE day = ? AND query = ? AND outcome = ?").run(day, query, outcome);
    if (Number(counted.changes) > 0) return "counted";
    const { rows } = this.db.prepare("SELECT COUNT(*) AS rows FROM search_gaps WHERE day = ?").get(day) as { rows: number };
    if (Number(rows) >= maxQueriesPerDay) return "day-full";
    this.db
      .prepare("INSERT INTO search_gaps (day, query, outcome, count) VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1")
      .run(day, query, outcome);
    return "counted";
  }

  async top(period: SearchGapPeriod): Promise<SearchGapCount[]> {
    const rows = this.db
      .prepare(
        `SELECT outcome, query, SUM(count) AS count, COUNT(*) AS days, MAX(day) AS lastDay
         FROM search_gaps WHERE day >= ? AND day <= ? AND outcome = ?
         GROUP BY outcome, query ORDER BY count DESC, days DESC, query ASC LIMIT ?`,
      );
    return SEARCH_GAP_OUTCOMES.flatMap((outcome) =>
      (rows.all(period.from, period.to, outcome, period.limit) as unknown as SearchGapCount[]).map((row) => ({
        ...row,
        count: Number(row.count),
        days: Number(row.days),
      })),
    );
  }

  async forgetBefore(day: string): Promise<number> {
    return Number(this.db.prepare("DELETE FROM search_gaps WHERE day < ?").run(day).changes);
  }

  async close() {
    this.db.close();
  }
}

/**
 * Counts in the shared PostgreSQL database. The cap on new queries a day is checked before the
 * insert, so instances recording at the same moment can pass it by a few rows; it bounds growth,
 * it is not a quota.
 */
export class PostgresSearchGapStore extends PostgresStorePart implements SearchGapStore {

  async record(query: string, outcome: SearchGapOutcome, day: string, maxQueriesPerDay: number): Promise<RecordResult> {
    const sql = await this.queries();
    const counted = await sql`UPDATE search_gaps SET count = count + 1 WHERE day = ${day} AND query = ${query} AND outcome = ${outcome}`;
    if (counted.count > 0) return "counted";
    const [row] = await sql`SELECT COUNT(*) AS rows FROM search_gaps WHERE day = ${day}`;
    if (Number(row?.rows) >= maxQueriesPerDay) return "day-full";
    await sql`INSERT INTO search_gaps (day, query, outcome, count) VALUES (${day}, ${query}, ${outcome}, 1)
      ON CONFLICT (day, query, outcome) DO UPDATE SET count = search_gaps.count + 1`;
    return "counted";
  }

  async top(period: SearchGapPeriod): Promise<SearchGapCount[]> {
    const sql = await this.queries();
    const rows = await sql`
      SELECT outcome, query, count, days, last_day FROM (
        SELECT outcome, query, SUM(count) AS count, COUNT(*) AS days, MAX(day) AS last_day,
          ROW_NUMBER() OVER (PARTITION BY outcome ORDER BY SUM(count) DESC, COUNT(*) DESC, query COLLATE "C") AS rank
        FROM search_gaps WHERE day >= ${period.from} AND day <= ${period.to} GROUP BY outcome, query) ranked
      WHERE rank <= ${period.limit}`;
    const counts = rows.map((row) => ({
      outcome: row.outcome as SearchGapOutcome,
      query: String(row.query),
      count: Number(row.count),
      days: Number(row.days),
      lastDay: String(row.last_day),
    }));
    return SEARCH_GAP_OUTCOMES.flatMap((outcome) => counts.filter((c) => c.outcome === outcome).sort(byCount));
  }

  async forgetBefore(day: string): Promise<number> {
    const sql = await this.queries();
    return (await sql`DELETE FROM search_gaps WHERE day < ${day}`).count;
  }
}
