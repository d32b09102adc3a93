import { describe, expect, it } from "vitest";
import { describeBusinessHours, describeDays, describeTarget, firstResponseSentence, formatMinutes } from "../../src/lib/support-text.ts";
import type { BusinessHours } from "../../src/lib/content-schemas.ts";

const hours: BusinessHours = { timeZone: "America/Sao_Paulo", days: ["mon", "tue", "wed", "thu", "fri"], open: "08:00", close: "20:00", holidays: [] };

describe("support wording", () => {
  it("writes durations the way people say them", () => {
    expect(formatMinutes(30)).toBe("30 minutes");
    expect(formatMinutes(60)).toBe("1 hour");
    expect(formatMinutes(120)).toBe("2 hours");
    expect(formatMinutes(90)).toBe("1 hour 30 minutes");
  });

  it("describes the support calendar", () => {
    expect(describeBusinessHours(hours)).toBe("Monday to Friday, 08:00 to 20:00 Sao Paulo time");
    expect(describeDays(["sat", "mon"])).toBe("Monday and Saturday");
    expect(describeDays(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).toBe("every day");
  });

  it("gives business-hours targets in business days when they are whole days", () => {
    expect(describeTarget({ minutes: 720, clock: "business-hours" }, hours)).toBe("within 1 business day");
    expect(describeTarget({ minutes: 1440, clock: "business-hours" }, hours)).toBe("within 2 business days");
    expect(describeTarget({ minutes: 240, clock: "business-hours" }, hours)).toBe("within 4 hours of business hours");
  });

  it("marks around-the-clock targets and the absence of a target", () => {
    expect(describeTarget({ minutes: 30, clock: "24x7" }, hours)).toBe("within 30 minutes, around the clock");
    expect(describeTarget(null, hours)).toBe("no response-time commitment");
  });

  it("states a target as a sentence, with or without a commitment, in the same words", () => {
    expect(firstResponseSentence({ minutes: 720, clock: "business-hours" }, hours)).toBe("First response within 1 business day.");
    expect(firstResponseSentence({ minutes: 30, clock: "24x7" }, hours)).toBe("First response within 30 minutes, around the clock.");
    expect(firstResponseSentence(null, hours)).toBe("No response-time commitment on this plan.");
  });
});
