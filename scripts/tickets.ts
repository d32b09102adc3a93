// `npm run tickets`: the tickets this help center stored, for support staff.
//   npm run tickets                              tickets, newest first (not the suspended ones)
//   npm run tickets -- --pending | --failed      only tickets waiting to reach the helpdesk, or refused by it
//   npm run tickets -- --suspended               the suspended queue: what a spam rule held back, and why
//   npm run tickets -- show <reference>          one ticket in full, with every forwarding attempt
//   npm run tickets -- release <reference>       sends a suspended ticket on to the helpdesk (and its chat alerts)
//   npm run tickets -- responded <reference>     records that the customer was answered: no more response-target alerts
//   npm run tickets -- delete <reference>        removes a suspended ticket (--force for any other)
//   npm run tickets -- attachments <reference> <folder>   writes a ticket's files into a folder
//   npm run tickets -- --retry <reference|all>   queues failed or pending tickets to be sent again now
//   npm run tickets -- --resend-alerts <reference|all>   posts failed or skipped chat alerts again (after fixing a webhook)
//   npm run tickets -- import [folder]           copies the SQLite files (KB_DATA_DIR) into the DATABASE_URL database
// Reads the same environment variables as the server (DATABASE_URL or KB_DATA_DIR above all). Releasing and
// retrying only queue the ticket: the running server forwards it within seconds, with its settings.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadHelpdeskConfig, type HelpdeskConfig } from "../src/helpdesk/config.ts";
import { normalizeReference } from "../src/helpdesk/reference.ts";
import { envRedactor } from "../src/helpdesk/secrets.ts";
import { openSqliteStore } from "../src/helpdesk/store/sqlite.ts";
import { openPostgresStore } from "../src/helpdesk/store/postgres.ts";
import { PostgresDatabase } from "../src/helpdesk/store/postgres-database.ts";
import { importSqliteData } from "../src/helpdesk/store/import-sqlite.ts";
import type { StoredAlert, StoredTicket, TicketStore } from "../src/helpdesk/store/ticket-store.ts";
import { newTicketAlerts } from "../src/lib/alert-rules.ts";
import { ContentError } from "../src/lib/content-errors.ts";
import { readSiteConfig } from "../src/lib/site-config.ts";
import { loadSupportData, type SupportData } from "../src/lib/support-data.ts";
import { writeAttachments } from "./tickets/files.ts";
import { untouchedSince, waitForAlerts, waitForForwarding } from "./tickets/forwarding.ts";
import { printable, TicketReport } from "./tickets/report.ts";

const USAGE = `Usage:
  npm run tickets [-- --pending | --failed | --suspended]
  npm run tickets -- show <reference>
  npm run tickets -- release <reference>
  npm run tickets -- responded <reference>
  npm run tickets -- delete <reference> [--force]
  npm run tickets -- attachments <reference> <folder>
  npm run tickets -- --retry <reference|all>
  npm run tickets -- --resend-alerts <reference|all>
  DATABASE_URL=postgres://... npm run tickets -- import [data folder]`;

class CommandError extends Error {}

