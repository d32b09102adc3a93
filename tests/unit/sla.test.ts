import { describe, expect, test } from "vitest";
import type { BusinessHours } from "../../src/lib/content-schemas.ts";
import { dueTimeLines, firstResponseDue, formatDue, targetFor } from "../../src/lib/sla.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { SAO_PAULO_HOURS } from "../sample-ticket.ts";

const saoPaulo: BusinessHours = SAO_PAULO_HOURS;
const twelveBusinessHours = { minutes: 720, clock: "business-hours" } as const;
const oneBusinessHour = { minutes: 60, clock: "business-hours" } as const;

/** São Paulo wall-clock time (UTC-3 all year since 2019) as an instant. */
const brt = (local: string) => new Date(`${local}-03:00`);
const due = (created: Date, target: Parameters<typeof firstResponseDue>[1], hours = saoPaulo) =>
  firstResponseDue(created, target, hours)?.toISOString() ?? null;

describe("firstResponseDue on the business-hours clock", () => {
  test("Friday 19:30 plus 12 business hours is Monday 19:30", () => {
    expect(due(brt("2025-07-11T19:30:00"), twelveBusinessHours)).toBe(brt("2025-07-14T19:30:00").toISOString());
  });

  test("a ticket on Saturday starts counting on Monday at 08:00", () => {
    expect(due(brt("2025-07-12T10:00:00"), oneBusinessHour)).toBe(brt("2025-07-14T09:00:00").toISOString());
    expect(due(brt("2025-07-12T10:00:00"), twelveBusinessHours)).toBe(brt("2025-07-14T20:00:00").toISOString());
  });

  test("a ticket at 07:00 starts counting at 08:00 the same day", () => {
    expect(due(brt("2025-07-15T07:00:00"), oneBusinessHour)).toBe(brt("2025-07-15T09:00:00").toISOString());
  });

  test("a ticket exactly at closing time starts counting at the next opening", () => {
    expect(due(brt("2025-07-15T20:00:00"), oneBusinessHour)).toBe(brt("2025-07-16T09:00:00").toISOString());
  });

  test("a target that ends exactly at closing time is due at closing time, not the next morning", () => {
    expect(due(brt("2025-07-15T08:00:00"), twelveBusinessHours)).toBe(brt("2025-07-15T20:00:00").toISOString());
  });

  test("keeps seconds: 10:15:42 plus one business hour is 11:15:42", () => {
    expect(due(brt("2025-07-15T10:15:42"), oneBusinessHour)).toBe(brt("2025-07-15T11:15:42").toISOString());
  });

  test("skips a holiday given as a date in the team's zone", () => {
    const withHoliday = { ...saoPaulo, holidays: ["2025-07-15"] };
    // Monday 19:00: one hour left on Monday, Tuesday is a holiday, so the second hour is Wednesday 08:00-09:00.
    expect(due(brt("2025-07-14T19:00:00"), { minutes: 120, clock: "business-hours" }, withHoliday)).toBe(
      brt("2025-07-16T09:00:00").toISOString(),
    );
  });

  test("uses the zone's real offsets across a daylight-saving change, not a fixed one", () => {
    const berlin: BusinessHours = { ...saoPaulo, timeZone: "Europe/Berlin", open: "09:00", close: "18:00" };
    // Friday 17:00 CET (UTC+1); clocks go forward on Sunday 30 March; Monday 09:00 is CEST (UTC+2).
    expect(due(new Date("2025-03-28T16:00:00Z"), { minutes: 120, clock: "business-hours" }, berlin)).toBe(
      "2025-03-31T08:00:00.000Z",
    );
  });

  test("a calendar with only weekend days counts on the weekend", () => {
    const weekendOnly: BusinessHours = { ...saoPaulo, days: ["sat", "sun"] };
    expect(due(brt("2025-07-11T12:00:00"), oneBusinessHour, weekendOnly)).toBe(brt("2025-07-12T09:00:00").toISOString());
  });
});

