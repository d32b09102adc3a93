import { describe, expect, it } from "vitest";
import { byReadingOrder, neighbourMap, tableOfContents, articleFolder, articleSlug } from "../../src/lib/article-nav.ts";

const refs = [
  { id: "c/zeta", title: "Zeta", category: "c" },
  { id: "c/first", title: "First", category: "c", order: 1 },
  { id: "c/alpha", title: "Alpha", category: "c" },
  { id: "c/second", title: "Second", category: "c", order: 2 },
];

describe("reading order", () => {
  it("puts ordered articles first, then the rest alphabetically", () => {
    expect([...refs].sort(byReadingOrder).map((r) => r.id)).toEqual(["c/first", "c/second", "c/alpha", "c/zeta"]);
  });

  it("finds the previous and next article, and none past the ends", () => {
    const byId = neighbourMap([...refs].sort(byReadingOrder));
    const neighbours = (id: string) => byId.get(id) ?? {};
    expect(neighbours("c/second")).toMatchObject({ previous: { id: "c/first" }, next: { id: "c/alpha" } });
    expect(neighbours("c/first").previous).toBeUndefined();
    expect(neighbours("c/zeta").next).toBeUndefined();
    expect(neighbours("c/missing")).toEqual({});
  });

  it("splits an id into folder and slug", () => {
    expect(articleFolder("customer-help/opening-a-ticket")).toBe("customer-help");
    expect(articleSlug("customer-help/opening-a-ticket")).toBe("opening-a-ticket");
  });
});

describe("table of contents", () => {
  it("nests h3 under the preceding h2 and ignores deeper headings", () => {
    const toc = tableOfContents([
      { depth: 2, slug: "a", text: "A" },
      { depth: 3, slug: "a1", text: "A1" },
      { depth: 4, slug: "a1x", text: "deep" },
      { depth: 2, slug: "b", text: "B" },
    ]);
    expect(toc).toEqual([
      { slug: "a", text: "A", children: [{ slug: "a1", text: "A1", children: [] }] },
      { slug: "b", text: "B", children: [] },
    ]);
  });

  it("keeps an h3 that comes before any h2 instead of dropping it", () => {
    expect(tableOfContents([{ depth: 3, slug: "x", text: "X" }])).toEqual([{ slug: "x", text: "X", children: [] }]);
  });
});
