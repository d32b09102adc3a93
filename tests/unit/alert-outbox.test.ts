// Chat alerts through the outbox, with the sample alerts.yaml, a Rocket.Chat stand-in and a simulated
// clock: no real waiting. The watch is run by drain() as the server runs it, minute by minute.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { FirstResponseReading, Forwarder } from "../../src/helpdesk/forwarders/forwarder.ts";
import { ForwardError } from "../../src/helpdesk/forwarders/forwarder.ts";
import { createTicketHandler } from "../../src/helpdesk/handler.ts";
import { createOutbox, type Outbox } from "../../src/helpdesk/outbox.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { buildTicket } from "../../src/helpdesk/submission.ts";
import { newTicketAlerts } from "../../src/lib/alert-rules.ts";
import type { Priority } from "../../src/lib/content-schemas.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { HOOK_PATHS, hookUrl, startChatServer, type ChatServer } from "../chat-servers.ts";
import { tempDir } from "../temp-dir.ts";
import { PLAIN_HANDLER_CONFIG } from "../sample-ticket.ts";

const data = loadSupportData();
/** São Paulo wall-clock time (UTC-3 all year) as an instant. */
const brt = (local: string) => new Date(`${local}-03:00`);
const MINUTE = 60_000;

let chat: ChatServer;
beforeEach(async () => {
  chat = await startChatServer();
});
afterEach(async () => {
  await chat.close();
});

