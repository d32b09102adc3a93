// The article compiler and the search components lean on parts of Astro and Pagefind that are not
// their public API (README: "Internals we rely on"). Those packages are pinned exactly; each test
// here checks one internal against the installed version and, when an upgrade changes it, fails
// with a message naming the internal and the file of ours that relies on it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parseFrontmatter } from "@astrojs/internal-helpers/frontmatter";
import { markdownConfigDefaults } from "@astrojs/internal-helpers/markdown";
import { satteri } from "@astrojs/markdown-satteri";
import * as pagefind from "pagefind";
import { mdxToMdast } from "satteri";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mdxProgramToFunctionBody, splitMdxMessage } from "../../src/lib/mdx-program.ts";
import { ROOT } from "../fixture-content.ts";

/** Fails with the internal's name, what relies on it, and what to do. */
function expectInternal(holds: boolean, internal: string, reliedOnBy: string): void {
  if (!holds) {
    throw new Error(
      `Upgrade check: ${internal} has changed in the installed version, and ${reliedOnBy} relies on it. ` +
        `Keep the previous version pinned in package.json, or update ${reliedOnBy} (README: Internals we rely on).`,
    );
  }
}

/** A file inside an installed package, found from its main entry. */
function packageFile(specifier: string, file: string): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.resolve(specifier))), file), "utf8");
}

describe("the packages whose internals are used", () => {
  it("are pinned to exact versions, so an upgrade is a deliberate change that runs these tests", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const name of ["astro", "@astrojs/mdx", "@astrojs/markdown-satteri", "@astrojs/internal-helpers", "satteri", "pagefind"]) {
      expect(declared[name], `${name} must be pinned to an exact version (no ^ or ~)`).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });
});

describe("Astro internals used by the article compiler (src/article-body.ts)", () => {
  it("parseFrontmatter from @astrojs/internal-helpers blanks the frontmatter out and keeps the body's line numbers", () => {
    const source = "---\ntitle: T\n---\n\n## Heading\n";
    let parsed: { content: string; frontmatter: Record<string, unknown> } | undefined;
    try {
      parsed = parseFrontmatter(source, { frontmatter: "empty-with-spaces" });
    } catch {
      parsed = undefined;
    }
    const keepsLines = parsed?.content.split("\n").length === source.split("\n").length && parsed.content.split("\n")[4] === "## Heading";
    expectInternal(
      keepsLines && parsed?.frontmatter.title === "T",
      'parseFrontmatter(source, { frontmatter: "empty-with-spaces" }) from @astrojs/internal-helpers/frontmatter',
      "src/article-body.ts and src/article-loader.ts",
    );
  });

  it("markdownConfigDefaults from @astrojs/internal-helpers still carries the syntax highlighting settings", () => {
    const defaults = markdownConfigDefaults as { syntaxHighlight?: unknown; shikiConfig?: unknown };
    expectInternal(
      defaults.syntaxHighlight !== undefined && typeof defaults.shikiConfig === "object" && defaults.shikiConfig !== null,
      "markdownConfigDefaults.syntaxHighlight and .shikiConfig from @astrojs/internal-helpers/markdown",
      "src/article-body.ts",
    );
  });

  it("satteri().createMdxRenderer from @astrojs/markdown-satteri compiles MDX to a module of the shape the article compiler runs", async () => {
    const processor = satteri() as { createMdxRenderer?: (...args: unknown[]) => Promise<{ process(source: string, file: string, options: object): Promise<{ code: string }> }> };
    expectInternal(typeof processor.createMdxRenderer === "function", "satteri().createMdxRenderer from @astrojs/markdown-satteri", "src/article-body.ts");
    const renderer = await processor.createMdxRenderer!(
      { syntaxHighlight: markdownConfigDefaults.syntaxHighlight, shikiConfig: markdownConfigDefaults.shikiConfig },
      { optimize: true, sourcemap: false },
    );
    const { code } = await renderer.process("## Hello\n\n<Callout>Hi</Callout>\n", "/article.mdx", {});
    let shapeKnown = true;
    try {
      mdxProgramToFunctionBody(code);
    } catch {
      shapeKnown = false;
    }
    expectInternal(
      shapeKnown,
      'the compiled MDX module\'s shape (one import from "astro/jsx-runtime", function MDXContent, export const frontmatter, export function getHeadings)',
      "src/lib/mdx-program.ts",
    );
  });

  it("the MDX compiler's errors start with line:column, which the messages to authors turn into a file line", async () => {
    const renderer = await satteri().createMdxRenderer!({ syntaxHighlight: false, shikiConfig: markdownConfigDefaults.shikiConfig }, { optimize: true, sourcemap: false });
    const message = await renderer.process("Text.\n\n<Callout>\nno end\n", "/article.mdx", {}).then(
      () => "",
      (error: Error) => error.message,
    );
    expectInternal(splitMdxMessage(message).line === 3, 'the "line:column: reason" form of Sätteri\'s MDX errors', "src/lib/mdx-program.ts (splitMdxMessage)");
  });

  it("@astrojs/mdx still marks its Content with the symbols the article compiler copies", () => {
    const postprocess = packageFile("@astrojs/mdx", "vite-plugin-mdx-postprocess.js");
    const server = packageFile("@astrojs/mdx", "server.js");
    const common = packageFile("astro/runtime/server/index.js", "render/common.js");
    expectInternal(
      postprocess.includes("Symbol.for('mdx-component')") &&
        postprocess.includes("Symbol.for('astro.needsHeadRendering')") &&
        postprocess.includes("'astro:jsx'") &&
        server.includes('Symbol.for("mdx-component")') &&
        common.includes('Symbol.for("astro:renderer")'),
      'the marks on an MDX Content component (Symbol.for("mdx-component"), Symbol.for("astro.needsHeadRendering"), the "astro:jsx" renderer under Symbol.for("astro:renderer"))',
      "src/article-body.ts",
    );
  });

  it("satteri's mdxToMdast gives headings, components and positions as the content check reads them", () => {
    const tree = mdxToMdast("## Hello\n\n<Callout>Hi</Callout>\n") as { children?: { type: string; depth?: number; name?: string; position?: { start: { line: number } } }[] };
    const [heading, component] = tree.children ?? [];
    expectInternal(
      heading?.type === "heading" && heading.depth === 2 && heading.position?.start.line === 1 && component?.type === "mdxJsxFlowElement" && component.name === "Callout" && component.position?.start.line === 3,
      "the mdast tree of satteri's mdxToMdast (heading, mdxJsxFlowElement, position.start.line)",
      "scripts/lib/checks/mdx-check.ts and article-outline.ts",
    );
  });
});

