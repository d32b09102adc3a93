// Which chat alerts a ticket gets, and when, from the rules in content/data/alerts.yaml. Pure: the
// endpoint, the staff command and the response-target watch all decide with these functions.
//
// A rule sends up to three alerts per ticket, each at most once (the store keys them by ticket,
// rule and kind): "new" when the ticket is stored (or released from the suspended queue),
// "warning" when only `warnMinutesBefore` of its first-response target is left, and "breach" once
// the target has passed. Warnings and breaches count on the ticket's own clock: a business-hours
// target's warning comes when that many business minutes remain, so it never falls in a weekend.
import type { AlertRule, AlertsFile, BusinessHours } from "./content-schemas.ts";
import { firstResponseDue, type ResponseTarget } from "./sla.ts";

export const ALERT_KINDS = ["new", "warning", "breach"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** An alert to queue: which rule asked for it, what it says, and where it goes. */
export interface PlannedAlert {
  rule: string;
  kind: AlertKind;
  destination: string;
}

/** The ticket facts the rules look at. */
export interface AlertTicketFacts {
  priority: string;
  department: string;
  plan: string;
  createdAt: string;
  firstResponseTarget: ResponseTarget | null;
  firstResponseDueAt: string | null;
}

/**
 * A breach noticed later than this after the due time (after an upgrade that brought alerts to a
 * database full of old tickets, or a long outage) is not announced: it would only flood the channel.
 */
export const MAX_BREACH_LATENESS_MS = 24 * 60 * 60 * 1000;

const MINUTE = 60_000;

/** Every condition a rule sets must hold; a condition left out matches any ticket. */
export function ruleMatches(rule: Pick<AlertRule, "when">, ticket: Pick<AlertTicketFacts, "priority" | "department" | "plan">): boolean {
  const { priorities, departments, plans } = rule.when;
  return (
    (!priorities || priorities.includes(ticket.priority as never)) &&
    (!departments || departments.includes(ticket.department)) &&
    (!plans || plans.includes(ticket.plan))
  );
}

/** The "new" alerts for a ticket just stored or released: one per matching rule that asks for them. */
export function newTicketAlerts(ticket: Pick<AlertTicketFacts, "priority" | "department" | "plan">, alerts: AlertsFile): PlannedAlert[] {
  return alerts.rules
    .filter((rule) => rule.newTicket && ruleMatches(rule, ticket))
    .map((rule) => ({ rule: rule.id, kind: "new", destination: rule.destination }));
}

/**
 * When a rule warns about a ticket: the moment only `warnMinutesBefore` of its target is left, on
 * the target's own clock. Null when the rule does not warn, the ticket has no due time, or the whole
 * target is no longer than the warning time (the ticket is as urgent as the warning the moment it
 * arrives, so its new-ticket alert says it all).
 */
export function warningAt(ticket: AlertTicketFacts, rule: Pick<AlertRule, "warnMinutesBefore">, hours: BusinessHours): Date | null {
  const lead = rule.warnMinutesBefore;
  if (lead === null || !ticket.firstResponseDueAt) return null;
  const due = new Date(ticket.firstResponseDueAt);
  const target = ticket.firstResponseTarget;
  const wallClock = new Date(due.getTime() - lead * MINUTE);
  // Tickets stored before targets were kept have only their due time: count back on the wall clock.
  if (!target) return wallClock.getTime() > Date.parse(ticket.createdAt) ? wallClock : null;
  if (target.minutes <= lead) return null;
  const at = firstResponseDue(new Date(ticket.createdAt), { minutes: target.minutes - lead, clock: target.clock }, hours);
  // Business hours changed in site.yaml since the ticket arrived can move this past the stored due time.
  return at && at.getTime() < due.getTime() ? at : wallClock;
}

/**
 * The watch alert a rule owes a ticket at `now`, if any: "breach" once the due time has passed (and
 * not more than MAX_BREACH_LATENESS_MS ago), else "warning" once its moment has come. A warning whose
 * moment was missed (the server was down) is not sent after the due time: the breach says more.
 */
export function watchAlertDue(
  ticket: AlertTicketFacts,
  rule: Pick<AlertRule, "warnMinutesBefore" | "breach" | "when">,
  hours: BusinessHours,
  now: Date,
): Exclude<AlertKind, "new"> | null {
  if (!ticket.firstResponseDueAt || !ruleMatches(rule, ticket)) return null;
  const due = Date.parse(ticket.firstResponseDueAt);
  const at = now.getTime();
  if (at >= due) return rule.breach && at - due <= MAX_BREACH_LATENESS_MS ? "breach" : null;
  const warn = warningAt(ticket, rule, hours);
  return warn && at >= warn.getTime() ? "warning" : null;
}

/** Whether any rule watches response targets, so the server knows whether to run the watch at all. */
export function rulesWatchTargets(alerts: Pick<AlertsFile, "rules">): boolean {
  return alerts.rules.some((rule) => rule.breach || rule.warnMinutesBefore !== null);
}
