// First-response due times. A business-hours target only counts the minutes the support team is
// at work, in the team's own time zone, so the calendar math happens on that zone's wall clock.
import type { BusinessHours, Priority, SupportTier } from "./content-schemas.ts";
import type { SupportData } from "./support-data.ts";
import { departmentForPlan } from "./routing.ts";
import { zoneName } from "./support-text.ts";

export type ResponseTarget = NonNullable<SupportTier["firstResponse"][Priority]>;

const MINUTE = 60_000;
const WEEKDAY_IDS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept. */
function formatPerZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
      formats.set(timeZone, format);
    }
    return format;
  };
}

const partsFormat = formatPerZone("en-US", {
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** The wall-clock reading in a zone, as if that reading were UTC; the difference is the offset. */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockAsUtc(whole, timeZone) - whole;
}

/** The instant a zone's clocks show a given local time (DST-safe: the offset is re-checked). */
function zonedInstant(date: LocalDate, minutesOfDay: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minutesOfDay);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  return second;
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockAsUtc(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function isoDay(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function minutesOfDay(clock: string): number {
  const [hours = "0", minutes = "0"] = clock.split(":");
  return Number(hours) * 60 + Number(minutes);
}

function isWorkingDay(date: LocalDate, hours: BusinessHours): boolean {
  const weekday = WEEKDAY_IDS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
  return hours.days.includes(weekday) && !hours.holidays.includes(isoDay(date));
}

/**
 * When the first reply is due. `24x7` targets are plain elapsed time; `business-hours` targets count
 * only minutes between open and close on working days, and a ticket that arrives outside those hours
 * starts counting at the next opening. Null target (no commitment) gives null.
 */
export function firstResponseDue(
  createdAt: Date,
  target: ResponseTarget | null,
  hours: BusinessHours,
): Date | null {
  if (!target) return null;
  const start = createdAt.getTime();
  if (target.clock === "24x7") return new Date(start + target.minutes * MINUTE);

  let remaining = target.minutes * MINUTE;
  let date = localDateOf(start, hours.timeZone);
  const open = minutesOfDay(hours.open);
  const close = minutesOfDay(hours.close);
  // Ten years of days is far beyond any real calendar; it only guards against a calendar with no working day.
  for (let day = 0; day < 3_660; day++, date = nextDate(date)) {
    if (!isWorkingDay(date, hours)) continue;
    const opensAt = zonedInstant(date, open, hours.timeZone);
    const closesAt = zonedInstant(date, close, hours.timeZone);
    const from = Math.max(start, opensAt);
    if (from >= closesAt) continue;
    if (remaining <= closesAt - from) return new Date(from + remaining);
    remaining -= closesAt - from;
  }
  throw new Error(
    `The business hours in content/site.yaml have no working day in the next ten years; check businessHours.days and holidays`,
  );
}

/** The first-response target a plan's tier promises for a priority; null means no commitment. */
export function targetFor(
  planId: string,
  priority: Priority,
  data: Pick<SupportData, "plans" | "tiers" | "departments">,
): ResponseTarget | null {
  return departmentForPlan(planId, data).tier.firstResponse[priority] ?? null;
}

/** One format for every due time the site shows, fixed to English so the server and each browser write it alike. */
const dueFormat = formatPerZone("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "shortOffset",
});

/** "Monday 14 July 2025 at 19:30" and "GMT-3": what a zone's clock reads at an instant. */
function clockReading(date: Date, timeZone: string): { clock: string; offset: string } {
  const parts = Object.fromEntries(dueFormat(timeZone).formatToParts(date).map((part) => [part.type, part.value]));
  // ICU versions differ on a zero offset ("GMT" or "GMT+0"); the server and the browser must agree.
  const offset = (parts.timeZoneName ?? "").replace(/^(GMT|UTC)[+-]0?0?(:00)?$/, "GMT");
  return { clock: `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`, offset };
}

/**
 * A due time as a customer reads it, on one zone's clock: "Monday 14 July 2025 at 19:30, Sao Paulo
 * time (GMT-3)". `place` names the clock; it defaults to the zone's city, and the reader's own zone
 * is called "your time".
 */
export function formatDue(date: Date, timeZone: string, place = zoneName(timeZone)): string {
  const { clock, offset } = clockReading(date, timeZone);
  return `${clock}, ${place} (${offset})`;
}

export interface DueTimeLines {
  /** The due time on the reader's clock (the team's when both read the same). */
  main: string;
  /** The team's reading when it differs, or that the two are the same. */
  note: string;
}

/**
 * The thank-you page's due time for a reader whose browser knows their zone: first on their own
 * clock, then on the support team's, so a customer in Tokyo does not have to convert from Sao Paulo.
 */
export function dueTimeLines(due: Date, teamZone: string, readerZone: string): DueTimeLines {
  const team = formatDue(due, teamZone);
  const theirs = clockReading(due, readerZone);
  const ours = clockReading(due, teamZone);
  if (theirs.clock === ours.clock && theirs.offset === ours.offset) return { main: team, note: "That is your time too." };
  return { main: formatDue(due, readerZone, "your time"), note: `On the support team's clock: ${team}.` };
}