describe("Pagefind internals used by the search components (src/scripts/pagefind-ui.ts)", () => {
  let files: Map<string, Uint8Array>;

  beforeAll(async () => {
    // Pagefind's own files for a one-page index, as `pagefind --site dist` writes them.
    const { index } = await pagefind.createIndex({});
    await index!.addHTMLFile({ url: "/a/", content: "<html><body><main><h1>Hello</h1><p>Messages and channels.</p></main></body></html>" });
    const written = await index!.getFiles();
    files = new Map(written.files.map((file) => [file.path, file.content]));
  }, 60_000);
  afterAll(async () => {
    await pagefind.close();
  });

  const componentUi = () => Buffer.from(files.get("pagefind-component-ui.js") ?? new Uint8Array()).toString("utf8");

  it("the component UI bundle is still pagefind-component-ui.js and .css", () => {
    expectInternal(files.has("pagefind-component-ui.js") && files.has("pagefind-component-ui.css"), "the component UI bundle's file names", "src/scripts/pagefind-ui.ts (injectBundle)");
  });

  it("the components find their instance through window.PagefindComponents.getInstanceManager()", () => {
    expectInternal(componentUi().includes("PagefindComponents") && componentUi().includes("getInstanceManager"), "window.PagefindComponents.getInstanceManager()", "src/scripts/pagefind-ui.ts (loadPagefindUi)");
  });

  it("an instance searches through its __pagefind__ object, loaded by __loadPromise__", () => {
    expectInternal(componentUi().includes("__pagefind__") && componentUi().includes("__loadPromise__"), "the instance's __pagefind__ and __loadPromise__", "src/scripts/pagefind-ui.ts (connect)");
  });

  it("an instance tells its components through __dispatch__ with loading, results, filters and error events", () => {
    const ui = componentUi();
    const events = ['"loading"', '"results"', '"filters"', '"error"'].every((event) => ui.includes(event));
    expectInternal(ui.includes("__dispatch__") && events, "the instance's __dispatch__(event) and its loading, results, filters and error events", "src/scripts/pagefind-ui.ts (interceptResults)");
  });

  it("an instance keeps filter counts in availableFilters and totalFilters", () => {
    expectInternal(componentUi().includes("availableFilters") && componentUi().includes("totalFilters"), "the instance's availableFilters and totalFilters", "src/scripts/pagefind-ui.ts (connect)");
  });

  it("a <pagefind-results> list draws each result with its resultTemplate", () => {
    expectInternal(componentUi().includes("resultTemplate"), "the resultTemplate property of <pagefind-results>", "src/scripts/pagefind-ui.ts (useResultView)");
  });

  it("fragment files are gzipped JSON behind the pagefind_dcd signature, with the page's content and title", () => {
    const [, fragment] = [...files].find(([path]) => path.startsWith("fragment/")) ?? [];
    let parsed: { content?: unknown; meta?: { title?: unknown } } | undefined;
    try {
      const bytes = gunzipSync(fragment!);
      parsed = bytes.subarray(0, 12).toString() === "pagefind_dcd" ? JSON.parse(bytes.subarray(12).toString("utf8")) : undefined;
    } catch {
      parsed = undefined;
    }
    expectInternal(
      typeof parsed?.content === "string" && (parsed.content as string).includes("Messages and channels") && parsed.meta?.title === "Hello",
      "the pagefind_dcd fragment format (content, meta.title)",
      "scripts/search-vocabulary.ts",
    );
  });
});
