// Readers find articles through category pages. An article whose folder has no category, or a
// category with nothing published in it, is a page nobody can browse to.
import { articleFolder } from "../../../src/lib/article-nav.ts";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";

export interface ReachableArticle {
  id: string;
  /** How the file is shown in messages. */
  file: string;
  category?: string | undefined;
  draft?: boolean | undefined;
}

export function checkCategoryReach(
  articles: readonly ReachableArticle[],
  categories: readonly string[],
  categoriesFile: string,
): { errors: ContentProblem[]; warnings: ContentProblem[] } {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const known = new Set(categories);
  const reported = new Set<string>();
  for (const article of articles) {
    // A file straight under content/articles/ has no folder; checkArticle already reports that.
    const folder = article.id.includes("/") ? articleFolder(article.id) : "";
    if (!folder || known.has(folder) || reported.has(folder)) continue;
    reported.add(folder);
    errors.push({
      file: article.file,
      field: "",
      message: `the folder content/articles/${folder}/ is not a category in ${categoriesFile}, so no category page lists its articles; add a category with id "${folder}" there, or move the file into one of: ${categories.join(", ")}`,
    });
  }
  for (const category of categories) {
    // The category listing shows published articles whose category field is this category.
    const listed = articles.filter((a) => a.category === category && !a.draft && articleFolder(a.id) === category);
    if (!listed.length) {
      warnings.push({ file: categoriesFile, field: category, message: `the category "${category}" has no published articles, so its page is empty` });
    }
  }
  return { errors, warnings };
}
