// The few ways pages read articles. Kept in one module so every page agrees on what "published"
// means and how articles are ordered, and so the whole collection is read once per build.
import { getCollection, type CollectionEntry, type CollectionKey } from "astro:content";
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

/**
 * The entry an article component names by id. A wrong id fails the build with the component as the
 * author wrote it and what is missing, e.g. `<Checklist stage="x">: no such stage in content/data/onboarding.yaml`.
 */
export async function entryNamedBy<C extends Exclude<CollectionKey, "articles">>(name: C, id: string, written: string, missing: string): Promise<CollectionEntry<C>> {
  const entry = (await getCollection(name, (candidate) => candidate.id === id))[0];
  if (!entry) throw new Error(`${written}: ${missing}`);
  return entry;
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

/**
 * The props of every published article's page, worked out together from one lookup table per
 * collection. A getEntry() call per category, owner and related link cost 0.7 GiB at 50,000
 * articles (short-lived, but the build's memory peak: BENCHMARKS.md).
 */
export async function articlePagesProps(): Promise<ArticlePageProps[]> {
  const [articles, categories, teams] = await Promise.all([publishedArticles(), getCollection("categories"), getCollection("teams")]);
  const categoryById = new Map(categories.map((entry) => [entry.id, entry]));
  const teamById = new Map(teams.map((entry) => [entry.id, entry]));
  const articleById = new Map(articles.map((entry) => [entry.id, entry]));
  const neighbours = new Map(
    await Promise.all(
      [...categoryById.keys()].map(async (id) => [id, neighbourMap((await articlesInCategory(id)).map(asRef))] as const),
    ),
  );
  return articles.map((article) => {
    const category = categoryById.get(article.data.category);
    const owner = teamById.get(article.data.owner);
    if (!category || !owner) throw new Error(`${article.filePath}: unknown category or owner`);
    const { previous, next } = neighbours.get(category.id)?.get(article.id) ?? {};
    return {
      article,
      category,
      owner,
      previous,
      next,
      related: article.data.related
        .map((id) => articleById.get(id))
        .filter((entry): entry is Article => entry !== undefined && !entry.data.draft),
      updated: updatedAt(article),
    };
  });
}

/**
 * The key under which Astro's incremental build keeps an article page: what its props hold, by the
 * digest of each article file shown (its own, frontmatter and body, and its related articles'), its
 * neighbours, its date, and whether its review is overdue today, which the page shows. Category and
 * owner come from data files, which every key covers (page-cache.ts). Digests, not the entries
 * themselves: serialising 50,000 pages' props whole took 0.7 GiB of short-lived strings at once.
 */
export function articlePageCacheKey(props: ArticlePageProps, today = new Date()): string {
  const { article, category, owner, previous, next, related, updated } = props;
  return pageCacheKey({
    article: [article.id, article.digest],
    category: category.id,
    owner: owner.id,
    previous,
    next,
    related: related.map((entry) => [entry.id, entry.digest]),
    updated: updated.toISOString(),
    reviewOverdue: reviewStatus(article.data.reviewBy, today) === "overdue",
  });
}
