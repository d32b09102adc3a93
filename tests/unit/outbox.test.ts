import { describe, expect, test, vi } from "vitest";
import { ForwardError, type Forwarder, type OutgoingTicket } from "../../src/helpdesk/forwarders/forwarder.ts";
import { backoffMs, createOutbox } from "../../src/helpdesk/outbox.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { TicketRecord, TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { sampleRecord } from "../sample-ticket.ts";
import { tempDir } from "../temp-dir.ts";

const data = loadSupportData();
const T0 = new Date("2025-07-14T13:00:00Z");


function record(reference: string): TicketRecord {
  return sampleRecord(reference, {
    createdAt: T0.toISOString(),
    plan: "enterprise-plus",
    tier: "plus",
    firstResponseTarget: { minutes: 120, clock: "24x7" },
    firstResponseDueAt: "2025-07-14T15:00:00.000Z",
    attachments: [{ name: "a.log", type: "text/plain", size: 2 }],
  });
}

async function storeWith(store: TicketStore, ...references: string[]): Promise<TicketStore> {
  for (const reference of references) {
    await store.saveTicket({
      ticket: record(reference),
      attachments: [{ name: "a.log", type: "text/plain", size: 2, bytes: new Uint8Array([104, 105]) }],
      idempotency: null,
    });
  }
  return store;
}

type Step = "ok" | ForwardError | Error;

/** A helpdesk that answers each call with the next scripted step, and records every call. */
function scriptedForwarder(...steps: Step[]) {
  const calls: OutgoingTicket[] = [];
  const forwarder: Forwarder = {
    name: "scripted",
    async forward(outgoing) {
      calls.push(outgoing);
      const step = steps.shift() ?? "ok";
      if (step !== "ok") throw step;
      return { externalId: `ext-${calls.length}` };
    },
  };
  return { forwarder, calls };
}

