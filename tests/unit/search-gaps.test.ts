// The search-gap report: what readers searched for without finding it, counted by words only.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "../../src/helpdesk/rate-limit.ts";
import { createSearchGapHandler } from "../../src/helpdesk/search-gaps.ts";
import { MemorySearchGapStore, SqliteSearchGapStore, type SearchGapStore } from "../../src/helpdesk/store/search-gap-store.ts";
import { normaliseSearchGap, searchGapEndpoint, searchGapReportEnabled } from "../../src/lib/search-gap.ts";
import { ROOT } from "../fixture-content.ts";
import { tempDir } from "../temp-dir.ts";

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://help.test/api/search-gaps", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

function setup(options: { max?: number; perDay?: number; store?: SearchGapStore; now?: () => Date } = {}) {
  const store = options.store ?? new MemorySearchGapStore();
  const handler = createSearchGapHandler({
    store,
    rateLimiter: createMemoryRateLimiter({ max: options.max ?? 100, windowMs: 60_000 }),
    allowedOrigins: [],
    config: { maxQueriesPerDay: options.perDay ?? 100, keepDays: 30 },
    now: options.now ?? (() => new Date("2026-12-03T10:00:00Z")),
  });
  return { store, handler };
}
const period = { from: "2026-01-01", to: "2026-12-31", limit: 10 };

describe("search-gap counts", () => {
  it("count one search however it was capitalised or punctuated", () => {
    expect(normaliseSearchGap("  Reset   PASSWORD?! ")).toBe("reset password");
    expect(normaliseSearchGap("“why no invoice”")).toBe("why no invoice");
  });

  it("never keep an email address, a link or a long number a reader typed", () => {
    expect(normaliseSearchGap("ticket for jane.doe@example.com")).toBe("ticket for [email]");
    expect(normaliseSearchGap("order 4111 1111 1111 1111 refund")).toBe("order [number] refund");
    expect(normaliseSearchGap("call +1 (555) 010-0199")).toBe("call +[number]");
    expect(normaliseSearchGap("see https://evil.example/x?y=1 now")).toBe("see [link] now");
    expect(normaliseSearchGap("error 403 on sso 2fa")).toBe("error 403 on sso 2fa");
  });

  it("are on unless SEARCH_GAP_REPORT says off, for the server and for the pages it builds", () => {
    expect(searchGapReportEnabled({})).toBe(true);
    expect(searchGapReportEnabled({ SEARCH_GAP_REPORT: "off" })).toBe(false);
    expect(searchGapReportEnabled({ SEARCH_GAP_REPORT: "FALSE" })).toBe(false);
    expect(searchGapEndpoint({ SEARCH_GAP_REPORT: "off" })).toBeUndefined();
    expect(searchGapEndpoint({})).toBe("/api/search-gaps");
  });
});

describe("search-gap endpoint", () => {
  it("counts searches per normalised words, outcome and day", async () => {
    const { store, handler } = setup();
    expect((await handler(post({ query: "Invoice PDF", outcome: "no-results" }))).status).toBe(202);
    await handler(post({ query: "invoice pdf?", outcome: "no-results" }));
    await handler(post({ query: "cancel plan", outcome: "ticket" }));
    expect(await store.top(period)).toEqual([
      { outcome: "no-results", query: "invoice pdf", count: 2, days: 1, lastDay: "2026-12-03" },
      { outcome: "ticket", query: "cancel plan", count: 1, days: 1, lastDay: "2026-12-03" },
    ]);
  });

  it("takes only the words and an outcome, and says what is wrong otherwise", async () => {
    const { store, handler } = setup();
    const unknown = await handler(post({ query: "vpn", outcome: "clicked" }));
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { message: string }).message).toContain("outcome must be one of: no-results, ticket");
    expect((await handler(post({ query: "x".repeat(201), outcome: "ticket" }))).status).toBe(422);
    expect((await handler(post("{not json"))).status).toBe(400);
    expect(await store.top(period)).toEqual([]);
  });

  it("refuses other methods, content types, foreign pages, oversized bodies and floods", async () => {
    const { handler } = setup({ max: 1 });
    expect((await handler(new Request("http://help.test/api/search-gaps"))).status).toBe(405);
    expect((await handler(post("query=x", { "Content-Type": "text/plain" }))).status).toBe(415);
    expect((await handler(post({ query: "vpn", outcome: "ticket" }, { Origin: "https://evil.example" }))).status).toBe(403);
    expect((await handler(post(JSON.stringify({ query: "vpn", outcome: "ticket", pad: "x".repeat(2000) })))).status).toBe(413);
    expect((await handler(post({ query: "vpn", outcome: "ticket" }), { ip: "1.2.3.4" })).status).toBe(202);
    const limited = await handler(post({ query: "vpn", outcome: "ticket" }), { ip: "1.2.3.4" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("stores no new search once a day has its cap, but still counts known ones", async () => {
    const { store, handler } = setup({ perDay: 2 });
    for (const query of ["one", "two", "three", "one"]) await handler(post({ query, outcome: "no-results" }));
    expect((await store.top(period)).map((r) => [r.query, r.count])).toEqual([
      ["one", 2],
      ["two", 1],
    ]);
  });

  it("keeps counts in SQLite across restarts and forgets days past the keeping period", async () => {
    const dir = tempDir("kb-search-gaps-");
    const first = new SqliteSearchGapStore(dir);
    await first.record("vpn", "no-results", "2026-10-01", 10);
    await first.record("vpn", "no-results", "2026-12-02", 10);
    first.close();
    const store = new SqliteSearchGapStore(dir);
    const { handler } = setup({ store });
    await handler(post({ query: "VPN", outcome: "no-results" }));
    expect(await store.top(period)).toEqual([{ outcome: "no-results", query: "vpn", count: 2, days: 2, lastDay: "2026-12-03" }]);
    store.close();
  });
});

describe("npm run search-report", () => {
  it("lists the top searches that found nothing and those followed by a ticket over the period asked for", async () => {
    const dir = tempDir("kb-search-report-");
    const store = new SqliteSearchGapStore(dir);
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 3; i++) await store.record("invoice pdf", "no-results", today, 10);
    await store.record("dark mode", "no-results", today, 10);
    await store.record("old search", "no-results", "2020-01-01", 10);
    await store.record("cancel plan", "ticket", today, 10);
    store.close();
    const run = spawnSync(process.execPath, ["scripts/search-report.ts", "--days", "7"], { cwd: ROOT, env: { ...process.env, KB_DATA_DIR: dir }, encoding: "utf8" });
    expect(run.status).toBe(0);
    const [nothing, ticket] = run.stdout.split("Followed by a ticket:");
    expect(nothing).toMatch(/invoice pdf +3 +1/);
    expect(nothing!.indexOf("invoice pdf")).toBeLessThan(nothing!.indexOf("dark mode"));
    expect(nothing).not.toContain("old search");
    expect(ticket).toMatch(/cancel plan +1/);
    const bad = spawnSync(process.execPath, ["scripts/search-report.ts", "--from", "yesterday"], { cwd: ROOT, env: { ...process.env, KB_DATA_DIR: dir }, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--from");
  });
});
