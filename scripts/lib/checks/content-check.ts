// Checks the whole content folder the way the build would, but reports every problem at once with
// file and line, so a support person fixing a pull request sees the full list in one run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { collectProblems, formatProblem, type ContentProblem } from "../../../src/lib/content-errors.ts";
import { articleIdFromPath, contentPath, displayPath, listFiles } from "../../../src/lib/content-files.ts";
import { DATA_FILES } from "../../../src/lib/data-files.ts";
import { splitFrontmatter } from "../../../src/lib/frontmatter-check.ts";
import { readSiteConfig } from "../../../src/lib/site-config.ts";
import { checkAcrossArticles } from "./across-articles-check.ts";
import { checkArticle, type ArticleSource } from "./article-frontmatter-check.ts";
import { checkArticlesTogether } from "./article-checks.ts";
import { checkDataFiles } from "./data-files-check.ts";
import { availableMdxComponents, readArticleBody } from "./mdx-check.ts";
import { checkOnboardingLinks } from "./onboarding-links-check.ts";

export type { ArticleSource };

export interface CheckReport {
  errors: ContentProblem[];
  warnings: ContentProblem[];
  articles: ArticleSource[];
}

export function listArticleFiles(dir = contentPath("articles")): string[] {
  return listFiles(dir)
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => join(dir, file));
}

/**
 * Every article's id and frontmatter, read leniently for tools that only need a field or two
 * (`npm run new`, the benchmark): a half-written article gives empty data instead of an error.
 */
export function readArticleFrontmatter(dir = contentPath("articles")): { id: string; data: Record<string, unknown> }[] {
  return listArticleFiles(dir).map((file) => {
    let data: unknown;
    try {
      data = parse(splitFrontmatter(readFileSync(file, "utf8"))?.yaml ?? "");
    } catch {
      data = undefined;
    }
    return { id: articleIdFromPath(file, dir), data: data && typeof data === "object" ? (data as Record<string, unknown>) : {} };
  });
}

export async function checkContent(): Promise<CheckReport> {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const { lists } = checkDataFiles(errors, warnings);
  const refs = { categories: (lists.categories ?? []).map((c) => c.id), teams: (lists.teams ?? []).map((t) => t.id) };
  const articles: ArticleSource[] = [];
  for (const file of listArticleFiles()) {
    const { article, problems } = checkArticle(file, readFileSync(file, "utf8"), refs);
    articles.push(article);
    errors.push(...problems);
  }
  errors.push(...checkAcrossArticles(articles));
  errors.push(...checkOnboardingLinks(lists.onboarding ?? [], new Set(articles.map((a) => a.id))));
  const components = availableMdxComponents();
  for (const [index, article] of articles.entries()) {
    const body = readArticleBody(displayPath(article.file), article.body, article.bodyLine, components);
    errors.push(...body.problems);
    if (body.outline) article.outline = body.outline;
    // The parser's native buffers are freed by finalizers, which run only between event-loop turns:
    // without a turn now and then, 50,000 articles held 0.65 GiB of them until the end.
    if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
  }
  const siteUrl = collectProblems(errors, () => readSiteConfig())?.url ?? "https://example.invalid";
  const together = checkArticlesTogether(
    articles.map((a) => ({ ...a, shown: displayPath(a.file) })),
    { ...refs, siteUrl, categoriesFile: displayPath(contentPath(DATA_FILES.categories.path)), today: new Date() },
  );
  errors.push(...together.errors);
  warnings.push(...together.warnings);
  return { errors: unique(errors), warnings: unique(warnings), articles };
}

/** site.yaml is read by the support data and for the site's address; its problems are listed once. */
function unique(problems: ContentProblem[]): ContentProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatProblem(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

