// The few ways pages read articles. Kept in one module so every page agrees on what "published"
// means and how articles are ordered, and so the whole collection is read once per build.
import { getCollection, type CollectionEntry, type CollectionKey } from "astro:content";
import { byReadingOrder } from "./lib/article-nav.ts";
import { lastModified } from "./lib/git-dates.ts";

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

export async function articlesInCategory(categoryId: string): Promise<Article[]> {
  const articles = await publishedArticles();
  return articles
    .filter((a) => a.data.category === categoryId)
    .sort((a, b) => byReadingOrder(asRef(a), asRef(b)));
}

export function asRef(article: Article) {
  return { id: article.id, title: article.data.title, category: article.data.category, order: article.data.order };
}

export function updatedAt(article: Article): Date {
  return article.data.updated ?? lastModified(article.filePath ?? "");
}

export async function recentlyUpdated(limit: number): Promise<Article[]> {
  const articles = await publishedArticles();
  return [...articles].sort((a, b) => updatedAt(b).getTime() - updatedAt(a).getTime()).slice(0, limit);
}
