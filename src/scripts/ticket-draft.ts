// Keeps what the customer typed in localStorage until the ticket is accepted, so a reload, a
// closed tab or a crash loses nothing. Files cannot be kept; everything else is.
const KEY = "kb-ticket-draft";
const SKIPPED = new Set(["website", "startedAt", "attachments"]);

export type Draft = Record<string, string>;

export function readDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(form: HTMLFormElement): boolean {
  const draft: Draft = {};
  for (const [name, value] of new FormData(form)) {
    if (!SKIPPED.has(name) && typeof value === "string") draft[name] = value;
  }
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** Puts a draft back into the form; fields the page already filled (from the server) win. */
export function restoreDraft(form: HTMLFormElement, draft: Draft) {
  for (const [name, value] of Object.entries(draft)) {
    const controls = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
    for (const control of controls) {
      if (control instanceof HTMLInputElement && control.type === "radio") {
        control.checked = control.value === value;
      } else if (!control.value || control.dataset.defaultValue === control.value || name === "idempotencyKey") {
        control.value = value;
      }
    }
  }
}
