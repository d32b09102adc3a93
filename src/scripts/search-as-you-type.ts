// Pagefind's input waits for a pause in typing (its debounce) before it searches, so results can
// never appear sooner than that pause after the last keystroke. Here each keystroke searches at
// once; in the search worker, a search that newer typing replaced stops at its next step, and the
// words typed before the last one were already searched for the keystrokes before (search-index.ts
// keeps each word's results), so the last keystroke's search is mostly the last word's.
//
// The exception is a last word of three letters or fewer, as in "s" or "workspace the": Pagefind
// reads the last word as a prefix, and so short a prefix matches the most common words ("the" is
// in every page, many times). It is among the slowest searches there are, and one the reader is
// about to type past, so such a word waits for a short pause instead and does not hold up the
// search for the next letter.
import type { PagefindInstance } from "./pagefind-ui.ts";

/** Far longer than any visit: the component's own timer never fires, this module searches instead. */
const NEVER_MS = 2 ** 31 - 1;
/** Last words shorter than this wait for a pause in typing. */
export const MIN_PREFIX_LENGTH = 4;
/** The pause after a short last word, about two keystrokes of someone typing steadily. */
export const SHORT_WORD_PAUSE_MS = 180;

/** Whether `text` can be searched as soon as it is typed, rather than after a pause. */
export function searchableAtOnce(text: string): boolean {
  if (!text.trim() || /\s$/.test(text)) return true;
  const lastWord = text.trim().split(/\s+/).pop() ?? "";
  return lastWord.length >= MIN_PREFIX_LENGTH;
}

/**
 * Takes over searching for one <pagefind-input>. Changing its debounce redraws its field and loses
 * what was typed, so a page that has the component in its HTML sets `debounce="2147483647"` there
 * (search.astro) and this finds it already set.
 */
export function searchAsYouType(instance: PagefindInstance, input: HTMLElement): void {
  if (input.getAttribute("debounce") !== String(NEVER_MS)) input.setAttribute("debounce", String(NEVER_MS));
  let pause: ReturnType<typeof setTimeout> | undefined;

  // The component re-creates its <input> now and then, so listen on the element around it.
  input.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement)) return;
    clearTimeout(pause);
    const term = field.value;
    if (searchableAtOnce(term)) instance.triggerSearch(term);
    else pause = setTimeout(() => instance.triggerSearch(term), SHORT_WORD_PAUSE_MS);
  });
}
