// The few ways pages read articles. Kept in one module so every page agrees on what "published"
// means and how articles are ordered, and so the whole collection is read once per build.
import { getCollection, getEntry, type CollectionEntry, type CollectionKey } from "astro:content";
import { byReadingOrder, neighbourMap, type ArticleRef } from "./lib/article-nav.ts";
import { lastModified } from "./lib/git-dates.ts";
import { pageCacheKey } from "./lib/page-cache.ts";
import { reviewStatus } from "./lib/review-status.ts";

export type Article = CollectionEntry<"articles">;
export type CategoryEntry = CollectionEntry<"categories">;

let published: Promise<Article[]> | undefined;

/** Articles a reader may see: drafts show up in `astro dev` only. */
export function publishedArticles(): Promise<Article[]> {
  published ??= getCollection("articles", (entry) => import.meta.env.DEV || !entry.data.draft);
  return published;
}

/** A data collection in the order its YAML file lists it. */
export async function inFileOrder<C extends Exclude<CollectionKey, "articles">>(name: C): Promise<CollectionEntry<C>[]> {
  const entries = await getCollection(name);
  return entries.sort((a, b) => (a.data as { position: number }).position - (b.data as { position: number }).position);
}

export async function categoriesInOrder(): Promise<CategoryEntry[]> {
  const categories = await getCollection("categories");
  return categories.sort((a, b) => a.data.order - b.data.order);
}

// Article pages run these once each, so with thousands of articles anything that filters or sorts
// the whole collection per call makes the build quadratic. Each list is computed once and shared;
// callers must not mutate what they receive.
const inCategory = new Map<string, Promise<readonly Article[]>>();
const neighboursByCategory = new Map<string, Promise<Map<string, { previous?: ArticleRef; next?: ArticleRef }>>>();
let newestFirst: Promise<readonly Article[]> | undefined;

/** A category's published articles in reading order. */
export function articlesInCategory(categoryId: string): Promise<readonly Article[]> {
  let sorted = inCategory.get(categoryId);
  if (!sorted) {
    sorted = publishedArticles().then((articles) =>
      articles.filter((a) => a.data.category === categoryId).sort((a, b) => byReadingOrder(asRef(a), asRef(b))),
    );
    inCategory.set(categoryId, sorted);
  }
  return sorted;
}

/** The articles before and after this one in its category's reading order. */
export function articleNeighbours(article: Article): Promise<{ previous?: ArticleRef; next?: ArticleRef }> {
  const categoryId = article.data.category;
  let byId = neighboursByCategory.get(categoryId);
  if (!byId) {
    byId = articlesInCategory(categoryId).then((articles) => neighbourMap(articles.map(asRef)));
    neighboursByCategory.set(categoryId, byId);
  }
  return byId.then((map) => map.get(article.id) ?? {});
}

export function asRef(article: Article): ArticleRef {
  return { id: article.id, title: article.data.title, category: article.data.category, order: article.data.order };
}

/** When the article last changed: its `updated` field, else its last commit (git-dates.ts reads git once). */
export function updatedAt(article: Article): Date {
  return article.data.updated ?? lastModified(article.filePath ?? "");
}

export async function recentlyUpdated(limit: number): Promise<Article[]> {
  newestFirst ??= publishedArticles().then((articles) => {
    const time = new Map(articles.map((a) => [a, updatedAt(a).getTime()]));
    return [...articles].sort((a, b) => time.get(b)! - time.get(a)!);
  });
  return (await newestFirst).slice(0, limit);
}

/** Everything an article page shows besides the article's own file. */
export interface ArticlePageProps {
  article: Article;
  category: CategoryEntry;
  owner: CollectionEntry<"teams">;
  previous?: ArticleRef | undefined;
  next?: ArticleRef | undefined;
  related: Article[];
  updated: Date;
}

export async function articlePageProps(article: Article): Promise<ArticlePageProps> {
  const [category, owner, { previous, next }, related] = await Promise.all([
    getEntry("categories", article.data.category),
    getEntry("teams", article.data.owner),
    articleNeighbours(article),
    Promise.all(article.data.related.map((id) => getEntry("articles", id))),
  ]);
  if (!category || !owner) throw new Error(`${article.filePath}: unknown category or owner`);
  return {
    article,
    category,
    owner,
    previous,
    next,
    related: related.filter((entry): entry is Article => entry !== undefined && !entry.data.draft),
    updated: updatedAt(article),
  };
}

/**
 * The key under which Astro's incremental build keeps an article page: its props (the article's
 * data and the digest of its file, its neighbours, related articles, category, owner and date) and
 * whether its review is overdue today, which the page shows.
 */
export function articlePageCacheKey(props: ArticlePageProps, today = new Date()): string {
  return pageCacheKey(props, { reviewOverdue: reviewStatus(props.article.data.reviewBy, today) === "overdue" });
}
