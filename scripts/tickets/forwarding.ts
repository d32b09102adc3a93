// After `--retry` or `release` queues tickets, or `--resend-alerts` chat alerts, the running server
// sends them (it looks for queued work every HELPDESK_POLL_MS). The command watches the store to
// say what happened, rather than sending itself with whatever settings its own shell has.
import type { ForwardEvent, StoredAlert, TicketStore } from "../../src/helpdesk/store/ticket-store.ts";

export interface ForwardingResult {
  reference: string;
  /** The first attempt after the ticket was queued, or null if none came in time. */
  attempt: ForwardEvent | null;
}

const ATTEMPTS = new Set<ForwardEvent["kind"]>(["sent", "retry", "failed"]);

async function firstAttemptSinceQueued(store: TicketStore, reference: string): Promise<ForwardEvent | null> {
  const history = await store.forwardHistory(reference);
  const queued = history.findLastIndex((e) => e.kind === "requeued" || e.kind === "released");
  return history.slice(queued + 1).find((e) => ATTEMPTS.has(e.kind)) ?? null;
}

/** Waits until each ticket has had an attempt since it was queued, or `timeoutMs` has passed. */
export async function waitForForwarding(
  store: TicketStore,
  references: readonly string[],
  options: { timeoutMs: number; intervalMs: number },
): Promise<ForwardingResult[]> {
  const deadline = Date.now() + options.timeoutMs;
  const attempts = new Map<string, ForwardEvent>();
  for (;;) {
    for (const reference of references) {
      if (attempts.has(reference)) continue;
      const attempt = await firstAttemptSinceQueued(store, reference);
      if (attempt) attempts.set(reference, attempt);
    }
    if (attempts.size === references.length || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return references.map((reference) => ({ reference, attempt: attempts.get(reference) ?? null }));
}

const alertKey = (alert: StoredAlert) => `${alert.reference}/${alert.rule}/${alert.kind}`;

/**
 * Whether an alert queued at `queuedAt` is still as the command left it: no server has looked at
 * it (one that put it off for a rate limit has moved its next try).
 */
export function untouchedSince(alert: StoredAlert, queuedAt: Date): boolean {
  return alert.status === "pending" && alert.attempts === 0 && alert.nextAttemptAt === queuedAt.toISOString();
}

/** Waits until a server has looked at each alert queued at `queuedAt`, or `timeoutMs` has passed; returns them as they are then. */
export async function waitForAlerts(
  store: TicketStore,
  alerts: readonly StoredAlert[],
  queuedAt: Date,
  options: { timeoutMs: number; intervalMs: number },
): Promise<StoredAlert[]> {
  const deadline = Date.now() + options.timeoutMs;
  const wanted = new Set(alerts.map(alertKey));
  const references = [...new Set(alerts.map((a) => a.reference))];
  for (;;) {
    const latest = (await store.listAlerts({ references })).filter((a) => wanted.has(alertKey(a)));
    if (!latest.some((a) => untouchedSince(a, queuedAt)) || Date.now() >= deadline) return latest;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
