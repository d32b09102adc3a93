// Catches drafts that slipped through: placeholder words and headings with nothing under them.
import type { ContentProblem } from "../../../src/lib/content-errors.ts";

const PLACEHOLDER = /\b(lorem ipsum|lorem|todo|tbd|fixme|coming soon)\b/i;
const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+\S/;

/** Lines of the body outside fenced code blocks, with their line numbers in the file. */
function proseLines(body: string, bodyLine: number): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let inFence = false;
  body.split("\n").forEach((text, index) => {
    if (FENCE.test(text)) {
      inFence = !inFence;
      lines.push({ text: "```", line: bodyLine + index });
      return;
    }
    if (!inFence) lines.push({ text, line: bodyLine + index });
  });
  return lines;
}

export function checkProse(file: string, body: string, bodyLine: number, frontmatter: { title?: string; description?: string }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const field of ["title", "description"] as const) {
    const match = PLACEHOLDER.exec(frontmatter[field] ?? "");
    if (match) problems.push({ file, field, message: `"${match[0]}" looks like placeholder text; write the real ${field}` });
  }
  const lines = proseLines(body, bodyLine);
  for (const { text, line } of lines) {
    const withoutCode = text.replace(/`[^`]*`/g, "");
    const match = PLACEHOLDER.exec(withoutCode);
    if (match) problems.push({ file, line, field: "body", message: `"${match[0]}" looks like placeholder text; finish or remove this part before publishing` });
  }
  lines.forEach(({ text, line }, index) => {
    const heading = HEADING.exec(text);
    if (!heading) return;
    const depth = heading[1]!.length;
    for (const next of lines.slice(index + 1)) {
      if (!next.text.trim()) continue;
      const nextHeading = HEADING.exec(next.text);
      if (nextHeading && nextHeading[1]!.length <= depth) break;
      return;
    }
    problems.push({ file, line, field: "body", message: `the section "${text.replace(/^#+\s*/, "")}" is empty; write its content or remove the heading` });
  });
  return problems;
}
