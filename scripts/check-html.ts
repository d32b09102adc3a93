// `npm run test:html`: reads every built page for headings that skip a level and images without
// alt text, the two things screen reader users trip over most. Problems in article pages are
// also reported at the line of the MDX source.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { articleSourceForPage } from "./lib/checks/article-source-lookup.ts";
import { displayPath, listFiles } from "../src/lib/content-files.ts";
import { checkHtmlStructure, type HtmlProblem } from "./lib/checks/html-structure-check.ts";

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");
const pages = listFiles(distDir).filter((file) => file.endsWith(".html"));

/** The line of the article source this problem came from, matched by heading text or image address. */
function sourceOf(pagePath: string, problem: HtmlProblem): string | undefined {
  const source = articleSourceForPage(pagePath);
  if (!source) return undefined;
  const outline = source.outline;
  const line =
    problem.kind === "heading"
      ? outline?.headings.find((h) => h.text.trim() === problem.subject)?.line
      : outline?.images.find((i) => i.src === problem.subject)?.line;
  return line ? `${source.file}:${line}` : `${source.file} (from a component in it)`;
}

const report: string[] = [];
for (const file of pages) {
  const pagePath = `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
  const problems = checkHtmlStructure(await readFile(join(distDir, file), "utf8"));
  for (const problem of problems) {
    const source = sourceOf(pagePath, problem);
    const built = `${displayPath(join(distDir, file))}:${problem.line}`;
    report.push(source ? `${source}  ${problem.kind}: ${problem.message}; built page ${built}` : `${built}  ${problem.kind}: ${problem.message} (in the page template for ${pagePath}: src/pages/ or src/components/)`);
  }
}

if (report.length) {
  console.error(`\n${report.length} page structure problem${report.length === 1 ? "" : "s"}:\n`);
  for (const line of report) console.error(`  ${line}`);
  console.error("\nCONTRIBUTING.md explains heading levels and alt text.");
  process.exit(1);
}
console.log(`Pages OK: ${pages.length} built pages have headings in order and alt text on every image.`);
