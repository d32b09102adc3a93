import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { fillThanksPage, fillTicketForm } from "../../src/helpdesk/portal-pages.ts";
import type { TicketReceipt } from "../../src/helpdesk/ticket-summary.ts";
import { ENTERPRISE_RECEIPT } from "../sample-ticket.ts";

// The markup contract, as the ticket form page follows it.
const FORM_PAGE = `<!doctype html><html lang="en"><head><title>Open a ticket</title></head><body>
<form data-ticket-form method="post" action="/api/tickets" enctype="multipart/form-data">
  <div id="form-errors" data-error-summary hidden tabindex="-1"><h2>Please fix these</h2><ul></ul></div>
  <input id="field-name" name="name" aria-describedby="error-name"><p id="error-name" data-error-for="name" hidden></p>
  <input id="field-email" name="email" type="email" aria-describedby="hint-email"><p id="error-email" data-error-for="email" hidden></p>
  <select id="field-plan" name="plan"><option value="">Choose</option><option value="pro">Pro</option><option value="enterprise">Enterprise</option></select>
  <p id="error-plan" data-error-for="plan" hidden></p>
  <fieldset><input type="radio" name="priority" value="High"><input type="radio" name="priority" value="Medium" checked><input type="radio" name="priority" value="Low"></fieldset>
  <p id="error-priority" data-error-for="priority" hidden></p>
  <input id="field-subject" name="subject"><p id="error-subject" data-error-for="subject" hidden></p>
  <textarea id="field-description" name="description"></textarea><p id="error-description" data-error-for="description" hidden></p>
  <input id="field-attachments" name="attachments" type="file" multiple><p id="error-attachments" data-error-for="attachments" hidden></p>
  <input id="field-website" name="website" type="text" tabindex="-1">
  <input type="hidden" name="startedAt" value="">
  <input type="hidden" name="idempotencyKey" value="">
</form></body></html>`;

const typed = {
  name: 'Ana "Nan" Souza',
  email: "ana@",
  plan: "enterprise",
  priority: "High",
  subject: "Sign-in <broken>",
  description: "Line one\n</textarea><script>alert(1)</script> & more",
  attachments: "C:\\fakepath\\shot.png",
  website: "spam.example",
  idempotencyKey: "3f1c2b9a-8d4e-4c51-9a0b-2f6e7d8c9b10",
};

function parse(html: string) {
  return parseHTML(html).document;
}

describe("fillTicketForm", () => {
  const html = fillTicketForm(FORM_PAGE, {
    values: typed,
    errors: { email: "Enter an email address like name@example.com", priority: "Choose a priority", attachments: "Attach your files again" },
    startedAt: "1752498000000.signature",
    idempotencyKey: "fresh-key-not-used",
  });
  const document = parse(html);
  const control = (name: string) => document.querySelector(`[name="${name}"]`)!;

  test("keeps what was typed in inputs, the select, the radio group and the textarea", () => {
    expect(control("name").getAttribute("value")).toBe('Ana "Nan" Souza');
    expect(control("subject").getAttribute("value")).toBe("Sign-in <broken>");
    expect(document.querySelector('option[value="enterprise"]')!.hasAttribute("selected")).toBe(true);
    expect(document.querySelector('option[value="pro"]')!.hasAttribute("selected")).toBe(false);
    expect(document.querySelector('input[value="High"]')!.hasAttribute("checked")).toBe(true);
    expect(document.querySelector('input[value="Medium"]')!.hasAttribute("checked")).toBe(false);
  });

  test("escapes the description so typed markup cannot end the textarea", () => {
    expect(html).toContain("Line one\n&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</textarea>");
    expect(html).not.toContain("<script>alert(1)</script>");
  });

  test("never restores the file input or the honeypot", () => {
    expect(control("attachments").hasAttribute("value")).toBe(false);
    expect(control("website").getAttribute("value")).toBe("");
    expect(html).not.toContain("spam.example");
    expect(html).not.toContain("fakepath");
  });

  test("fills the time trap and keeps the draft's idempotency key", () => {
    expect(control("startedAt").getAttribute("value")).toBe("1752498000000.signature");
    expect(control("idempotencyKey").getAttribute("value")).toBe(typed.idempotencyKey);
  });

  test("shows each error next to its field and ties it to the control", () => {
    const emailError = document.getElementById("error-email")!;
    expect(emailError.textContent).toBe("Enter an email address like name@example.com");
    expect(emailError.hasAttribute("hidden")).toBe(false);
    expect(control("email").getAttribute("aria-invalid")).toBe("true");
    expect(control("email").getAttribute("aria-describedby")).toBe("hint-email error-email");
    expect(control("name").hasAttribute("aria-invalid")).toBe(false);
    expect(document.getElementById("error-name")!.hasAttribute("hidden")).toBe(true);
    for (const radio of document.querySelectorAll('[name="priority"]')) expect(radio.getAttribute("aria-invalid")).toBe("true");
  });

  test("lists the errors in form order in the summary, each linking to its field", () => {
    const summary = document.querySelector("[data-error-summary]")!;
    expect(summary.hasAttribute("hidden")).toBe(false);
    const links = [...summary.querySelectorAll("li a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links).toEqual([
      ["#field-email", "Enter an email address like name@example.com"],
      // The radio group has no field-priority control, so the link goes to its message.
      ["#error-priority", "Choose a priority"],
      ["#field-attachments", "Attach your files again"],
    ]);
  });

  test("orders the summary by where each field is in the page, whatever order the errors come in", () => {
    const errors = { form: "Reload the form", subject: "Write a subject", priority: "Choose a priority", name: "Enter your name", plan: "Choose a plan" };
    const filled = parse(fillTicketForm(FORM_PAGE, { errors, startedAt: "t.sig" }));
    const order = [...filled.querySelectorAll("[data-error-summary] li a")].map((a) => a.textContent);
    // The page has the plan before the priority and the priority before the subject; a problem
    // with no field of its own comes last.
    expect(order).toEqual(["Enter your name", "Choose a plan", "Choose a priority", "Write a subject", "Reload the form"]);
  });

  test("says Error in the page title so screen readers announce it first", () => {
    expect(document.querySelector("title")!.textContent).toBe("Error: Open a ticket");
  });

  test("without a draft, only the time trap and a fresh idempotency key are filled", () => {
    const fresh = parse(fillTicketForm(FORM_PAGE, { startedAt: "t.sig", idempotencyKey: "fresh-key" }));
    expect(fresh.querySelector('[name="startedAt"]')!.getAttribute("value")).toBe("t.sig");
    expect(fresh.querySelector('[name="idempotencyKey"]')!.getAttribute("value")).toBe("fresh-key");
    expect(fresh.querySelector("[data-error-summary]")!.hasAttribute("hidden")).toBe(true);
    expect(fresh.querySelector('input[value="Medium"]')!.hasAttribute("checked")).toBe(true);
    expect(fresh.querySelector("title")!.textContent).toBe("Open a ticket");
  });

  test("tells the form's script how long the time trap wants, so it can wait out the rest", () => {
    const form = parse(fillTicketForm(FORM_PAGE, { startedAt: "t.sig", minFillMs: 3_000 })).querySelector("form")!;
    expect(form.getAttribute("data-min-fill-ms")).toBe("3000");
  });

  test("a page without the ticket form is returned as it was", () => {
    const page = "<!doctype html><html><body><p>Nothing here</p></body></html>";
    expect(fillTicketForm(page, { startedAt: "t.sig" })).toBe(page);
  });
});

