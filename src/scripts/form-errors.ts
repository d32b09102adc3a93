// Shows validation errors next to their fields and in a summary at the top of the form, the way
// the server does for the no-JavaScript path, so both look and sound the same.
import { errorFieldsInFormOrder, TICKET_FORM_FIELDS } from "../lib/ticket.ts";

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

/** Where a summary link leads: the field's control, else its message, else the summary itself (as the server links them). */
function linkTarget(form: HTMLFormElement, field: string): HTMLElement | null {
  const control = focusTarget(form, field);
  if (control && control.getAttribute("type") !== "hidden") return control;
  return form.querySelector<HTMLElement>(`[data-error-for="${field}"]`) ?? form.querySelector<HTMLElement>("[data-error-summary]");
}

/** Replaces every field error and the summary; returns the first invalid control, for focus. */
export function showErrors(form: HTMLFormElement, errors: Record<string, string>): HTMLElement | null {
  const formOrder = [...form.querySelectorAll("[name]")].map((control) => control.getAttribute("name") ?? "");
  const ordered = errorFieldsInFormOrder(errors, formOrder);
  for (const field of new Set([...TICKET_FORM_FIELDS, ...ordered])) showFieldError(form, field, errors[field]);
  const summary = form.querySelector<HTMLElement>("[data-error-summary]");
  const list = summary?.querySelector("ul");
  if (summary && list) {
    list.replaceChildren(
      ...ordered.map((field) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        const target = linkTarget(form, field);
        link.href = target?.id ? `#${target.id}` : "#form-errors";
        link.textContent = errors[field] ?? "";
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target?.focus();
        });
        item.append(link);
        return item;
      }),
    );
    summary.hidden = ordered.length === 0;
  }
  const first = ordered[0];
  if (!first) return null;
  const target = linkTarget(form, first);
  return target?.matches("input, select, textarea") ? target : summary;
}

function focusTarget(form: HTMLFormElement, name: string): HTMLElement | null {
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
