// Keeps what the customer typed in localStorage until the ticket is accepted, so a reload, a
// closed tab or a crash loses nothing. Files cannot be kept; everything else is. The draft also
// keeps when it was begun (the form's signed time-trap token), so a person who comes back to a
// draft and sends it at once is not taken for a bot that filled the form in a second.
const KEY = "kb-ticket-draft";
const SKIPPED = new Set(["website", "startedAt", "attachments"]);

/** The time-trap token of the form a draft was begun in, and when this browser first had it (epoch ms). */
export interface DraftStart {
  token: string;
  seenAt: number;
}

export interface Draft {
  values: Record<string, string>;
  start: DraftStart | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function stringsOnly(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function startOf(value: unknown): DraftStart | null {
  if (!isRecord(value) || typeof value.token !== "string" || typeof value.seenAt !== "number") return null;
  return { token: value.token, seenAt: value.seenAt };
}

export function readDraft(): Draft | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? "null");
    if (!isRecord(raw)) return null;
    if (isRecord(raw.values)) return { values: stringsOnly(raw.values), start: startOf(raw.start) };
    // A draft saved before drafts kept their start holds only the typed values.
    return { values: stringsOnly(raw), start: null };
  } catch {
    return null;
  }
}

export function saveDraft(form: HTMLFormElement, start: DraftStart): boolean {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (!SKIPPED.has(name) && typeof value === "string") values[name] = value;
  }
  try {
    localStorage.setItem(KEY, JSON.stringify({ values, start } satisfies Draft));
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

/** Puts a draft's values back into the form; fields the page already filled (from the server) win. */
export function restoreDraft(form: HTMLFormElement, draft: Draft) {
  for (const [name, value] of Object.entries(draft.values)) {
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
