// The response-target watch: every so often the server looks at the stored tickets whose
// first-response clock is running and queues the warning or breach alert a rule owes one, unless the
// customer has been answered. It learns that from `npm run tickets -- responded` (any helpdesk) and,
// where the forwarder can read the ticket back (Zendesk, Freshdesk, Zoho Desk), from the helpdesk,
// asked only for a ticket the watch is about to alert on: at most one call per ticket per alert, a
// few per pass, and none while the helpdesk asks us to slow down. So a quiet day costs no API calls.
import { MAX_BREACH_LATENESS_MS, watchAlertDue, type PlannedAlert } from "../../lib/alert-rules.ts";
import type { SupportData } from "../../lib/support-data.ts";
import { ForwardError, type Forwarder } from "../forwarders/forwarder.ts";
import type { StoredTicket, TicketStore } from "../store/ticket-store.ts";

export interface ResponseWatchOptions {
  store: TicketStore;
  supportData: SupportData;
  forwarder: Forwarder;
  /** Destinations that are on; rules for the others are not watched. */
  activeDestinations: ReadonlySet<string>;
  now: () => Date;
  timeoutMs: number;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Helpdesk read-backs per pass at most; the rest wait for the next pass. */
  readBacksPerPass?: number;
}

export interface WatchOutcome {
  reference: string;
  /** What the watch did: queued alerts, learned the customer was answered, or put the ticket off to the next pass. */
  result: "queued" | "answered" | "later";
  alerts: PlannedAlert[];
}

export interface ResponseWatch {
  check(): Promise<WatchOutcome[]>;
}

/** Tickets looked at per pass, soonest due first; far more than a team has open at once. */
const TICKETS_PER_PASS = 1_000;

export function createResponseWatch(options: ResponseWatchOptions): ResponseWatch {
  const { store, supportData, forwarder, now, log } = options;
  const hours = supportData.businessHours;
  const readBacksPerPass = options.readBacksPerPass ?? 10;
  let pausedUntil = 0;
  const rules = supportData.alerts.rules.filter(
    (rule) => (rule.breach || rule.warnMinutesBefore !== null) && options.activeDestinations.has(rule.destination),
  );

  /** Whether the helpdesk says the customer was answered; null when it was not asked, or could not say. */
  async function readBack(ticket: StoredTicket, budget: { left: number }): Promise<"answered" | "waiting" | "unknown" | "later"> {
    const externalId = ticket.forward.externalId;
    if (!forwarder.readFirstResponse || ticket.forward.status !== "sent" || !externalId) return "unknown";
    if (budget.left <= 0 || now().getTime() < pausedUntil) return "later";
    budget.left -= 1;
    try {
      const reading = await forwarder.readFirstResponse({ externalId, signal: options.signal, timeoutMs: options.timeoutMs });
      if (!reading.responded) return "waiting";
      await store.markResponded(ticket.reference, { at: reading.at ?? now().toISOString(), source: forwarder.name });
      log(`ticket ${ticket.reference} was answered (${reading.detail}); no more response-target alerts for it`);
      return "answered";
    } catch (error) {
      const failure = error instanceof ForwardError ? error : null;
      if (failure?.status === 429) {
        pausedUntil = now().getTime() + (failure.retryAfterMs ?? 60_000);
        return "later";
      }
      // Better a warning the team can check than a breach nobody heard of.
      log(`could not read ${ticket.reference} back from ${forwarder.name} (${(error as Error).message}); alerting anyway`);
      return "unknown";
    }
  }

  return {
    async check() {
      if (!rules.length) return [];
      const at = now();
      const tickets = await store.ticketsAwaitingResponse(new Date(at.getTime() - MAX_BREACH_LATENESS_MS), TICKETS_PER_PASS);
      if (!tickets.length) return [];
      const existing = new Set(
        (await store.listAlerts({ references: tickets.map((t) => t.reference) })).map((a) => `${a.reference}/${a.rule}/${a.kind}`),
      );
      const budget = { left: readBacksPerPass };
      const outcomes: WatchOutcome[] = [];
      for (const ticket of tickets) {
        if (options.signal.aborted) break;
        const owed: PlannedAlert[] = [];
        for (const rule of rules) {
          const kind = watchAlertDue(ticket, rule, hours, at);
          if (kind && !existing.has(`${ticket.reference}/${rule.id}/${kind}`)) owed.push({ rule: rule.id, kind, destination: rule.destination });
        }
        if (!owed.length) continue;
        const state = await readBack(ticket, budget);
        if (state === "answered" || state === "later") {
          outcomes.push({ reference: ticket.reference, result: state, alerts: owed });
          continue;
        }
        await store.enqueueAlerts(ticket.reference, owed, at);
        outcomes.push({ reference: ticket.reference, result: "queued", alerts: owed });
      }
      return outcomes;
    },
  };
}
