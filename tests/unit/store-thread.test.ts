import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import type { SqliteTicketStore } from "../../src/helpdesk/store/sqlite.ts";
import type { AttachmentData, TicketRecord } from "../../src/helpdesk/store/ticket-store.ts";
import { openStoreInThread, type ThreadedStore } from "../../src/server/store-thread.ts";
import { tempDir } from "../temp-dir.ts";
import { sampleRecord } from "../sample-ticket.ts";

const SQLITE = new URL("../../src/helpdesk/store/sqlite.ts", import.meta.url);

const opened: ThreadedStore<object>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function open<T extends object>(module: URL, exportName: string, args: unknown[]): ThreadedStore<T> {
  const store = openStoreInThread<T>(module, exportName, args);
  opened.push(store as ThreadedStore<object>);
  return store;
}

/** A store class written for this test: methods the wrapper has never heard of. */
function writeStoreModule(): URL {
  const file = join(tempDir("kb-thread-store-"), "counting-store.mjs");
  writeFileSync(
    file,
    `export class CountingStore {
      #count;
      constructor(start) { this.#count = start; }
      async add(n) { this.#count += n; return this.#count; }
      async echo(value) { return value; }
      async fail() { const error = new Error("the disk is full"); error.code = "ENOSPC"; throw error; }
      close() {}
    }
    export function brokenStore() { throw new Error("unable to open database file"); }`,
  );
  return pathToFileURL(file);
}

const ticket: TicketRecord = sampleRecord("PX-2222-3333", { attachments: [{ name: "log.txt", type: "text/plain", size: 3 }] });

describe("a store in its own thread", () => {
  test("forwards any method by name, in order, with its arguments and result", async () => {
    interface Counting {
      add(n: number): Promise<number>;
      echo<T>(value: T): Promise<T>;
      close(): void;
    }
    const store = open<Counting>(writeStoreModule(), "CountingStore", [10]);
    await store.ready;
    expect(await Promise.all([store.add(1), store.add(2), store.add(3)])).toEqual([11, 13, 16]);
    const value = { at: new Date("2025-07-14T13:00:00Z"), bytes: new Uint8Array([1, 2, 3]) };
    expect(await store.echo(value)).toEqual(value);
  });

  test("a method's error reaches the caller with its message and code", async () => {
    const store = open<{ fail(): Promise<void>; close(): void }>(writeStoreModule(), "CountingStore", [0]);
    await expect(store.fail()).rejects.toMatchObject({ message: "the disk is full", code: "ENOSPC" });
  });

  test("a store that cannot be opened rejects ready, and every call, with the reason", async () => {
    const store = open<{ add(n: number): Promise<number>; close(): void }>(writeStoreModule(), "brokenStore", []);
    await expect(store.ready).rejects.toThrow("unable to open database file");
    await expect(store.add(1)).rejects.toThrow("unable to open database file");
  });

  test("the SQLite ticket store works through it: a ticket and its attachment are saved and read back", async () => {
    const store = open<SqliteTicketStore>(SQLITE, "openSqliteStore", [tempDir("kb-thread-sqlite-")]);
    const attachment: AttachmentData = { name: "log.txt", type: "text/plain", size: 3, bytes: new Uint8Array([104, 105, 10]) };
    expect(await store.saveTicket({ ticket, attachments: [attachment], idempotency: null })).toEqual({ saved: true });
    expect(await store.getTicket(ticket.reference)).toMatchObject({ reference: ticket.reference, forward: { status: "pending" } });
    expect(await store.getAttachments(ticket.reference)).toEqual([attachment]);
    expect(await store.nextForwardAt()).toEqual(new Date(ticket.createdAt));
  });

  test("after close, calls fail instead of waiting forever", async () => {
    const store = open<SqliteTicketStore>(SQLITE, "openSqliteStore", [tempDir("kb-thread-closed-")]);
    await store.ready;
    await store.close();
    await expect(store.listTickets()).rejects.toThrow(/closed/);
  });
});