const unavailable = () => new ForwardError("Zendesk answered 503: down for maintenance", { retryable: true, status: 503 });

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("the outbox", () => {
  test("retries a 503 with exponential backoff and then sends the ticket exactly once", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const { forwarder, calls } = scriptedForwarder(unavailable(), unavailable(), "ok");
    const time = clock();
    const outbox = createOutbox({ store, forwarder, supportData: data, now: time.now, retryDelayMs: 10_000 });

    expect(await outbox.drain()).toEqual([
      expect.objectContaining({ status: "retry", attempts: 1, nextAttemptAt: "2025-07-14T13:00:10.000Z" }),
    ]);
    expect(await outbox.drain()).toEqual([]);
    time.advance(10_000);
    expect(await outbox.drain()).toEqual([expect.objectContaining({ status: "retry", attempts: 2, nextAttemptAt: "2025-07-14T13:00:30.000Z" })]);
    time.advance(19_999);
    expect(await outbox.drain()).toEqual([]);
    time.advance(1);
    expect(await outbox.drain()).toEqual([expect.objectContaining({ status: "sent", attempts: 3, externalId: "ext-3" })]);

    time.advance(3_600_000);
    expect(await outbox.drain()).toEqual([]);
    expect(calls).toHaveLength(3);
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward).toMatchObject({
      status: "sent",
      target: "scripted",
      attempts: 3,
      externalId: "ext-3",
      lastError: null,
    });
  });

  test("honours Retry-After from a 429 instead of its own backoff", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const tooMany = new ForwardError("Zendesk answered 429", { retryable: true, status: 429, retryAfterMs: 120_000 });
    const { forwarder } = scriptedForwarder(tooMany);
    const outbox = createOutbox({ store, forwarder, supportData: data, now: clock().now, retryDelayMs: 1_000 });
    const [outcome] = await outbox.drain();
    expect(outcome?.nextAttemptAt).toBe("2025-07-14T13:02:00.000Z");
  });

  test("a 4xx marks the ticket failed with the vendor's message, keeps it, and a retry sends it", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const refused = new ForwardError("Freshdesk answered 400: Validation failed: email is invalid", { retryable: false, status: 400 });
    const { forwarder, calls } = scriptedForwarder(refused, "ok");
    const time = clock();
    const outbox = createOutbox({ store, forwarder, supportData: data, now: time.now });

    expect(await outbox.drain()).toEqual([expect.objectContaining({ status: "failed", attempts: 1 })]);
    const failed = await store.getTicket("PX-AAAA-AAAA");
    expect(failed?.forward).toMatchObject({ status: "failed", lastError: "Freshdesk answered 400: Validation failed: email is invalid" });
    expect(failed?.subject).toBe("Nobody can sign in");

    time.advance(86_400_000);
    expect(await outbox.drain()).toEqual([]);
    expect(calls).toHaveLength(1);

    expect(await store.requeue("PX-AAAA-AAAA", time.now())).toBe(true);
    expect(await outbox.drain()).toEqual([expect.objectContaining({ status: "sent" })]);
    expect(calls).toHaveLength(2);
  });

  test("an unexpected exception is a failure too, never a lost ticket", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const { forwarder } = scriptedForwarder(new Error("Cannot read properties of undefined"));
    await createOutbox({ store, forwarder, supportData: data, now: clock().now }).drain();
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward).toMatchObject({
      status: "failed",
      lastError: "Cannot read properties of undefined",
    });
  });

  test("gives up on temporary failures after the last attempt, and says so", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const { forwarder, calls } = scriptedForwarder(unavailable(), unavailable(), unavailable(), "ok");
    const time = clock();
    const outbox = createOutbox({ store, forwarder, supportData: data, now: time.now, maxAttempts: 3, retryDelayMs: 1_000 });
    for (let i = 0; i < 5; i++) {
      await outbox.drain();
      time.advance(60_000);
    }
    expect(calls).toHaveLength(3);
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "Gave up after 3 attempts: Zendesk answered 503: down for maintenance",
    });
  });

  test("passes the reference as idempotency key, the names from content/ and the stored files", async () => {
    const store = await storeWith(new MemoryTicketStore(), "PX-AAAA-AAAA");
    const { forwarder, calls } = scriptedForwarder("ok");
    await createOutbox({ store, forwarder, supportData: data, now: clock().now, timeoutMs: 2_500 }).drain();
    const [call] = calls;
    expect(call?.idempotencyKey).toBe("PX-AAAA-AAAA");
    expect(call?.timeoutMs).toBe(2_500);
    expect(call?.labels).toEqual({
      plan: "Enterprise with Support Plus",
      productArea: "Signing in and accounts",
      department: "Paid Support",
      tier: "Support Plus",
      firstResponseTarget: "within 2 hours, around the clock",
      firstResponseDueText: "Monday 14 July 2025 at 12:00, Sao Paulo time (GMT-3)",
    });
    expect(call?.attachments.map((a) => [a.name, [...a.bytes]])).toEqual([["a.log", [104, 105]]]);
  });

  test("after a restart, start() forwards what was still pending", async () => {
    const dir = tempDir("kb-outbox-");
    const before = await storeWith(openSqliteStore(dir), "PX-AAAA-AAAA", "PX-BBBB-BBBB");
    before.close();

    const store = openSqliteStore(dir);
    const { forwarder, calls } = scriptedForwarder("ok", "ok");
    const outbox = createOutbox({ store, forwarder, supportData: data, now: clock().now });
    await outbox.start();
    await outbox.stop();
    expect(calls.map((c) => c.ticket.reference).sort()).toEqual(["PX-AAAA-AAAA", "PX-BBBB-BBBB"]);
    expect((await store.listTickets({ status: "sent" })).length).toBe(2);
    store.close();
  });

  test("two servers sharing one database never send the same ticket twice at once", async () => {
    const dir = tempDir("kb-outbox-");
    const storeA = await storeWith(openSqliteStore(dir), "PX-AAAA-AAAA");
    const storeB = openSqliteStore(dir);
    let release!: () => void;
    const slow: Forwarder = {
      name: "slow",
      forward: () => new Promise((resolve) => (release = () => resolve({ externalId: "1" }))),
    };
    const { forwarder: fast, calls } = scriptedForwarder("ok");
    const draining = createOutbox({ store: storeA, forwarder: slow, supportData: data, now: clock().now }).drain();
    await vi.waitFor(() => expect(release).toBeTypeOf("function"));
    expect(await createOutbox({ store: storeB, forwarder: fast, supportData: data, now: clock().now }).drain()).toEqual([]);
    release();
    expect(await draining).toEqual([expect.objectContaining({ status: "sent" })]);
    expect(calls).toHaveLength(0);
    storeA.close();
    storeB.close();
  });

  test("wake() forwards a new ticket in the background", async () => {
    const store = new MemoryTicketStore();
    const { forwarder } = scriptedForwarder("ok");
    const outbox = createOutbox({ store, forwarder, supportData: data, now: clock().now });
    await storeWith(store, "PX-AAAA-AAAA");
    outbox.wake();
    await vi.waitFor(async () => expect((await store.getTicket("PX-AAAA-AAAA"))?.forward.status).toBe("sent"));
    await outbox.stop();
  });

  test("a suspended ticket is never forwarded until staff release it, and then it is, once", async () => {
    const store = new MemoryTicketStore();
    await store.saveTicket({ ticket: record("PX-SSSS-SSSS"), attachments: [], idempotency: null, suspendedBecause: "honeypot" });
    const { forwarder, calls } = scriptedForwarder("ok");
    const time = clock();
    const outbox = createOutbox({ store, forwarder, supportData: data, now: time.now });
    expect(await outbox.drain()).toEqual([]);
    time.advance(86_400_000);
    expect(await outbox.drain()).toEqual([]);
    expect(calls).toHaveLength(0);

    await store.releaseSuspended("PX-SSSS-SSSS", time.now());
    expect(await outbox.drain()).toEqual([expect.objectContaining({ reference: "PX-SSSS-SSSS", status: "sent" })]);
    expect(calls.map((c) => c.ticket.reference)).toEqual(["PX-SSSS-SSSS"]);
    expect((await store.forwardHistory("PX-SSSS-SSSS")).map((e) => e.kind)).toEqual(["released", "sent"]);
  });

  test("suspended tickets are removed once kept the configured days; released and younger ones stay", async () => {
    const store = new MemoryTicketStore();
    const day = 86_400_000;
    const save = (reference: string, createdAt: Date, suspendedBecause: string | null) =>
      store.saveTicket({ ticket: { ...record(reference), createdAt: createdAt.toISOString() }, attachments: [], idempotency: null, suspendedBecause });
    await save("PX-OLD2-OLD2", T0, "honeypot");
    await save("PX-RELS-RELS", T0, "time trap");
    await store.releaseSuspended("PX-RELS-RELS", T0);
    await save("PX-NEW2-NEW2", new Date(T0.getTime() + 3 * day), "honeypot");
    const time = clock();
    const lines: string[] = [];
    const outbox = createOutbox({ store, forwarder: scriptedForwarder().forwarder, supportData: data, now: time.now, keepSuspendedDays: 7, log: (l) => lines.push(l) });

    time.advance(7 * day - 1);
    await outbox.drain();
    expect((await store.listTickets({ status: "suspended" })).map((t) => t.reference).sort()).toEqual(["PX-NEW2-NEW2", "PX-OLD2-OLD2"]);
    time.advance(60 * 60 * 1000);
    await outbox.drain();
    expect((await store.listTickets({ status: "suspended" })).map((t) => t.reference)).toEqual(["PX-NEW2-NEW2"]);
    expect(await store.getTicket("PX-RELS-RELS")).not.toBeNull();
    expect(lines).toContain("removed 1 suspended ticket kept longer than 7 days");
  });

  test("a ticket queued again by another process is forwarded by the running outbox without a new ticket waking it", async () => {
    const dir = tempDir("kb-outbox-");
    const server = await storeWith(openSqliteStore(dir), "PX-AAAA-AAAA");
    const refused = new ForwardError("Zendesk answered 422: requester email is invalid", { retryable: false, status: 422 });
    const { forwarder, calls } = scriptedForwarder(refused, "ok");
    const outbox = createOutbox({ store: server, forwarder, supportData: data, pollMs: 50 });
    await outbox.start();
    expect((await server.getTicket("PX-AAAA-AAAA"))?.forward.status).toBe("failed");

    // What `npm run tickets -- --retry` does, through its own connection to the same file.
    const staff = openSqliteStore(dir);
    expect(await staff.requeue("PX-AAAA-AAAA", new Date())).toBe(true);
    await vi.waitFor(async () => expect((await staff.getTicket("PX-AAAA-AAAA"))?.forward.status).toBe("sent"), { timeout: 5_000 });
    expect(calls).toHaveLength(2);
    await outbox.stop();
    staff.close();
    server.close();
  });

  test("backoff doubles from the first delay and stops at the cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 10_000, 60_000))).toEqual([10_000, 20_000, 40_000, 60_000]);
  });
});
