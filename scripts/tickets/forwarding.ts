// After `--retry` or `release` queues tickets, the running server forwards them (it looks for
// queued tickets every HELPDESK_POLL_MS). The command watches the forward history to say what
// happened, rather than forwarding itself with whatever helpdesk settings its own shell has.
import type { ForwardEvent, TicketStore } from "../../src/helpdesk/store/ticket-store.ts";

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
