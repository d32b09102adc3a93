// What the PostgreSQL store adds to the contract every store follows (ticket-store.test.ts): it is
// shared. Two instances opening one database at once, saving one idempotency key at once, claiming
// one ticket at once or counting one client's attempts must behave as one. Also its schema
// versions, its messages, the feedback and search-gap stores, and the commands that read it.
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { afterEach, describe, expect, test } from "vitest";
import { createMemoryRateLimiter, type RateLimiter } from "../../src/helpdesk/rate-limit.ts";
import { PostgresFeedbackStore } from "../../src/helpdesk/store/feedback-store.ts";
import { PostgresDatabase } from "../../src/helpdesk/store/postgres-database.ts";
import { POSTGRES_SCHEMA_VERSION } from "../../src/helpdesk/store/postgres-migrations.ts";
import { createPostgresRateLimiter } from "../../src/helpdesk/store/postgres-rate-limit.ts";
import { openPostgresStore, type PostgresTicketStore } from "../../src/helpdesk/store/postgres.ts";
import { PostgresSearchGapStore } from "../../src/helpdesk/store/search-gap-store.ts";
import { ROOT, startServer, writeSite } from "../served-site.ts";
import { describePostgres, freshPostgresUrl, postgresUrl } from "../postgres.ts";
import { RECEIVED_AT, ticketRecord } from "../sample-ticket.ts";

const T0 = RECEIVED_AT;
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
});

function store(url: string): PostgresTicketStore {
  const opened = openPostgresStore(url);
  closing.push(opened);
  return opened;
}

function database(url: string): PostgresDatabase {
  const db = new PostgresDatabase(url).use();
  closing.push({ close: () => db.release() });
  return db;
}

const record = ticketRecord;

