// The checks that read article bodies and the site as a whole: links and #anchors, heading levels,
// image alt text, placeholder text, articles no category page lists, and reviews that are due.
// They reuse the outline each body's single MDX parse produced (see mdx-check.ts).
import { resolve } from "node:path";
import type { ArticleOutline } from "./article-outline.ts";
import { checkArticleStructure } from "./article-structure-check.ts";
import { checkCategoryReach } from "./category-reach.ts";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";
import type { ArticleData } from "../../../src/lib/content-schemas.ts";
import { formatDate } from "../../../src/lib/dates.ts";
import { checkInternalLinks, type LinkTargetArticle } from "./internal-links.ts";
import { checkProse } from "./prose-check.ts";
import { reviewStatus } from "../../../src/lib/review-status.ts";
import { listFiles } from "../../../src/lib/content-files.ts";
import { siteRoutes } from "./site-routes.ts";

export interface CheckedArticle {
  id: string;
  /** The file as messages show it. */
  shown: string;
  body: string;
  bodyLine: number;
  data?: ArticleData | undefined;
  outline?: ArticleOutline | undefined;
  lineOf?: ((path: readonly PropertyKey[]) => number | undefined) | undefined;
}

export interface SiteFacts {
  categories: readonly string[];
  teams: readonly string[];
  siteUrl: string;
  categoriesFile: string;
  today: Date;
  /** Where page files and public files are; the real project's unless a test says otherwise. */
  pagesDir?: string;
  publicDir?: string;
}

const PROJECT = resolve(import.meta.dirname, "../../..");

export function checkArticlesTogether(articles: readonly CheckedArticle[], site: SiteFacts): { errors: ContentProblem[]; warnings: ContentProblem[] } {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  // An article whose frontmatter has a mistake still counts as a page, so links to it are not
  // reported as broken as well: one mistake, one message.
  const published = articles.filter((a) => !a.data?.draft);
  const routes = siteRoutes(listFiles(site.pagesDir ?? resolve(PROJECT, "src/pages")), listFiles(site.publicDir ?? resolve(PROJECT, "public")), {
    categories: site.categories,
    teams: site.teams,
    articles: published.map((a) => ({ id: a.id, category: a.data?.category ?? a.id.split("/")[0] ?? "", owner: a.data?.owner ?? "" })),
  });
  for (const route of routes.unlisted) {
    warnings.push({
      file: `src/pages/${route.file}`,
      field: "",
      message: "links to the pages this route makes are not checked from the source; add it to DYNAMIC_ROUTES in scripts/lib/checks/site-routes.ts",
    });
  }
  const targets = new Map<string, LinkTargetArticle>();
  for (const article of articles) {
    const outline = article.outline;
    const anchors = outline ? new Set([...outline.headings.map((h) => h.slug), ...outline.ids]) : undefined;
    targets.set(article.id, { file: article.shown, draft: article.data?.draft ?? false, anchors });
  }

  for (const article of articles) {
    if (article.outline) {
      errors.push(...checkArticleStructure(article.shown, article.outline));
      errors.push(...checkInternalLinks({ id: article.id, file: article.shown, outline: article.outline }, targets, routes, site.siteUrl));
    }
    if (!article.data) continue;
    errors.push(...checkProse(article.shown, article.body, article.bodyLine, article.data).map((p) => ({ ...p, line: p.line ?? article.lineOf?.([p.field]) })));
    errors.push(...reviewDateProblems(article.shown, article.data, article.lineOf));
    warnings.push(...overdueReviewWarnings(article.shown, article.data, site.today, article.lineOf));
  }

  const reach = checkCategoryReach(
    articles.map((a) => ({ id: a.id, file: a.shown, category: a.data?.category, draft: a.data?.draft })),
    site.categories,
    site.categoriesFile,
  );
  errors.push(...reach.errors);
  warnings.push(...reach.warnings);
  return { errors, warnings };
}

type LineOf = CheckedArticle["lineOf"];

/** A review date that is not after the last review would mark the article overdue the day it was reviewed. */
export function reviewDateProblems(file: string, data: Pick<ArticleData, "reviewBy" | "lastReviewed">, lineOf?: LineOf): ContentProblem[] {
  if (!data.lastReviewed || data.lastReviewed.getTime() < data.reviewBy.getTime()) return [];
  return [
    {
      file,
      line: lineOf?.(["reviewBy"]),
      field: "reviewBy",
      message: `the next review (${formatDate(data.reviewBy)}) must come after the last one (lastReviewed: ${formatDate(data.lastReviewed)}); set reviewBy to a date a few months ahead`,
    },
  ];
}

/** Past its review date: still published, but the owning team should re-read it. */
export function overdueReviewWarnings(file: string, data: Pick<ArticleData, "reviewBy" | "owner" | "draft">, today: Date, lineOf?: LineOf): ContentProblem[] {
  if (data.draft || reviewStatus(data.reviewBy, today) !== "overdue") return [];
  return [
    {
      file,
      line: lineOf?.(["reviewBy"]),
      field: "reviewBy",
      message: `review overdue since ${formatDate(data.reviewBy)}: the ${data.owner} team should re-read the article, then set lastReviewed to today and reviewBy to the next review date`,
    },
  ];
}
