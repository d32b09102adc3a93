// The same heading and alt-text rules as the source check, applied to the built pages: it also
// catches what layouts and components render, which the MDX source does not show.
import { altTextMissing, headingLevelProblems } from "./article-structure-check.ts";
import { HEADING_TAGS, scanTags } from "./html-outline.ts";

export interface HtmlProblem {
  line: number;
  kind: "heading" | "image";
  message: string;
  /** The heading's text or the image's address, to find the line in the article source. */
  subject: string;
}

/** An <img> screen readers can skip: it has alt (alt="" marks it decorative) or is hidden from them. */
function describedOrHidden(attrs: ReadonlyMap<string, string>): boolean {
  if (attrs.get("aria-hidden") === "true" || ["presentation", "none"].includes(attrs.get("role") ?? "")) return true;
  return !altTextMissing(attrs.get("alt"));
}

export function checkHtmlStructure(html: string): HtmlProblem[] {
  const tags = scanTags(html, [...HEADING_TAGS, "img"]);
  const headings = tags
    .filter((t) => t.name !== "img")
    .map((t) => ({ depth: Number(t.name.slice(1)), text: t.text ?? "", line: t.line }));
  const problems: HtmlProblem[] = headingLevelProblems(headings, 1, (depth) => `<h${depth}>`).map((p) => ({
    line: p.line ?? 1,
    kind: "heading" as const,
    message: p.message,
    subject: p.text,
  }));
  for (const img of tags.filter((t) => t.name === "img")) {
    if (describedOrHidden(img.attrs)) continue;
    const src = img.attrs.get("src") ?? "";
    problems.push({ line: img.line, kind: "image", subject: src, message: `the image "${src}" has no alt text; add alt="what it shows" (or alt="" if it is only decoration)` });
  }
  return problems.sort((a, b) => a.line - b.line);
}
