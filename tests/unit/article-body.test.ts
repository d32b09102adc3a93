// Articles are compiled while their page renders (src/article-body.ts) instead of being bundled as
// modules. These tests render a body the way the article page does and check what a reader gets.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import mdxRenderer from "@astrojs/mdx/server.js";
import { jsx } from "astro/jsx-runtime";
import { describe, expect, it } from "vitest";
import { renderArticleBody } from "../../src/article-body.ts";
import { ArticleCodeError, mdxProgramToFunctionBody } from "../../src/lib/mdx-program.ts";
import { tempDir } from "../temp-dir.ts";

const FRONTMATTER = "---\ntitle: T\ndescription: D\n---\n";

const dir = tempDir("kb-article-");
let files = 0;

function articleFile(body: string): string {
  const file = join(dir, `article-${++files}.mdx`);
  writeFileSync(file, FRONTMATTER + body);
  return file;
}

async function renderToHtml(body: string, components: Record<string, unknown> = {}) {
  const { Content, headings } = await renderArticleBody(articleFile(body));
  const container = await AstroContainer.create();
  container.addServerRenderer({ name: "astro:jsx", renderer: mdxRenderer });
  const html = await container.renderToString(Content as never, { props: { components } });
  return { html, headings };
}

describe("renderArticleBody", () => {
  it("renders Markdown with heading ids, highlighted code and smart quotes, and lists the headings", async () => {
    const { html, headings } = await renderToHtml(
      "## Before you start\n\nIt's \"quick\".\n\n### Step one\n\n```js\nconst a = 1;\n```\n",
    );
    expect(html).toContain('<h2 id="before-you-start">Before you start</h2>');
    expect(html).toContain("It’s “quick”.");
    expect(html).toMatch(/<pre class="astro-code[^"]*"[^>]*>/);
    expect(html).toContain("--shiki-light:");
    expect(headings).toEqual([
      { depth: 2, slug: "before-you-start", text: "Before you start" },
      { depth: 3, slug: "step-one", text: "Step one" },
    ]);
  });

  it("renders article components with their props and content", async () => {
    const Callout = ({ type, children }: { type: string; children: unknown }) => jsx("aside", { class: `callout-${type}`, children });
    const { html } = await renderToHtml('Text.\n\n<Callout type="warning">Mind the *gap*.</Callout>\n', { Callout });
    expect(html).toMatch(/<aside class="callout-warning">\s*Mind the <em>gap<\/em>\.\s*<\/aside>/);
  });

  it("names the file and the line when the body is not valid MDX, in plain words before the parser's", async () => {
    const file = articleFile("Text.\n\n<Callout>\nno end\n");
    await expect(renderArticleBody(file)).rejects.toThrow(
      `${file}:7: the article body could not be compiled: <Callout> is opened but never closed; add </Callout> after its content, or end the tag with /> if it has none (the MDX parser says: Expected a closing tag for \`<Callout>\``,
    );
  });

  it("rejects an article that imports or exports code", async () => {
    const file = articleFile('import X from "./x.astro";\n\nText.\n');
    await expect(renderArticleBody(file)).rejects.toThrow(/cannot import or export .*available by name/);
  });
});

describe("mdxProgramToFunctionBody", () => {
  it("reads Astro's JSX runtime from the function's argument and returns the content and headings", () => {
    const body = mdxProgramToFunctionBody(
      'import { Fragment as _Fragment, jsx as _jsx } from "astro/jsx-runtime";\nfunction MDXContent(props = {}) { return _jsx(_Fragment, {}); }\nexport const frontmatter = {};\nexport function getHeadings() { return []; }',
    );
    expect(body).toContain("const { Fragment: _Fragment, jsx: _jsx } = runtime;");
    expect(body).not.toMatch(/^(import|export)\b/m);
    const jsx = (type: unknown, props: unknown) => ({ type, props });
    const result = new Function("runtime", body)({ Fragment: "F", jsx }) as { MDXContent: () => unknown; getHeadings: () => unknown };
    expect(result.MDXContent()).toEqual({ type: "F", props: {} });
    expect(result.getHeadings()).toEqual([]);
  });

  it("refuses any other import or export", () => {
    expect(() => mdxProgramToFunctionBody('import x from "node:fs";\nfunction MDXContent() {}')).toThrow(ArticleCodeError);
    expect(() => mdxProgramToFunctionBody("export const secret = 1;\nfunction MDXContent() {}")).toThrow(/cannot import or export/);
  });
});
