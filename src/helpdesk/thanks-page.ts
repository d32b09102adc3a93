// The thank-you page's two states and the one function that switches them. The built page shows
// the "cannot show this ticket" state; showTicketReceipt() turns it into the "we have your ticket"
// state. The server runs it (through linkedom) for every request that names a stored ticket, and the
// page's script runs it with the endpoint's 201 reply, so both say the same thing. Browser-safe.
//
// Markup contract: [data-ticket-unknown] (hidden here) and [data-ticket-found] (shown here, and its
// `data-title` becomes the first part of the page title); inside the found state [data-ticket-reference],
// [data-ticket-priority], [data-ticket-department], [data-ticket-plan], [data-ticket-product-area],
// [data-ticket-tier] get text; [data-first-response] gets the due time (or the tier's promise when
// there is no commitment) and [data-first-response-target] the tier's promise when there is a due
// time; `<time data-first-response-time data-team-zone>` gets `datetime` (its text is left to the
// page's script, which knows the reader's zone and writes both clocks with dueTimeLines() in
// src/lib/sla.ts); [data-confirmation="email"] or [data-confirmation="none"] is shown
// as the helpdesk does or does not email a confirmation.
import type { TicketReceipt } from "./ticket-summary.ts";

interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

export interface PageDocument {
  title: string;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

/** The promise with the tier's name: "Standard Support: within 1 business day". */
export function tierPromise(receipt: Pick<TicketReceipt, "tier" | "firstResponseTarget">): string {
  return `${receipt.tier.name}: ${receipt.firstResponseTarget}`;
}

function setText(document: PageDocument, selector: string, text: string): void {
  for (const element of document.querySelectorAll(selector)) element.textContent = text;
}

function setHidden(document: PageDocument, selector: string, hidden: boolean): void {
  for (const element of document.querySelectorAll(selector)) {
    if (hidden) element.setAttribute("hidden", "");
    else element.removeAttribute("hidden");
  }
}

export function showTicketReceipt(document: PageDocument, receipt: TicketReceipt): void {
  setText(document, "[data-ticket-reference]", receipt.reference);
  setText(document, "[data-ticket-priority]", receipt.priority);
  setText(document, "[data-ticket-department]", receipt.department.name);
  setText(document, "[data-ticket-plan]", receipt.plan.name);
  setText(document, "[data-ticket-product-area]", receipt.productArea?.name ?? "");
  setText(document, "[data-ticket-tier]", receipt.tier.name);
  setText(document, "[data-first-response]", receipt.firstResponseDueText ?? tierPromise(receipt));
  setText(document, "[data-first-response-target]", receipt.firstResponseDueText ? tierPromise(receipt) : "");
  for (const time of document.querySelectorAll("time[data-first-response-time]")) {
    if (receipt.firstResponseDueAt) time.setAttribute("datetime", receipt.firstResponseDueAt);
    else time.removeAttribute("datetime");
  }
  // A reply stored before the confirmation was part of it says neither, rather than guess.
  const confirmation = receipt.confirmationEmail === undefined ? null : receipt.confirmationEmail ? "email" : "none";
  setHidden(document, '[data-confirmation="email"]', confirmation !== "email");
  setHidden(document, '[data-confirmation="none"]', confirmation !== "none");
  setHidden(document, "[data-ticket-unknown]", true);
  for (const found of document.querySelectorAll("[data-ticket-found]")) {
    found.removeAttribute("hidden");
    const title = found.getAttribute("data-title");
    if (title) document.title = `${title}${document.title.includes(" · ") ? document.title.slice(document.title.indexOf(" · ")) : ""}`;
  }
}
