import { describe, expect, test } from "vitest";
import { newTicketAlerts, ruleMatches, warningAt, watchAlertDue, type AlertTicketFacts } from "../../src/lib/alert-rules.ts";
import type { AlertRule, AlertsFile, BusinessHours } from "../../src/lib/content-schemas.ts";
import { firstResponseDue } from "../../src/lib/sla.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { SAO_PAULO_HOURS } from "../sample-ticket.ts";

const saoPaulo: BusinessHours = SAO_PAULO_HOURS;
/** São Paulo wall-clock time (UTC-3 all year) as an instant. */
const brt = (local: string) => new Date(`${local}-03:00`);

function rule(overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id: "high-priority",
    description: "High tickets",
    destination: "support-team",
    when: {},
    newTicket: true,
    warnMinutesBefore: 30,
    breach: true,
    includeDescription: false,
    includeAttachmentNames: false,
    ...overrides,
  };
}

function ticket(createdAt: Date, target: AlertTicketFacts["firstResponseTarget"], overrides: Partial<AlertTicketFacts> = {}): AlertTicketFacts {
  return {
    priority: "High",
    department: "paid-support",
    plan: "enterprise",
    createdAt: createdAt.toISOString(),
    firstResponseTarget: target,
    firstResponseDueAt: firstResponseDue(createdAt, target, saoPaulo)?.toISOString() ?? null,
    ...overrides,
  };
}

describe("which rules a ticket matches", () => {
  test("every condition a rule sets must hold, and a condition left out matches anything", () => {
    const facts = { priority: "High", department: "paid-support", plan: "enterprise-plus" };
    expect(ruleMatches(rule(), facts)).toBe(true);
    expect(ruleMatches(rule({ when: { priorities: ["High"], departments: ["paid-support"] } }), facts)).toBe(true);
    expect(ruleMatches(rule({ when: { priorities: ["Medium", "Low"] } }), facts)).toBe(false);
    expect(ruleMatches(rule({ when: { priorities: ["High"], departments: ["trials"] } }), facts)).toBe(false);
    expect(ruleMatches(rule({ when: { plans: ["enterprise-plus", "enterprise-mission-critical"] } }), facts)).toBe(true);
    expect(ruleMatches(rule({ when: { plans: ["pro"] } }), facts)).toBe(false);
  });

  test("a new ticket gets one alert per matching rule that announces arrivals, to that rule's destination", () => {
    const alerts: AlertsFile = {
      destinations: [],
      rules: [
        rule({ id: "high", when: { priorities: ["High"] }, destination: "support-team" }),
        rule({ id: "targets-only", when: { priorities: ["High"] }, newTicket: false }),
        rule({ id: "vip", when: { plans: ["enterprise"] }, destination: "customer-success" }),
        rule({ id: "low", when: { priorities: ["Low"] } }),
      ],
    };
    expect(newTicketAlerts({ priority: "High", department: "paid-support", plan: "enterprise" }, alerts)).toEqual([
      { rule: "high", kind: "new", destination: "support-team" },
      { rule: "vip", kind: "new", destination: "customer-success" },
    ]);
    expect(newTicketAlerts({ priority: "Medium", department: "community", plan: "starter" }, alerts)).toEqual([]);
  });

  test("the sample alerts.yaml announces a High ticket from a paying customer and keeps community tickets out of chat", () => {
    const { alerts } = loadSupportData();
    expect(newTicketAlerts({ priority: "High", department: "paid-support", plan: "enterprise" }, alerts).map((a) => a.destination)).toEqual([
      "support-team",
    ]);
    expect(newTicketAlerts({ priority: "High", department: "community", plan: "community" }, alerts)).toEqual([]);
    expect(newTicketAlerts({ priority: "Low", department: "paid-support", plan: "pro" }, alerts)).toEqual([]);
  });
});

