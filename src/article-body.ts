// Renders an article's MDX body while its page is rendered.
//
// Astro's usual way, one JavaScript module per .mdx file, makes the bundler parse, link and keep
// every article as a module and write two chunks for each: at 5,000 articles that was most of the
// build's time and over 2 GiB of memory (BENCHMARKS.md). Here the articles collection holds only
// frontmatter (src/content.config.ts), and each page compiles its own article with the compiler and
// options @astrojs/mdx uses (Astro's Sätteri MDX pipeline: heading ids, Shiki, smart punctuation,
// GFM, static parts as HTML), then runs the result with Astro's JSX runtime. The HTML is the same; the
// bundle no longer grows with the number of articles.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter";
import { markdownConfigDefaults, type MarkdownHeading, type MdxRenderer } from "@astrojs/internal-helpers/markdown";
import { satteri } from "@astrojs/markdown-satteri";
import * as runtime from "astro/jsx-runtime";
import { mdxOptimize, shikiConfig } from "./lib/markdown-options.ts";
import { mdxProgramToFunctionBody, splitMdxMessage } from "./lib/mdx-program.ts";
import { explainMdxSyntaxError } from "./lib/mdx-syntax-help.ts";

type Components = Record<string, unknown>;
type MdxContent = (props: { components?: Components }) => unknown;

export interface ArticleBody {
  /** Render as `<Content components={mdxComponents} />`, like the Content of an MDX module. */
  Content: (props?: { components?: Components }) => unknown;
  headings: MarkdownHeading[];
}

let compiler: Promise<MdxRenderer> | undefined;

/** One compiler per process: creating it loads Shiki's themes and grammars. */
function mdxCompiler(): Promise<MdxRenderer> {
  compiler ??= satteri().createMdxRenderer!(
    {
      // Astro's defaults, as for pages (astro.config.mjs changes only the code themes); GFM and
      // smart punctuation are on by default in the processor itself.
      syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
      shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig },
    },
    // No srcDir: it only decides whether .mdx pages under src/pages/ get a charset tag.
    { optimize: mdxOptimize, sourcemap: false },
  );
  return compiler;
}

/** Compiles the article at `filePath` (relative to the project root, as entries store it). */
export async function renderArticleBody(filePath: string): Promise<ArticleBody> {
  const file = resolve(filePath);
  try {
    // Frontmatter is blanked out, not cut, so the compiler's line numbers are the file's.
    const { content } = parseFrontmatter(readFileSync(file, "utf8"), { frontmatter: "empty-with-spaces" });
    const { code } = await (await mdxCompiler()).process(content, file, {});
    const module = new Function("runtime", mdxProgramToFunctionBody(code))(runtime) as {
      MDXContent: MdxContent;
      getHeadings: () => MarkdownHeading[];
    };
    // What @astrojs/mdx adds to every compiled module: the default Fragment, and the marks (global
    // symbols) that make Astro render it with the MDX renderer and let it add to the page's head.
    const Content = (props: { components?: Components } = {}) =>
      module.MDXContent({ ...props, components: { Fragment: runtime.Fragment, ...props.components } });
    Object.assign(Content, { [Symbol.for("mdx-component")]: true, [Symbol.for("astro.needsHeadRendering")]: true, moduleId: file });
    Object.defineProperty(Content, Symbol.for("astro:renderer"), { value: "astro:jsx" });
    return { Content, headings: module.getHeadings() };
  } catch (error) {
    const { line, reason } = splitMdxMessage((error as Error).message);
    // A message with a line came from the MDX parser: lead with what it means in plain words.
    const where = line ? `${filePath}:${line}` : filePath;
    throw new Error(`${where}: the article body could not be compiled: ${line ? explainMdxSyntaxError(reason) : reason}`, { cause: error });
  }
}
