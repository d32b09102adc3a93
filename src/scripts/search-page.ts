// The search page: Pagefind's components, with the query and filters kept in the address and a
// way to open a ticket when nothing matches.
import { loadPagefindUi } from "./pagefind-ui.ts";
import { searchAsYouType } from "./search-as-you-type.ts";
import { limitResults } from "./search-results-limit.ts";
import { readSearchState, ticketUrlForQuery, writeSearchState, type FilterSelection } from "../lib/search-url.ts";

export async function initSearchPage() {
  const ui = document.querySelector<HTMLElement>("[data-search-ui]");
  const noResults = document.querySelector<HTMLElement>("[data-no-results]");
  const noResultsLink = document.querySelector<HTMLAnchorElement>("[data-no-results-link]");
  if (!ui || !noResults || !noResultsLink) return;
  ui.hidden = false;
  const initial = readSearchState(window.location.search);
  // Where the page's grid has one column (search.astro), the filters sit above the results: there
  // they start folded (one line per group), so the results are on the first screen, unless the
  // address chose a filter.
  const pane = ui.querySelector("pagefind-filter-pane");
  const oneColumn = getComputedStyle(ui).gridTemplateColumns.trim().split(/\s+/).length < 2;
  if (pane && oneColumn && Object.keys(initial.filters).length === 0) pane.removeAttribute("open");
  const instance = await loadPagefindUi();
  const input = ui.querySelector<HTMLElement>("pagefind-input");
  if (input) searchAsYouType(instance, input);
  const results = ui.querySelector<HTMLElement>("pagefind-results");
  const more = ui.querySelector<HTMLButtonElement>("[data-more-results]");
  if (results && more) limitResults(instance, results, more);

  instance.on("search", (term: string, filters: FilterSelection) => {
    const url = `${window.location.pathname}${writeSearchState(term, filters)}`;
    window.history.replaceState(null, "", url);
  });
  instance.on("results", (result: { results: unknown[] }) => {
    const term = instance.searchTerm.trim();
    const empty = term.length > 0 && result.results.length === 0;
    noResults.hidden = !empty;
    noResultsLink.href = ticketUrlForQuery(term);
  });

  if (initial.term || Object.keys(initial.filters).length) instance.triggerSearchWithFilters(initial.term, initial.filters);
  else document.querySelector<HTMLInputElement>("pagefind-input input")?.focus();
}
