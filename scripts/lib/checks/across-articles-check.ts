// Problems only the whole set of articles shows: related articles that do not exist, and titles or
// file names two articles share.
import type { ContentProblem } from "../../../src/lib/content-errors.ts";
import { displayPath } from "../../../src/lib/content-files.ts";
import type { ArticleSource } from "./article-frontmatter-check.ts";

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
