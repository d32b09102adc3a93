// The thank-you page with JavaScript: where the endpoint runs on another origin, the page arrives
// as built ("cannot show this ticket"), and this script shows the ticket from the endpoint's reply,
// kept for this tab only, with the same function the server uses. It also gives the due time on
// the reader's own clock, whoever filled the page, in the format the server writes the team's.
import { showTicketReceipt } from "../helpdesk/thanks-page.ts";
import { dueTimeLines } from "../lib/sla.ts";
import type { TicketAccepted } from "./ticket-submit.ts";

const KEY = "kb-last-ticket";

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
  const time = document.querySelector<HTMLTimeElement>("time[data-first-response-time]");
  const due = document.querySelector<HTMLElement>("[data-first-response]");
  const teamZone = time?.dataset.teamZone;
  if (!time?.dateTime || !teamZone || !due) return;
  const lines = dueTimeLines(new Date(time.dateTime), teamZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
  due.textContent = lines.main;
  time.textContent = lines.note;
}