function clock(start: Date) {
  let now = start;
  return { now: () => now, set: (at: Date) => (now = at), advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

type Clock = ReturnType<typeof clock>;

/** A helpdesk that accepts every ticket and, if given, answers read-backs from a script. */
function helpdesk(name = "local", readings: (FirstResponseReading | ForwardError)[] | null = null) {
  const reads: string[] = [];
  let next = 100;
  const forwarder: Forwarder = {
    name,
    async forward() {
      next += 1;
      return name === "local" ? { externalId: null } : { externalId: String(next), externalUrl: `https://acme.zendesk.com/agent/tickets/${next}` };
    },
    ...(readings
      ? {
          async readFirstResponse({ externalId }) {
            reads.push(externalId);
            const step = readings.shift() ?? { responded: false, at: null, detail: "no reply" };
            if (step instanceof ForwardError) throw step;
            return step;
          },
        }
      : {}),
  };
  return { forwarder, reads };
}

const WEBHOOKS = () => ({ "support-team": hookUrl(chat, "rocketchat"), "customer-success": `${chat.base}/rocketchat/hooks/cs1234567/cstoken12345678` });

function outboxFor(store: TicketStore, time: Clock, options: { forwarder?: Forwarder; webhooks?: Record<string, string> } = {}): Outbox {
  return createOutbox({
    store,
    forwarder: options.forwarder ?? helpdesk().forwarder,
    supportData: data,
    now: time.now,
    retryDelayMs: 10_000,
    alerts: { webhooks: options.webhooks ?? WEBHOOKS(), watchIntervalMs: MINUTE },
  });
}

let counter = 0;
/** A ticket stored as the endpoint stores it: with the new-ticket alerts its rules ask for. */
async function arrive(store: TicketStore, at: Date, plan: string, priority: Priority, suspendedBecause: string | null = null): Promise<string> {
  counter += 1;
  const reference = `PX-${String(counter).padStart(4, "0")}-TEST`;
  const ticket = buildTicket({
    input: { name: "Ana Souza", email: "ana@example.com", subject: `Problem ${counter}`, description: "It broke.", priority, plan, productArea: "sign-in" },
    reference,
    createdAt: at,
    idempotencyKey: null,
    attachments: [],
    data,
  });
  await store.saveTicket({ ticket, attachments: [], idempotency: null, suspendedBecause, alerts: newTicketAlerts(ticket, data.alerts) });
  return reference;
}

interface Posted {
  headline: string;
  path: string;
}
const posted = (): Posted[] => chat.received.filter((d) => d.status < 300).map((d) => ({ headline: (d.body as { text: string }).text, path: d.path }));

/** Runs the outbox every `stepMs` from now until `until`, as the server would, noting when each alert arrived. */
async function runUntil(outbox: Outbox, time: Clock, until: Date, stepMs = 5 * MINUTE): Promise<{ at: string; headline: string }[]> {
  const arrivals: { at: string; headline: string }[] = [];
  for (; time.now().getTime() <= until.getTime(); time.advance(stepMs)) {
    const before = chat.received.length;
    await outbox.drain();
    for (const delivery of chat.received.slice(before)) arrivals.push({ at: time.now().toISOString(), headline: (delivery.body as { text: string }).text });
  }
  return arrivals;
}

describe("alerts for new tickets", () => {
  test("a High ticket from a paying customer is announced once in #support-team, linked to the ticket the helpdesk just made", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    const reference = await arrive(store, time.now(), "enterprise", "High");
    const outbox = outboxFor(store, time, { forwarder: helpdesk("zendesk").forwarder });
    await outbox.drain();
    await outbox.drain();
    time.advance(60 * MINUTE);
    await outbox.drain();

    expect(chat.received).toHaveLength(1);
    const [delivery] = chat.received;
    expect(delivery).toMatchObject({ product: "rocketchat", path: HOOK_PATHS.rocketchat, status: 200, problem: null });
    expect(delivery?.body).toMatchObject({
      text: expect.stringContaining(`New High ticket ${reference} (Enterprise)`),
      attachments: [{ title: `${reference}: Problem ${counter}`, title_link: "https://acme.zendesk.com/agent/tickets/101", color: "#d9534f" }],
    });
    expect(await store.listAlerts()).toMatchObject([{ reference, kind: "new", status: "sent", attempts: 1, deliveredAt: brt("2025-07-14T10:00:00").toISOString() }]);
  });

  test("the endpoint queues a High ticket's alert with the ticket, and the outbox sends it; a Medium one is not announced", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    const handler = createTicketHandler({
      store,
      supportData: data,
      now: time.now,
      alertsFor: (ticket) => newTicketAlerts(ticket, data.alerts),
      config: { ...PLAIN_HANDLER_CONFIG, rateLimit: { max: 50, windowMs: 60_000 } },
    });
    const send = async (priority: Priority) => {
      const response = await handler(
        new Request("http://127.0.0.1/api/tickets", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name: "Ana", email: "ana@example.com", subject: "Sign-in fails", description: "Every sign-in fails with a blank page.", priority, plan: "pro", productArea: "sign-in" }),
        }),
      );
      return ((await response.json()) as { reference: string }).reference;
    };
    const high = await send("High");
    await send("Medium");
    expect((await store.listAlerts()).map((a) => [a.reference, a.rule, a.kind])).toEqual([[high, "high-priority", "new"]]);
    await outboxFor(store, time).drain();
    expect(posted()).toEqual([{ headline: expect.stringContaining(`New High ticket ${high} (Pro)`), path: HOOK_PATHS.rocketchat }]);
  });

  test("a suspended ticket is never announced; once released, it is, once", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    const reference = await arrive(store, time.now(), "enterprise", "High", "honeypot: the hidden website field was filled in");
    const outbox = outboxFor(store, time);
    await runUntil(outbox, time, brt("2025-07-15T12:00:00"), 30 * MINUTE);
    expect(chat.received).toEqual([]);
    expect(await store.listAlerts()).toEqual([]);

    const ticket = (await store.getTicket(reference))!;
    await store.releaseSuspended(reference, time.now(), newTicketAlerts(ticket, data.alerts));
    await outbox.drain();
    await outbox.drain();
    expect(posted().filter((p) => p.headline.startsWith("New"))).toHaveLength(1);
  });

  test("a revoked webhook fails the alert with Rocket.Chat's error and the variable to set, is never tried again, and the ticket still reaches the helpdesk", async () => {
    chat.behave(HOOK_PATHS.rocketchat, "revoked");
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    const reference = await arrive(store, time.now(), "enterprise", "High");
    const outbox = outboxFor(store, time, { forwarder: helpdesk("zendesk").forwarder });
    await outbox.drain();
    const [alert] = await store.listAlerts();
    expect(alert).toMatchObject({ status: "failed", attempts: 1, nextAttemptAt: null });
    expect(alert?.lastError).toContain('Rocket.Chat at 127.0.0.1');
    expect(alert?.lastError).toContain('answered 404 "Invalid integration id or token provided."');
    expect(alert?.lastError).toContain("ALERT_WEBHOOK_SUPPORT_TEAM");
    expect(alert?.lastError).not.toContain(HOOK_PATHS.rocketchat);
    expect((await store.getTicket(reference))?.forward.status).toBe("sent");
    // Never due again, however long the server runs.
    expect(await store.nextAlertAt()).toBeNull();
    expect(await store.dueAlerts(new Date(time.now().getTime() + 365 * 24 * 60 * MINUTE), 10)).toEqual([]);
  });

  test("a chat outage is retried with backoff and the alert arrives exactly once", async () => {
    chat.behave(HOOK_PATHS.rocketchat, "down");
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    await arrive(store, time.now(), "enterprise", "High");
    const outbox = outboxFor(store, time);
    await outbox.drain();
    expect((await store.listAlerts())[0]).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: brt("2025-07-14T10:00:10").toISOString() });
    time.advance(10_000);
    await outbox.drain();
    expect((await store.listAlerts())[0]).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: brt("2025-07-14T10:00:30").toISOString() });
    chat.behave(HOOK_PATHS.rocketchat, "ok");
    time.advance(19_999);
    await outbox.drain();
    expect(posted()).toHaveLength(0);
    time.advance(1);
    await outbox.drain();
    time.advance(60 * MINUTE);
    await outbox.drain();
    expect(posted()).toHaveLength(1);
    expect((await store.listAlerts())[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  test("while the chat server is down, one post finds out and the other alerts wait for its retry instead of each trying", async () => {
    chat.behave(HOOK_PATHS.rocketchat, "down");
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    for (let i = 0; i < 3; i++) await arrive(store, time.now(), "enterprise", "High");
    const outbox = outboxFor(store, time);
    await outbox.drain();
    expect(chat.received).toHaveLength(1);
    expect((await store.listAlerts()).map((a) => [a.attempts, a.nextAttemptAt])).toEqual([
      [1, brt("2025-07-14T10:00:10").toISOString()],
      [0, brt("2025-07-14T10:00:10").toISOString()],
      [0, brt("2025-07-14T10:00:10").toISOString()],
    ]);
    chat.behave(HOOK_PATHS.rocketchat, "ok");
    time.advance(10_000);
    await outbox.drain();
    expect(posted()).toHaveLength(3);
  });

  test("a destination with no webhook set is recorded as not sent, saying which variable to set", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    await arrive(store, time.now(), "enterprise", "High");
    await outboxFor(store, time, { webhooks: {} }).drain();
    expect(chat.received).toEqual([]);
    expect((await store.listAlerts())[0]).toMatchObject({
      status: "skipped",
      lastError: "support-team is off: ALERT_WEBHOOK_SUPPORT_TEAM is not set on the server",
    });
  });

  test("a burst of tickets keeps to Rocket.Chat's rate of ten posts a minute per hook: the rest wait their turn, none is refused", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-14T10:00:00"));
    for (let i = 0; i < 12; i++) await arrive(store, time.now(), "enterprise", "High");
    const outbox = outboxFor(store, time);
    await outbox.drain();
    expect(posted()).toHaveLength(10);
    const waiting = (await store.listAlerts()).filter((a) => a.status === "pending");
    expect(waiting).toHaveLength(2);
    expect(waiting.every((a) => a.attempts === 0)).toBe(true);
    await runUntil(outbox, time, brt("2025-07-14T10:00:12"), 1_000);
    expect(posted()).toHaveLength(12);
    expect(chat.received.every((d) => d.status === 200)).toBe(true);
  });
});

