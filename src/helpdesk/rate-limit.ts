// Sliding-window rate limits kept in memory. Good for one server process; on serverless each
// instance counts on its own, so use the platform's limiter there if abuse becomes a problem.
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the next attempt would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts an attempt for `key` at `now` if allowed. */
  hit(key: string, now: Date): RateLimitDecision;
  /** Whether an attempt would be allowed, without counting it. */
  check(key: string, now: Date): RateLimitDecision;
}

export function createMemoryRateLimiter(limit: { max: number; windowMs: number }): RateLimiter {
  const hits = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (hits.get(key) ?? []).filter((t) => t > now - limit.windowMs);
    if (times.length) hits.set(key, times);
    else hits.delete(key);
    return times;
  }

  function decide(times: number[], now: number): RateLimitDecision {
    if (times.length < limit.max) return { allowed: true, retryAfterSeconds: 0 };
    const oldest = times[times.length - limit.max] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)) };
  }

  return {
    check(key, now) {
      return decide(recent(key, now.getTime()), now.getTime());
    },
    hit(key, now) {
      const ms = now.getTime();
      // Keys are only pruned when seen again, so sweep everything once the map grows large.
      if (hits.size > 10_000) for (const stale of [...hits.keys()]) recent(stale, ms);
      const times = recent(key, ms);
      const decision = decide(times, ms);
      if (decision.allowed) hits.set(key, [...times, ms]);
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
