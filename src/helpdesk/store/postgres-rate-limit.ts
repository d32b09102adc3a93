// Rate limits that every instance sharing one PostgreSQL database counts together: the same sliding
// window as the memory limiter (rate-limit.ts), over one row per counted attempt. Each decision
// holds a transaction-scoped advisory lock per key (taken in a fixed order, so two decisions never
// wait on each other in a circle), which makes "check every key, then count" one step across instances.
// Keys name client addresses and email addresses, which the feedback and search endpoints promise
// not to keep: rows hold a keyed hash of the key instead (the key, a salt made once per database),
// and each row is removed once it leaves the window.
import { createHmac, randomBytes } from "node:crypto";
import { combineRateLimits, decideRateLimit, type RateLimiter, type RateLimitSettings } from "../rate-limit.ts";
import type { PostgresDatabase } from "./postgres-database.ts";

/** How often one instance removes attempts that left the window under keys not seen since. */
const SWEEP_EVERY_MS = 60_000;

/** The database's salt, made by whichever instance asks first. */
async function keyHasher(db: PostgresDatabase): Promise<(key: string) => string> {
  await db.ready;
  await db.sql`INSERT INTO rate_limit_salt (id, salt) VALUES (1, ${randomBytes(32).toString("base64url")}) ON CONFLICT (id) DO NOTHING`;
  const [row] = await db.sql`SELECT salt FROM rate_limit_salt WHERE id = 1`;
  const salt = String(row?.salt);
  return (key) => createHmac("sha256", salt).update(key).digest("base64url");
}

/** `name` keeps limiters with other windows apart (tickets, feedback, search reports). */
export function createPostgresRateLimiter(db: PostgresDatabase, name: string, limit: RateLimitSettings): RateLimiter {
  let lastSweep = 0;
  let hasher: Promise<(key: string) => string> | null = null;
  return {
    async hit(keys, now) {
      hasher ??= keyHasher(db).catch((error: unknown) => {
        hasher = null;
        throw error;
      });
      const hash = await hasher;
      const ms = now.getTime();
      const since = ms - limit.windowMs;
      const sorted = [...new Set(keys.map(hash))].sort();
      if (!sorted.length) return { allowed: true, retryAfterSeconds: 0 };
      const decision = await db.sql.begin(async (tx) => {
        for (const key of sorted) await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`rate-limit\n${name}\n${key}`}, 0))`;
        await tx`DELETE FROM rate_limit_hits WHERE limiter = ${name} AND key IN ${tx(sorted)} AND at <= ${since}`;
        const rows = await tx`
          SELECT key, at FROM rate_limit_hits WHERE limiter = ${name} AND key IN ${tx(sorted)} ORDER BY at`;
        const decided = combineRateLimits(
          sorted.map((key) => decideRateLimit(rows.filter((r) => r.key === key).map((r) => Number(r.at)), ms, limit)),
        );
        if (decided.allowed) await tx`INSERT INTO rate_limit_hits ${tx(sorted.map((key) => ({ limiter: name, key, at: ms })))}`;
        return decided;
      });
      if (ms - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = ms;
        await db.sql`DELETE FROM rate_limit_hits WHERE limiter = ${name} AND at <= ${since}`;
      }
      return decision;
    },
  };
}
