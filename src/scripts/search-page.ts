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

  const { term, filters } = readSearchState(window.location.search);
  if (term || Object.keys(filters).length) instance.triggerSearchWithFilters(term, filters);
  else document.querySelector<HTMLInputElement>("pagefind-input input")?.focus();
}
