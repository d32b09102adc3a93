// Filters (audience, category) applied to the pipeline's combined results, and the counts the
// filter list shows beside each value. Pagefind counts only what one of its own searches found;
// the pipeline combines several, so it filters and counts from each page's filter values.

/** A page's values per filter: { audience: ["Customers"], category: ["Getting help"] }. */
export type PageFilters = Readonly<Record<string, readonly string[]>>;
/** Chosen values per filter; a page must have every value chosen, as in Pagefind. */
export type FilterSelection = Readonly<Record<string, readonly string[]>>;
export type FilterCounts = Record<string, Record<string, number>>;

export function matchesSelection(filters: PageFilters | undefined, selection: FilterSelection): boolean {
  return Object.entries(selection).every(([name, values]) => values.every((value) => filters?.[name]?.includes(value)));
}

/**
 * For each filter value, how many of `ids` have it. Every value in `known` is listed, with 0 when
 * none of the results has it, so the list keeps its shape while the counts change.
 */
export function countFilters(
  ids: Iterable<string>,
  filtersOf: (id: string) => PageFilters | undefined,
  known: Readonly<Record<string, Readonly<Record<string, number>>>>,
): FilterCounts {
  const counts: FilterCounts = {};
  for (const [name, values] of Object.entries(known)) counts[name] = Object.fromEntries(Object.keys(values).map((v) => [v, 0]));
  for (const id of ids) {
    for (const [name, values] of Object.entries(filtersOf(id) ?? {})) {
      const group = (counts[name] ??= {});
      for (const value of values) group[value] = (group[value] ?? 0) + 1;
    }
  }
  return counts;
}
