// The move from SQLite to PostgreSQL (`npm run tickets -- import`): whatever a help center kept in
// its data folder reads the same from PostgreSQL afterwards, a waiting ticket is sent from there,
// and running the import again copies nothing twice.
import { afterEach, expect, test } from "vitest";
import { SqliteFeedbackStore } from "../../src/helpdesk/store/feedback-store.ts";
import { importSqliteData } from "../../src/helpdesk/store/import-sqlite.ts";
import { PostgresDatabase } from "../../src/helpdesk/store/postgres-database.ts";
import { openPostgresStore } from "../../src/helpdesk/store/postgres.ts";
import { PostgresFeedbackStore } from "../../src/helpdesk/store/feedback-store.ts";
import { PostgresSearchGapStore, SqliteSearchGapStore } from "../../src/helpdesk/store/search-gap-store.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { describePostgres, freshPostgresUrl } from "../postgres.ts";
import { RECEIVED_AT, ticketRecord } from "../sample-ticket.ts";
import { PNG_BYTES } from "../sample-files.ts";
import { runTicketsCommand } from "../tickets-cli.ts";
import { tempDir } from "../temp-dir.ts";

const at = (ms: number) => new Date(RECEIVED_AT.getTime() + ms);
const NEW_ALERT = {
  rule: "high-priority",
  kind: "new",
  destination: "support-team",
} as const;
const closing: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const item of closing.splice(0).reverse()) await item.close();
});

