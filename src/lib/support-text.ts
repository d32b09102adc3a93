// How support facts read in a sentence. Shared by the SLA table, inline article components, the
// ticket form and the endpoint, so the site never words the same number two ways.
import type { BusinessHours, Weekday } from "./content-schemas.ts";

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const WEEK: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** "30 minutes", "2 hours", "1 hour 30 minutes". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (rest || !hours) parts.push(`${rest} ${rest === 1 ? "minute" : "minutes"}`);
  return parts.join(" ");
}

/** "Monday to Friday" for a run of consecutive days, otherwise a list. */
export function describeDays(days: readonly Weekday[]): string {
  const sorted = WEEK.filter((d) => days.includes(d));
  if (sorted.length === 7) return "every day";
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const consecutive = first !== undefined && last !== undefined && WEEK.indexOf(last) - WEEK.indexOf(first) === sorted.length - 1;
  if (consecutive && sorted.length > 2) return `${DAY_NAMES[first]} to ${DAY_NAMES[last]}`;
  const names = sorted.map((d) => DAY_NAMES[d]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

/** A readable name for an IANA zone: "America/Sao_Paulo" -> "Sao Paulo time". */
export function zoneName(timeZone: string): string {
  const city = timeZone.split("/").pop() ?? timeZone;
  return `${city.replace(/_/g, " ")} time`;
}

/** "Monday to Friday, 08:00 to 20:00 Sao Paulo time". */
export function describeBusinessHours(hours: BusinessHours): string {
  return `${describeDays(hours.days)}, ${hours.open} to ${hours.close} ${zoneName(hours.timeZone)}`;
}

/** Length of one business day on this calendar, in minutes. */
export function businessDayMinutes(hours: BusinessHours): number {
  const [openH = 0, openM = 0] = hours.open.split(":").map(Number);
  const [closeH = 0, closeM = 0] = hours.close.split(":").map(Number);
  return closeH * 60 + closeM - (openH * 60 + openM);
}

export interface ResponseTarget {
  minutes: number;
  clock: "business-hours" | "24x7";
}

/**
 * A first-response target as a customer reads it: "within 2 hours, around the clock" or
 * "within 1 business day". A business-hours target that is a whole number of business days is
 * given in days, because that is how customers plan.
 */
export function describeTarget(target: ResponseTarget | null, hours: BusinessHours): string {
  if (!target) return "no response-time commitment";
  if (target.clock === "24x7") return `within ${formatMinutes(target.minutes)}, around the clock`;
  const day = businessDayMinutes(hours);
  if (day > 0 && target.minutes % day === 0) {
    const days = target.minutes / day;
    return `within ${days} business ${days === 1 ? "day" : "days"}`;
  }
  return `within ${formatMinutes(target.minutes)} of business hours`;
}

/**
 * The target as a sentence of its own, for a list with one line per priority: "First response
 * within 1 business day." or "No response-time commitment on this plan." Built from
 * describeTarget(), so the words stay the ones every other place uses.
 */
export function firstResponseSentence(target: ResponseTarget | null, hours: BusinessHours): string {
  const words = describeTarget(target, hours);
  if (target) return `First response ${words}.`;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} on this plan.`;
}
