// The search page's address holds its state (?q=...&audience=...&category=...), so a search can be
// shared or bookmarked and the back button works. `verbatim=1` searches the words as typed, without
// spelling corrections ("Search instead for ...").
export type FilterSelection = Record<string, string[]>;

export const FILTER_NAMES = ["audience", "category"] as const;
/** The parameter search results add to an article's address, so the page marks the searched words. */
export const HIGHLIGHT_PARAM = "highlight";
export const SEARCH_PAGE = "/search/";
const VERBATIM = "verbatim";

export interface SearchState {
  term: string;
  filters: FilterSelection;
  verbatim: boolean;
}

export function readSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: FilterSelection = {};
  for (const name of FILTER_NAMES) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  const term = (params.get("q") ?? "").trim();
  return { term, filters, verbatim: term.length > 0 && params.get(VERBATIM) === "1" };
}

export function writeSearchState(term: string, filters: FilterSelection, verbatim = false): string {
  const params = new URLSearchParams();
  if (term.trim()) params.set("q", term.trim());
  for (const name of FILTER_NAMES) for (const value of filters[name] ?? []) params.append(name, value);
  if (verbatim && term.trim()) params.set(VERBATIM, "1");
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The search page's address for a query. */
export function searchPageUrl(term: string, filters: FilterSelection = {}, verbatim = false): string {
  return `${SEARCH_PAGE}${writeSearchState(term, filters, verbatim)}`;
}

/** The ticket form, with the reader's words carried over as the subject. */
export function ticketUrlForQuery(term: string): string {
  const subject = term.trim();
  return subject ? `/tickets/new/?${new URLSearchParams({ subject })}` : "/tickets/new/";
}
