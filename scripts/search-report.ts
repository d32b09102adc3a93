// `npm run search-report`: what readers searched for and did not find, over a period, so support
// staff can add a synonym (content/data/synonyms.yaml) or write the missing article.
//   --days 30            the last N days, today included (default 30)
//   --from 2026-11-01    or a first day (and optionally --to, default today)
//   --top 20             rows per list (default 20)
import { parseArgs } from "node:util";
import { dayOf } from "../src/lib/search-gap.ts";
import { PostgresSearchGapStore, SqliteSearchGapStore, type SearchGapCount, type SearchGapStore } from "../src/helpdesk/store/search-gap-store.ts";
import { openCommandStore } from "./command-store.ts";

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "30" },
    from: { type: "string" },
    to: { type: "string" },
    top: { type: "string", default: "20" },
  },
});
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const days = Number(values.days);
const top = Number(values.top);
const to = values.to ?? dayOf(new Date());
const from = values.from ?? dayOf(new Date(Date.parse(to) - (days - 1) * 24 * 60 * 60 * 1000));
for (const [name, ok] of [["--days", Number.isInteger(days) && days > 0], ["--top", Number.isInteger(top) && top > 0], ["--from", isDay(from)], ["--to", isDay(to)]] as const) {
  if (!ok) {
    console.error(`${name}: write a whole number of days, a number of rows, or a date as YYYY-MM-DD`);
    process.exit(2);
  }
}

// Where the server keeps the counts: the PostgreSQL database in DATABASE_URL, else KB_DATA_DIR.
const store = openCommandStore<SearchGapStore>({ sqlite: (dir) => new SqliteSearchGapStore(dir), postgres: (db) => new PostgresSearchGapStore(db) });
const rows = await store.top({ from, to, limit: top }).finally(() => store.close());

function list(title: string, entries: SearchGapCount[], advice: string) {
  console.log(`\n${title}`);
  if (entries.length === 0) {
    console.log("  none");
    return;
  }
  const width = Math.max(...entries.map((e) => e.query.length), 6);
  console.log(`  ${"search".padEnd(width)}  times  days  last`);
  for (const e of entries) console.log(`  ${e.query.padEnd(width)}  ${String(e.count).padStart(5)}  ${String(e.days).padStart(4)}  ${e.lastDay}`);
  console.log(`  ${advice}`);
}

console.log(`Searches from ${from} to ${to} (only the words searched are recorded, per day)`);
list(
  "Found nothing:",
  rows.filter((r) => r.outcome === "no-results"),
  "A word readers use that the articles do not: add it to content/data/synonyms.yaml. A question no article answers: write one.",
);
list(
  "Followed by a ticket:",
  rows.filter((r) => r.outcome === "ticket"),
  "Readers who searched this still needed to ask: check the article that should answer it.",
);
