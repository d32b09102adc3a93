// Dates as readers see them. Fixed to UTC and English so a build on any machine prints the same page.
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function formatDate(date: Date): string {
  return dayFormat.format(date);
}