/** A data folder as a server leaves it after a few days: every kind of ticket, alerts, drafts, feedback and search gaps. */
async function usedDataFolder(): Promise<string> {
  const dir = tempDir("kb-import-");
  const tickets = openSqliteStore(dir);
  // Sent, with a file, an idempotency key, its alert delivered and the customer answered.
  await tickets.saveTicket({
    ticket: ticketRecord("PX-SENT-0001", {
      attachments: [{ name: "screen.png", type: "image/png", size: PNG_BYTES.length }],
    }),
    attachments: [
      {
        name: "screen.png",
        type: "image/png",
        size: PNG_BYTES.length,
        bytes: PNG_BYTES,
      },
    ],
    idempotency: {
      key: "key-sent",
      bodyHash: "hash-sent",
      response: '{"reference":"PX-SENT-0001"}',
    },
    alerts: [NEW_ALERT],
  });
  await tickets.claimForForwarding("PX-SENT-0001", at(0), 60_000);
  await tickets.markSent("PX-SENT-0001", {
    target: "zendesk",
    attempts: 1,
    externalId: "4021",
    externalUrl: "https://acme.zendesk.com/agent/tickets/4021",
    at: at(1_000),
  });
  await tickets.markAlertSent({ reference: "PX-SENT-0001", ...NEW_ALERT }, { attempts: 1, at: at(2_000) });
  await tickets.markResponded("PX-SENT-0001", {
    at: at(3_600_000).toISOString(),
    source: "staff",
  });
  // Waiting: one retry so far, and a lease the stopped server still held when it went down.
  await tickets.saveTicket({
    ticket: ticketRecord("PX-WAIT-0002", {
      createdAt: at(10_000).toISOString(),
    }),
    attachments: [],
    idempotency: null,
    alerts: [NEW_ALERT],
  });
  await tickets.markRetry("PX-WAIT-0002", {
    target: "zendesk",
    attempts: 1,
    nextAttemptAt: at(70_000),
    lastError: "503 Service Unavailable",
    at: at(10_000),
  });
  await tickets.claimForForwarding("PX-WAIT-0002", at(70_000), 600_000);
  // Refused by the helpdesk, and suspended as likely spam.
  await tickets.saveTicket({
    ticket: ticketRecord("PX-FAIL-0003", {
      createdAt: at(20_000).toISOString(),
    }),
    attachments: [],
    idempotency: null,
  });
  await tickets.markFailed("PX-FAIL-0003", {
    target: "zendesk",
    attempts: 1,
    lastError: "422 email is invalid",
    at: at(21_000),
  });
  await tickets.saveTicket({
    ticket: ticketRecord("PX-SPAM-0004", {
      createdAt: at(30_000).toISOString(),
    }),
    attachments: [],
    idempotency: null,
    suspendedBecause: "honeypot",
  });
  const draft = {
    token: "draft-live",
    values: { name: "Ana" },
    errors: { email: "Enter an email address" },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
  await tickets.saveDraft(draft, new Date(), { maxDrafts: 10 });
  await tickets.close();

  const feedback = new SqliteFeedbackStore(dir);
  await feedback.save(
    {
      article: "billing/invoices",
      helpful: "no",
      comment: "Where is the VAT number?",
    },
    at(5_000),
  );
  await feedback.save({ article: "billing/invoices", helpful: "yes", comment: undefined }, at(6_000));
  await feedback.close();
  const gaps = new SqliteSearchGapStore(dir);
  for (const query of ["vat number", "vat number", "sso okta"]) await gaps.record(query, "no-results", "2025-07-14", 100);
  await gaps.close();
  return dir;
}

/** Everything a store shows of its tickets, as support staff and the outbox read it. */
async function everything(store: TicketStore) {
  const tickets = await store.listTickets();
  return {
    tickets,
    files: await Promise.all(tickets.map((t) => store.getAttachments(t.reference))),
    history: await Promise.all(tickets.map((t) => store.forwardHistory(t.reference))),
    alerts: await store.listAlerts(),
    idempotency: await store.findIdempotency("key-sent"),
  };
}

function postgresDatabase(url: string): PostgresDatabase {
  const db = new PostgresDatabase(url).use();
  closing.push({ close: () => db.release() });
  return db;
}

describePostgres("moving from SQLite to PostgreSQL", () => {
  test("everything the data folder held reads the same from PostgreSQL, and a second import copies nothing twice", async () => {
    const dir = await usedDataFolder();
    const before = openSqliteStore(dir);
    const expected = await everything(before);
    await before.close();
    const url = freshPostgresUrl();

    const summary = await importSqliteData(dir, postgresDatabase(url));
    expect(summary).toMatchObject({
      tickets: 4,
      pending: 1,
      failed: 1,
      suspended: 1,
      alreadyThere: 0,
      attachments: 1,
      alerts: 2,
      drafts: 1,
      feedback: 2,
      searchGaps: 2,
    });
    expect(summary.forwardEvents).toBe(expected.history.flat().length);

    const store = openPostgresStore(url);
    closing.push(store);
    expect(await everything(store)).toEqual(expected);
    expect((await store.getAttachments("PX-SENT-0001"))[0]?.bytes).toEqual(PNG_BYTES);
    expect(await store.readDraft("draft-live", new Date())).toMatchObject({
      values: { name: "Ana" },
    });
    // The stopped server's lease is not copied: the waiting ticket is sent by the first instance that looks.
    expect((await store.dueForForwarding(at(70_000), 10)).map((t) => t.reference)).toEqual(["PX-WAIT-0002"]);
    expect(await store.claimForForwarding("PX-WAIT-0002", at(70_000), 60_000)).toBe(true);
    // Its alert went with it, still to be posted.
    expect((await store.dueAlerts(at(70_000), 10)).map((a) => a.reference)).toEqual(["PX-WAIT-0002"]);
    const feedback = new PostgresFeedbackStore(postgresDatabase(url));
    expect(await feedback.tally()).toEqual([
      {
        article: "billing/invoices",
        helpful: 1,
        notHelpful: 1,
        comments: [{ at: at(5_000).toISOString(), comment: "Where is the VAT number?" }],
      },
    ]);
    const gaps = new PostgresSearchGapStore(postgresDatabase(url));
    const period = { from: "2025-07-14", to: "2025-07-14", limit: 10 };
    expect((await gaps.top(period)).map((g) => [g.query, g.count])).toEqual([
      ["vat number", 2],
      ["sso okta", 1],
    ]);

    const again = await importSqliteData(dir, postgresDatabase(url));
    expect(again).toMatchObject({
      tickets: 0,
      alreadyThere: 4,
      attachments: 0,
      forwardEvents: 0,
      alerts: 0,
      drafts: 0,
      feedback: 0,
      searchGaps: 0,
    });
    expect((await store.listTickets()).length).toBe(4);
    expect((await feedback.tally())[0]).toMatchObject({
      helpful: 1,
      notHelpful: 1,
    });
    expect((await gaps.top(period))[0]).toMatchObject({
      query: "vat number",
      count: 2,
    });
  });

  test("npm run tickets -- import says what it copied and what comes next; without DATABASE_URL or a data folder it says what is missing", async () => {
    const dir = await usedDataFolder();
    const url = freshPostgresUrl();
    const env = { PATH: process.env.PATH, DATABASE_URL: url, KB_DATA_DIR: dir };
    const done = await runTicketsCommand(env, ["import"]);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Copying ${dir} into PostgreSQL`);
    expect(done.stdout).toContain("Copied 4 tickets (1 waiting to be sent, 1 refused by the helpdesk, 1 suspended) with 1 file");
    expect(done.stdout).toContain("the first to look sends the 1 waiting ticket");
    expect(done.stdout).not.toContain(new URL(url).password || "\u0000");
    const listed = await runTicketsCommand({ PATH: process.env.PATH, DATABASE_URL: url }, ["--pending"]);
    expect(listed.stdout).toContain("PX-WAIT-0002");

    const noDatabase = await runTicketsCommand({ PATH: process.env.PATH, KB_DATA_DIR: dir }, ["import"]);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain("run it with the DATABASE_URL of the database to copy into");
    const empty = tempDir("kb-import-empty-");
    const noFolder = await runTicketsCommand({ PATH: process.env.PATH, DATABASE_URL: freshPostgresUrl() }, ["import", empty]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain(`Nothing was copied: There is no tickets.sqlite in ${empty}`);
  });
});
