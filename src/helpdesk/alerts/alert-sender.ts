// The outbox's chat half: sends the alerts that are due, one claim (lease) each, with the same
// backoff as forwarding. A refused webhook (revoked, deleted, disabled) marks the alert failed with
// the product's words and is never retried by itself; `npm run tickets` shows it. A destination that
// is off, or a warning for a ticket answered meanwhile, is recorded as skipped with the reason.
// Each destination has a token bucket at its product's documented rate, so a burst of tickets waits
// its turn instead of getting the webhook throttled or disabled; and once a post to a destination
// fails for a passing reason, its other alerts wait for the same retry time instead of each waiting
// out a timeout, which would hold up forwarding in the same outbox.
import type { AlertRule } from "../../lib/content-schemas.ts";
import type { SupportData } from "../../lib/support-data.ts";
import type { StoredAlert, StoredTicket, TicketStore } from "../store/ticket-store.ts";
import { webhookVariable } from "./alert-config.ts";
import { AlertDeliveryError, postAlert } from "./chat-post.ts";
import { alertPayload, FORMAT_RATES } from "./formats.ts";
import { buildAlertMessage } from "./message.ts";

export interface AlertSenderOptions {
  store: TicketStore;
  supportData: SupportData;
  /** The forwarder's name, to say where the ticket is (local, zendesk, …). */
  helpdesk: string;
  /** Destination id → webhook address, for the destinations that are on. */
  webhooks: Record<string, string>;
  now: () => Date;
  timeoutMs: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  maxAttempts: number;
  /** Aborted when the server shuts down. */
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface AlertOutcome {
  reference: string;
  rule: string;
  kind: StoredAlert["kind"];
  destination: string;
  status: "sent" | "retry" | "failed" | "skipped" | "deferred";
  attempts: number;
  error?: string;
  nextAttemptAt?: string;
}

export interface AlertSender {
  /** Sends every alert due now, once each, and reports what happened. */
  deliverDue(): Promise<AlertOutcome[]>;
}

const BATCH = 25;
const MINUTE = 60_000;

export function createAlertSender(options: AlertSenderOptions): AlertSender {
  const { store, supportData, now, log } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Destinations whose last post failed for a passing reason, and when to try them again. */
  const resting = new Map<string, number>();

  /** Takes a token for the destination, or says when the next one is there. */
  function takeToken(destination: string, format: keyof typeof FORMAT_RATES): number | null {
    const rate = FORMAT_RATES[format];
    const at = now().getTime();
    const bucket = buckets.get(destination) ?? { tokens: rate.burst, at };
    const tokens = Math.min(rate.burst, bucket.tokens + ((at - bucket.at) * rate.perMinute) / MINUTE);
    if (tokens >= 1) {
      buckets.set(destination, { tokens: tokens - 1, at });
      return null;
    }
    buckets.set(destination, { tokens, at });
    return at + Math.ceil(((1 - tokens) * MINUTE) / rate.perMinute);
  }

  const outcome = (alert: StoredAlert, status: AlertOutcome["status"], extra: Partial<AlertOutcome> = {}): AlertOutcome => ({
    reference: alert.reference,
    rule: alert.rule,
    kind: alert.kind,
    destination: alert.destination,
    status,
    attempts: alert.attempts,
    ...extra,
  });

  async function skip(alert: StoredAlert, reason: string): Promise<AlertOutcome> {
    await store.markAlertSkipped(alert, reason);
    log(`alert ${alert.reference} ${alert.kind} (${alert.rule}) not sent: ${reason}`);
    return outcome(alert, "skipped", { error: reason });
  }

  async function deliverOne(alert: StoredAlert, ticket: StoredTicket | null): Promise<AlertOutcome | null> {
    const destination = supportData.alerts.destinations.find((d) => d.id === alert.destination);
    if (!destination) return skip(alert, `${alert.destination} is no longer a destination in content/data/alerts.yaml`);
    const url = options.webhooks[destination.id];
    if (!url) return skip(alert, `${destination.id} is off: ${webhookVariable(destination.id)} is not set on the server`);
    if (!ticket) return skip(alert, "the ticket was deleted");
    if (alert.kind !== "new" && ticket.firstResponse) return skip(alert, "the customer was answered before it went out");

    const rest = resting.get(destination.id) ?? 0;
    const waitUntil = rest > now().getTime() ? rest : takeToken(destination.id, destination.format);
    if (waitUntil !== null) {
      await store.deferAlert(alert, new Date(waitUntil));
      return outcome(alert, "deferred", { nextAttemptAt: new Date(waitUntil).toISOString() });
    }
    if (!(await store.claimAlert(alert, now(), options.timeoutMs + 30_000))) return null;
    const attempts = alert.attempts + 1;
    const rule: AlertRule | undefined = supportData.alerts.rules.find((r) => r.id === alert.rule);
    const message = buildAlertMessage({ ticket, kind: alert.kind, rule: rule ?? null, data: supportData, helpdesk: options.helpdesk });
    const variable = webhookVariable(destination.id);
    const where = `alert ${alert.reference} ${alert.kind} (${alert.rule}) to ${destination.id}`;
    try {
      await postAlert(destination.format, url, variable, alertPayload(message, destination), {
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        now,
      });
      await store.markAlertSent(alert, { attempts, at: now() });
      resting.delete(destination.id);
      log(`${where} sent`);
      return outcome(alert, "sent", { attempts });
    } catch (error) {
      const failure =
        error instanceof AlertDeliveryError ? error : new AlertDeliveryError((error as Error).message || String(error), { retryable: false });
      const limit = Math.min(options.maxAttempts, failure.maxAttempts ?? options.maxAttempts);
      if (failure.retryable && attempts < limit) {
        const backoff = Math.min(options.maxRetryDelayMs, options.retryDelayMs * 2 ** (attempts - 1));
        const nextAttemptAt = new Date(now().getTime() + Math.min(options.maxRetryDelayMs, failure.retryAfterMs ?? backoff));
        await store.markAlertRetry(alert, { attempts, nextAttemptAt, lastError: failure.message });
        resting.set(destination.id, nextAttemptAt.getTime());
        log(`${where} attempt ${attempts} failed, retrying at ${nextAttemptAt.toISOString()}: ${failure.message}`);
        return outcome(alert, "retry", { attempts, error: failure.message, nextAttemptAt: nextAttemptAt.toISOString() });
      }
      const lastError = failure.retryable ? `Gave up after ${attempts} attempts: ${failure.message}` : failure.message;
      await store.markAlertFailed(alert, { attempts, lastError });
      log(`${where} failed (see npm run tickets): ${lastError}`);
      return outcome(alert, "failed", { attempts, error: lastError });
    }
  }

  return {
    async deliverDue() {
      const outcomes: AlertOutcome[] = [];
      const seen = new Set<string>();
      const tickets = new Map<string, StoredTicket | null>();
      for (;;) {
        if (options.signal.aborted) break;
        const due = (await store.dueAlerts(now(), BATCH)).filter((a) => !seen.has(`${a.reference}/${a.rule}/${a.kind}`));
        if (!due.length) break;
        for (const alert of due) {
          if (options.signal.aborted) break;
          seen.add(`${alert.reference}/${alert.rule}/${alert.kind}`);
          if (!tickets.has(alert.reference)) tickets.set(alert.reference, await store.getTicket(alert.reference));
          const result = await deliverOne(alert, tickets.get(alert.reference) ?? null);
          if (result) outcomes.push(result);
        }
      }
      return outcomes;
    },
  };
}
