import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { articleSchema } from "../../src/lib/content-schemas.ts";
import { availableMdxComponents, checkMdxBody } from "../lib/checks/mdx-check.ts";
import { generateArticles, searchQueries, type SyntheticInput } from "./synthetic-articles.ts";
import { readDataList } from "../../src/lib/data-files.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const categories = readDataList("categories");
const teams = readDataList("teams");
const existing = [
  { id: "customer-help/choosing-a-priority", title: "Choosing a priority" },
  { id: "product-help/cant-sign-in", title: "If you can't sign in" },
];
const pages = ["/support/priorities/", "/channels/", "/tickets/new/"];
const input: SyntheticInput = {
  count: 300,
  seed: 42,
  categories: categories.map((c) => ({ id: c.id, audience: c.audience })),
  teams: teams.map((t) => t.id),
  existing,
  pages,
};
const articles = generateArticles(input);

function frontmatterOf(source: string): unknown {
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(source)?.[1] ?? "");
}

describe("synthetic articles", () => {
  it("are the same for the same seed and differ for another seed", () => {
    expect(generateArticles(input).map((a) => a.source)).toEqual(articles.map((a) => a.source));
    const other = generateArticles({ ...input, seed: 43 });
    expect(other.map((a) => a.source)).not.toEqual(articles.map((a) => a.source));
  });

  it("generates the requested number, spread over every category", () => {
    expect(articles).toHaveLength(300);
    const used = new Set(articles.map((a) => a.frontmatter.category));
    expect([...used].sort()).toEqual(categories.map((c) => c.id).sort());
  });

  it("pass the real article schema, with the folder matching the category", () => {
    const schema = articleSchema({ categories: categories.map((c) => c.id), teams: teams.map((t) => t.id) });
    for (const article of articles) {
      const result = schema.safeParse(frontmatterOf(article.source));
      expect(result.error?.issues ?? [], article.id).toEqual([]);
      expect(article.file).toBe(`${article.id}.mdx`);
      expect(article.id.split("/")[0]).toBe(article.frontmatter.category);
      const categoryAudience = categories.find((c) => c.id === article.frontmatter.category)!.audience;
      for (const audience of article.frontmatter.audience) expect(categoryAudience).toContain(audience);
    }
  });

  it("never reuse a title or file name, their own or an existing article's", () => {
    const titles = [...existing, ...articles.map((a) => ({ id: a.id, title: a.frontmatter.title }))].map((a) => a.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    const slugs = [...existing.map((a) => a.id), ...articles.map((a) => a.id)].map((id) => id.split("/")[1]);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("link only to pages and articles that exist, never to themselves in related", () => {
    const paths = new Set([...pages, ...existing.map((a) => `/${a.id}/`), ...articles.map((a) => `/${a.id}/`)]);
    const ids = new Set([...existing.map((a) => a.id), ...articles.map((a) => a.id)]);
    let links = 0;
    for (const article of articles) {
      const inText = [...article.source.matchAll(/\]\((\/[^)]*)\)/g)].map((m) => m[1]);
      expect(inText).toEqual(article.links);
      for (const link of article.links) expect(paths.has(link), `${article.id} -> ${link}`).toBe(true);
      for (const related of article.frontmatter.related) {
        expect(ids.has(related)).toBe(true);
        expect(related).not.toBe(article.id);
      }
      links += article.links.length;
    }
    expect(links).toBeGreaterThan(articles.length);
  });

  it("read like help articles: headings, lists, tables, code and components", () => {
    const all = articles.map((a) => a.source).join("\n");
    for (const marker of ["\n## ", "\n### ", "\n- ", "\n| --- |", "\n```sh", "\n```json", "<Callout", "<Steps>"]) {
      expect(all).toContain(marker);
    }
    const sizes = articles.map((a) => a.source.length).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThan(1000);
    expect(sizes[sizes.length - 1]).toBeLessThan(20_000);
  });

  it("parse as MDX using only the article components", () => {
    const components = availableMdxComponents(resolve(ROOT, "src/components/mdx/index.ts"));
    for (const article of articles.slice(0, 25)) {
      const body = article.source.replace(/^---\n[\s\S]*?\n---\n/, "");
      expect(checkMdxBody(article.file, body, 1, components)).toEqual([]);
    }
  });

  it("give distinct search queries made of words from the articles, several words long, one in ten misspelt", () => {
    const queries = searchQueries(articles, 20, 42);
    expect(queries).toHaveLength(20);
    expect(new Set(queries).size).toBe(20);
    expect(searchQueries(articles, 20, 42)).toEqual(queries);
    const text = articles.map((a) => a.source.toLowerCase()).join("\n");
    const notInText = queries.filter((query) => query.replace(/^how do i /, "").split(" ").some((word) => !text.includes(word)));
    expect(notInText).toEqual([queries[7], queries[17]]);
    expect(queries.some((query) => query.split(" ").length >= 3)).toBe(true);
  });
});
