// Checks the whole content folder the way the build would, but reports every problem at once with
// file and line, so a support person fixing a pull request sees the full list in one run.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { ContentError, fieldName, formatProblem, parseYamlWithLines, problemsFromZod, YamlSyntaxError, type ContentProblem } from "./content-errors.ts";
import { checkFrontmatter, splitFrontmatter } from "./frontmatter-check.ts";
import { articleIdFromPath, contentPath, displayPath, listFiles, readYamlList, readYamlObject } from "./content-files.ts";
import {
  articleSchema,
  categorySchema,
  channelSchema,
  intakeRouteSchema,
  namingRuleSchema,
  onboardingStageSchema,
  synonymListSchema,
  teamSchema,
  type ArticleData,
  type OnboardingStage,
} from "./content-schemas.ts";
import { availableMdxComponents, readArticleBody } from "./mdx-check.ts";
import type { ArticleOutline } from "./article-outline.ts";
import { checkArticlesTogether } from "./article-checks.ts";
import { readSiteConfig } from "./site-config.ts";
import { DATA_FILES, loadSupportData } from "./support-data.ts";

export interface ArticleSource {
  /** category/slug, the same id Astro gives the entry. */
  id: string;
  file: string;
  source: string;
  /** Line in the file where the MDX body starts (after the frontmatter). */
  bodyLine: number;
  body: string;
  data?: ArticleData;
  /** Line of a frontmatter field, for messages about it. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  /** Headings, links and images of the body, from its MDX compile. */
  outline?: ArticleOutline;
}

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

// Building a zod schema (and its compiled parser) costs far more than using it: one per set of
// references, not one per article.
const schemas = new WeakMap<object, ReturnType<typeof articleSchema>>();
function schemaFor(refs: { categories: string[]; teams: string[] }) {
  let schema = schemas.get(refs);
  if (!schema) {
    schema = articleSchema(refs);
    schemas.set(refs, schema);
  }
  return schema;
}