describe("when the watch warns and reports a breach", () => {
  const twelveBusinessHours = { minutes: 720, clock: "business-hours" } as const;
  const twoHoursAroundTheClock = { minutes: 120, clock: "24x7" } as const;

  test("a business-hours ticket from Friday evening stays quiet all weekend, warns 30 business minutes before Monday's due time, then breaches", () => {
    // Friday 19:50: ten minutes count on Friday, the other 710 on Monday, so it is due Monday 19:50.
    const friday = ticket(brt("2025-07-11T19:50:00"), twelveBusinessHours);
    expect(friday.firstResponseDueAt).toBe(brt("2025-07-14T19:50:00").toISOString());
    expect(warningAt(friday, rule(), saoPaulo)).toEqual(brt("2025-07-14T19:20:00"));

    const hourly = (from: string, hours: number) => Array.from({ length: hours }, (_, h) => new Date(brt(from).getTime() + h * 3_600_000));
    for (const now of hourly("2025-07-11T20:00:00", 60)) expect(watchAlertDue(friday, rule(), saoPaulo, now), now.toISOString()).toBeNull();
    expect(watchAlertDue(friday, rule(), saoPaulo, brt("2025-07-14T19:19:59"))).toBeNull();
    expect(watchAlertDue(friday, rule(), saoPaulo, brt("2025-07-14T19:20:00"))).toBe("warning");
    expect(watchAlertDue(friday, rule(), saoPaulo, brt("2025-07-14T19:49:59"))).toBe("warning");
    expect(watchAlertDue(friday, rule(), saoPaulo, brt("2025-07-14T19:50:00"))).toBe("breach");
  });

  test("the warning counts business minutes back across the night: due at 08:10 warns the evening before at 19:40", () => {
    // Arrives Monday 08:10 with twelve business hours: due Tuesday 08:10.
    const monday = ticket(brt("2025-07-14T08:10:00"), twelveBusinessHours);
    expect(monday.firstResponseDueAt).toBe(brt("2025-07-15T08:10:00").toISOString());
    expect(warningAt(monday, rule(), saoPaulo)).toEqual(brt("2025-07-14T19:40:00"));
    // Overnight the warning stands (already sent); nothing new is due until the breach.
    expect(watchAlertDue(monday, rule(), saoPaulo, brt("2025-07-15T03:00:00"))).toBe("warning");
    expect(watchAlertDue(monday, rule(), saoPaulo, brt("2025-07-15T08:10:00"))).toBe("breach");
  });

  test("a 24x7 target outside business hours warns and breaches on the plain clock, on a Saturday night", () => {
    const saturday = ticket(brt("2025-07-12T22:00:00"), twoHoursAroundTheClock);
    expect(saturday.firstResponseDueAt).toBe(brt("2025-07-13T00:00:00").toISOString());
    expect(watchAlertDue(saturday, rule(), saoPaulo, brt("2025-07-12T23:29:00"))).toBeNull();
    expect(watchAlertDue(saturday, rule(), saoPaulo, brt("2025-07-12T23:30:00"))).toBe("warning");
    expect(watchAlertDue(saturday, rule(), saoPaulo, brt("2025-07-13T00:00:00"))).toBe("breach");
  });

  test("a missed warning is not sent after the due time, and a breach noticed more than a day late is not announced", () => {
    const saturday = ticket(brt("2025-07-12T22:00:00"), twoHoursAroundTheClock);
    expect(watchAlertDue(saturday, rule({ breach: false }), saoPaulo, brt("2025-07-13T00:05:00"))).toBeNull();
    expect(watchAlertDue(saturday, rule(), saoPaulo, brt("2025-07-14T00:00:00"))).toBe("breach");
    expect(watchAlertDue(saturday, rule(), saoPaulo, brt("2025-07-14T00:00:01"))).toBeNull();
  });

  test("no warning when the whole target is no longer than the warning time, and none for a ticket with no target", () => {
    const thirtyMinutes = ticket(brt("2025-07-12T22:00:00"), { minutes: 30, clock: "24x7" });
    expect(warningAt(thirtyMinutes, rule({ warnMinutesBefore: 30 }), saoPaulo)).toBeNull();
    expect(watchAlertDue(thirtyMinutes, rule(), saoPaulo, brt("2025-07-12T22:10:00"))).toBeNull();
    expect(watchAlertDue(thirtyMinutes, rule(), saoPaulo, brt("2025-07-12T22:30:00"))).toBe("breach");
    const community = ticket(brt("2025-07-12T22:00:00"), null);
    expect(watchAlertDue(community, rule(), saoPaulo, brt("2025-07-20T00:00:00"))).toBeNull();
  });

  test("a ticket stored before targets were kept is warned on the wall clock before its due time", () => {
    const old = { ...ticket(brt("2025-07-14T10:00:00"), twelveBusinessHours), firstResponseTarget: null };
    // Monday 10:00 plus twelve business hours is Tuesday 10:00; an hour before on the wall clock is 09:00.
    expect(warningAt(old, rule({ warnMinutesBefore: 60 }), saoPaulo)).toEqual(brt("2025-07-15T09:00:00"));
  });

  test("a rule that does not match the ticket owes it nothing", () => {
    const saturday = ticket(brt("2025-07-12T22:00:00"), twoHoursAroundTheClock);
    expect(watchAlertDue(saturday, rule({ when: { departments: ["trials"] } }), saoPaulo, brt("2025-07-13T00:00:00"))).toBeNull();
  });
});
