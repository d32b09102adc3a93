// Pagefind's input waits for a pause in typing (its debounce) before it searches, so results can
// never appear sooner than that pause after the last keystroke; and searches started faster than
// the index answers queue up in its worker. Here a search starts at once when none is running;
// while one runs, only the latest text waits for it. Results then follow the last keystroke by
// the time of a single search.
import type { PagefindInstance } from "./pagefind-ui.ts";

/** Far longer than any visit: the component's own timer never fires, this module searches instead. */
const NEVER_MS = 2 ** 31 - 1;
/** A search that has not answered by then is presumed lost, so typing never stalls. */
const STALE_MS = 2000;

/** Takes over searching for one <pagefind-input>. Call before the reader can type into it. */
export function searchAsYouType(instance: PagefindInstance, input: HTMLElement): void {
  input.setAttribute("debounce", String(NEVER_MS));
  let startedAt = Number.NEGATIVE_INFINITY;
  let pending: string | undefined;

  const start = (term: string) => {
    startedAt = performance.now();
    instance.triggerSearch(term);
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
    if (performance.now() - startedAt < STALE_MS) pending = field.value;
    else start(field.value);
  });
}
