// Drafts are what a ticket form posted without JavaScript keeps while it goes back for corrections.
// Whoever posts decides how large a post is, so posts must not be able to fill the disk with them
// (30 posts of 20 MB once grew the database to 621 MB).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createTicketHandler, type TicketHandlerConfig } from "../../src/helpdesk/handler.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import type { TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { TICKET_FIELD_MAX_LENGTH, TICKET_LIMITS } from "../../src/lib/ticket.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { tempDir } from "../temp-dir.ts";
import { PLAIN_HANDLER_CONFIG, SAMPLE_TICKET } from "../sample-ticket.ts";

const SITE = "https://help.example.com";
const MB = 1024 * 1024;
const T0 = new Date("2025-07-14T13:00:00Z");

const ticket = SAMPLE_TICKET;

function handlerFor(store: TicketStore, config: Partial<TicketHandlerConfig> = {}) {
  return createTicketHandler({
    store,
    supportData: loadSupportData(),
    now: () => T0,
    config: {
      ...PLAIN_HANDLER_CONFIG,
      maxBodyBytes: 3 * MB,
      rateLimit: { max: 20, windowMs: 10 * 60_000 },
      ...config,
    },
  });
}

/** A form posted without JavaScript, with an error (no name) so that it goes back as a draft. */
function postWithError(fields: Record<string, string> = {}): Request {
  return new Request(`${SITE}/api/tickets`, {
    method: "POST",
    body: new URLSearchParams({ ...ticket, name: "", ...fields }),
    headers: { Origin: SITE, Accept: "text/html" },
  });
}

const draftToken = (response: Response) => new URL(response.headers.get("Location") ?? "", SITE).searchParams.get("draft") ?? "";

function databaseBytes(dir: string): number {
  return ["tickets.sqlite", "tickets.sqlite-wal"]
    .map((name) => join(dir, name))
    .reduce((sum, path) => sum + (existsSync(path) ? statSync(path).size : 0), 0);
}

describe("drafts cannot fill the disk", () => {
  test("thirty 2 MB posts sent back for corrections leave a database under 1 MB: each field is kept only up to its limit", async () => {
    const dir = tempDir("kb-drafts-");
    const store = openSqliteStore(dir);
    const handler = handlerFor(store);
    const long = "x".repeat(50 * 1024);
    const huge = "x".repeat(2 * MB - 2 * long.length);
    const tokens: string[] = [];
    for (let i = 0; i < 30; i++) {
      // Each from its own address, so the rate limit does not hide what a draft keeps.
      const response = await handler(postWithError({ description: huge, subject: long, version: long }), { ip: `198.51.100.${i}` });
      expect(response.status).toBe(303);
      tokens.push(draftToken(response));
    }
    const draft = await store.readDraft(tokens[29]!, T0);
    await store.close();
    expect(databaseBytes(dir)).toBeLessThan(MB);
    expect(draft?.values.description).toHaveLength(TICKET_LIMITS.descriptionMax);
    expect(draft?.values.subject).toHaveLength(TICKET_LIMITS.subjectMax);
    expect(draft?.values.version).toHaveLength(TICKET_FIELD_MAX_LENGTH.version);
    expect(draft?.errors.description).toMatch(/Only the first 10,000 characters were kept: check where it ends/);
    expect(draft?.errors.name).toBe("Enter your name so we know who to reply to");
  });

  test("a draft counts toward the client's rate limit like a ticket, and past it nothing is stored", async () => {
    const store = new MemoryTicketStore();
    const handler = handlerFor(store, { rateLimit: { max: 3, windowMs: 10 * 60_000 } });
    for (let i = 0; i < 3; i++) expect((await handler(postWithError(), { ip: "203.0.113.7" })).status).toBe(303);
    const limited = await handler(postWithError(), { ip: "203.0.113.7" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("600");
    expect(limited.headers.get("Location")).toBeNull();
    expect(await limited.text()).toContain("Try again in 10 minutes");
    // Drafts and tickets share the limit.
    const valid = new Request(`${SITE}/api/tickets`, { method: "POST", body: new URLSearchParams(ticket), headers: { Origin: SITE } });
    expect((await handler(valid, { ip: "203.0.113.7" })).status).toBe(429);
    expect((await handler(postWithError(), { ip: "203.0.113.8" })).status).toBe(303);
  });

  test("past the cap on drafts kept, the ones that would expire first are removed", async () => {
    const store = new MemoryTicketStore();
    const handler = handlerFor(store, { maxDrafts: 3 });
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) tokens.push(draftToken(await handler(postWithError(), { ip: `192.0.2.${i}` })));
    const readable = await Promise.all(tokens.map(async (token) => (await store.readDraft(token, T0)) !== null));
    expect(readable).toEqual([false, false, true, true, true]);
  });
});
