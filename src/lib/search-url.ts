// The search page's address holds its state (?q=...&audience=...&category=...), so a search can be
// shared or bookmarked and the back button works.
export type FilterSelection = Record<string, string[]>;

export const FILTER_NAMES = ["audience", "category"] as const;

export function readSearchState(search: string): { term: string; filters: FilterSelection } {
  const params = new URLSearchParams(search);
  const filters: FilterSelection = {};
  for (const name of FILTER_NAMES) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  return { term: (params.get("q") ?? "").trim(), filters };
}

export function writeSearchState(term: string, filters: FilterSelection): string {
  const params = new URLSearchParams();
  if (term.trim()) params.set("q", term.trim());
  for (const name of FILTER_NAMES) for (const value of filters[name] ?? []) params.append(name, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The ticket form, with the reader's words carried over as the subject. */
export function ticketUrlForQuery(term: string): string {
  const subject = term.trim();
  return subject ? `/tickets/new/?${new URLSearchParams({ subject })}` : "/tickets/new/";
}
