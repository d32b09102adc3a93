import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, test } from "vitest";
import { createTicketHandler } from "../../src/helpdesk/handler.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { TicketRecord, TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-store-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const T0 = new Date("2025-07-14T13:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function record(reference: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return {
    reference,
    createdAt: T0.toISOString(),
    channel: "Web",
    name: "Ana Souza",
    email: "ana@example.com",
    subject: "Nobody can sign in",
    description: "Since 9:00 every sign-in fails.",
    priority: "High",
    plan: "enterprise",
    productArea: "sign-in",
    workspaceUrl: "https://chat.example.com",
    version: null,
    department: "paid-support",
    tier: "standard",
    firstResponseDueAt: "2025-07-15T13:00:00.000Z",
    idempotencyKey: null,
    attachments: [],
    ...overrides,
  };
}

const stores: [string, () => TicketStore][] = [
  ["memory", () => new MemoryTicketStore()],
  ["sqlite", () => openSqliteStore(tempDir())],
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
    await store.markRetry("PX-AAAA-AAAA", { target: "zendesk", attempts: 1, nextAttemptAt: at(10_000), lastError: "503" });
    expect(await store.dueForForwarding(at(9_999), 10)).toEqual([]);
    expect((await store.nextForwardAt())?.toISOString()).toBe(at(10_000).toISOString());
    expect((await store.listTickets({ status: "pending" }))[0]?.forward).toMatchObject({ attempts: 1, lastError: "503", target: "zendesk" });

    await store.markFailed("PX-AAAA-AAAA", { target: "zendesk", attempts: 2, lastError: "422 bad email" });
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
    await store.markRetry("PX-AAAA-AAAA", { target: "zendesk", attempts: 9, nextAttemptAt: at(0), lastError: "late" });
    await store.markFailed("PX-AAAA-AAAA", { target: "zendesk", attempts: 9, lastError: "late" });
    expect((await store.getTicket("PX-AAAA-AAAA"))?.forward.status).toBe("sent");
    expect(await store.dueForForwarding(at(1e9), 10)).toEqual([]);
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
    await store.saveDraft(draft, T0);
    expect(await store.readDraft("tok", at(59_999))).toEqual(draft);
    expect(await store.readDraft("tok", at(60_000))).toBeNull();
    await store.saveDraft({ ...draft, token: "tok2", expiresAt: at(120_000).toISOString() }, at(61_000));
    expect(await store.readDraft("tok", T0)).toBeNull();
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
    await store.saveDraft({ token: "t", values: {}, errors: {}, expiresAt: at(60_000).toISOString() }, T0);
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
      config: {
        allowedOrigins: [],
        maxBodyBytes: 64 * 1024,
        minFillMs: 0,
        rateLimit: { max: 5, windowMs: 60_000 },
        thanksPath: "/tickets/thanks/",
        formPath: "/tickets/new/",
        timeTrapSecret: "s",
      },
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

  test("an unwritable data folder fails with a message naming KB_DATA_DIR", () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "x");
    expect(() => openSqliteStore(join(file, "data"))).toThrow(/set KB_DATA_DIR to a writable folder/);
  });
});
