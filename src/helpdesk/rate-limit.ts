// Sliding-window rate limits. The memory limiter counts in one process: enough for the single server
// that a SQLite data folder implies (a counter in the file would cost a synced write per request
// for state that may as well start empty after a restart). Several instances sharing one PostgreSQL
// database count together through its limiter (store/postgres-rate-limit.ts), with the same rules.
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the next attempt would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimitSettings {
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /**
   * Counts one attempt at `now` against every key (a client address and an email, say) if each of
   * them allows one; otherwise counts nothing and says when the slowest key allows one again.
   * All or nothing in one step, so two instances cannot both take the last attempt a key has left.
   */
  hit(keys: readonly string[], now: Date): Promise<RateLimitDecision>;
}

/** The decision for one key, given the times of its attempts still inside the window, oldest first. */
export function decideRateLimit(times: readonly number[], now: number, limit: RateLimitSettings): RateLimitDecision {
  if (times.length < limit.max) return { allowed: true, retryAfterSeconds: 0 };
  const oldest = times[times.length - limit.max] ?? now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)) };
}

/** The most restrictive of several keys' decisions. */
export function combineRateLimits(decisions: readonly RateLimitDecision[]): RateLimitDecision {
  const blocked = decisions.filter((d) => !d.allowed);
  if (!blocked.length) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(...blocked.map((d) => d.retryAfterSeconds)) };
}

export function createMemoryRateLimiter(limit: RateLimitSettings): RateLimiter {
  const hits = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (hits.get(key) ?? []).filter((t) => t > now - limit.windowMs);
    if (times.length) hits.set(key, times);
    else hits.delete(key);
    return times;
  }

  return {
    async hit(keys, now) {
      const ms = now.getTime();
      // Keys are only pruned when seen again, so sweep everything once the map grows large.
      if (hits.size > 10_000) for (const stale of [...hits.keys()]) recent(stale, ms);
      const decision = combineRateLimits(keys.map((key) => decideRateLimit(recent(key, ms), ms, limit)));
      if (decision.allowed) for (const key of keys) hits.set(key, [...recent(key, ms), ms]);
      return decision;
    },
  };
}

/** The client's address: the socket's, or with a trusted proxy the one it recorded in X-Forwarded-For. */
export function clientAddress(request: Request, client: { ip?: string | null }, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The rightmost entry is the one our own proxy added; entries to its left are client-supplied.
    const forwarded = request.headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded.at(-1) ?? null;
  }
  return client.ip || null;
}
