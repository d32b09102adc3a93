// The line above search results: how many there are and for what, and, when words were corrected,
// "Showing results for <corrected>. Search instead for <as typed>" with both as links. On the search
// page they are addresses (?q=...&verbatim=1), so the choice is kept and can be shared; in the
// dialog, choosing one searches again in place.
import type { SearchSummary } from "../lib/search-index.ts";
import { searchPageUrl } from "../lib/search-url.ts";

export interface StatusState {
  term: string;
  count: number;
  summary?: SearchSummary;
  verbatim: boolean;
}

/** What to do when a reader picks one of the two queries; without it, the links simply navigate. */
export type ChooseQuery = (term: string, verbatim: boolean) => void;

function queryLink(term: string, verbatim: boolean, choose: ChooseQuery | undefined): HTMLAnchorElement {
  const link = document.createElement("a");
  link.href = searchPageUrl(term, {}, verbatim);
  link.className = "font-semibold text-accent underline decoration-1 underline-offset-2 hover:decoration-2";
  link.textContent = term;
  link.dataset.searchChoice = verbatim ? "as-typed" : "corrected";
  if (choose) {
    link.addEventListener("click", (event) => {
      // A new tab or window still opens the search page.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      choose(term, verbatim);
    });
  }
  return link;
}

const plural = (count: number) => (count === 1 ? "1 result" : `${count} results`);

/** Fills `container` for the current search; empty when nothing is searched. */
export function renderStatus(container: HTMLElement, state: StatusState, choose?: ChooseQuery): void {
  container.replaceChildren();
  const term = state.term.trim();
  container.hidden = term.length === 0;
  if (!term) return;
  const corrected = state.verbatim ? undefined : state.summary?.correctedQuery;
  if (corrected) {
    const line = document.createElement("p");
    line.dataset.correction = "";
    line.append("Showing results for ", queryLink(corrected, false, choose), ". Search instead for ", queryLink(term, true, choose), ".");
    container.append(line);
  }
  const count = document.createElement("p");
  count.className = corrected ? "mt-1 text-sm text-muted" : "text-sm text-muted";
  count.textContent = `${plural(state.count)} for “${corrected ?? term}”`;
  if (state.summary?.partial && state.summary.allWords === 0 && state.count > 0) {
    count.textContent += ". No page has all of these words; these have some of them.";
  }
  container.append(count);
}
