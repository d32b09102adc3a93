// Sends stored tickets to the helpdesk, outside the customer's request. Temporary failures (network,
// timeouts, 429, 5xx) are retried with exponential backoff, honouring Retry-After; anything else marks
// the ticket failed with the vendor's words. No ticket is ever dropped: failed ones wait for
// `npm run tickets -- --retry <reference>`, and pending ones are picked up again after a restart.
// Suspended tickets (flagged as spam) are never forwarded; the outbox removes them once they have
// been kept the configured number of days, unless staff released them.
// The same outbox delivers chat alerts (alerts/alert-sender.ts) after each round of forwarding, so
// an alert can link to the ticket the helpdesk just created, and runs the response-target watch
// (alerts/response-watch.ts) every `alerts.watchIntervalMs`.
import { rulesWatchTargets } from "../lib/alert-rules.ts";
import type { SupportData } from "../lib/support-data.ts";
import { createAlertSender, type AlertSender } from "./alerts/alert-sender.ts";
import { createResponseWatch, type ResponseWatch } from "./alerts/response-watch.ts";
import { ForwardError, type Forwarder } from "./forwarders/forwarder.ts";
import type { StoredTicket, TicketStore } from "./store/ticket-store.ts";
import { ticketLabels } from "./ticket-summary.ts";

export interface OutboxOptions {
  store: TicketStore;
  forwarder: Forwarder;
  supportData: SupportData;
  now?: () => Date;
  /** Time limit for each helpdesk call. */
  timeoutMs?: number;
  /** Delay before the first retry; doubles with each attempt. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Attempts before a ticket that keeps failing temporarily is marked failed. */
  maxAttempts?: number;
  /**
   * How often the running outbox looks for tickets queued by another process (`npm run tickets`,
   * a second server on the same database), which cannot wake it directly.
   */
  pollMs?: number;
  /** Days a suspended ticket is kept for staff to release before it is removed. */
  keepSuspendedDays?: number;
  /** Chat alerts: the webhooks of the destinations that are on, and how often to watch due times. Off when absent. */
  alerts?: { webhooks: Record<string, string>; watchIntervalMs: number };
  log?: (line: string) => void;
}

export interface ForwardOutcome {
  reference: string;
  status: "sent" | "retry" | "failed";
  attempts: number;
  externalId?: string | null;
  error?: string;
  nextAttemptAt?: string;
}

export interface Outbox {
  /**
   * Forwards everything already pending (a restart resumes here), then keeps retrying on a timer and
   * looks for newly queued tickets every `pollMs`.
   */
  start(): Promise<void>;
  /** A new ticket was stored: forward it soon. Never waits for the helpdesk. */
  wake(): void;
  /**
   * Forwards every ticket due now, once each, and reports what happened. Then runs the
   * response-target watch if its interval has passed and sends the chat alerts due now. Also removes
   * suspended tickets past their keeping time (at most once an hour).
   */
  drain(): Promise<ForwardOutcome[]>;
  /** Stops the timer and lets an in-flight call finish (up to `graceMs`) before aborting it. */
  stop(graceMs?: number): Promise<void>;
}

