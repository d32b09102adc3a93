// Headings and images that screen reader users depend on. The page title is the article's only
// level-1 heading, so the body starts at ## and goes down one level at a time; every image says
// what it shows.
import type { ArticleOutline, OutlineHeading } from "./article-outline.ts";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";

const hashes = (depth: number) => "#".repeat(depth);

/**
 * Heading levels in order: the first may be `startAt` (## in an article body, whose page title is
 * the h1; <h1> on a whole page), and each one after goes at most one level deeper than the last.
 * `level` names a depth the way the reader writes it: "###" in Markdown, "<h3>" in HTML.
 */
export function headingLevelProblems(
  headings: readonly Pick<OutlineHeading, "depth" | "text" | "line">[],
  startAt = 2,
  level: (depth: number) => string = hashes,
): { line?: number | undefined; text: string; message: string }[] {
  const problems: { line?: number | undefined; text: string; message: string }[] = [];
  let previous = startAt - 1;
  for (const heading of headings) {
    if (heading.depth < startAt) {
      problems.push({
        line: heading.line,
        text: heading.text,
        message: `"${heading.text}" is a ${level(heading.depth)} heading, but the article title is already the page's top heading; start sections at ${level(startAt)}`,
      });
    } else if (heading.depth > previous + 1) {
      const where = previous < startAt ? "it is the first heading" : `it follows a ${level(previous)} heading`;
      problems.push({
        line: heading.line,
        text: heading.text,
        message: `"${heading.text}" is a ${level(heading.depth)} heading but ${where}, so a level is skipped; make it ${level(previous + 1)} (headings go down one level at a time)`,
      });
    }
    previous = Math.max(heading.depth, startAt - 1);
  }
  return problems;
}

/** No alt text a screen reader could read: absent, or only spaces. alt="" is fine: it marks decoration. */
export function altTextMissing(alt: string | undefined): boolean {
  return alt === undefined || (alt !== "" && !alt.trim());
}

export function checkArticleStructure(file: string, outline: ArticleOutline): ContentProblem[] {
  const problems: ContentProblem[] = headingLevelProblems(outline.headings).map((p) => ({
    file,
    line: p.line,
    field: "body",
    message: p.message,
  }));
  for (const image of outline.images) {
    if (altTextMissing(image.alt)) {
      problems.push({
        file,
        line: image.line,
        field: "body",
        message: `the image "${image.src}" has no alt text; describe what it shows between the brackets, like ![The Edit this page link under an article](${image.src || "/images/example.png"})`,
      });
    }
  }
  return problems;
}
