// The search page: Pagefind's components on the site's pipeline, with the query, filters and the
// choice of "Search instead for ..." kept in the address, and a way to open a ticket when nothing
// matches.
import { readerAudience } from "../lib/search-audience.ts";
import { readSearchState, ticketUrlForQuery, writeSearchState, type FilterSelection } from "../lib/search-url.ts";
import { loadPagefindUi, setSearchSurface, useResultView, type SurfaceAnswer } from "./pagefind-ui.ts";
import { searchAsYouType } from "./search-as-you-type.ts";
import { watchForNoResults } from "./search-gap-report.ts";
import { limitResults } from "./search-results-limit.ts";
import { renderStatus } from "./search-status.ts";

export async function initSearchPage() {
  const ui = document.querySelector<HTMLElement>("[data-search-ui]");
  const status = document.querySelector<HTMLElement>("[data-search-status]");
  const noResults = document.querySelector<HTMLElement>("[data-no-results]");
  const noResultsLink = document.querySelector<HTMLAnchorElement>("[data-no-results-link]");
  if (!ui || !status || !noResults || !noResultsLink) return;
  ui.hidden = false;
  const initial = readSearchState(window.location.search);
  // Where the page's grid has one column (search.astro), the filters sit above the results: there
  // they start folded (one line per group), so the results are on the first screen, unless the
  // address chose a filter.
  const pane = ui.querySelector("pagefind-filter-pane");
  const oneColumn = getComputedStyle(ui).gridTemplateColumns.trim().split(/\s+/).length < 2;
  if (pane && oneColumn && Object.keys(initial.filters).length === 0) pane.removeAttribute("open");
  const instance = await loadPagefindUi();
  let filters: FilterSelection = initial.filters;
  // The reader is whoever the audience filter says, and otherwise a customer.
  const surface = { reader: () => readerAudience(filters.audience, undefined), verbatim: initial.verbatim, counts: true };
  setSearchSurface(instance, surface);

  const input = ui.querySelector<HTMLElement>("pagefind-input");
  if (input) searchAsYouType(instance, input);
  // Typing a new search asks for corrections again.
  input?.addEventListener("input", () => {
    surface.verbatim = false;
  });
  const results = ui.querySelector<HTMLElement>("pagefind-results");
  const more = ui.querySelector<HTMLButtonElement>("[data-more-results]");
  if (results) useResultView(instance, results);
  if (results && more) limitResults(instance, results, more);

  const choose = (term: string, verbatim: boolean) => {
    const field = ui.querySelector<HTMLInputElement>("pagefind-input input");
    if (field) field.value = term;
    surface.verbatim = verbatim;
    instance.triggerSearch(term);
  };
  instance.on("search", (term: string, chosen: FilterSelection) => {
    filters = chosen ?? {};
    const url = `${window.location.pathname}${writeSearchState(term, filters, surface.verbatim)}`;
    window.history.replaceState(null, "", url);
  });
  const gaps = watchForNoResults();
  instance.on("results", (answer: SurfaceAnswer) => {
    const term = instance.searchTerm.trim();
    renderStatus(status, { term, count: answer.results.length, summary: answer.summary, verbatim: surface.verbatim }, choose);
    if (answer.summary?.correctedQuery && !surface.verbatim) instance.announceRaw(`Showing results for ${answer.summary.correctedQuery}`);
    const empty = term.length > 0 && answer.results.length === 0;
    noResults.hidden = !empty;
    noResultsLink.href = ticketUrlForQuery(term);
    gaps.note(term, answer.results.length);
  });

  if (initial.term || Object.keys(initial.filters).length) instance.triggerSearchWithFilters(initial.term, initial.filters);
  else document.querySelector<HTMLInputElement>("pagefind-input input")?.focus();
}
