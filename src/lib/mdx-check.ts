// Compiles an article body the way the build will, without building the site, so a syntax error
// or a misspelt component is reported with its line in a second rather than after a full build.
import { readFileSync } from "node:fs";
import { compile } from "@mdx-js/mdx";
import type { ContentProblem } from "./content-errors.ts";

/** Component names authors may use: whatever src/components/mdx/index.ts imports. */
export function availableMdxComponents(indexFile = "src/components/mdx/index.ts"): string[] {
  const source = readFileSync(indexFile, "utf8");
  return [...source.matchAll(/^import (\w+) from "\.\/\w+\.astro";$/gm)].map((m) => m[1] ?? "").filter(Boolean);
}

interface Position {
  start?: { line?: number };
}
interface MdxNode {
  type: string;
  name?: string | null;
  position?: Position;
  children?: MdxNode[];
}

function walk(node: MdxNode, visit: (node: MdxNode) => void) {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

export async function checkMdxBody(
  file: string,
  body: string,
  bodyLine: number,
  components: readonly string[],
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const toFileLine = (line?: number) => (line ? line + bodyLine - 1 : undefined);
  try {
    await compile(body, {
      remarkPlugins: [
        () => (tree: MdxNode) => {
          walk(tree, (node) => {
            if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name && /^[A-Z]/.test(node.name)) {
              if (!components.includes(node.name)) {
                problems.push({
                  file,
                  line: toFileLine(node.position?.start?.line),
                  field: "body",
                  message: `<${node.name}> is not an article component; available: ${components.join(", ")}`,
                });
              }
            }
          });
        },
      ],
    });
  } catch (error) {
    const e = error as { line?: number; place?: { line?: number; start?: { line?: number } }; reason?: string; message?: string };
    // Some MDX errors carry no position field and give it only in the text, as "(4:1-4:21)".
    const fromText = /\((\d+):\d+/.exec(e.reason ?? e.message ?? "")?.[1];
    const line = e.line ?? e.place?.line ?? e.place?.start?.line ?? (fromText ? Number(fromText) : undefined);
    problems.push({
      file,
      line: toFileLine(line),
      field: "body",
      message: `MDX could not be read: ${e.reason ?? e.message ?? String(error)}. Check for an unclosed tag, a stray { or < in text (write &lt; or put it in backticks).`,
    });
  }
  return problems;
}
