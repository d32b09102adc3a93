// When to try again after a failed send: quickly at first, then backing off, honouring the
// server's Retry-After when it gives one.
export const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000] as const;

/** Delay before attempt `attempt` (1-based retries), or null when it is time to stop and wait for the reader. */
export function retryDelay(attempt: number, retryAfterSeconds?: number | null): number | null {
  const planned = RETRY_DELAYS_MS[attempt - 1];
  if (planned === undefined) return null;
  if (retryAfterSeconds && Number.isFinite(retryAfterSeconds)) return Math.max(planned, retryAfterSeconds * 1_000);
  return planned;
}

/** Statuses worth retrying with the same idempotency key: the ticket may not have been stored. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
