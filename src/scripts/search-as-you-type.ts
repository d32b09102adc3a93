// Pagefind's input waits for a pause in typing (its debounce) before it searches, so results can
// never appear sooner than that pause after the last keystroke; and searches started faster than
// the index answers queue up in its worker. Here a search starts at once when none is running;
// while one runs, only the latest text waits for it. Results then follow the last keystroke by
// the time of a single search.
//
// The exception is a last word of three letters or fewer, as in "s" or "workspace the": Pagefind
// reads the last word as a prefix, and so short a prefix matches the most common words ("the" is
// in every page, many times). Measured at 5,000 articles, "workspace the" takes 350-400 ms where
// "workspace them" takes 20 ms, and it is a search the reader is about to type past. Such a word
// waits for a short pause instead, so it does not hold up the search for the next letter.
import type { PagefindInstance } from "./pagefind-ui.ts";

/** Far longer than any visit: the component's own timer never fires, this module searches instead. */
const NEVER_MS = 2 ** 31 - 1;
/** A search that has not answered by then is presumed lost, so typing never stalls. */
const STALE_MS = 2000;
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

/** Takes over searching for one <pagefind-input>. Call before the reader can type into it. */
export function searchAsYouType(instance: PagefindInstance, input: HTMLElement): void {
  input.setAttribute("debounce", String(NEVER_MS));
  let startedAt = Number.NEGATIVE_INFINITY;
  let pending: string | undefined;
  let pause: ReturnType<typeof setTimeout> | undefined;

  const start = (term: string) => {
    startedAt = performance.now();
    instance.triggerSearch(term);
  };
  const request = (term: string) => {
    if (performance.now() - startedAt < STALE_MS) pending = term;
    else start(term);
  };
  const finished = () => {
    startedAt = Number.NEGATIVE_INFINITY;
    const next = pending;
    pending = undefined;
    // Start the next search once every component has taken these results, so none of them pairs
    // these results with the next search's words.
    if (next !== undefined && next !== instance.searchTerm) queueMicrotask(() => start(next));
  };
  // Any answer means the latest search is done, whoever started it (filters, Escape, the address).
  instance.on("results", finished);
  instance.on("error", finished);

  // The component re-creates its <input> now and then, so listen on the element around it.
  input.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement)) return;
    clearTimeout(pause);
    const term = field.value;
    if (searchableAtOnce(term)) {
      request(term);
      return;
    }
    // A newer keystroke replaces whatever was waiting for the running search.
    pending = undefined;
    pause = setTimeout(() => request(term), SHORT_WORD_PAUSE_MS);
  });
}