describe("the response-target watch", () => {
  test("across a weekend: warnings count business minutes, so nothing is said on Saturday or Sunday, and each ticket is warned and breached once", async () => {
    const store = new MemoryTicketStore();
    // Friday 08:10 plus twelve business hours: 11 h 50 on Friday, 10 minutes on Monday, so due Monday 08:10.
    // Thirty business minutes before that is Friday 19:40, while someone is still at work.
    const time = clock(brt("2025-07-11T08:10:00"));
    const morning = await arrive(store, time.now(), "pro", "High");
    expect((await store.getTicket(morning))?.firstResponseDueAt).toBe(brt("2025-07-14T08:10:00").toISOString());
    const outbox = outboxFor(store, time);
    const arrivals = await runUntil(outbox, time, brt("2025-07-11T19:45:00"));
    // Friday 19:50: ten minutes of Friday are left, so this one is due Monday 19:50.
    time.set(brt("2025-07-11T19:50:00"));
    const evening = await arrive(store, time.now(), "pro", "High");
    expect((await store.getTicket(evening))?.firstResponseDueAt).toBe(brt("2025-07-14T19:50:00").toISOString());
    arrivals.push(...(await runUntil(outbox, time, brt("2025-07-14T23:00:00"))));

    expect(arrivals.map((a) => [a.at, a.headline.split(". ")[0]])).toEqual([
      [brt("2025-07-11T08:10:00").toISOString(), `New High ticket ${morning} (Pro)`],
      [brt("2025-07-11T19:40:00").toISOString(), `First-response target about to run out: ${morning} (High, Pro)`],
      [brt("2025-07-11T19:50:00").toISOString(), `New High ticket ${evening} (Pro)`],
      [brt("2025-07-14T08:10:00").toISOString(), `First-response target missed: ${morning} (High, Pro)`],
      [brt("2025-07-14T19:20:00").toISOString(), `First-response target about to run out: ${evening} (High, Pro)`],
      [brt("2025-07-14T19:50:00").toISOString(), `First-response target missed: ${evening} (High, Pro)`],
    ]);
  });

  test("outside business hours a 24x7 target is watched on the plain clock: Saturday 22:00 warns at 23:30 and breaches at midnight, to both channels", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-12T22:00:00"));
    const reference = await arrive(store, time.now(), "enterprise-plus", "High");
    const arrivals = await runUntil(outboxFor(store, time), time, brt("2025-07-13T06:00:00"));
    expect(arrivals.map((a) => [a.at, a.headline.split(":")[0]])).toEqual([
      [brt("2025-07-12T22:00:00").toISOString(), expect.stringContaining(`New High ticket ${reference}`)],
      [brt("2025-07-12T23:30:00").toISOString(), "First-response target about to run out"],
      [brt("2025-07-13T00:00:00").toISOString(), "First-response target missed"],
      [brt("2025-07-13T00:00:00").toISOString(), "First-response target missed"],
    ]);
    // The second breach went to Customer Success (premium-breaches), the others to the support team.
    expect(chat.received.map((d) => d.path.split("/")[3])).toEqual(["6a5Fq2nGkHr4kX3Yb", "6a5Fq2nGkHr4kX3Yb", "6a5Fq2nGkHr4kX3Yb", "cs1234567"]);
  });

  test("once someone answered (npm run tickets -- responded), no warning or breach is sent, and a queued warning is dropped", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-12T22:00:00"));
    const answeredEarly = await arrive(store, time.now(), "enterprise-plus", "High");
    const answeredLate = await arrive(store, time.now(), "enterprise-plus", "High");
    await store.markResponded(answeredEarly, { at: brt("2025-07-12T22:20:00").toISOString(), source: "staff" });
    const outbox = outboxFor(store, time);
    await outbox.drain();
    // The warning for the other ticket is queued while the chat is down, then the customer is answered.
    chat.behave(HOOK_PATHS.rocketchat, "down");
    time.set(brt("2025-07-12T23:30:00"));
    await outbox.drain();
    await store.markResponded(answeredLate, { at: brt("2025-07-12T23:31:00").toISOString(), source: "staff" });
    chat.behave(HOOK_PATHS.rocketchat, "ok");
    await runUntil(outbox, time, brt("2025-07-13T03:00:00"));

    expect(posted().map((p) => p.headline.split(":")[0])).toEqual([
      expect.stringContaining(`New High ticket ${answeredEarly}`),
      expect.stringContaining(`New High ticket ${answeredLate}`),
    ]);
    const late = await store.listAlerts({ references: [answeredLate] });
    expect(late.find((a) => a.kind === "warning")).toMatchObject({ status: "skipped", lastError: "the customer was answered before it went out" });
    expect(late.find((a) => a.kind === "breach")).toBeUndefined();
  });

  test("reads the helpdesk back only when an alert is due, and stops once it says the customer was answered", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-12T22:00:00"));
    const reference = await arrive(store, time.now(), "enterprise-plus", "High");
    const zendesk = helpdesk("zendesk", [
      { responded: false, at: null, detail: "no public reply in Zendesk yet" },
      { responded: true, at: "2025-07-13T02:45:00.000Z", detail: "1 public reply in Zendesk" },
    ]);
    await runUntil(outboxFor(store, time, { forwarder: zendesk.forwarder }), time, brt("2025-07-13T06:00:00"));

    // Two read-backs in eight hours of minute-by-minute watching: before the warning (not yet answered),
    // and before the breach (answered), which is therefore never sent.
    expect(zendesk.reads).toEqual(["101", "101"]);
    expect(posted().map((p) => p.headline.split(":")[0])).toEqual([
      expect.stringContaining(`New High ticket ${reference}`),
      "First-response target about to run out",
    ]);
    expect((await store.getTicket(reference))?.firstResponse).toEqual({ at: "2025-07-13T02:45:00.000Z", source: "zendesk" });
  });

  test("a helpdesk that asks to slow down delays the check to a later pass; one that cannot be read does not stop the alert", async () => {
    const store = new MemoryTicketStore();
    const time = clock(brt("2025-07-12T22:00:00"));
    await arrive(store, time.now(), "enterprise-plus", "High");
    const zendesk = helpdesk("zendesk", [
      new ForwardError("Zendesk answered 429: slow down", { retryable: true, status: 429, retryAfterMs: 5 * MINUTE }),
      new ForwardError("Zendesk answered 401: Couldn't authenticate you", { retryable: false, status: 401 }),
    ]);
    const arrivals = await runUntil(outboxFor(store, time, { forwarder: zendesk.forwarder }), time, brt("2025-07-12T23:50:00"), MINUTE);
    expect(arrivals.map((a) => [a.at, a.headline.split(":")[0]])).toEqual([
      [brt("2025-07-12T22:00:00").toISOString(), expect.stringContaining("New High ticket")],
      [brt("2025-07-12T23:35:00").toISOString(), "First-response target about to run out"],
    ]);
  });
});

