// One article file on its own: frontmatter present and valid against the collection's schema, an
// .mdx file one folder deep with a lowercase hyphenated slug, and a category matching its folder.
import { basename } from "node:path";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";
import { articleIdFromPath, contentPath, displayPath } from "../../../src/lib/content-files.ts";
import { articleSchema, type ArticleData } from "../../../src/lib/content-schemas.ts";
import { checkFrontmatter, splitFrontmatter } from "../../../src/lib/frontmatter-check.ts";
import type { ArticleOutline } from "./article-outline.ts";

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
