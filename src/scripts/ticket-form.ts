// The ticket form with JavaScript: inline validation with the shared schema, a draft that survives
// reloads, suggestions while typing the subject, and a send that retries instead of losing work.
import "./zod-without-eval.ts";
import { checkAttachments, attachmentsErrorMessage, formDataToTicketInput, TICKET_LIMITS, ticketFieldErrors, ticketSchema } from "../lib/ticket.ts";
import { setStatus, showErrors, showFieldError } from "./form-errors.ts";
import { clearDraft, readDraft, restoreDraft, saveDraft, type Draft, type DraftStart } from "./ticket-draft.ts";
import { initResponsePreview } from "./ticket-response-preview.ts";
import { initSuggestions } from "./ticket-suggestions.ts";
import { submitTicket } from "./ticket-submit.ts";
import { rememberAcceptedTicket } from "./ticket-thanks.ts";

function validate(form: HTMLFormElement): Record<string, string> {
  const data = new FormData(form);
  const result = ticketSchema.safeParse(formDataToTicketInput(data));
  const errors = result.success ? {} : ticketFieldErrors(result.error);
  const files = form.querySelector<HTMLInputElement>('[name="attachments"]')?.files;
  const fileProblem = attachmentsErrorMessage(checkAttachments([...(files ?? [])]));
  if (fileProblem) errors.attachments = fileProblem;
  return errors;
}

function ensureIdempotencyKey(form: HTMLFormElement) {
  const key = form.querySelector<HTMLInputElement>('[name="idempotencyKey"]');
  if (key && !key.value) key.value = crypto.randomUUID();
}

/**
 * When this ticket was begun, for the endpoint's time trap: a restored draft keeps the token of the
 * form it was begun in, so its age counts from then; otherwise the token this page came with.
 * (Served as static files, the page has no signed token and the endpoint ignores this one.)
 */
function startOfTicket(form: HTMLFormElement, draft: Draft | null): DraftStart {
  const field = form.querySelector<HTMLInputElement>('[name="startedAt"]');
  if (draft?.start && field) {
    field.value = draft.start.token;
    return draft.start;
  }
  if (field && !field.value) field.value = String(Date.now());
  return { token: field?.value ?? "", seenAt: Date.now() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long to hold a send so the endpoint never takes this person for a bot: the time trap's
 * minimum (data-min-fill-ms, set by the server) less the time since the ticket was begun, measured
 * on this browser's clock, which started after the server issued the token.
 */
function timeTrapWait(form: HTMLFormElement, start: DraftStart): number {
  const minimum = Number(form.dataset.minFillMs ?? 0) || 0;
  const remaining = minimum - (Date.now() - start.seenAt);
  // A small margin for timer rounding; capped in case this clock was set back meanwhile.
  return remaining > 0 ? Math.min(minimum, remaining) + 100 : 0;
}

function prefillFromAddress(form: HTMLFormElement) {
  const subject = new URLSearchParams(window.location.search).get("subject");
  const input = form.querySelector<HTMLInputElement>('[name="subject"]');
  if (subject && input && !input.value) input.value = subject.slice(0, TICKET_LIMITS.subjectMax);
}

export function initTicketForm() {
  const form = document.querySelector<HTMLFormElement>("form[data-ticket-form]");
  if (!form) return;
  const draftStatus = form.querySelector<HTMLElement>("[data-draft-status]");
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const serverFilled = new URLSearchParams(window.location.search).has("draft");

  const draft = serverFilled ? null : readDraft();
  if (draft) {
    restoreDraft(form, draft);
    if (draftStatus) draftStatus.textContent = "We restored the draft you started earlier.";
  }
  const start = startOfTicket(form, draft);
  prefillFromAddress(form);
  ensureIdempotencyKey(form);
  initResponsePreview(form);
  initSuggestions(form);

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let accepted = false;
  const touched = new Set<string>();
  const saveNow = () => {
    clearTimeout(saveTimer);
    if (!sending && saveDraft(form, start) && draftStatus) draftStatus.textContent = "Draft saved in this browser.";
  };
  form.addEventListener("input", () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 400);
  });
  // Leaving or reloading the page right after typing must not lose the last keystrokes.
  window.addEventListener("pagehide", () => {
    if (saveTimer !== undefined && !accepted) saveNow();
  });
  // Check a field when the customer leaves it, and keep checking it as they correct it.
  const revalidate = (event: Event) => {
    const name = (event.target as HTMLInputElement).name;
    if (!name || name === "website") return;
    if (event.type === "focusout") touched.add(name);
    if (!touched.has(name)) return;
    showFieldError(form, name, validate(form)[name]);
  };
  form.addEventListener("focusout", revalidate);
  form.addEventListener("input", revalidate);
  form.addEventListener("change", revalidate);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    ensureIdempotencyKey(form);
    const errors = validate(form);
    const first = showErrors(form, errors);
    if (first) {
      for (const name of Object.keys(errors)) touched.add(name);
      form.querySelector<HTMLElement>("[data-error-summary]")?.focus();
      first.focus();
      return;
    }
    sending = true;
    saveDraft(form, start);
    if (submit) submit.disabled = true;
    setStatus(form, "Sending your ticket…");
    const wait = timeTrapWait(form, start);
    if (wait > 0) await sleep(wait);
    const key = form.querySelector<HTMLInputElement>('[name="idempotencyKey"]')?.value ?? crypto.randomUUID();
    const outcome = await submitTicket(form.action, new FormData(form), key, {
      onWaiting(reason, seconds) {
        setStatus(
          form,
          reason === "offline"
            ? "You are offline. Your ticket is kept here and will be sent as soon as the connection is back; keep this page open."
            : `We could not reach the help center. Trying again in ${seconds} seconds; your ticket will only be created once.`,
          "error",
        );
      },
    });
    sending = false;
    if (submit) submit.disabled = false;
    if (outcome.kind === "accepted") {
      accepted = true;
      clearTimeout(saveTimer);
      clearDraft();
      rememberAcceptedTicket(outcome.body);
      window.location.assign(`/tickets/thanks/?ref=${encodeURIComponent(outcome.body.reference)}`);
      return;
    }
    if (outcome.kind === "invalid") {
      setStatus(form, null);
      // Checked again as soon as they change, like fields the customer has left: an error that
      // only went away on leaving the field would move the Send button under the pointer.
      for (const name of Object.keys(outcome.errors)) touched.add(name);
      showErrors(form, outcome.errors)?.focus();
      return;
    }
    setStatus(form, outcome.message, "error");
  });
}
