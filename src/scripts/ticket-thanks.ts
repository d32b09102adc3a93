// The thank-you page with JavaScript: shows the reference and the expected first response from
// the endpoint's reply, kept for this tab only, and the due time in the reader's own time zone.
import type { TicketAccepted } from "./ticket-submit.ts";

const KEY = "kb-last-ticket";
const localTime = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

export function rememberAcceptedTicket(ticket: TicketAccepted) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ticket));
  } catch {
    // The page still shows the reference from the address.
  }
}

function recall(reference: string): TicketAccepted | null {
  try {
    const ticket = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as TicketAccepted | null;
    return ticket?.reference === reference ? ticket : null;
  } catch {
    return null;
  }
}

const set = (selector: string, text: string) => {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) el.textContent = text;
};

export function initThanksPage() {
  const details = document.querySelector<HTMLElement>("[data-ticket-details]");
  const time = document.querySelector<HTMLTimeElement>("[data-first-response-time]");
  const reference = new URLSearchParams(window.location.search).get("ref");
  const ticket = reference ? recall(reference) : null;
  if (ticket && details) {
    set("[data-ticket-reference]", ticket.reference);
    set("[data-ticket-priority]", ticket.priority);
    set("[data-ticket-department]", ticket.department.name);
    set("[data-first-response]", ticket.firstResponseDueText ?? `${ticket.tier.name}: ${ticket.firstResponseTarget}`);
    set("[data-first-response-target]", ticket.firstResponseDueAt ? `${ticket.tier.name}: ${ticket.firstResponseTarget}` : "");
    if (time && ticket.firstResponseDueAt) time.dateTime = ticket.firstResponseDueAt;
    details.hidden = false;
    const generic = document.querySelector<HTMLElement>("[data-ticket-generic]");
    if (generic) generic.hidden = true;
  }
  // Whoever filled the page (this script or the server), show the due time in the reader's zone too.
  if (time?.dateTime) time.textContent = `That is ${localTime.format(new Date(time.dateTime))} where you are.`;
}
