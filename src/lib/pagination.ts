// Category listings are split into pages of a fixed size, so no page grows with the number of articles.
export const CATEGORY_PAGE_SIZE = 25;

/** How many pages a list of `count` items takes; an empty list still has its one (empty) page. */
export const pageCount = (count: number, pageSize = CATEGORY_PAGE_SIZE) => Math.max(1, Math.ceil(count / pageSize));

export function paginate<T>(items: readonly T[], pageSize = CATEGORY_PAGE_SIZE) {
  const pages = pageCount(items.length, pageSize);
  return Array.from({ length: pages }, (_, index) => ({
    page: index + 1,
    pages,
    total: items.length,
    items: items.slice(index * pageSize, (index + 1) * pageSize),
  }));
}
