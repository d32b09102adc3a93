// For the built-site checks: the MDX file behind an article page and its outline, so a problem
// found in dist/ can be reported at the line a support person edits.
import { existsSync, readFileSync } from "node:fs";
import type { ArticleOutline } from "./article-outline.ts";
import { articleIdForPath } from "../../../src/lib/article-nav.ts";
import { splitFrontmatter } from "../../../src/lib/frontmatter-check.ts";
import { contentPath, displayPath } from "../../../src/lib/content-files.ts";
import { availableMdxComponents, readArticleBody } from "./mdx-check.ts";

export interface ArticleSourceFile {
  id: string;
  /** The file as messages show it, like content/articles/customer-help/opening-a-ticket.mdx. */
  file: string;
  outline?: ArticleOutline | undefined;
}

const cache = new Map<string, ArticleSourceFile | undefined>();
let components: string[] | undefined;

function load(id: string): ArticleSourceFile | undefined {
  const path = contentPath("articles", `${id}.mdx`);
  if (!existsSync(path)) return undefined;
  const file = displayPath(path);
  const parts = splitFrontmatter(readFileSync(path, "utf8"));
  if (!parts) return { id, file };
  components ??= availableMdxComponents();
  const { outline } = readArticleBody(file, parts.body, parts.bodyLine, components);
  return { id, file, outline };
}

/** The article source behind a built page ("/a/b/"), or undefined for pages that are not articles. */
export function articleSourceForPage(pagePath: string): ArticleSourceFile | undefined {
  const id = articleIdForPath(pagePath);
  if (!id) return undefined;
  if (!cache.has(id)) cache.set(id, load(id));
  return cache.get(id);
}
