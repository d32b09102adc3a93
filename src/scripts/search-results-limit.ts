// Pagefind's results component lays out a placeholder for every match, and with thousands of
// articles a common word matches nearly all of them: thousands of elements before the first result
// shows. Search surfaces show the best matches first and more on request instead, so search stays
// as quick with 5,000 articles as with 50.
import { redispatchResults, showFirstResultsAtOnce, type PagefindInstance } from "./pagefind-ui.ts";

export const RESULTS_PAGE_SIZE = 20;

/** Caps `results` (a <pagefind-results>) at a page of matches; `more` shows the next page. */
export function limitResults(
  instance: PagefindInstance,
  results: HTMLElement,
  more: HTMLButtonElement,
  pageSize = RESULTS_PAGE_SIZE,
): void {
  let limit = 0;
  const setLimit = (value: number) => {
    if (value === limit) return;
    limit = value;
    results.setAttribute("max-results", String(value));
  };
  setLimit(pageSize);
  // A new search starts again at one page; the same search run again (the component repeats one
  // now and then, as filters load or the input settles) keeps what the reader chose to see.
  let lastSearch = "";
  instance.on("search", (term: string, filters: unknown) => {
    const search = JSON.stringify([term, filters ?? {}]);
    if (search !== lastSearch) setLimit(pageSize);
    lastSearch = search;
  });
  let showingMore = false;
  instance.on("results", (payload: { results: unknown[] }) => {
    // New results start at the top of the list. Showing more keeps the reader further down, where
    // the first entries are off screen and filling them in would push the new ones away.
    if (!showingMore) showFirstResultsAtOnce(results);
    const total = payload.results.length;
    more.hidden = total <= limit;
    more.textContent = `Show more results (${limit} of ${total} shown)`;
  });
  more.addEventListener("click", () => {
    const firstNew = limit;
    setLimit(limit + pageSize);
    // The component rebuilds its list to show more; bring the first new result into view, so the
    // reader continues where the new ones start (and keyboard focus follows once it has loaded).
    showingMore = true;
    redispatchResults(instance);
    showingMore = false;
    results.querySelector(`[data-pf-result-index="${firstNew}"]`)?.scrollIntoView({ block: "center" });
    void focusResult(results, firstNew);
  });
}

async function focusResult(results: HTMLElement, index: number): Promise<void> {
  const deadline = performance.now() + 3000;
  while (performance.now() < deadline) {
    const link = results.querySelector<HTMLAnchorElement>(`[data-pf-result-index="${index}"] a`);
    if (link) {
      link.focus({ preventScroll: true });
      return;
    }
    await new Promise(requestAnimationFrame);
  }
}
