// What `npm run new -- <category> "<title>"` writes: the file path and a starting article whose
// frontmatter is complete and valid. The description and body are TODO prompts on purpose: the
// content check (prose-check.ts) fails on them, so an unfinished article cannot be merged.
import { slug as githubSlug } from "github-slugger";
import { stringify } from "yaml";
import type { Audience } from "../../src/lib/content-schemas.ts";

export const REVIEW_AFTER_MONTHS = 6;
const MAX_SLUG_LENGTH = 60;

export interface NewArticleInput {
  category: string;
  title: string;
  today: Date;
  categories: readonly { id: string; audience: readonly Audience[] }[];
  /** Team ids in the order of content/data/teams.yaml. */
  teams: readonly string[];
  /** Existing articles ("category/slug") and their owners. */
  articles: readonly { id: string; owner?: string | undefined }[];
}

export type NewArticlePlan =
  | { ok: true; id: string; slug: string; file: string; owner: string; ownerReason: string; audience: readonly Audience[]; source: string }
  | { ok: false; error: string };

/** A file name from a title: "Exporting a channel's history" -> "exporting-a-channels-history". */
export function slugForTitle(title: string): string {
  const ascii = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  let slug = githubSlug(ascii)
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (slug.length > MAX_SLUG_LENGTH) slug = slug.slice(0, MAX_SLUG_LENGTH).replace(/-[^-]*$/, "");
  return slug;
}

/** The same day `months` later as YYYY-MM-DD; the 31st becomes the last day of a shorter month. */
export function reviewDateAfter(today: Date, months = REVIEW_AFTER_MONTHS): string {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

function mostCommon(owners: readonly string[], teams: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const owner of owners) if (teams.includes(owner)) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  // Ties go to the team listed first in teams.yaml, so the choice does not depend on file order.
  return [...teams].filter((t) => counts.has(t)).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0];
}

/** The team that owns most articles in the category; in an empty category, the one that owns most overall. */
export function likelyOwner(category: string, articles: NewArticleInput["articles"], teams: readonly string[]): { owner: string; reason: string } {
  const owners = (inCategory: boolean) =>
    articles.filter((a) => !inCategory || a.id.startsWith(`${category}/`)).flatMap((a) => (a.owner ? [a.owner] : []));
  const inCategory = mostCommon(owners(true), teams);
  if (inCategory) return { owner: inCategory, reason: `the team that owns most articles in ${category}` };
  const overall = mostCommon(owners(false), teams);
  if (overall) return { owner: overall, reason: `${category} has no articles yet, so the team that owns most articles` };
  return { owner: teams[0] ?? "support", reason: "the first team in content/data/teams.yaml" };
}

const yamlScalar = (value: string) => stringify(value).trimEnd();

export function articleTemplate(fields: { title: string; category: string; audience: readonly string[]; owner: string; reviewBy: string }): string {
  return `---
title: ${yamlScalar(fields.title)}
description: "TODO: one full sentence that answers the reader's question; it shows in search results."
audience: [${fields.audience.join(", ")}]
category: ${fields.category}
owner: ${fields.owner}
reviewBy: ${fields.reviewBy}
keywords: []
related: []
---

TODO: answer the question in the first paragraph, in a sentence or two, for someone who arrived from search.

## TODO: name the first step or topic

TODO: the details. Sections start at ## and go one level deeper at a time (###). CONTRIBUTING.md lists the components you can use, such as Callout and Steps.
`;
}

export function planNewArticle(input: NewArticleInput): NewArticlePlan {
  const category = input.categories.find((c) => c.id === input.category);
  if (!category) {
    return {
      ok: false,
      error: `There is no category "${input.category}". Choose one of: ${input.categories.map((c) => c.id).join(", ")} (they are listed in content/data/categories.yaml).`,
    };
  }
  const title = input.title.trim().replace(/\s+/g, " ");
  if (title.length < 3 || title.length > 120) {
    return { ok: false, error: `Write a title between 3 and 120 characters, in quotes: npm run new -- ${category.id} "Exporting a channel's history"` };
  }
  const slug = slugForTitle(title);
  if (!slug) return { ok: false, error: "The title needs at least one letter or digit to make the file name from." };
  const id = `${category.id}/${slug}`;
  const clash = input.articles.find((a) => a.id.slice(a.id.indexOf("/") + 1) === slug);
  if (clash) {
    const where = `content/articles/${clash.id}.mdx`;
    return {
      ok: false,
      error:
        clash.id === id
          ? `${where} already exists. Edit that article, or choose a different title.`
          : `An article with the file name "${slug}" already exists: ${where}. File names must be unique across categories; choose a different title.`,
    };
  }
  const { owner, reason } = likelyOwner(category.id, input.articles, input.teams);
  const source = articleTemplate({ title, category: category.id, audience: category.audience, owner, reviewBy: reviewDateAfter(input.today) });
  return { ok: true, id, slug, file: `articles/${id}.mdx`, owner, ownerReason: reason, audience: category.audience, source };
}
