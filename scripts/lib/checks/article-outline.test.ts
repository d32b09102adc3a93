// The outline the checks rely on: heading ids must be the ones Astro gives the page, or a valid
// #anchor would be reported as broken (and a broken one missed).
import { describe, expect, it } from "vitest";
import type { ArticleOutline } from "./article-outline.ts";
import { readArticleBody } from "./mdx-check.ts";

function outlineOf(body: string): ArticleOutline {
  const { outline, problems } = readArticleBody("a.mdx", body, 1, []);
  expect(problems).toEqual([]);
  return outline!;
}

describe("article outline", () => {
  it("gives headings the ids Astro does, numbering repeats", () => {
    const { headings } = outlineOf("## If you can't sign in\n\n### Step 1: `reset` it\n\n## Notes\n\n## Notes\n");
    expect(headings.map((h) => [h.depth, h.slug, h.line])).toEqual([
      [2, "if-you-cant-sign-in", 1],
      [3, "step-1-reset-it", 3],
      [2, "notes", 5],
      [2, "notes-1", 7],
    ]);
  });

  it("finds Markdown links, reference links and href on HTML elements, with their lines", () => {
    const { links, ids } = outlineOf('See [a](/a/).\n\nAnd [b][ref].\n\n[ref]: /b/#x\n\n<a href="/c/" id="here">c</a>\n');
    expect(links).toEqual([
      { url: "/a/", line: 1 },
      { url: "/b/#x", line: 5 },
      { url: "/c/", line: 7 },
    ]);
    expect(ids).toEqual(["here"]);
  });

  it("tells an image without alt from a decorative one", () => {
    const { images } = outlineOf('![](/a.png)\n\n![A chart](/b.png)\n\n<img src="/c.png" />\n\n<img src="/d.png" alt="" />\n');
    expect(images.map((i) => [i.src, i.alt])).toEqual([
      ["/a.png", undefined],
      ["/b.png", "A chart"],
      ["/c.png", undefined],
      ["/d.png", ""],
    ]);
  });

  it("counts lines from the top of the file, after the frontmatter", () => {
    const { outline } = readArticleBody("a.mdx", "\n## Title\n", 10, []);
    expect(outline?.headings[0]?.line).toBe(11);
  });
});