describe("firstResponseDue on the 24x7 clock", () => {
  test("is plain elapsed time, even at the weekend", () => {
    expect(due(brt("2025-07-12T03:00:00"), { minutes: 120, clock: "24x7" })).toBe(brt("2025-07-12T05:00:00").toISOString());
  });

  test("no target means no due time", () => {
    expect(firstResponseDue(brt("2025-07-12T03:00:00"), null, saoPaulo)).toBeNull();
  });
});

describe("targets from the SLA data", () => {
  const data = loadSupportData();

  test("Enterprise with Support Plus answers High tickets in 2 hours around the clock, so a weekend ticket is due 2 hours later", () => {
    const target = targetFor("enterprise-plus", "High", data);
    expect(target).toEqual({ minutes: 120, clock: "24x7" });
    expect(due(brt("2025-07-13T23:30:00"), target, data.businessHours)).toBe(brt("2025-07-14T01:30:00").toISOString());
  });

  test("Pro answers in 12 business hours", () => {
    expect(targetFor("pro", "Low", data)).toEqual(twelveBusinessHours);
  });

  test("the community tier has no commitment, so no due time", () => {
    expect(targetFor("community", "High", data)).toBeNull();
    expect(firstResponseDue(new Date(), targetFor("starter", "High", data), data.businessHours)).toBeNull();
  });

  test("an unknown plan is an error that lists the plans", () => {
    expect(() => targetFor("platinum", "High", data)).toThrow(/"platinum" is not a plan we know; choose one of: Community edition/);
  });
});

describe("wording for customers", () => {
  test("formatDue shows the time on the support team's clock and names the zone", () => {
    expect(formatDue(brt("2025-07-14T19:30:00"), "America/Sao_Paulo")).toBe(
      "Monday 14 July 2025 at 19:30, Sao Paulo time (GMT-3)",
    );
    expect(formatDue(new Date("2025-03-31T08:00:00Z"), "Europe/Berlin")).toBe("Monday 31 March 2025 at 10:00, Berlin time (GMT+2)");
  });

  test("formatDue calls the reader's own clock what the caller names it, in the same format", () => {
    expect(formatDue(new Date("2025-07-14T22:30:00Z"), "Asia/Tokyo", "your time")).toBe("Tuesday 15 July 2025 at 07:30, your time (GMT+9)");
    expect(formatDue(new Date("2025-01-06T12:00:00Z"), "UTC", "your time")).toBe("Monday 6 January 2025 at 12:00, your time (GMT)");
  });

  test("dueTimeLines gives the reader's clock first and the team's after it", () => {
    const due = new Date("2025-07-14T22:30:00Z");
    expect(dueTimeLines(due, "America/Sao_Paulo", "Asia/Tokyo")).toEqual({
      main: "Tuesday 15 July 2025 at 07:30, your time (GMT+9)",
      note: "On the support team's clock: Monday 14 July 2025 at 19:30, Sao Paulo time (GMT-3).",
    });
  });

  test("dueTimeLines says once when the reader's clock reads the same as the team's", () => {
    const due = new Date("2025-07-14T22:30:00Z");
    const same = { main: "Monday 14 July 2025 at 19:30, Sao Paulo time (GMT-3)", note: "That is your time too." };
    expect(dueTimeLines(due, "America/Sao_Paulo", "America/Sao_Paulo")).toEqual(same);
    // Another zone on the same offset reads the same clock.
    expect(dueTimeLines(due, "America/Sao_Paulo", "America/Argentina/Buenos_Aires")).toEqual(same);
  });

  test("dueTimeLines follows daylight saving on the reader's side", () => {
    // Berlin is GMT+1 in January and GMT+2 in July; Sao Paulo stays GMT-3.
    expect(dueTimeLines(new Date("2025-01-15T13:00:00Z"), "America/Sao_Paulo", "Europe/Berlin").main).toBe("Wednesday 15 January 2025 at 14:00, your time (GMT+1)");
    expect(dueTimeLines(new Date("2025-07-15T13:00:00Z"), "America/Sao_Paulo", "Europe/Berlin").main).toBe("Tuesday 15 July 2025 at 15:00, your time (GMT+2)");
  });
});
