// `npm run new -- <category> "<title>"`: creates content/articles/<category>/<slug>.mdx with valid
// frontmatter and TODO prompts, then says what to do next. It never overwrites a file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readArticleFrontmatter } from "./lib/checks/content-check.ts";
import { ContentError } from "../src/lib/content-errors.ts";
import { contentPath, displayPath, readYamlList } from "../src/lib/content-files.ts";
import { categorySchema, teamSchema } from "../src/lib/content-schemas.ts";
import { planNewArticle } from "./lib/new-article.ts";
import { DATA_FILES } from "../src/lib/data-files.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readData() {
  try {
    return {
      categories: readYamlList(contentPath(DATA_FILES.categories.path), categorySchema),
      teams: readYamlList(contentPath(DATA_FILES.teams.path), teamSchema),
    };
  } catch (error) {
    if (error instanceof ContentError) fail(`Fix these data files first:${error.message}`);
    throw error;
  }
}

/** Each article's owner, read leniently: a half-written article elsewhere must not block a new one. */
function existingArticles() {
  if (!existsSync(contentPath("articles"))) return [];
  return readArticleFrontmatter().map(({ id, data }) => ({ id, owner: typeof data.owner === "string" ? data.owner : undefined }));
}

const { categories, teams } = readData();
const [category, ...words] = process.argv.slice(2);
const title = words.join(" ");
if (!category || !title.trim()) {
  fail(`Usage: npm run new -- <category> "<title>"
Example: npm run new -- ${categories[0]?.id ?? "customer-help"} "Exporting a channel's history"
Categories: ${categories.map((c) => c.id).join(", ")}`);
}

const plan = planNewArticle({ category, title, today: new Date(), categories, teams: teams.map((t) => t.id), articles: existingArticles() });
if (!plan.ok) fail(plan.error);

const path = contentPath(plan.file);
mkdirSync(dirname(path), { recursive: true });
try {
  writeFileSync(path, plan.source, { flag: "wx" });
} catch {
  fail(`${displayPath(path)} already exists. Edit that article, or choose a different title.`);
}

console.log(`Created ${displayPath(path)}

Next steps:
  1. Open the file and replace every line with TODO: the description (one sentence shown in
     search results) and the body. The content check fails until no TODO is left.
  2. Check the owner, ${plan.owner} (${plan.ownerReason}), and the audience, ${plan.audience.join(", ")}.
  3. Run npm run check:content: it lists anything left to fix, with the line.
  4. Preview it: npm run dev, then open http://localhost:4321/${plan.id}/
  5. Open a pull request; CONTRIBUTING.md explains the checks and the review.`);
