// The link check knows every address the site will have. A new page file adds its address by
// itself; a new [dynamic] route must say which addresses it makes, or this test fails.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../../src/lib/content-files.ts";
import { DYNAMIC_ROUTES, routeForPageFile, siteRoutes } from "./site-routes.ts";

describe("site routes", () => {
  it("turns page files into addresses", () => {
    expect(routeForPageFile("index.astro")).toBe("/");
    expect(routeForPageFile("support/priorities.astro")).toBe("/support/priorities/");
    expect(routeForPageFile("tickets/index.astro")).toBe("/tickets/");
    expect(routeForPageFile("rss.xml.ts")).toBe("/rss.xml");
    expect(routeForPageFile("_partial.astro")).toBeUndefined();
  });

  it("lists category pages beyond the first only when a category has that many articles", () => {
    const articles = Array.from({ length: 26 }, (_, i) => ({ id: `big/a${i}`, category: "big", owner: "support" }));
    const routes = siteRoutes(["[category]/index.astro", "[category]/page/[page].astro"], [], { categories: ["big", "small"], teams: [], articles });
    expect(routes.has("/big/page/2/")).toBe(true);
    expect(routes.has("/big/page/3/")).toBe(false);
    expect(routes.has("/small/page/2/")).toBe(false);
  });

  it("accepts any address under a dynamic route nobody listed, and says so", () => {
    const routes = siteRoutes(["glossary/[term].astro"], [], { categories: [], teams: [], articles: [] });
    expect(routes.unlisted.map((u) => u.file)).toEqual(["glossary/[term].astro"]);
    expect(routes.has("/glossary/sla/")).toBe(true);
    expect(routes.has("/glossary/")).toBe(false);
  });

  it("knows every dynamic route in src/pages", () => {
    const dynamic = listFiles(resolve(import.meta.dirname, "../../../src/pages")).filter((f) => f.includes("["));
    expect(dynamic.filter((file) => !DYNAMIC_ROUTES[file])).toEqual([]);
  });
});