describe("restarts", () => {
  test("alerts waiting when the server stops are sent once after it starts again, and sent ones are not sent again", async () => {
    const dir = tempDir("kb-alerts-restart-");
    const time = clock(brt("2025-07-14T10:00:00"));
    const first = openSqliteStore(dir);
    const sentBefore = await arrive(first, time.now(), "enterprise", "High");
    await outboxFor(first, time).drain();
    chat.behave(HOOK_PATHS.rocketchat, "down");
    const waiting = await arrive(first, time.now(), "enterprise", "High");
    const before = createOutbox({ store: first, forwarder: helpdesk().forwarder, supportData: data, now: time.now, retryDelayMs: 10_000, alerts: { webhooks: WEBHOOKS(), watchIntervalMs: MINUTE } });
    await before.drain();
    await before.stop();
    await first.close();

    chat.behave(HOOK_PATHS.rocketchat, "ok");
    time.advance(10_000);
    const second = openSqliteStore(dir);
    const after = outboxFor(second, time);
    await after.drain();
    time.advance(60 * MINUTE);
    await after.drain();
    const okFor = (reference: string) => posted().filter((p) => p.headline.includes(reference));
    expect(okFor(sentBefore)).toHaveLength(1);
    expect(okFor(waiting)).toHaveLength(1);
    expect((await second.listAlerts()).map((a) => a.status)).toEqual(["sent", "sent"]);
    await second.close();
  });

  test("two servers sharing one database never post the same alert", async () => {
    const dir = tempDir("kb-alerts-two-");
    const time = clock(brt("2025-07-14T10:00:00"));
    const a = openSqliteStore(dir);
    const b = openSqliteStore(dir);
    for (let i = 0; i < 5; i++) await arrive(a, time.now(), "enterprise", "High");
    await Promise.all([outboxFor(a, time).drain(), outboxFor(b, time).drain()]);
    expect(posted()).toHaveLength(5);
    expect(new Set(posted().map((p) => p.headline)).size).toBe(5);
    await a.close();
    await b.close();
  });
});