const BATCH = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, forwarder, supportData } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 10_000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60 * 60 * 1000;
  const maxAttempts = options.maxAttempts ?? 10;
  const pollMs = options.pollMs ?? 2_000;
  const keepSuspendedDays = options.keepSuspendedDays ?? 14;
  const log = options.log ?? (() => {});
  const report = (error: Error) => log(`outbox error: ${error.message}`);
  let lastPurge = Number.NEGATIVE_INFINITY;
  const shutdown = new AbortController();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  let sender: AlertSender | null = null;
  let watch: ResponseWatch | null = null;
  let lastWatch = Number.NEGATIVE_INFINITY;
  const watchIntervalMs = options.alerts?.watchIntervalMs ?? 60_000;
  if (options.alerts) {
    const retrying = { timeoutMs, retryDelayMs, maxRetryDelayMs, maxAttempts, signal: shutdown.signal, now, log };
    sender = createAlertSender({ store, supportData, helpdesk: forwarder.name, webhooks: options.alerts.webhooks, ...retrying });
    const activeDestinations = new Set(Object.keys(options.alerts.webhooks));
    if (rulesWatchTargets(supportData.alerts) && activeDestinations.size) {
      watch = createResponseWatch({ store, supportData, forwarder, activeDestinations, now, timeoutMs, signal: shutdown.signal, log });
    }
  }

  async function runAlerts(): Promise<void> {
    if (!sender) return;
    const at = now().getTime();
    if (watch && at - lastWatch >= watchIntervalMs) {
      lastWatch = at;
      await watch.check().catch(report);
    }
    await sender.deliverDue().catch(report);
  }

  async function forwardOne(ticket: StoredTicket): Promise<ForwardOutcome | null> {
    // A lease long enough for every call of this forward (uploads plus the ticket) and some slack.
    const leaseMs = timeoutMs * (ticket.attachments.length + 2) + 30_000;
    if (!(await store.claimForForwarding(ticket.reference, now(), leaseMs))) return null;
    const attempts = ticket.forward.attempts + 1;
    try {
      const result = await forwarder.forward({
        ticket,
        labels: ticketLabels(ticket, supportData),
        attachments: await store.getAttachments(ticket.reference),
        idempotencyKey: ticket.reference,
        signal: shutdown.signal,
        timeoutMs,
      });
      const { externalId, externalUrl = null } = result;
      await store.markSent(ticket.reference, { target: forwarder.name, attempts, externalId, externalUrl, at: now() });
      log(`forward ${ticket.reference} sent to ${forwarder.name}${result.externalId ? ` as ${result.externalId}` : ""}`);
      return { reference: ticket.reference, status: "sent", attempts, externalId: result.externalId };
    } catch (error) {
      const failure =
        error instanceof ForwardError ? error : new ForwardError((error as Error).message || String(error), { retryable: false });
      if (failure.retryable && attempts < maxAttempts) {
        const delay = Math.min(maxRetryDelayMs, failure.retryAfterMs ?? backoffMs(attempts, retryDelayMs, maxRetryDelayMs));
        const nextAttemptAt = new Date(now().getTime() + delay);
        await store.markRetry(ticket.reference, { target: forwarder.name, attempts, nextAttemptAt, lastError: failure.message, at: now() });
        log(`forward ${ticket.reference} attempt ${attempts} failed, retrying at ${nextAttemptAt.toISOString()}: ${failure.message}`);
        return { reference: ticket.reference, status: "retry", attempts, error: failure.message, nextAttemptAt: nextAttemptAt.toISOString() };
      }
      const lastError = failure.retryable ? `Gave up after ${attempts} attempts: ${failure.message}` : failure.message;
      await store.markFailed(ticket.reference, { target: forwarder.name, attempts, lastError, at: now() });
      log(`forward ${ticket.reference} failed (kept; retry with npm run tickets -- --retry ${ticket.reference}): ${lastError}`);
      return { reference: ticket.reference, status: "failed", attempts, error: lastError };
    }
  }

  async function purgeExpired(): Promise<void> {
    const at = now().getTime();
    if (at - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = at;
    const removed = await store.deleteSuspendedBefore(new Date(at - keepSuspendedDays * DAY_MS));
    if (removed) log(`removed ${removed} suspended ticket${removed === 1 ? "" : "s"} kept longer than ${keepSuspendedDays} days`);
  }

  async function drain(): Promise<ForwardOutcome[]> {
    await purgeExpired();
    const outcomes: ForwardOutcome[] = [];
    const seen = new Set<string>();
    while (!stopped) {
      const due = (await store.dueForForwarding(now(), BATCH)).filter((t) => !seen.has(t.reference));
      if (!due.length) break;
      for (const ticket of due) {
        if (stopped) break;
        seen.add(ticket.reference);
        const outcome = await forwardOne(ticket);
        if (outcome) outcomes.push(outcome);
      }
    }
    if (!stopped) await runAlerts();
    return outcomes;
  }

  /** Sleeps until the next ticket or alert is due, the next watch or the next clean-up, but never longer than one poll. */
  async function scheduleNext(): Promise<void> {
    clearTimeout(timer);
    if (stopped) return;
    const [nextForward, nextAlert] = await Promise.all([store.nextForwardAt(), sender ? store.nextAlertAt() : null]);
    if (stopped) return;
    const at = now().getTime();
    const until = (next: Date | null) => (next ? Math.max(0, next.getTime() - at) : Number.POSITIVE_INFINITY);
    const untilPurge = Math.max(0, lastPurge + PURGE_EVERY_MS - at);
    const untilWatch = watch ? Math.max(0, lastWatch + watchIntervalMs - at) : Number.POSITIVE_INFINITY;
    const wait = Math.min(until(nextForward), until(nextAlert), untilPurge, untilWatch);
    clearTimeout(timer);
    timer = wait <= pollMs ? setTimeout(wake, wait) : setTimeout(() => void scheduleNext().catch(report), pollMs);
    timer.unref?.();
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch(report);
      } while (again && !stopped);
      await scheduleNext().catch(report);
    })().finally(() => {
      running = null;
    });
  }

  return {
    async start() {
      wake();
      await running;
    },
    wake,
    drain,
    async stop(graceMs = 5_000) {
      stopped = true;
      clearTimeout(timer);
      if (!running) return;
      const finished = running;
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref?.());
      await Promise.race([finished, grace]);
      shutdown.abort();
      await finished;
    },
  };
}
