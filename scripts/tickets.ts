// `npm run tickets`: the tickets stored by this server and where each one is in forwarding.
//   npm run tickets                     all tickets, newest first
//   npm run tickets -- --pending        only tickets still waiting to reach the helpdesk
//   npm run tickets -- --failed         only tickets the helpdesk refused
//   npm run tickets -- --retry <ref>    send one failed or pending ticket again now
//   npm run tickets -- --retry all      send every failed or pending ticket again now
// Uses the same environment variables as the server (KB_DATA_DIR, HELPDESK_TARGET, ...).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../src/helpdesk/config.ts";
import { createHelpdesk, type Helpdesk } from "../src/helpdesk/helpdesk.ts";
import { normalizeReference } from "../src/helpdesk/reference.ts";
import { openSqliteStore } from "../src/helpdesk/store/sqlite.ts";
import type { StoredTicket } from "../src/helpdesk/store/ticket-store.ts";
import { ContentError } from "../src/lib/content-errors.ts";

const USAGE = "Usage: npm run tickets [-- --pending | --failed | --retry <reference|all>]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: { pending?: boolean; failed?: boolean; retry?: string; help?: boolean };
try {
  ({ values: args } = parseArgs({
    options: {
      pending: { type: "boolean" },
      failed: { type: "boolean" },
      retry: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

let helpdesk: Helpdesk;
try {
  helpdesk = createHelpdesk({ env: process.env, openStore: (config) => openSqliteStore(resolve(config.dataDir)) });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) fail(error.message);
  throw error;
}
const { store, supportData } = helpdesk;
const zone = supportData.businessHours.timeZone;

/** "2025-07-14 19:30" on the support team's clock, which is how agents read due times. */
function localTime(iso: string | null): string {
  if (!iso) return "-";
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

function forwardState(ticket: StoredTicket): string {
  const { status, target, attempts, externalId, nextAttemptAt } = ticket.forward;
  if (status === "sent") return `sent${target ? ` to ${target}` : ""}${externalId ? ` #${externalId}` : ""}`;
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
  if (status === "pending") return attempts ? `pending (${tries}, next ${localTime(nextAttemptAt)})` : "pending";
  return `failed (${tries})`;
}

function printTable(tickets: StoredTicket[]): void {
  const header = ["Reference", "Created", "Department", "Priority", "First response due", "Forwarding", "Last error"];
  const rows = tickets.map((t) => [
    t.reference,
    localTime(t.createdAt),
    t.department,
    t.priority,
    localTime(t.firstResponseDueAt),
    forwardState(t),
    t.forward.lastError ? t.forward.lastError.slice(0, 80) : "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log(`\n${tickets.length} ticket${tickets.length === 1 ? "" : "s"}; times are ${zone}.`);
}

async function retry(target: string): Promise<void> {
  const now = new Date();
  let references: string[];
  if (target === "all") {
    const waiting = [...(await store.listTickets({ status: "failed" })), ...(await store.listTickets({ status: "pending" }))];
    references = waiting.map((t) => t.reference);
    if (!references.length) fail("Nothing to retry: no ticket is failed or pending.");
  } else {
    const reference = normalizeReference(target);
    if (!reference) fail(`"${target}" is not a ticket reference; references look like PX-7K4Q-2MZD.`);
    const ticket = await store.getTicket(reference);
    if (!ticket) fail(`No ticket ${reference} in ${resolve(helpdesk.config.dataDir)}; run npm run tickets to list them.`);
    if (ticket.forward.status === "sent") fail(`${reference} was already sent to ${ticket.forward.target ?? "the helpdesk"}; it is never sent twice.`);
    references = [reference];
  }
  for (const reference of references) await store.requeue(reference, now);
  console.log(`Sending ${references.length} ticket${references.length === 1 ? "" : "s"} to ${helpdesk.forwarder.name}…`);
  const outcomes = await helpdesk.outbox.drain();
  for (const outcome of outcomes) {
    const detail = outcome.status === "sent" ? (outcome.externalId ? ` as ${outcome.externalId}` : "") : `: ${outcome.error}`;
    console.log(`  ${outcome.reference} ${outcome.status}${detail}`);
  }
  const unfinished = outcomes.filter((o) => o.status !== "sent");
  if (unfinished.some((o) => o.status === "retry")) console.log("Tickets marked retry are sent by the running server as they come due.");
  process.exitCode = unfinished.length ? 1 : 0;
}

try {
  if (args.retry !== undefined) await retry(args.retry);
  else printTable(await store.listTickets(args.pending ? { status: "pending" } : args.failed ? { status: "failed" } : {}));
} finally {
  store.close();
}
