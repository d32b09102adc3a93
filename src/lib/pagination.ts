// Category listings are split into pages of a fixed size, so no page grows with the number of articles.
export const CATEGORY_PAGE_SIZE = 25;

export function paginate<T>(items: readonly T[], pageSize = CATEGORY_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: pages }, (_, index) => ({
    page: index + 1,
    pages,
    total: items.length,
    items: items.slice(index * pageSize, (index + 1) * pageSize),
  }));
}
