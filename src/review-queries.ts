// What the staff review pages read: every published article as a review item, and the teams.
// The sorting and counting live in src/lib/review-status.ts.
import { getCollection } from "astro:content";
import { publishedArticles, updatedAt } from "./content-queries.ts";
import { paginate } from "./lib/pagination.ts";
import { lastCheck, REVIEW_PAGE_SIZE, sortForReview, type ReviewItem } from "./lib/review-status.ts";

export async function reviewItems(): Promise<ReviewItem[]> {
  const articles = await publishedArticles();
  return articles.map((article) => ({
    id: article.id,
    title: article.data.title,
    owner: article.data.owner,
    reviewBy: article.data.reviewBy,
    lastCheck: lastCheck(article.data, updatedAt(article)),
  }));
}

export async function teamsByName(): Promise<{ id: string; name: string; channel: string }[]> {
  const teams = await getCollection("teams");
  return teams.map((t) => ({ id: t.id, name: t.data.name, channel: t.data.channel })).sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** Each team's articles in review order (as of `today`), cut into the pages of its review list. */
export async function teamReviewPages(today: Date) {
  const items = await reviewItems();
  return (await teamsByName()).map((team) => ({
    team,
    pages: paginate(sortForReview(items.filter((item) => item.owner === team.id), today), REVIEW_PAGE_SIZE),
  }));
}