/** Validates one article's frontmatter; `refs` are the category and team ids that exist. */
export function checkArticle(
  file: string,
  source: string,
  refs: { categories: string[]; teams: string[] },
  dir = contentPath("articles"),
): { article: ArticleSource; problems: ContentProblem[] } {
  const shown = displayPath(file);
  const id = articleIdFromPath(file, dir);
  const parts = splitFrontmatter(source);
  if (!parts) {
    return {
      article: { id, file, source, body: source, bodyLine: 1 },
      problems: [{ file: shown, line: 1, field: "", message: "the file must start with frontmatter between two '---' lines (run `npm run new` for a template)" }],
    };
  }
  const article: ArticleSource = { id, file, source, body: parts.body, bodyLine: parts.bodyLine };
  const problems: ContentProblem[] = [];
  if (!file.endsWith(".mdx")) {
    problems.push({ file: shown, field: "", message: `only .mdx files are published; rename it to ${basename(file).replace(/\.md$/, ".mdx")}` });
  }
  if (!/^[a-z0-9-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    problems.push({ file: shown, field: "", message: "articles live one folder deep, content/articles/<category>/<slug>.mdx, with a lowercase hyphenated slug" });
  }
  const { data, parsed, problems: fieldProblems } = checkFrontmatter(shown, parts.yaml, schemaFor(refs));
  problems.push(...fieldProblems);
  if (parsed) article.lineOf = parsed.lineOf;
  if (!data || !parsed) return { article, problems };
  article.data = data;
  const folder = id.split("/")[0];
  if (folder && data.category !== folder) {
    problems.push({
      file: shown,
      line: parsed.lineOf(["category"]),
      field: "category",
      message: `the article is in the folder "${folder}" but says category "${data.category}"; move the file or change the field`,
    });
  }
  return { article, problems };
}

/** Problems that need every article at once: related links, duplicate titles. */
export function checkAcrossArticles(articles: ArticleSource[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const ids = new Set(articles.map((a) => a.id));
  const titles = new Map<string, string>();
  for (const article of articles) {
    const data = article.data;
    if (!data) continue;
    const shown = displayPath(article.file);
    data.related.forEach((related, index) => {
      if (related === article.id) {
        problems.push({ file: shown, line: article.lineOf?.(["related", index]), field: `related[${index}]`, message: "an article cannot list itself as related" });
      } else if (!ids.has(related)) {
        problems.push({ file: shown, line: article.lineOf?.(["related", index]), field: `related[${index}]`, message: `no article "${related}" exists (expected content/articles/${related}.mdx)` });
      }
    });
    const key = data.title.trim().toLowerCase();
    const other = titles.get(key);
    if (other) {
      problems.push({ file: shown, line: article.lineOf?.(["title"]), field: "title", message: `"${data.title}" is also the title of ${other}; readers could not tell them apart in search` });
    } else {
      titles.set(key, shown);
    }
  }
  const slugs = new Map<string, string>();
  for (const article of articles) {
    const slug = article.id.split("/").pop() ?? "";
    const other = slugs.get(slug);
    if (other) {
      problems.push({ file: displayPath(article.file), field: "", message: `the file name "${slug}" is also used by ${other}; give each article a distinct name` });
    } else {
      slugs.set(slug, displayPath(article.file));
    }
  }
  return problems;
}

function collect(problems: ContentProblem[], read: () => unknown) {
  try {
    return read();
  } catch (error) {
    if (error instanceof ContentError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}

export async function checkContent(): Promise<CheckReport> {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const categories = (collect(errors, () => readYamlList(contentPath(DATA_FILES.categories), categorySchema)) ?? []) as { id: string }[];
  const teams = (collect(errors, () => readYamlList(contentPath(DATA_FILES.teams), teamSchema)) ?? []) as { id: string }[];
  collect(errors, () => loadSupportData());
  collect(errors, () => readYamlList(contentPath(DATA_FILES.intake), intakeRouteSchema));
  collect(errors, () => readYamlList(contentPath(DATA_FILES.channels), channelSchema));
  collect(errors, () => readYamlList(contentPath(DATA_FILES.naming), namingRuleSchema));
  const onboarding = (collect(errors, () => readYamlList(contentPath(DATA_FILES.onboarding), onboardingStageSchema)) ?? []) as OnboardingStage[];
  collect(errors, () => readYamlObject(contentPath(DATA_FILES.synonyms), synonymListSchema));

  const refs = { categories: categories.map((c) => c.id), teams: teams.map((t) => t.id) };
  const articles: ArticleSource[] = [];
  for (const file of listArticleFiles()) {
    const { article, problems } = checkArticle(file, readFileSync(file, "utf8"), refs);
    articles.push(article);
    errors.push(...problems);
  }
  errors.push(...checkAcrossArticles(articles));
  errors.push(...checkOnboardingLinks(onboarding, new Set(articles.map((a) => a.id))));
  const components = availableMdxComponents();
  for (const [index, article] of articles.entries()) {
    const body = readArticleBody(displayPath(article.file), article.body, article.bodyLine, components);
    errors.push(...body.problems);
    if (body.outline) article.outline = body.outline;
    // The parser's native buffers are freed by finalizers, which run only between event-loop turns:
    // without a turn now and then, 50,000 articles held 0.65 GiB of them until the end.
    if (index % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
  }
  const siteUrl = (collect(errors, () => readSiteConfig()) as { url: string } | undefined)?.url ?? "https://example.invalid";
  const together = checkArticlesTogether(
    articles.map((a) => ({ ...a, shown: displayPath(a.file) })),
    { ...refs, siteUrl, categoriesFile: displayPath(contentPath(DATA_FILES.categories)), today: new Date() },
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

/** Every article the onboarding path points to must exist, or a new hire meets a dead link. */
export function checkOnboardingLinks(stages: OnboardingStage[], articleIds: Set<string>): ContentProblem[] {
  const path = contentPath(DATA_FILES.onboarding);
  const file = displayPath(path);
  const problems: ContentProblem[] = [];
  if (!stages.length) return problems;
  // The stages were read without positions; read the file again only to name lines.
  const { lineOf } = parseYamlWithLines(readFileSync(path, "utf8"));
  const missing = (fieldPath: (string | number)[], article: string) =>
    problems.push({
      file,
      line: lineOf(fieldPath),
      field: fieldName(fieldPath),
      message: `no article "${article}" exists (expected content/articles/${article}.mdx)`,
    });
  stages.forEach((stage, s) => {
    if (stage.article && !articleIds.has(stage.article)) missing([s, "article"], stage.article);
    stage.tasks.forEach((task, t) => {
      if (task.article && !articleIds.has(task.article)) missing([s, "tasks", t, "article"], task.article);
    });
  });
  return problems;
}
