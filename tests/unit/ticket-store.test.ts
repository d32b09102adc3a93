import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, test } from "vitest";
import { createTicketHandler } from "../../src/helpdesk/handler.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { openPostgresStore } from "../../src/helpdesk/store/postgres.ts";
import { openSqliteStore, type SqliteTicketStore } from "../../src/helpdesk/store/sqlite.ts";
import { SCHEMA_VERSION } from "../../src/helpdesk/store/sqlite-migrations.ts";
import type { TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { openStoreInThread } from "../../src/server/store-thread.ts";
import { freshPostgresUrl, postgresUrl } from "../postgres.ts";
import { PLAIN_HANDLER_CONFIG, RECEIVED_AT, ticketRecord } from "../sample-ticket.ts";
import { tempDir as newTempDir } from "../temp-dir.ts";

const tempDir = () => newTempDir("kb-store-");

const T0 = RECEIVED_AT;
const MB = 1024 * 1024;

/** What the database takes on disk: the file and its write-ahead log, if any. */
function databaseBytes(dir: string): number {
  return ["tickets.sqlite", "tickets.sqlite-wal"]
    .map((name) => join(dir, name))
    .reduce((sum, path) => sum + (existsSync(path) ? statSync(path).size : 0), 0);
}
const at = (ms: number) => new Date(T0.getTime() + ms);

const record = ticketRecord;

const stores: [string, () => TicketStore][] = [
  ["memory", () => new MemoryTicketStore()],
  ["sqlite", () => openSqliteStore(tempDir())],
  // How the Node server runs it: every method through the worker-thread proxy.
  [
    "sqlite in a worker thread",
    () => openStoreInThread<SqliteTicketStore>(new URL("../../src/helpdesk/store/sqlite.ts", import.meta.url), "openSqliteStore", [tempDir()]),
  ],
  // Each test in a new schema of the test server; skipped, with the rest of the PostgreSQL tests, without one.
  ...(postgresUrl ? [["postgres", () => openPostgresStore(freshPostgresUrl())] as [string, () => TicketStore]] : []),
];

describe.each(stores)("the %s store", (_name, open) => {
  test("saves a ticket with its attachments and reads it back, pending and due at once", async () => {
    const store = open();
    const bytes = new Uint8Array([137, 80, 78, 71]);
    await store.saveTicket({
      ticket: record("PX-AAAA-AAAA", { attachments: [{ name: "a.png", type: "image/png", size: 4 }] }),
      attachments: [{ name: "a.png", type: "image/png", size: 4, bytes }],
      idempotency: null,
    });
    expect(await store.getTicket("PX-AAAA-AAAA")).toMatchObject({
      reference: "PX-AAAA-AAAA",
      workspaceUrl: "https://chat.example.com",
      version: null,
      attachments: [{ name: "a.png", type: "image/png", size: 4 }],
      forward: { status: "pending", attempts: 0, nextAttemptAt: T0.toISOString(), lastError: null, externalId: null },
    });
    expect((await store.getAttachments("PX-AAAA-AAAA"))[0]?.bytes).toEqual(bytes);
    expect((await store.dueForForwarding(T0, 10)).map((t) => t.reference)).toEqual(["PX-AAAA-AAAA"]);
    expect(await store.getTicket("PX-NOPE-NOPE")).toBeNull();
    store.close();
  });

  test("an idempotency key already used returns the first record instead of saving again", async () => {
    const store = open();
    const idempotency = { key: "k-1", bodyHash: "h1", response: '{"reference":"PX-AAAA-AAAA"}' };
    expect(await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency })).toEqual({ saved: true });
    const again = await store.saveTicket({ ticket: record("PX-BBBB-BBBB"), attachments: [], idempotency: { ...idempotency, bodyHash: "h2" } });
    expect(again).toEqual({ saved: false, existing: { ...idempotency, reference: "PX-AAAA-AAAA" } });
    expect(await store.getTicket("PX-BBBB-BBBB")).toBeNull();
    expect(await store.findIdempotency("k-1")).toMatchObject({ bodyHash: "h1", reference: "PX-AAAA-AAAA" });
    store.close();
  });

  test("only one worker can hold a ticket while its lease lasts", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    expect(await store.claimForForwarding("PX-AAAA-AAAA", T0, 60_000)).toBe(true);
    expect(await store.claimForForwarding("PX-AAAA-AAAA", at(1_000), 60_000)).toBe(false);
    expect(await store.dueForForwarding(at(1_000), 10)).toEqual([]);
    // A worker that died mid-send lets go when its lease runs out.
    expect((await store.dueForForwarding(at(60_000), 10)).length).toBe(1);
    expect(await store.claimForForwarding("PX-AAAA-AAAA", at(60_000), 60_000)).toBe(true);
    store.close();
  });

  test("retry, failure, requeue and sent move the ticket through forwarding; a sent ticket is never due again", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    await store.markRetry("PX-AAAA-AAAA", { target: "zendesk", attempts: 1, nextAttemptAt: at(10_000), lastError: "503", at: at(0) });
    expect(await store.dueForForwarding(at(9_999), 10)).toEqual([]);
    expect((await store.nextForwardAt())?.toISOString()).toBe(at(10_000).toISOString());
    expect((await store.listTickets({ status: "pending" }))[0]?.forward).toMatchObject({ attempts: 1, lastError: "503", target: "zendesk" });

    await store.markFailed("PX-AAAA-AAAA", { target: "zendesk", attempts: 2, lastError: "422 bad email", at: at(11_000) });
    expect(await store.dueForForwarding(at(60_000), 10)).toEqual([]);
    expect(await store.nextForwardAt()).toBeNull();
    expect((await store.listTickets({ status: "failed" })).map((t) => t.forward.lastError)).toEqual(["422 bad email"]);

    expect(await store.requeue("PX-AAAA-AAAA", at(70_000))).toBe(true);
    expect((await store.dueForForwarding(at(70_000), 10))[0]?.forward).toMatchObject({ status: "pending", attempts: 0 });

    await store.markSent("PX-AAAA-AAAA", { target: "zendesk", attempts: 1, externalId: "123", at: at(71_000) });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward).toMatchObject({
      status: "sent",
      externalId: "123",
      lastError: null,
      sentAt: at(71_000).toISOString(),
    });
    expect(await store.requeue("PX-AAAA-AAAA", at(80_000))).toBe(false);
    await store.markRetry("PX-AAAA-AAAA", { target: "zendesk", attempts: 9, nextAttemptAt: at(0), lastError: "late", at: at(90_000) });
    await store.markFailed("PX-AAAA-AAAA", { target: "zendesk", attempts: 9, lastError: "late", at: at(90_000) });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward.status).toBe("sent");
    expect(await store.dueForForwarding(at(1e9), 10)).toEqual([]);

    // Every attempt and the staff's requeue are in the history, oldest first; the late calls changed nothing.
    expect(await store.forwardHistory("PX-AAAA-AAAA")).toEqual([
      { at: at(0).toISOString(), kind: "retry", target: "zendesk", attempt: 1, detail: "503" },
      { at: at(11_000).toISOString(), kind: "failed", target: "zendesk", attempt: 2, detail: "422 bad email" },
      { at: at(70_000).toISOString(), kind: "requeued", target: null, attempt: 0, detail: null },
      { at: at(71_000).toISOString(), kind: "sent", target: "zendesk", attempt: 1, detail: "123" },
    ]);
    store.close();
  });

  test("a suspended ticket is kept with its files and reason, never due, and listed apart", async () => {
    const store = open();
    const bytes = new Uint8Array([1, 2, 3]);
    await store.saveTicket({
      ticket: record("PX-SSSS-SSSS", { attachments: [{ name: "x.log", type: "text/plain", size: 3 }] }),
      attachments: [{ name: "x.log", type: "text/plain", size: 3, bytes }],
      idempotency: { key: "k-s", bodyHash: "h", response: "{}" },
      suspendedBecause: "honeypot: the hidden website field was filled in",
    });
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    expect(await store.getTicket("PX-SSSS-SSSS")).toMatchObject({
      forward: { status: "suspended", attempts: 0, nextAttemptAt: null },
      suspension: { reason: "honeypot: the hidden website field was filled in", at: T0.toISOString(), releasedAt: null },
    });
    expect((await store.getAttachments("PX-SSSS-SSSS"))[0]?.bytes).toEqual(bytes);
    expect(await store.findIdempotency("k-s")).toMatchObject({ reference: "PX-SSSS-SSSS" });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.suspension).toBeNull();

    expect((await store.dueForForwarding(at(1e9), 10)).map((t) => t.reference)).toEqual(["PX-AAAA-AAAA"]);
    expect(await store.claimForForwarding("PX-SSSS-SSSS", at(1e9), 1_000)).toBe(false);
    expect((await store.listTickets({ status: "suspended" })).map((t) => t.reference)).toEqual(["PX-SSSS-SSSS"]);
    expect((await store.listTickets({ status: "pending" })).map((t) => t.reference)).toEqual(["PX-AAAA-AAAA"]);

    // Only release moves it; a retry or a late forwarding result leaves it alone.
    expect(await store.requeue("PX-SSSS-SSSS", at(1_000))).toBe(false);
    await store.markSent("PX-SSSS-SSSS", { target: "zendesk", attempts: 1, externalId: "1", at: at(1_000) });
    await store.markFailed("PX-SSSS-SSSS", { target: "zendesk", attempts: 1, lastError: "x", at: at(1_000) });
    expect((await store.getTicket("PX-SSSS-SSSS"))?.forward.status).toBe("suspended");
    expect(await store.forwardHistory("PX-SSSS-SSSS")).toEqual([]);
    store.close();
  });

  test("a suspended ticket gives the outbox no next forward time", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "time trap" });
    expect(await store.nextForwardAt()).toBeNull();
    store.close();
  });

  test("releasing a suspended ticket queues it due now, records it, and keeps why it was suspended", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "time trap" });
    expect(await store.releaseSuspended("PX-SSSS-SSSS", at(5_000))).toBe(true);
    const released = await store.getTicket("PX-SSSS-SSSS");
    expect(released?.forward).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: at(5_000).toISOString() });
    expect(released?.suspension).toEqual({ reason: "time trap", at: T0.toISOString(), releasedAt: at(5_000).toISOString() });
    expect((await store.dueForForwarding(at(5_000), 10)).map((t) => t.reference)).toEqual(["PX-SSSS-SSSS"]);
    expect((await store.nextForwardAt())?.toISOString()).toBe(at(5_000).toISOString());
    expect(await store.forwardHistory("PX-SSSS-SSSS")).toEqual([
      { at: at(5_000).toISOString(), kind: "released", target: null, attempt: 0, detail: null },
    ]);
    // Released once; a second release, or releasing a ticket that was never suspended, does nothing.
    expect(await store.releaseSuspended("PX-SSSS-SSSS", at(6_000))).toBe(false);
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    expect(await store.releaseSuspended("PX-AAAA-AAAA", at(6_000))).toBe(false);
    expect(await store.releaseSuspended("PX-NOPE-NOPE", at(6_000))).toBe(false);
    store.close();
  });

  test("deleting a ticket removes its files, idempotency key and history", async () => {
    const store = open();
    await store.saveTicket({
      ticket: record("PX-SSSS-SSSS"),
      attachments: [{ name: "x.log", type: "text/plain", size: 1, bytes: new Uint8Array([1]) }],
      idempotency: { key: "k-d", bodyHash: "h", response: "{}" },
      suspendedBecause: "honeypot",
    });
    await store.releaseSuspended("PX-SSSS-SSSS", at(1_000));
    expect(await store.deleteTicket("PX-SSSS-SSSS")).toBe(true);
    expect(await store.getTicket("PX-SSSS-SSSS")).toBeNull();
    expect(await store.getAttachments("PX-SSSS-SSSS")).toEqual([]);
    expect(await store.findIdempotency("k-d")).toBeNull();
    expect(await store.forwardHistory("PX-SSSS-SSSS")).toEqual([]);
    expect(await store.deleteTicket("PX-SSSS-SSSS")).toBe(false);
    // The key is free again: the same form sent later makes a new ticket.
    const again = await store.saveTicket({ ticket: record("PX-BBBB-BBBB"), attachments: [], idempotency: { key: "k-d", bodyHash: "h", response: "{}" } });
    expect(again).toEqual({ saved: true });
    store.close();
  });

  test("expiry removes only tickets still suspended from before the cutoff", async () => {
    const store = open();
    const day = 24 * 60 * 60 * 1000;
    await store.saveTicket({ ticket: record("PX-OLD2-OLD2"), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    await store.saveTicket({ ticket: record("PX-NEW2-NEW2", { createdAt: at(10 * day).toISOString() }), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    await store.saveTicket({ ticket: record("PX-KEPT-KEPT"), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    await store.releaseSuspended("PX-KEPT-KEPT", at(day));
    await store.saveTicket({ ticket: record("PX-REAL-REAL"), attachments: [], idempotency: null });

    expect(await store.deleteSuspendedBefore(at(5 * day))).toBe(1);
    expect((await store.listTickets()).map((t) => t.reference).sort()).toEqual(["PX-KEPT-KEPT", "PX-NEW2-NEW2", "PX-REAL-REAL"]);
    expect(await store.deleteSuspendedBefore(at(5 * day))).toBe(0);
    store.close();
  });

  test("keeps the first-response target the due time was computed from, or none", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-BBBB-BBBB", { firstResponseTarget: null, firstResponseDueAt: null }), attachments: [], idempotency: null });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.firstResponseTarget).toEqual({ minutes: 720, clock: "business-hours" });
    expect((await store.getTicket("PX-BBBB-BBBB"))?.firstResponseTarget).toBeNull();
    store.close();
  });

  test("lists tickets newest first", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-BBBB-BBBB", { createdAt: at(1_000).toISOString() }), attachments: [], idempotency: null });
    expect((await store.listTickets()).map((t) => t.reference)).toEqual(["PX-BBBB-BBBB", "PX-AAAA-AAAA"]);
    store.close();
  });

  test("drafts are readable until they expire, and expired ones are removed", async () => {
    const store = open();
    const draft = { token: "tok", values: { name: "Ana" }, errors: { email: "Enter an email" }, expiresAt: at(60_000).toISOString() };
    await store.saveDraft(draft, T0, { maxDrafts: 10 });
    expect(await store.readDraft("tok", at(59_999))).toEqual(draft);
    expect(await store.readDraft("tok", at(60_000))).toBeNull();
    await store.saveDraft({ ...draft, token: "tok2", expiresAt: at(120_000).toISOString() }, at(61_000), { maxDrafts: 10 });
    expect(await store.readDraft("tok", T0)).toBeNull();
    store.close();
  });

  const HIGH_NEW = { rule: "high-priority", kind: "new", destination: "support-team" } as const;
  const key = (reference: string, alert: { rule: string; kind: "new" | "warning" | "breach" } = HIGH_NEW) => ({
    reference,
    rule: alert.rule,
    kind: alert.kind,
  });

  test("a ticket's alerts are queued with it, due when it arrived, and a suspended ticket's are not queued at all", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "honeypot", alerts: [HIGH_NEW] });
    expect(await store.listAlerts()).toEqual([
      {
        reference: "PX-AAAA-AAAA",
        rule: "high-priority",
        kind: "new",
        destination: "support-team",
        status: "pending",
        attempts: 0,
        createdAt: T0.toISOString(),
        nextAttemptAt: T0.toISOString(),
        lastError: null,
        deliveredAt: null,
      },
    ]);
    expect((await store.dueAlerts(T0, 10)).map((a) => a.reference)).toEqual(["PX-AAAA-AAAA"]);
    expect((await store.nextAlertAt())?.toISOString()).toBe(T0.toISOString());
    // Queuing for a suspended ticket later does nothing either, nor for one that does not exist.
    expect(await store.enqueueAlerts("PX-SSSS-SSSS", [HIGH_NEW], at(1_000))).toBe(0);
    expect(await store.enqueueAlerts("PX-NOPE-NOPE", [HIGH_NEW], at(1_000))).toBe(0);
    expect(await store.listAlerts({ references: ["PX-SSSS-SSSS"] })).toEqual([]);
    store.close();
  });

  test("releasing a suspended ticket queues its alerts in the same step, due at release", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "time trap" });
    expect(await store.releaseSuspended("PX-SSSS-SSSS", at(5_000), [HIGH_NEW])).toBe(true);
    expect(await store.listAlerts({ references: ["PX-SSSS-SSSS"] })).toMatchObject([
      { kind: "new", status: "pending", createdAt: at(5_000).toISOString(), nextAttemptAt: at(5_000).toISOString() },
    ]);
    // A release that does nothing queues nothing.
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    expect(await store.releaseSuspended("PX-AAAA-AAAA", at(6_000), [HIGH_NEW])).toBe(false);
    expect(await store.listAlerts({ references: ["PX-AAAA-AAAA"] })).toEqual([]);
    store.close();
  });

  test("an alert is queued at most once per ticket, rule and kind, whatever state the first one is in", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    expect(await store.enqueueAlerts("PX-AAAA-AAAA", [HIGH_NEW], at(1_000))).toBe(0);
    await store.markAlertSent(key("PX-AAAA-AAAA"), { attempts: 1, at: at(2_000) });
    expect(await store.enqueueAlerts("PX-AAAA-AAAA", [HIGH_NEW], at(3_000))).toBe(0);
    const warning = { rule: "high-priority", kind: "warning", destination: "support-team" } as const;
    const other = { rule: "premium-breaches", kind: "warning", destination: "customer-success" } as const;
    expect(await store.enqueueAlerts("PX-AAAA-AAAA", [warning, other, warning], at(4_000))).toBe(2);
    expect((await store.listAlerts()).map((a) => `${a.rule}/${a.kind}/${a.status}`)).toEqual([
      "high-priority/new/sent",
      "high-priority/warning/pending",
      "premium-breaches/warning/pending",
    ]);
    store.close();
  });

  test("alerts move through retry, rate-limit deferral, sending and failure; only pending ones are due", async () => {
    const store = open();
    const breach = { rule: "high-priority", kind: "breach", destination: "support-team" } as const;
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW, breach] });
    await store.markAlertRetry(key("PX-AAAA-AAAA"), { attempts: 1, nextAttemptAt: at(10_000), lastError: "Rocket.Chat answered 502" });
    expect((await store.dueAlerts(at(9_999), 10)).map((a) => a.kind)).toEqual(["breach"]);
    await store.deferAlert(key("PX-AAAA-AAAA", breach), at(20_000));
    expect((await store.nextAlertAt())?.toISOString()).toBe(at(10_000).toISOString());
    expect((await store.dueAlerts(at(10_000), 10)).map((a) => a.kind)).toEqual(["new"]);
    expect((await store.listAlerts())[1]).toMatchObject({ kind: "breach", attempts: 0, nextAttemptAt: at(20_000).toISOString() });

    await store.markAlertSent(key("PX-AAAA-AAAA"), { attempts: 2, at: at(10_500) });
    await store.markAlertFailed(key("PX-AAAA-AAAA", breach), { attempts: 1, lastError: "Rocket.Chat answered 404: Invalid integration id or token provided." });
    expect(await store.listAlerts()).toMatchObject([
      { kind: "new", status: "sent", attempts: 2, deliveredAt: at(10_500).toISOString(), lastError: null, nextAttemptAt: null },
      { kind: "breach", status: "failed", attempts: 1, lastError: "Rocket.Chat answered 404: Invalid integration id or token provided.", deliveredAt: null },
    ]);
    expect(await store.dueAlerts(at(1e9), 10)).toEqual([]);
    expect(await store.nextAlertAt()).toBeNull();
    // A final state stays final: a late retry, deferral or skip changes nothing.
    await store.markAlertRetry(key("PX-AAAA-AAAA", breach), { attempts: 5, nextAttemptAt: at(0), lastError: "late" });
    await store.deferAlert(key("PX-AAAA-AAAA", breach), at(0));
    await store.markAlertSkipped(key("PX-AAAA-AAAA"), "late");
    expect((await store.listAlerts()).map((a) => a.status)).toEqual(["sent", "failed"]);
    store.close();
  });

  test("a skipped alert keeps its reason and is never due again", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    await store.markAlertSkipped(key("PX-AAAA-AAAA"), "support-team is off: ALERT_WEBHOOK_SUPPORT_TEAM is not set");
    expect((await store.listAlerts())[0]).toMatchObject({ status: "skipped", lastError: "support-team is off: ALERT_WEBHOOK_SUPPORT_TEAM is not set", attempts: 0 });
    expect(await store.dueAlerts(at(1e9), 10)).toEqual([]);
    store.close();
  });

  test("a failed or skipped alert can be queued again, due at once with its attempts from nothing; a pending or sent one cannot", async () => {
    const store = open();
    const breach = { rule: "high-priority", kind: "breach", destination: "support-team" } as const;
    const warning = { rule: "high-priority", kind: "warning", destination: "support-team" } as const;
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW, breach, warning] });
    await store.markAlertFailed(key("PX-AAAA-AAAA"), { attempts: 3, lastError: "Slack answered 404: no_service" });
    await store.markAlertSkipped(key("PX-AAAA-AAAA", breach), "support-team is off: ALERT_WEBHOOK_SUPPORT_TEAM is not set");
    expect(await store.dueAlerts(at(1e9), 10)).toMatchObject([{ kind: "warning" }]);

    expect(await store.resendAlert(key("PX-AAAA-AAAA"), at(50_000))).toBe(true);
    expect(await store.resendAlert(key("PX-AAAA-AAAA", breach), at(50_000))).toBe(true);
    expect(await store.resendAlert(key("PX-AAAA-AAAA", warning), at(50_000))).toBe(false);
    expect(await store.resendAlert(key("PX-NOPE-NOPE"), at(50_000))).toBe(false);
    const resent = { status: "pending", attempts: 0, lastError: null, nextAttemptAt: at(50_000).toISOString() };
    expect(await store.listAlerts()).toMatchObject([resent, resent, { kind: "warning", nextAttemptAt: T0.toISOString() }]);
    expect((await store.dueAlerts(at(50_000), 10)).map((a) => a.kind).sort()).toEqual(["breach", "new", "warning"]);
    expect(await store.claimAlert(key("PX-AAAA-AAAA"), at(50_000), 30_000)).toBe(true);
    await store.markAlertSent(key("PX-AAAA-AAAA"), { attempts: 1, at: at(51_000) });
    expect(await store.resendAlert(key("PX-AAAA-AAAA"), at(60_000))).toBe(false);
    store.close();
  });

  test("only one worker holds an alert while its lease lasts", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    expect(await store.claimAlert(key("PX-AAAA-AAAA"), T0, 30_000)).toBe(true);
    expect(await store.claimAlert(key("PX-AAAA-AAAA"), at(1_000), 30_000)).toBe(false);
    expect(await store.dueAlerts(at(1_000), 10)).toEqual([]);
    expect((await store.nextAlertAt())?.toISOString()).toBe(at(30_000).toISOString());
    expect(await store.claimAlert(key("PX-AAAA-AAAA"), at(30_000), 30_000)).toBe(true);
    await store.markAlertSent(key("PX-AAAA-AAAA"), { attempts: 1, at: at(31_000) });
    expect(await store.claimAlert(key("PX-AAAA-AAAA"), at(1e9), 30_000)).toBe(false);
    store.close();
  });

  test("a ticket's alerts are deleted with it", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    await store.saveTicket({ ticket: record("PX-BBBB-BBBB"), attachments: [], idempotency: null, alerts: [HIGH_NEW] });
    expect(await store.deleteTicket("PX-AAAA-AAAA")).toBe(true);
    expect((await store.listAlerts()).map((a) => a.reference)).toEqual(["PX-BBBB-BBBB"]);
    expect(await store.listAlerts({ references: [] })).toEqual([]);
    store.close();
  });

  test("tickets awaiting a first response: due no earlier than asked, soonest first, until answered; the first answer stays", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-LATE-LATE", { firstResponseDueAt: at(3_000).toISOString() }), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-SOON-SOON", { firstResponseDueAt: at(2_000).toISOString() }), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-PAST-PAST", { firstResponseDueAt: at(-5_000).toISOString() }), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-NONE-NONE", { firstResponseTarget: null, firstResponseDueAt: null }), attachments: [], idempotency: null });
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    expect((await store.ticketsAwaitingResponse(T0, 10)).map((t) => t.reference)).toEqual(["PX-SOON-SOON", "PX-LATE-LATE"]);
    expect((await store.ticketsAwaitingResponse(T0, 1)).map((t) => t.reference)).toEqual(["PX-SOON-SOON"]);

    expect(await store.markResponded("PX-SOON-SOON", { at: at(1_000).toISOString(), source: "staff" })).toBe(true);
    expect(await store.markResponded("PX-SOON-SOON", { at: at(1_500).toISOString(), source: "zendesk" })).toBe(false);
    expect(await store.markResponded("PX-NOPE-NOPE", { at: at(1_500).toISOString(), source: "staff" })).toBe(false);
    expect((await store.getTicket("PX-SOON-SOON"))?.firstResponse).toEqual({ at: at(1_000).toISOString(), source: "staff" });
    expect((await store.getTicket("PX-LATE-LATE"))?.firstResponse).toBeNull();
    expect((await store.ticketsAwaitingResponse(T0, 10)).map((t) => t.reference)).toEqual(["PX-LATE-LATE"]);
    store.close();
  });

  test("the helpdesk's link to a sent ticket is kept", async () => {
    const store = open();
    await store.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    await store.markSent("PX-AAAA-AAAA", { target: "zendesk", attempts: 1, externalId: "123", externalUrl: "https://acme.zendesk.com/agent/tickets/123", at: at(1_000) });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward).toMatchObject({ externalId: "123", externalUrl: "https://acme.zendesk.com/agent/tickets/123" });
    store.close();
  });

  test("keeps at most maxDrafts drafts: those that would expire first go first, and the new one always stays", async () => {
    const store = open();
    const draft = (token: string, expiresInMs: number) => ({ token, values: { name: token }, errors: {}, expiresAt: at(expiresInMs).toISOString() });
    for (let i = 0; i < 5; i++) await store.saveDraft(draft(`t${i}`, 60_000 + i), T0, { maxDrafts: 3 });
    const kept = async (...tokens: string[]) =>
      Promise.all(tokens.map(async (t) => ((await store.readDraft(t, T0)) === null ? null : t)));
    expect(await kept("t0", "t1", "t2", "t3", "t4")).toEqual([null, null, "t2", "t3", "t4"]);
    await store.saveDraft(draft("soonest", 30_000), T0, { maxDrafts: 3 });
    expect(await kept("soonest", "t2", "t3", "t4")).toEqual(["soonest", null, "t3", "t4"]);
    store.close();
  });
});

