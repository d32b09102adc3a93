// Who is searching, and which results were written for someone else. The reader is known from the
// audience filter they chose on the search page, otherwise from the page they opened search on (an
// article for support staff: staff), otherwise they are taken for a customer: the public help
// center's main readers. Results for other readers say so ("For support staff") and rank a little
// lower (search-ranking.ts), so internal pages do not surprise customers.
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from "./audiences.ts";

/** Audiences are filter values in the index, written as their labels ("Support staff"). */
export const DEFAULT_READER: readonly string[] = [AUDIENCE_LABELS.customer];

const knownLabels = new Set(AUDIENCES.map((a: Audience) => AUDIENCE_LABELS[a]));

/**
 * The reader's audiences: those chosen in the audience filter, else those of the page search was
 * opened on, else customers.
 */
export function readerAudience(chosen: readonly string[] | undefined, pageAudience: readonly string[] | undefined): string[] {
  for (const candidate of [chosen, pageAudience]) {
    const labels = (candidate ?? []).filter((label) => knownLabels.has(label));
    if (labels.length) return labels;
  }
  return [...DEFAULT_READER];
}

/** Whether a page for `pageAudience` is written for the reader; undefined when the page names none. */
export function writtenForReader(pageAudience: readonly string[] | undefined, reader: readonly string[]): boolean | undefined {
  if (!pageAudience?.length) return undefined;
  return pageAudience.some((label) => reader.includes(label));
}

/** "For support staff", "For new hires and support staff"; nothing for a page written for the reader. */
export function audienceNote(pageAudience: readonly string[] | undefined, reader: readonly string[]): string | undefined {
  if (writtenForReader(pageAudience, reader) !== false) return undefined;
  const names = pageAudience!.map((label) => label.toLowerCase());
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `For ${list}`;
}
