import { describe, expect, it } from "vitest";
import type { ArticleOutline } from "./article-outline.ts";
import { checkInternalLinks, internalAddress, type LinkTargetArticle } from "./internal-links.ts";
import { siteRoutes } from "./site-routes.ts";

const SITE = "https://help.example.com";
const routes = siteRoutes(["index.astro", "tickets/new.astro", "[category]/index.astro", "[category]/[slug].astro"], ["logo.svg"], {
  categories: ["customer-help"],
  teams: [],
  articles: [{ id: "customer-help/open", category: "customer-help", owner: "support" }],
});
const articles = new Map<string, LinkTargetArticle>([
  ["customer-help/open", { file: "open.mdx", draft: false, anchors: new Set(["steps"]) }],
  ["customer-help/soon", { file: "soon.mdx", draft: true, anchors: new Set() }],
]);
const outline = (...urls: string[]): ArticleOutline => ({ headings: [], ids: [], components: [], expressions: [], images: [], links: urls.map((url, i) => ({ url, line: i + 1 })) });
const messages = (...urls: string[]) =>
  checkInternalLinks({ id: "customer-help/open", file: "open.mdx", outline: outline(...urls) }, articles, routes, SITE).map((p) => `${p.line} ${p.message}`);

describe("internal links", () => {
  it("resolves relative, absolute and full-address links to this site, and ignores other sites", () => {
    expect(internalAddress("../other/#a%20b", "/customer-help/open/", SITE)).toEqual({ path: "/customer-help/other/", anchor: "a b" });
    expect(internalAddress("https://help.example.com/tickets/new/?x=1", "/", SITE)).toEqual({ path: "/tickets/new/", anchor: "" });
    expect(internalAddress("https://example.org/", "/", SITE)).toBeUndefined();
    expect(internalAddress("mailto:support@example.com", "/", SITE)).toBeUndefined();
  });

  it("accepts pages, files, articles, their headings and the article's own headings", () => {
    expect(messages("/", "/tickets/new/", "/logo.svg", "/customer-help/", "/customer-help/open/#steps", "#steps", "https://elsewhere.example/")).toEqual([]);
  });

  it("explains each kind of broken link", () => {
    expect(messages("/customer-help/open/#nope", "/tickets/new", "/customer-help/soon/", "/missing/", "")).toEqual([
      '1 "/customer-help/open/#nope": this article has no heading "#nope"; its headings are #steps',
      '2 "/tickets/new" needs a slash at the end: /tickets/new/',
      '3 "/customer-help/soon/" points to soon.mdx, which is a draft and not published; link to it once it is published',
      '4 "/missing/" leads to no page on this site; check the address, or open the page in the site and copy it from the address bar',
      "5 a link has no address; put the address between the round brackets",
    ]);
  });
});