describe("the SQLite store on disk", () => {
  test("creates its folder, uses WAL, and keeps everything after it is closed and reopened", async () => {
    const dir = join(tempDir(), "nested", "data");
    const store = openSqliteStore(dir);
    expect(existsSync(join(dir, "tickets.sqlite"))).toBe(true);
    await store.saveTicket({
      ticket: record("PX-AAAA-AAAA"),
      attachments: [{ name: "x.log", type: "text/plain", size: 3, bytes: new Uint8Array([1, 2, 3]) }],
      idempotency: { key: "k", bodyHash: "h", response: "{}" },
    });
    await store.saveDraft({ token: "t", values: {}, errors: {}, expiresAt: at(60_000).toISOString() }, T0, { maxDrafts: 10 });
    const before = await store.getTicket("PX-AAAA-AAAA");
    store.close();

    const reopened = openSqliteStore(dir);
    expect(await reopened.getTicket("PX-AAAA-AAAA")).toEqual(before);
    expect((await reopened.getAttachments("PX-AAAA-AAAA"))[0]?.bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(await reopened.findIdempotency("k")).not.toBeNull();
    expect(await reopened.readDraft("t", T0)).not.toBeNull();
    reopened.close();

    const raw = new DatabaseSync(join(dir, "tickets.sqlite"));
    expect(raw.prepare("PRAGMA journal_mode").get()?.journal_mode).toBe("wal");
    raw.close();
  });

  test("a ticket is committed before the endpoint answers: another connection sees it right away", async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const handler = createTicketHandler({
      store,
      supportData: loadSupportData(),
      config: PLAIN_HANDLER_CONFIG,
    });
    const response = await handler(
      new Request("http://127.0.0.1/api/tickets", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          name: "Ana",
          email: "ana@example.com",
          subject: "Sign-in fails",
          description: "Every sign-in fails with a blank page.",
          plan: "pro",
          productArea: "sign-in",
        }),
      }),
    );
    const { reference } = await response.json();
    const other = new DatabaseSync(join(dir, "tickets.sqlite"), { readOnly: true });
    expect(other.prepare("SELECT forward_status FROM tickets WHERE reference = ?").get(reference)).toEqual({
      forward_status: "pending",
    });
    other.close();
    store.close();
  });

  test("a tickets.sqlite from schema version 1 is upgraded on opening and keeps every ticket, file, key and draft", async () => {
    const dir = tempDir();
    const file = join(dir, "tickets.sqlite");
    const old = new DatabaseSync(file);
    old.exec(SCHEMA_VERSION_1);
    const insert = old.prepare(
      `INSERT INTO tickets (reference, created_at, channel, name, email, subject, description, priority, plan, product_area,
         department, tier, first_response_due_at, attachments, forward_status, forward_target, attempts, next_attempt_at, last_error)
       VALUES (?, ?, 'Web', 'Ana', 'ana@example.com', ?, 'Every sign-in fails.', 'High', 'enterprise', 'sign-in',
         'paid-support', 'standard', '2025-07-15T13:00:00.000Z', ?, ?, 'zendesk', ?, ?, ?)`,
    );
    insert.run("PX-AAAA-AAAA", T0.toISOString(), "First", '[{"name":"a.log","type":"text/plain","size":2}]', "failed", 2, null, "422 bad email");
    insert.run("PX-BBBB-BBBB", at(1_000).toISOString(), "Second", "[]", "pending", 1, at(60_000).getTime(), "503");
    old.prepare("INSERT INTO attachments VALUES ('PX-AAAA-AAAA', 0, 'a.log', 'text/plain', 2, ?)").run(new Uint8Array([104, 105]));
    old.prepare("INSERT INTO idempotency_keys VALUES ('k-1', 'h', 'PX-AAAA-AAAA', '{}')").run();
    old.prepare("INSERT INTO drafts VALUES ('t', '{}', '{}', ?)").run(at(60_000).getTime());
    old.exec("PRAGMA user_version = 1");
    old.close();

    const store = openSqliteStore(dir);
    expect((await store.listTickets()).map((t) => t.reference)).toEqual(["PX-BBBB-BBBB", "PX-AAAA-AAAA"]);
    expect(await store.getTicket("PX-AAAA-AAAA")).toMatchObject({
      subject: "First",
      firstResponseTarget: null,
      firstResponseDueAt: "2025-07-15T13:00:00.000Z",
      attachments: [{ name: "a.log", type: "text/plain", size: 2 }],
      forward: { status: "failed", target: "zendesk", attempts: 2, lastError: "422 bad email" },
      suspension: null,
    });
    expect((await store.getAttachments("PX-AAAA-AAAA"))[0]?.bytes).toEqual(new Uint8Array([104, 105]));
    expect(await store.findIdempotency("k-1")).toMatchObject({ reference: "PX-AAAA-AAAA" });
    expect(await store.readDraft("t", T0)).not.toBeNull();
    expect((await store.nextForwardAt())?.toISOString()).toBe(at(60_000).toISOString());
    // The new schema works on the upgraded file: suspend, release, history, and cascading deletes.
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    expect(await store.releaseSuspended("PX-SSSS-SSSS", at(2_000))).toBe(true);
    expect(await store.requeue("PX-AAAA-AAAA", at(3_000))).toBe(true);
    expect((await store.forwardHistory("PX-AAAA-AAAA")).map((e) => e.kind)).toEqual(["requeued"]);
    // Old tickets have not been answered as far as anyone recorded, and can be alerted about.
    expect((await store.getTicket("PX-BBBB-BBBB"))?.firstResponse).toBeNull();
    expect(await store.enqueueAlerts("PX-AAAA-AAAA", [{ rule: "r", kind: "breach", destination: "d" }], at(3_000))).toBe(1);
    expect(await store.deleteTicket("PX-AAAA-AAAA")).toBe(true);
    store.close();

    const raw = new DatabaseSync(file);
    expect(raw.prepare("PRAGMA user_version").get()?.user_version).toBe(SCHEMA_VERSION);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM attachments").get()?.n).toBe(0);
    expect(raw.prepare("SELECT COUNT(*) AS n FROM alerts").get()?.n).toBe(0);
    expect(raw.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    raw.close();
    // Opening again changes nothing.
    const reopened = openSqliteStore(dir);
    expect((await reopened.listTickets()).map((t) => t.reference)).toEqual(["PX-BBBB-BBBB", "PX-SSSS-SSSS"]);
    reopened.close();
  });

  test("a tickets.sqlite from a newer version is refused with a message naming the file, and left as it was", () => {
    const dir = tempDir();
    const file = join(dir, "tickets.sqlite");
    const newer = new DatabaseSync(file);
    newer.exec("CREATE TABLE future (x); PRAGMA user_version = 99");
    newer.close();
    expect(() => openSqliteStore(dir)).toThrow(`${file} was written by a newer version of the help center (schema 99`);
    const raw = new DatabaseSync(file);
    expect(raw.prepare("PRAGMA user_version").get()?.user_version).toBe(99);
    raw.close();
  });

  test("expired drafts give their space back: the file shrinks instead of staying at its largest", async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    // 24 drafts of 256 KB, saved straight into the store (the endpoint keeps drafts far smaller).
    const large = "x".repeat(256 * 1024);
    for (let i = 0; i < 24; i++) {
      await store.saveDraft({ token: `t${i}`, values: { description: large }, errors: {}, expiresAt: at(60_000).toISOString() }, T0, { maxDrafts: 100 });
    }
    store.close();
    const full = databaseBytes(dir);
    expect(full).toBeGreaterThan(6 * MB);

    const later = openSqliteStore(dir);
    await later.saveDraft({ token: "new", values: { name: "Ana" }, errors: {}, expiresAt: at(180_000).toISOString() }, at(61_000), { maxDrafts: 100 });
    expect(await later.readDraft("new", at(61_000))).not.toBeNull();
    later.close();
    expect(databaseBytes(dir)).toBeLessThan(MB);
  });

  test("removing suspended tickets gives their files' space back", async () => {
    const dir = tempDir();
    const store = openSqliteStore(dir);
    const bytes = new Uint8Array(4 * MB).fill(7);
    for (const reference of ["PX-AAAA-AAAA", "PX-BBBB-BBBB"]) {
      await store.saveTicket({
        ticket: record(reference, { attachments: [{ name: "dump.zip", type: "application/zip", size: bytes.length }] }),
        attachments: [{ name: "dump.zip", type: "application/zip", size: bytes.length, bytes }],
        idempotency: null,
        suspendedBecause: "honeypot",
      });
    }
    store.close();
    expect(databaseBytes(dir)).toBeGreaterThan(8 * MB);

    const later = openSqliteStore(dir);
    expect(await later.deleteSuspendedBefore(at(1_000))).toBe(2);
    later.close();
    expect(databaseBytes(dir)).toBeLessThan(MB);
  });

  test("a file from before space was given back is compacted once when opened, keeping everything in it", async () => {
    const dir = tempDir();
    const file = join(dir, "tickets.sqlite");
    const old = new DatabaseSync(file);
    old.exec("PRAGMA journal_mode = WAL");
    old.exec(SCHEMA_VERSION_1);
    old.exec("PRAGMA user_version = 1");
    const insert = old.prepare("INSERT INTO drafts VALUES (?, ?, '{}', ?)");
    for (let i = 0; i < 24; i++) insert.run(`old-${i}`, JSON.stringify({ description: "x".repeat(256 * 1024) }), at(60_000).getTime());
    insert.run("kept", JSON.stringify({ name: "Ana" }), at(600_000).getTime());
    old.exec("DELETE FROM drafts WHERE token LIKE 'old-%'");
    old.close();
    expect(databaseBytes(dir)).toBeGreaterThan(6 * MB);

    const store = openSqliteStore(dir);
    expect((await store.readDraft("kept", T0))?.values).toEqual({ name: "Ana" });
    store.close();
    expect(databaseBytes(dir)).toBeLessThan(MB);
    const raw = new DatabaseSync(file);
    expect(raw.prepare("PRAGMA auto_vacuum").get()?.auto_vacuum).toBe(2);
    raw.close();
  });

  test("an unwritable data folder fails with a message naming KB_DATA_DIR", () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "x");
    expect(() => openSqliteStore(join(file, "data"))).toThrow(/set KB_DATA_DIR to a writable folder/);
  });
});

/** The schema as version 1 shipped it (the old SqliteTicketStore's CREATE statements), to test upgrades from. */
const SCHEMA_VERSION_1 = `
CREATE TABLE IF NOT EXISTS tickets (
  reference TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL,
  plan TEXT NOT NULL,
  product_area TEXT NOT NULL,
  workspace_url TEXT,
  version TEXT,
  department TEXT NOT NULL,
  tier TEXT NOT NULL,
  first_response_due_at TEXT,
  idempotency_key TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  forward_status TEXT NOT NULL DEFAULT 'pending' CHECK (forward_status IN ('pending', 'sent', 'failed')),
  forward_target TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_error TEXT,
  external_id TEXT,
  sent_at TEXT
);
CREATE INDEX IF NOT EXISTS tickets_forwarding ON tickets (forward_status, next_attempt_at);
CREATE TABLE IF NOT EXISTS attachments (
  ticket_reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (ticket_reference, position)
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  response TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
  token TEXT PRIMARY KEY,
  values_json TEXT NOT NULL,
  errors_json TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;
