// Fills the two static ticket pages on the server, for people without JavaScript: the form gets
// back what was typed plus the errors, and the thank-you page shows the ticket's reference and due
// time. The pages' markup contract (data-* markers, ids) is described on each function.
import { parseHTML } from "linkedom";
import { errorFieldsInFormOrder } from "../lib/ticket.ts";
import { showTicketReceipt } from "./thanks-page.ts";
import type { TicketReceipt } from "./ticket-summary.ts";

type Document = ReturnType<typeof parseHTML>["document"];
type Element = NonNullable<ReturnType<Document["querySelector"]>>;

/** Fields whose typed value is never written back: the honeypot, the time trap and files. */
const NEVER_RESTORED = new Set(["website", "startedAt", "attachments"]);

/** linkedom writes textarea text without escaping, so escape it here; the browser decodes it. */
function escapeRawText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function controlsFor(form: Element, field: string): Element[] {
  return [...form.querySelectorAll(`[name="${field}"]`)] as Element[];
}

function restoreValue(control: Element, value: string): void {
  const tag = control.tagName.toLowerCase();
  const type = (control.getAttribute("type") ?? "text").toLowerCase();
  if (tag === "textarea") {
    control.textContent = escapeRawText(value);
  } else if (tag === "select") {
    for (const option of control.querySelectorAll("option")) {
      const optionValue = option.getAttribute("value") ?? option.textContent ?? "";
      option.toggleAttribute("selected", optionValue === value);
    }
  } else if (type === "radio" || type === "checkbox") {
    control.toggleAttribute("checked", control.getAttribute("value") === value);
  } else if (type !== "file" && type !== "password") {
    control.setAttribute("value", value);
  }
}

function setHidden(document: Document, form: Element, name: string, value: string): void {
  const control = form.querySelector(`input[name="${name}"]`);
  if (control) {
    control.setAttribute("value", value);
  } else {
    // The page should have these inputs; adding them keeps the time trap and idempotency working anyway.
    const input = document.createElement("input");
    input.setAttribute("type", "hidden");
    input.setAttribute("name", name);
    input.setAttribute("value", value);
    form.appendChild(input);
  }
}

function describeBy(control: Element, id: string): void {
  const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  if (!ids.includes(id)) control.setAttribute("aria-describedby", [...ids, id].join(" "));
}

/** Where an error summary link jumps: the field's control, else its first control with an id, else its message. */
function linkTarget(document: Document, form: Element, field: string): string {
  if (document.getElementById(`field-${field}`)) return `#field-${field}`;
  const withId = controlsFor(form, field).find((c) => c.getAttribute("id"));
  if (withId) return `#${withId.getAttribute("id")}`;
  return document.getElementById(`error-${field}`) ? `#error-${field}` : "#form-errors";
}

function showErrors(document: Document, form: Element, errors: Record<string, string>): void {
  const formOrder = [...form.querySelectorAll("[name]")].map((control) => control.getAttribute("name") ?? "");
  const fields = errorFieldsInFormOrder(errors, formOrder);
  if (!fields.length) return;

  for (const field of fields) {
    const message = errors[field]!;
    const errorId = `error-${field}`;
    const slot = document.getElementById(errorId) ?? document.querySelector(`[data-error-for="${field}"]`);
    if (slot) {
      slot.textContent = message;
      slot.removeAttribute("hidden");
    }
    for (const control of controlsFor(form, field)) {
      control.setAttribute("aria-invalid", "true");
      if (slot) describeBy(control, slot.getAttribute("id") ?? errorId);
    }
  }

  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    const list = summary.querySelector("ul") ?? summary.appendChild(document.createElement("ul"));
    list.textContent = "";
    for (const field of fields) {
      const item = document.createElement("li");
      const target = linkTarget(document, form, field);
      const link = document.createElement("a");
      link.setAttribute("href", target);
      link.textContent = errors[field]!;
      item.appendChild(link);
      list.appendChild(item);
    }
    summary.removeAttribute("hidden");
  }
  // Screen reader users hear the page title first; it should say the form came back with errors.
  const title = document.querySelector("title");
  if (title && !title.textContent?.startsWith("Error: ")) title.textContent = `Error: ${title.textContent ?? ""}`;
}

export interface TicketFormFill {
  /** What was typed, by field name (from a draft); honeypot and files are never restored. */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  /** A fresh signed time-trap token; always set when serving the form. */
  startedAt: string;
  /** The draft's key, or a fresh one so a no-JavaScript double submit is replayed, not duplicated. */
  idempotencyKey?: string;
  /** The time trap's minimum, for the form's script to wait out before sending (data-min-fill-ms). */
  minFillMs?: number;
}

/**
 * Markup contract: `<form data-ticket-form>`, controls named by ticket field (`field-<field>` ids),
 * `<p id="error-<field>" data-error-for="<field>" hidden>` per field, and an error summary
 * `<div id="form-errors" data-error-summary hidden tabindex="-1"><h2>…</h2><ul></ul></div>`.
 * The form gets `data-min-fill-ms` when the time trap's minimum is given.
 * Returns the page unchanged if it has no ticket form.
 */
export function fillTicketForm(html: string, fill: TicketFormFill): string {
  const { document } = parseHTML(html);
  const form = document.querySelector("form[data-ticket-form]");
  if (!form) return html;

  for (const [field, value] of Object.entries(fill.values ?? {})) {
    if (NEVER_RESTORED.has(field) || field === "idempotencyKey") continue;
    const controls = controlsFor(form, field);
    for (const control of controls) restoreValue(control, value);
  }
  for (const honeypot of controlsFor(form, "website")) honeypot.setAttribute("value", "");
  setHidden(document, form, "startedAt", fill.startedAt);
  const key = fill.values?.idempotencyKey || fill.idempotencyKey;
  if (key) setHidden(document, form, "idempotencyKey", key);
  if (fill.minFillMs !== undefined) form.setAttribute("data-min-fill-ms", String(fill.minFillMs));
  showErrors(document, form, fill.errors ?? {});
  return document.toString();
}

/**
 * The thank-you page for a stored ticket (markup contract in thanks-page.ts). With no receipt
 * (missing or unknown reference) the page is returned as built: it says the ticket cannot be shown.
 */
export function fillThanksPage(html: string, receipt: TicketReceipt | null): string {
  if (!receipt) return html;
  const { document } = parseHTML(html);
  showTicketReceipt(document, receipt);
  return document.toString();
}
