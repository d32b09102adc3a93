// The thank-you page with JavaScript: where the endpoint runs on another origin, the page arrives
// as built ("cannot show this ticket"), and this script shows the ticket from the endpoint's reply,
// kept for this tab only, with the same function the server uses. It also shows the due time in
// the reader's own time zone, whoever filled the page.
import { showTicketReceipt } from "../helpdesk/thanks-page.ts";
import type { TicketAccepted } from "./ticket-submit.ts";

const KEY = "kb-last-ticket";
const localTime = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

export function rememberAcceptedTicket(ticket: TicketAccepted) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(ticket));
  } catch {
    // The server fills the page from the reference in the address where it can.
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

export function initThanksPage() {
  const reference = new URLSearchParams(window.location.search).get("ref");
  const ticket = reference ? recall(reference) : null;
  if (ticket) showTicketReceipt(document, ticket);
  const time = document.querySelector<HTMLTimeElement>("[data-first-response-time]");
  if (time?.dateTime) time.textContent = `That is ${localTime.format(new Date(time.dateTime))} where you are.`;
}
