// Shows validation errors next to their fields and in a summary at the top of the form, the way
// the server does for the no-JavaScript path, so both look and sound the same.
import { TICKET_FORM_FIELDS } from "../lib/ticket.ts";

const controlFor = (form: HTMLFormElement, field: string) =>
  form.querySelector<HTMLElement>(`#field-${field}`) ?? form.querySelector<HTMLElement>(`[name="${field}"]`);

export function showFieldError(form: HTMLFormElement, field: string, message: string | undefined) {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
  const controls = form.querySelectorAll<HTMLElement>(`[name="${field}"]`);
  if (slot) {
    slot.textContent = message ?? "";
    slot.hidden = !message;
  }
  for (const control of controls) {
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
}

/** Replaces every field error and the summary; returns the first invalid control, for focus. */
export function showErrors(form: HTMLFormElement, errors: Record<string, string>): HTMLElement | null {
  const ordered = [...TICKET_FORM_FIELDS].filter((field) => errors[field]);
  for (const field of TICKET_FORM_FIELDS) showFieldError(form, field, errors[field]);
  const summary = form.querySelector<HTMLElement>("[data-error-summary]");
  const list = summary?.querySelector("ul");
  if (summary && list) {
    list.replaceChildren(
      ...ordered.map((field) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `#field-${field}`;
        link.textContent = errors[field] ?? "";
        link.addEventListener("click", (event) => {
          event.preventDefault();
          controlFor(form, field)?.focus();
        });
        item.append(link);
        return item;
      }),
    );
    summary.hidden = ordered.length === 0;
  }
  const first = ordered[0];
  if (!first) return null;
  return field(form, first);
}

function field(form: HTMLFormElement, name: string): HTMLElement | null {
  if (name === "priority") return form.querySelector<HTMLElement>('[name="priority"]:checked') ?? form.querySelector<HTMLElement>('[name="priority"]');
  return controlFor(form, name);
}

export function setStatus(form: HTMLFormElement, message: string | null, tone: "info" | "error" = "info") {
  const status = form.querySelector<HTMLElement>("[data-form-status]");
  if (!status) return;
  status.textContent = message ?? "";
  status.hidden = !message;
  status.classList.toggle("border-danger", tone === "error");
}