const THANKS_PAGE = `<!doctype html><html><head><title>Ticket not shown · Help Center</title></head><body>
<section data-ticket-unknown><h1>We cannot show this ticket here</h1></section>
<section data-ticket-found data-title="Ticket received" hidden>
  <span data-ticket-reference></span>
  <span data-first-response></span><time data-first-response-time></time><span data-first-response-target></span>
  <span data-ticket-priority></span><span data-ticket-department></span><span data-ticket-product-area></span>
  <p data-confirmation="email" hidden>We email you a confirmation.</p>
  <p data-confirmation="none" hidden>We send no confirmation email.</p>
</section>
</body></html>`;

const standard: TicketReceipt = ENTERPRISE_RECEIPT;

const shown = (document: ReturnType<typeof parse>, selector: string) => !document.querySelector(selector)!.hasAttribute("hidden");

describe("fillThanksPage", () => {
  test("shows the reference, priority, department, product area and first-response due time", () => {
    const document = parse(fillThanksPage(THANKS_PAGE, standard));
    const text = (selector: string) => document.querySelector(selector)!.textContent;
    expect(text("[data-ticket-reference]")).toBe("PX-7K4Q-2MZD");
    expect(text("[data-ticket-priority]")).toBe("High");
    expect(text("[data-ticket-department]")).toBe("Paid Support");
    expect(text("[data-ticket-product-area]")).toBe("Signing in and accounts");
    expect(text("[data-first-response]")).toBe("Tuesday 15 July 2025 at 10:00, Sao Paulo time (GMT-3)");
    expect(text("[data-first-response-target]")).toBe("Standard Support: within 1 business day");
    expect(document.querySelector("time[data-first-response-time]")!.getAttribute("datetime")).toBe("2025-07-15T13:00:00.000Z");
  });

  test("switches from 'cannot show' to 'received', in the heading and the page title", () => {
    const document = parse(fillThanksPage(THANKS_PAGE, standard));
    expect(shown(document, "[data-ticket-found]")).toBe(true);
    expect(shown(document, "[data-ticket-unknown]")).toBe(false);
    expect(document.querySelector("title")!.textContent).toBe("Ticket received · Help Center");
  });

  test("promises a confirmation email only when the helpdesk sends one", () => {
    const emailed = parse(fillThanksPage(THANKS_PAGE, standard));
    expect(shown(emailed, '[data-confirmation="email"]')).toBe(true);
    expect(shown(emailed, '[data-confirmation="none"]')).toBe(false);
    const local = parse(fillThanksPage(THANKS_PAGE, { ...standard, confirmationEmail: false }));
    expect(shown(local, '[data-confirmation="email"]')).toBe(false);
    expect(shown(local, '[data-confirmation="none"]')).toBe(true);
  });

  test("for a plan with no commitment, says so instead of a due time", () => {
    const community: TicketReceipt = {
      ...standard,
      tier: { id: "community", name: "Community support" },
      firstResponseDueAt: null,
      firstResponseDueText: null,
      firstResponseTarget: "no response-time commitment",
    };
    const document = parse(fillThanksPage(THANKS_PAGE, community));
    expect(document.querySelector("[data-first-response]")!.textContent).toBe("Community support: no response-time commitment");
    expect(document.querySelector("[data-first-response-target]")!.textContent).toBe("");
    expect(document.querySelector("time[data-first-response-time]")!.hasAttribute("datetime")).toBe(false);
  });

  test("without a ticket the page is left as built, saying the ticket cannot be shown", () => {
    expect(fillThanksPage(THANKS_PAGE, null)).toBe(THANKS_PAGE);
  });
});
