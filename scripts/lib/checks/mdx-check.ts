// Parses an article body with the MDX parser the build uses (satteri, under @astrojs/mdx), without
// building the site, so a syntax error or a misspelt component is reported with its line in a
// second rather than after a full build. The same pass records the body's outline (headings,
// links, images) for the other checks. Parsing is enough: MDX reports syntax errors (tags,
// expressions, import/export) while parsing. satteri parses in Rust, a tenth of the time of the
// JavaScript MDX parser, which is most of the content check's time at thousands of articles.
import { readFileSync } from "node:fs";
import { mdxToMdast } from "satteri";
import { outlineFromMdast, type ArticleOutline, type MdastNode } from "./article-outline.ts";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";
import { splitMdxMessage } from "../../../src/lib/mdx-program.ts";
import { explainMdxSyntaxError, isHarmlessExpression } from "../../../src/lib/mdx-syntax-help.ts";

/** Component names authors may use: whatever src/components/mdx/index.ts imports. */
export function availableMdxComponents(indexFile = "src/components/mdx/index.ts"): string[] {
  const source = readFileSync(indexFile, "utf8");
  return [...source.matchAll(/^import (\w+) from "\.\/\w+\.astro";$/gm)].map((m) => m[1] ?? "").filter(Boolean);
}

export interface ArticleBody {
  problems: ContentProblem[];
  /** Undefined when the body could not be parsed; the syntax error is then in `problems`. */
  outline?: ArticleOutline;
}

/** Parses one body once and returns both its problems and its outline. */
export function readArticleBody(
  file: string,
  body: string,
  bodyLine: number,
  components: readonly string[],
): ArticleBody {
  const problems: ContentProblem[] = [];
  let outline: ArticleOutline | undefined;
  const toFileLine = (line?: number) => (line ? line + bodyLine - 1 : undefined);
  try {
    const tree = mdxToMdast(body) as MdastNode;
    outline = outlineFromMdast(tree, toFileLine);
    for (const node of tree.children ?? []) {
      if (node.type === "mdxjsEsm") {
        problems.push({
          file,
          line: toFileLine(node.position?.start?.line),
          field: "body",
          message: "articles cannot use import or export; the article components are available by name without importing them",
        });
      }
    }
    for (const { name, line } of outline.components) {
      if (!components.includes(name)) {
        problems.push({ file, line, field: "body", message: `<${name}> is not an article component; available: ${components.join(", ")}` });
      }
    }
    // `{name}` parses, but runs as code when the page is built, where `name` means nothing.
    for (const { code, line } of outline.expressions) {
      if (!isHarmlessExpression(code)) {
        problems.push({
          file,
          line,
          field: "body",
          message: `"{${code.trim().slice(0, 40)}}" would run as code when the page is built; to show the braces, write \\{ and \\} or put the text in backticks`,
        });
      }
    }
  } catch (error) {
    const e = error as { line?: number; place?: { line?: number; start?: { line?: number } }; reason?: string; message?: string };
    // The parser gives the position only in the text: "4:1: Expected a closing tag ... (mdx-jsx:...)".
    const { line: leading, reason: text } = splitMdxMessage(e.reason ?? e.message ?? String(error));
    const inText = /\((\d+):\d+/.exec(text);
    const line = e.line ?? e.place?.line ?? e.place?.start?.line ?? leading ?? (inText ? Number(inText[1]) : undefined);
    const reason = text
      .replace(/\s*\([\w-]+:[\w-]+\)$/, "")
      .replace(/\((\d+):\d+\)/g, (_, at: string) => `(line ${toFileLine(Number(at))})`);
    problems.push({ file, line: toFileLine(line), field: "body", message: explainMdxSyntaxError(reason) });
    return { problems };
  }
  return outline ? { problems, outline } : { problems };
}

export function checkMdxBody(file: string, body: string, bodyLine: number, components: readonly string[]): ContentProblem[] {
  return readArticleBody(file, body, bodyLine, components).problems;
}