describePostgres("the PostgreSQL store, shared by several instances", () => {
  test("instances starting together on an empty database create the schema once, and record its version", async () => {
    const url = freshPostgresUrl();
    const instances = [store(url), store(url), store(url)];
    await Promise.all(instances.map((s) => s.ready));
    await instances[0]!.saveTicket({ ticket: record("PX-AAAA-AAAA"), attachments: [], idempotency: null });
    expect((await instances[2]!.getTicket("PX-AAAA-AAAA"))?.reference).toBe("PX-AAAA-AAAA");
    const db = database(url);
    await db.ready;
    expect((await db.sql`SELECT version FROM schema_migrations ORDER BY version`).map((r) => r.version)).toEqual([POSTGRES_SCHEMA_VERSION]);
  });

  test("a database set up by a newer version is refused with a message naming it and DATABASE_URL, never the password", async () => {
    const url = freshPostgresUrl();
    const db = database(url);
    await db.ready;
    await db.sql`INSERT INTO schema_migrations (version, description) VALUES (${POSTGRES_SCHEMA_VERSION + 1}, 'from the future')`;
    const withPassword = new URL(url);
    withPassword.username = "postgres";
    withPassword.password = "hunter2-not-shown";
    const newer = store(withPassword.href);
    const error = (await newer.ready.catch((e: Error) => e)) as Error;
    expect(error.message).toContain("was set up by a newer version of the help center");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("hunter2");
    await expect(newer.getTicket("PX-AAAA-AAAA")).rejects.toThrow("newer version");
  });

  test("a database that cannot be reached says where it looked and which variable to check", async () => {
    const unreachable = store("postgres://help:secret-password@127.0.0.1:1/helpdesk");
    const error = (await unreachable.ready.catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^Cannot use the PostgreSQL database 127\.0\.0\.1:1\/helpdesk \(DATABASE_URL\): /);
    expect(error.message).not.toContain("secret-password");
  });

  test("one idempotency key saved by two instances at the same moment makes one ticket; the other gets its record", async () => {
    const url = freshPostgresUrl();
    const [a, b] = [store(url), store(url)];
    await Promise.all([a.ready, b.ready]);
    for (let round = 0; round < 10; round++) {
      const idempotency = { key: `k-${round}`, bodyHash: "h", response: "{}" };
      const results = await Promise.all([
        a.saveTicket({ ticket: record(`PX-AAAA-AA${round}A`), attachments: [], idempotency }),
        b.saveTicket({ ticket: record(`PX-BBBB-BB${round}B`), attachments: [], idempotency }),
      ]);
      const saved = results.filter((r) => r.saved);
      expect(saved).toHaveLength(1);
      const other = results.find((r) => !r.saved);
      const winner = (await a.findIdempotency(`k-${round}`))!.reference;
      expect(other).toEqual({ saved: false, existing: { ...idempotency, reference: winner } });
    }
    expect(await a.listTickets()).toHaveLength(10);
  });

  test("two outboxes claiming the same due tickets at the same moment never both get one", async () => {
    const url = freshPostgresUrl();
    const [a, b] = [store(url), store(url)];
    for (let n = 0; n < 20; n++) await a.saveTicket({ ticket: record(`PX-CCCC-${String(n).padStart(4, "2")}`), attachments: [], idempotency: null });
    const due = await b.dueForForwarding(T0, 50);
    expect(due).toHaveLength(20);
    const claims = await Promise.all(due.flatMap((t) => [a.claimForForwarding(t.reference, T0, 60_000), b.claimForForwarding(t.reference, T0, 60_000)]));
    expect(claims.filter(Boolean)).toHaveLength(20);
    for (let i = 0; i < claims.length; i += 2) expect(claims[i] !== claims[i + 1]).toBe(true);
    expect(await a.dueForForwarding(T0, 50)).toEqual([]);
  });

  test("rate-limit counters keep no client address or email, only a salted hash of each while it counts", async () => {
    const url = freshPostgresUrl();
    const db = database(url);
    const limiter = createPostgresRateLimiter(db, "tickets", { max: 5, windowMs: 60_000 });
    await limiter.hit(["ip:198.51.100.7", "email:ana@example.com"], T0);
    const rows = await db.sql`SELECT key FROM rate_limit_hits`;
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/198\.51|ana@|example/);
    // Once out of the window, rows go, those of keys not seen again too: only the new attempt is left.
    await limiter.hit(["ip:198.51.100.7"], new Date(T0.getTime() + 61_000));
    expect((await db.sql`SELECT at FROM rate_limit_hits`).map((r) => r.at)).toEqual([T0.getTime() + 61_000]);
  });

  test("keeps its tables in the schema a search_path in DATABASE_URL names, creating it if needed", async () => {
    const url = freshPostgresUrl();
    const s = store(url);
    await s.ready;
    const schema = new URL(url).searchParams.get("search_path");
    const sql = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = ${schema}`;
      expect(row?.tables).toBeGreaterThanOrEqual(9);
    } finally {
      await sql.end();
    }
  });
});

describe.each([
  ["in memory", (): [RateLimiter, RateLimiter] => {
    const shared = createMemoryRateLimiter({ max: 3, windowMs: 60_000 });
    return [shared, shared];
  }],
  ...(postgresUrl
    ? [["in PostgreSQL, one per instance", (): [RateLimiter, RateLimiter] => {
        const url = freshPostgresUrl();
        const limit = { max: 3, windowMs: 60_000 };
        return [createPostgresRateLimiter(database(url), "tickets", limit), createPostgresRateLimiter(database(url), "tickets", limit)];
      }] as [string, () => [RateLimiter, RateLimiter]]]
    : []),
])("rate limits %s", (_name, open) => {
  test("count attempts from every instance together, and let them through again once the window has passed", async () => {
    const [a, b] = open();
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await (i % 2 ? a : b).hit(["ip:198.51.100.7"], new Date(T0.getTime() + i * 1_000)));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false, false]);
    // The first attempt leaves the window 60 s after it was made; at 5 s that is 55 s away.
    expect(decisions[5]!.retryAfterSeconds).toBe(55);
    expect((await a.hit(["ip:198.51.100.7"], new Date(T0.getTime() + 60_001))).allowed).toBe(true);
  });

  test("count an attempt against every key or none: a blocked email does not use up the address's attempts", async () => {
    const [a, b] = open();
    for (let i = 0; i < 3; i++) expect((await a.hit([`ip:10.0.0.${i}`, "email:ana@example.com"], T0)).allowed).toBe(true);
    expect((await b.hit(["ip:10.0.0.9", "email:ana@example.com"], T0)).allowed).toBe(false);
    for (let i = 0; i < 3; i++) expect((await b.hit(["ip:10.0.0.9", `email:other-${i}@example.com`], T0)).allowed).toBe(true);
  });

  test("allow exactly the limit when attempts arrive at the same moment", async () => {
    const [a, b] = open();
    const decisions = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit(["email:burst@example.com"], T0)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });
});

describePostgres("feedback and search-gap counts in PostgreSQL", () => {
  test("feedback from two instances adds up: least helpful first, each with its latest comments", async () => {
    const url = freshPostgresUrl();
    const [a, b] = [new PostgresFeedbackStore(database(url)), new PostgresFeedbackStore(database(url))];
    await a.save({ article: "a/sso", helpful: "no", comment: "Nothing about SAML" }, T0);
    await b.save({ article: "a/sso", helpful: "no", comment: "Out of date" }, new Date(T0.getTime() + 1_000));
    await b.save({ article: "a/sso", helpful: "yes", comment: undefined }, new Date(T0.getTime() + 2_000));
    await a.save({ article: "b/billing", helpful: "yes", comment: undefined }, T0);
    expect(await b.tally(1)).toEqual([
      { article: "a/sso", helpful: 1, notHelpful: 2, comments: [{ at: new Date(T0.getTime() + 1_000).toISOString(), comment: "Out of date" }] },
      { article: "b/billing", helpful: 1, notHelpful: 0, comments: [] },
    ]);
  });

  test("search-gap counts: most counted first per outcome, a day's cap on new searches, old days forgotten", async () => {
    const url = freshPostgresUrl();
    const [a, b] = [new PostgresSearchGapStore(database(url)), new PostgresSearchGapStore(database(url))];
    for (const query of ["vpn", "vpn", "sso"]) await a.record(query, "no-results", "2026-12-02", 10);
    await b.record("vpn", "no-results", "2026-12-03", 10);
    await b.record("cancel plan", "ticket", "2026-12-03", 10);
    expect(await b.record("too many", "no-results", "2026-12-02", 2)).toBe("day-full");
    expect(await a.top({ from: "2026-12-01", to: "2026-12-31", limit: 1 })).toEqual([
      { outcome: "no-results", query: "vpn", count: 3, days: 2, lastDay: "2026-12-03" },
      { outcome: "ticket", query: "cancel plan", count: 1, days: 1, lastDay: "2026-12-03" },
    ]);
    expect(await b.forgetBefore("2026-12-03")).toBe(2);
    expect((await a.top({ from: "2026-12-01", to: "2026-12-31", limit: 5 })).map((r) => r.count)).toEqual([1, 1]);
  });

  test("a server on PostgreSQL says where it keeps tickets, and warns when instances would sign ticket forms differently", async () => {
    const url = freshPostgresUrl();
    const site = await startServer({ KB_DIST_DIR: writeSite(), DATABASE_URL: url });
    closing.push({ close: () => site.stop() });
    expect(site.output()).toMatch(/data in PostgreSQL at 127\.0\.0\.1:\d+\/postgres \(DATABASE_URL\)/);
    await expect.poll(() => site.output()).toContain("TICKET_TIME_TRAP_SECRET is not set: this instance signs ticket forms with a secret of its own");
  });

  test("npm run tickets and npm run feedback read the database DATABASE_URL names", async () => {
    const url = freshPostgresUrl();
    const tickets = store(url);
    await tickets.saveTicket({ ticket: record("PX-DDDD-DDDD", { subject: "Exports stopped on Monday" }), attachments: [], idempotency: null });
    await new PostgresFeedbackStore(database(url)).save({ article: "a/sso", helpful: "no", comment: "Nothing about SAML" }, T0);
    const env = { ...process.env, DATABASE_URL: url, KB_DATA_DIR: "/nonexistent-data-folder" };
    const listed = spawnSync(process.execPath, ["scripts/tickets.ts"], { cwd: ROOT, env, encoding: "utf8" });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Reading tickets from PostgreSQL at 127\.0\.0\.1:\d+\/postgres \(DATABASE_URL\)/);
    expect(listed.stdout).toContain("PX-DDDD-DDDD");
    const feedback = spawnSync(process.execPath, ["scripts/feedback.ts"], { cwd: ROOT, env, encoding: "utf8" });
    expect(feedback.status, feedback.stderr).toBe(0);
    expect(feedback.stdout).toContain("a/sso  helpful: 0  not helpful: 1");
    expect(feedback.stdout).toContain("Nothing about SAML");
  });
});