function fail(message: string): never {
  throw new CommandError(message);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

let args: { pending?: boolean; failed?: boolean; suspended?: boolean; retry?: string; "resend-alerts"?: string; force?: boolean; help?: boolean };
let positionals: string[];
try {
  ({ values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      pending: { type: "boolean" },
      failed: { type: "boolean" },
      suspended: { type: "boolean" },
      retry: { type: "string" },
      "resend-alerts": { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

let config: HelpdeskConfig;
let data: SupportData;
try {
  data = loadSupportData();
  // Without the alert destinations: the command never posts to chat, so it needs none of their webhooks.
  config = loadHelpdeskConfig(process.env, { departments: data.departments.map((d) => d.id), siteUrl: readSiteConfig().url });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (positionals[0] === "import") {
  await importIntoPostgres(positionals[1]);
  process.exit();
}

const report = new TicketReport(data, envRedactor(process.env));
const keepDays = config.suspendedTicketDays;
const { store, ready } = openTicketStore(config);

/** The server's ticket store: its PostgreSQL database with DATABASE_URL, else tickets.sqlite in KB_DATA_DIR. */
function openTicketStore(config: HelpdeskConfig): { store: TicketStore; ready: Promise<void> } {
  if (config.database.kind === "postgres") {
    const postgres = openPostgresStore(config.database.url, { max: 2 });
    console.log(`Reading tickets from PostgreSQL at ${postgres.where} (DATABASE_URL)\n`);
    return { store: postgres, ready: postgres.ready };
  }
  const dataDir = resolve(config.dataDir);
  console.log(`Reading tickets from ${dataDir} (${process.env.KB_DATA_DIR ? "KB_DATA_DIR" : "KB_DATA_DIR is not set, so data/ in this project"})\n`);
  if (!existsSync(join(dataDir, "tickets.sqlite"))) {
    console.error(
      `No tickets are stored in ${dataDir}: it has no tickets.sqlite yet. If the server keeps its tickets in another folder, run this command with the same KB_DATA_DIR as the server, like KB_DATA_DIR=/path/to/data npm run tickets. If it keeps them in PostgreSQL, run it with the server's DATABASE_URL.`,
    );
    process.exit(1);
  }
  return { store: openSqliteStore(dataDir), ready: Promise.resolve() };
}

/** `import`: the move from SQLite to PostgreSQL, with everything the SQLite files hold. */
async function importIntoPostgres(folder: string | undefined): Promise<void> {
  if (config.database.kind !== "postgres") {
    console.error(
      "import copies the SQLite files into PostgreSQL: run it with the DATABASE_URL of the database to copy into, like DATABASE_URL=postgres://user:password@host:5432/helpcenter npm run tickets -- import ./data",
    );
    process.exitCode = 1;
    return;
  }
  const source = resolve(folder ?? config.dataDir);
  const database = new PostgresDatabase(config.database.url, { max: 1 }).use();
  console.log(`Copying ${source} into PostgreSQL at ${database.where} (DATABASE_URL).`);
  console.log("The server that used that folder must be stopped: a ticket it sent meanwhile would be sent again.\n");
  try {
    const copied = await importSqliteData(source, database);
    const waiting = [
      copied.pending && `${copied.pending} waiting to be sent`,
      copied.failed && `${copied.failed} refused by the helpdesk`,
      copied.suspended && `${copied.suspended} suspended`,
    ].filter(Boolean);
    console.log(
      `Copied ${plural(copied.tickets, "ticket")}${waiting.length ? ` (${waiting.join(", ")})` : ""} with ${plural(copied.attachments, "file")}, ` +
        `${plural(copied.forwardEvents, "forwarding attempt")} and ${plural(copied.alerts, "chat alert")}; ` +
        `${plural(copied.drafts, "unexpired draft")}, ${plural(copied.feedback, "feedback answer")} and ${plural(copied.searchGaps, "search-gap count")}.`,
    );
    if (copied.alreadyThere) console.log(`${plural(copied.alreadyThere, "ticket")} already in the database (an earlier import) left as they were.`);
    console.log(
      `\nNext: start every instance with this DATABASE_URL${copied.pending ? `; the first to look sends the ${plural(copied.pending, "waiting ticket")}` : ""}. ` +
        `Keep ${source} until npm run tickets with DATABASE_URL shows what you expect.`,
    );
  } catch (error) {
    console.error(`Nothing was copied: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await database.release();
  }
}

async function ticketNamed(value: string | undefined): Promise<StoredTicket> {
  if (!value) fail(`Name a ticket by its reference, like PX-7K4Q-2MZD.\n${USAGE}`);
  const reference = normalizeReference(value);
  if (!reference) fail(`"${printable(value)}" is not a ticket reference; references look like PX-7K4Q-2MZD.`);
  const ticket = await store.getTicket(reference);
  if (!ticket) fail(`There is no ticket ${reference} here. npm run tickets lists them (--suspended for the suspended queue).`);
  return ticket;
}

function listTickets(tickets: StoredTicket[], suspendedCount: number, alerts: StoredAlert[]): void {
  for (const line of report.ticketTable(tickets, alerts)) console.log(line);
  console.log(`\n${plural(tickets.length, "ticket")}, newest first; times are ${report.zone}.`);
  if (suspendedCount) console.log(`${plural(suspendedCount, "suspended ticket")} not listed: npm run tickets -- --suspended`);
  reportAlertProblems(alerts);
}

/** Alerts that did not reach the team: each failed one with the chat product's words, the rest counted by reason. */
function reportAlertProblems(alerts: StoredAlert[]): void {
  const failed = alerts.filter((a) => a.status === "failed");
  if (failed.length) {
    console.log(`\n${plural(failed.length, "chat alert")} could not be sent and will not be tried again:`);
    for (const alert of failed.slice(-20)) console.log(`  ${alert.reference}  ${report.alertLine(alert)}`);
    if (failed.length > 20) console.log(`  and ${failed.length - 20} older ones`);
    console.log("Once the webhook is fixed: npm run tickets -- --resend-alerts all (or a ticket's reference)");
  }
  const skipped = new Map<string, number>();
  for (const alert of alerts.filter((a) => a.status === "skipped")) skipped.set(alert.lastError ?? "", (skipped.get(alert.lastError ?? "") ?? 0) + 1);
  for (const [reason, count] of skipped) console.log(`${plural(count, "chat alert")} not sent: ${printable(reason)}`);
}

function listSuspended(tickets: StoredTicket[]): void {
  if (!tickets.length) {
    console.log("No suspended tickets: no submission was held back as likely spam.");
    return;
  }
  for (const line of report.suspendedTable(tickets, keepDays)) console.log(line);
  console.log(
    `\n${plural(tickets.length, "suspended ticket")}, newest first; times are ${report.zone}. Each is removed ${keepDays} days after it arrived unless released.`,
  );
  console.log("Read one:      npm run tickets -- show <reference>");
  console.log("Send it on:    npm run tickets -- release <reference>");
  console.log("Remove it now: npm run tickets -- delete <reference>");
}

/** How long to wait for the running server to act on what a command queued: one poll, one more if it was busy, and one call out. */
const serverWaitMs = () => 2 * config.forwarding.pollMs + config.forwarding.timeoutMs + 2_000;

/** The setting a server needs to send what a command queued here. */
const serverSetting = () => (config.database.kind === "postgres" ? "this DATABASE_URL" : `KB_DATA_DIR=${resolve(config.dataDir)}`);

/** Waits for the server to try the queued tickets and says how each went; failures set the exit code. */
async function reportForwarding(references: string[]): Promise<void> {
  const timeoutMs = serverWaitMs();
  console.log(`Waiting up to ${Math.round(timeoutMs / 1000)} seconds for the server to send ${references.length === 1 ? "it" : "them"}…`);
  for (const { reference, attempt } of await waitForForwarding(store, references, { timeoutMs, intervalMs: 250 })) {
    if (!attempt) {
      console.log(
        `  ${reference} is queued, but no server sent it within ${Math.round(timeoutMs / 1000)} seconds. The server sends queued tickets as soon as it runs with ${serverSetting()}.`,
      );
    } else if (attempt.kind === "sent") {
      console.log(`  ${reference} sent to ${attempt.target}${attempt.detail ? ` as #${printable(attempt.detail)}` : ""}`);
    } else if (attempt.kind === "retry") {
      const next = (await store.getTicket(reference))?.forward.nextAttemptAt ?? null;
      console.log(`  ${reference} could not be sent yet (${report.error(attempt.detail ?? "")}); the server tries again at ${report.time(next)}.`);
    } else {
      console.log(`  ${reference} failed: ${report.error(attempt.detail ?? "")}. Fix the cause, then: npm run tickets -- --retry ${reference}`);
      process.exitCode = 1;
    }
  }
}

async function retry(target: string): Promise<void> {
  let references: string[];
  if (target === "all") {
    const waiting = [...(await store.listTickets({ status: "failed" })), ...(await store.listTickets({ status: "pending" }))];
    references = waiting.map((t) => t.reference);
    if (!references.length) fail("Nothing to retry: no ticket is failed or pending.");
  } else {
    const ticket = await ticketNamed(target);
    if (ticket.forward.status === "sent") fail(`${ticket.reference} was already sent to ${ticket.forward.target ?? "the helpdesk"}; it is never sent twice.`);
    if (ticket.forward.status === "suspended") fail(`${ticket.reference} is suspended; to send it on: npm run tickets -- release ${ticket.reference}`);
    references = [ticket.reference];
  }
  for (const reference of references) await store.requeue(reference, new Date());
  console.log(`Queued ${plural(references.length, "ticket")} to be sent again.`);
  await reportForwarding(references);
}

/**
 * Queues failed or skipped chat alerts again (after a webhook was fixed or turned on), then waits for
 * the server to post them and says how each went. `all` is every such alert of a ticket not yet
 * answered: the others would tell the team about tickets that need nothing more.
 */
async function resendAlerts(target: string): Promise<void> {
  const resendable = (alert: StoredAlert) => alert.status === "failed" || alert.status === "skipped";
  let alerts: StoredAlert[];
  if (target === "all") {
    const waiting = new Set((await store.listTickets()).filter((t) => !t.firstResponse && t.forward.status !== "suspended").map((t) => t.reference));
    alerts = (await store.listAlerts()).filter((a) => resendable(a) && waiting.has(a.reference));
    if (!alerts.length) fail("Nothing to resend: no chat alert of a ticket still waiting for an answer failed or was skipped.");
  } else {
    const ticket = await ticketNamed(target);
    alerts = (await store.listAlerts({ references: [ticket.reference] })).filter(resendable);
    if (!alerts.length) fail(`${ticket.reference} has no failed or skipped chat alert to resend.`);
  }
  const now = new Date();
  for (const alert of alerts) await store.resendAlert(alert, now);
  console.log(`Queued ${plural(alerts.length, "chat alert")} to be posted again.`);
  for (const alert of await waitForAlerts(store, alerts, now, { timeoutMs: serverWaitMs(), intervalMs: 250 })) {
    const line = untouchedSince(alert, now)
      ? `${alert.kind} → ${alert.destination} (rule ${alert.rule}): queued, but no server posted it yet; the server posts it as soon as it runs with ${serverSetting()}`
      : report.alertLine(alert);
    console.log(`  ${alert.reference}  ${line}`);
    if (alert.status === "failed") process.exitCode = 1;
  }
}

async function release(value: string | undefined): Promise<void> {
  const ticket = await ticketNamed(value);
  if (ticket.forward.status !== "suspended") {
    fail(`${ticket.reference} is not suspended (it is ${report.forwardState(ticket)}); only suspended tickets are released.`);
  }
  // Its new-ticket alerts are queued with the release, as they would have been when it arrived.
  await store.releaseSuspended(ticket.reference, new Date(), newTicketAlerts(ticket, data.alerts));
  console.log(`Released ${ticket.reference} from the suspended queue; it goes to the helpdesk like any ticket.`);
  await reportForwarding([ticket.reference]);
}

async function responded(value: string | undefined): Promise<void> {
  const ticket = await ticketNamed(value);
  if (ticket.forward.status === "suspended") {
    fail(`${ticket.reference} is suspended, so no response target is being watched for it. If it is a real request: npm run tickets -- release ${ticket.reference}`);
  }
  if (ticket.firstResponse) {
    console.log(`${ticket.reference} was already recorded as ${report.firstResponseState(ticket)}.`);
    return;
  }
  const at = new Date();
  await store.markResponded(ticket.reference, { at: at.toISOString(), source: "staff" });
  const due = ticket.firstResponseDueAt;
  const timing = !due
    ? "It had no response-time commitment."
    : Date.parse(due) >= at.getTime()
      ? `It was due ${report.time(due)}: answered in time.`
      : `It was due ${report.time(due)}: the target was missed.`;
  console.log(`Recorded that ${ticket.reference} was answered at ${report.time(at.toISOString())}. ${timing} No more warnings or breach alerts are sent for it.`);
}

async function remove(value: string | undefined): Promise<void> {
  const ticket = await ticketNamed(value);
  if (ticket.forward.status !== "suspended" && !args.force) {
    fail(
      `${ticket.reference} is not suspended (it is ${report.forwardState(ticket)}). Deleting it removes this help center's copy and its files, not the helpdesk's. To delete it anyway: npm run tickets -- delete ${ticket.reference} --force`,
    );
  }
  await store.deleteTicket(ticket.reference);
  console.log(`Deleted ${ticket.reference} ("${printable(ticket.subject)}") with its ${plural(ticket.attachments.length, "attachment")}.`);
}

async function saveAttachments(value: string | undefined, folder: string | undefined): Promise<void> {
  const ticket = await ticketNamed(value);
  if (!folder) fail(`Name the folder to write ${ticket.reference}'s files into.\n${USAGE}`);
  const files = await store.getAttachments(ticket.reference);
  if (!files.length) {
    console.log(`${ticket.reference} has no attachments.`);
    return;
  }
  const paths = await writeAttachments(folder, files);
  console.log(`Wrote ${plural(paths.length, "file")} from ${ticket.reference}:`);
  for (const path of paths) console.log(`  ${printable(path)}`);
}

async function run(store: TicketStore): Promise<void> {
  const [command, ...rest] = positionals;
  if (args.retry !== undefined) return retry(args.retry);
  if (args["resend-alerts"] !== undefined) return resendAlerts(args["resend-alerts"]);
  switch (command) {
    case undefined: {
      if (args.suspended) return listSuspended(await store.listTickets({ status: "suspended" }));
      const status = args.pending ? "pending" : args.failed ? "failed" : undefined;
      const all = await store.listTickets(status ? { status } : {});
      const shown = all.filter((t) => t.forward.status !== "suspended");
      const alerts = await store.listAlerts(status ? { references: shown.map((t) => t.reference) } : {});
      return listTickets(shown, status ? 0 : all.length - shown.length, alerts);
    }
    case "show": {
      const ticket = await ticketNamed(rest[0]);
      const [history, alerts] = await Promise.all([store.forwardHistory(ticket.reference), store.listAlerts({ references: [ticket.reference] })]);
      for (const line of report.details(ticket, history, keepDays, alerts)) console.log(line);
      console.log(`\nTimes are ${report.zone}.`);
      return;
    }
    case "release":
      return release(rest[0]);
    case "responded":
      return responded(rest[0]);
    case "delete":
      return remove(rest[0]);
    case "attachments":
      return saveAttachments(rest[0], rest[1]);
    default:
      fail(`"${printable(command)}" is not a tickets command.\n${USAGE}`);
  }
}

try {
  await ready.catch((error: Error) => fail(error.message));
  await run(store);
} catch (error) {
  if (!(error instanceof CommandError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await store.close();
}
