// Ordering and navigation between articles. Pure functions over plain data so they are unit-tested
// and so a page only ever receives the handful of neighbours it shows, never the whole list.

export interface ArticleRef {
  id: string;
  title: string;
  category: string;
  order?: number | undefined;
}

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry {
  slug: string;
  text: string;
  children: TocEntry[];
}

export const articleUrl = (id: string) => `/${id}/`;
export const categoryUrl = (categoryId: string, page = 1) =>
  page > 1 ? `/${categoryId}/page/${page}/` : `/${categoryId}/`;

/** The slug part of an article id ("customer-help/choosing-a-priority" -> "choosing-a-priority"). */
export const articleSlug = (id: string) => id.slice(id.indexOf("/") + 1);
/** The folder an article lives in, which is its category. */
export const articleFolder = (id: string) => id.slice(0, id.indexOf("/"));
/** The article an address shows, the inverse of articleUrl: "/a/b/" -> "a/b"; undefined for other pages. */
export function articleIdForPath(path: string): string | undefined {
  const match = /^\/([^/]+)\/([^/]+)\/$/.exec(path.replace(/[?#].*$/, ""));
  return match ? `${match[1]}/${match[2]}` : undefined;
}

// Same order as a.localeCompare(b, "en"), without looking up the locale on every comparison.
const titleCollator = new Intl.Collator("en");

/** Reading order inside a category: explicit `order` first, then alphabetical by title. */
export function byReadingOrder(a: ArticleRef, b: ArticleRef): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao - bo;
  return titleCollator.compare(a.title, b.title);
}

/** Every article's previous and next in a category's reading order, by id: one pass per category. */
export function neighbourMap<T extends ArticleRef>(sortedInCategory: readonly T[]): Map<string, { previous?: T; next?: T }> {
  return new Map(sortedInCategory.map((a, i) => [a.id, { previous: sortedInCategory[i - 1], next: sortedInCategory[i + 1] }]));
}

/** h2 and h3 headings as a two-level outline; an h3 before any h2 becomes a top-level entry. */
export function tableOfContents(headings: readonly Heading[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const h of headings) {
    if (h.depth === 2 || (h.depth === 3 && toc.length === 0)) {
      toc.push({ slug: h.slug, text: h.text, children: [] });
    } else if (h.depth === 3) {
      toc[toc.length - 1]!.children.push({ slug: h.slug, text: h.text, children: [] });
    }
  }
  return toc;
}
