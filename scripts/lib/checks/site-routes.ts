// Every address the built site will have, worked out from the source instead of a build, so the
// content check can tell in a second whether a link in an article leads somewhere. Static pages
// come from the files under src/pages/ (adding a page adds its address); pages made from content
// (categories, articles, review lists) are listed from the content by DYNAMIC_ROUTES below.
import { articleUrl, categoryUrl } from "../../../src/lib/article-nav.ts";
import { CATEGORY_PAGE_SIZE, pageCount } from "../../../src/lib/pagination.ts";
import { REVIEW_PAGE_SIZE, reviewTeamUrl } from "../../../src/lib/review-status.ts";

export interface RouteContent {
  categories: readonly string[];
  teams: readonly string[];
  /** Published articles only: drafts get no page. */
  articles: readonly { id: string; category: string; owner: string }[];
}

/** The addresses of pages 2, 3, ... of each list, for lists paginated like `paginate` does. */
function laterPages(lists: readonly string[], members: readonly string[], pageSize: number, url: (list: string, page: number) => string): string[] {
  return lists.flatMap((list) => {
    const pages = pageCount(members.filter((m) => m === list).length, pageSize);
    return Array.from({ length: pages - 1 }, (_, i) => url(list, i + 2));
  });
}

/**
 * Routes whose file name has [brackets]: which addresses each makes. A new dynamic route must be
 * added here; until then the content check warns and accepts any address under it.
 */
export const DYNAMIC_ROUTES: Record<string, (content: RouteContent) => string[]> = {
  "[category]/index.astro": (c) => c.categories.map((id) => categoryUrl(id)),
  "[category]/[slug].astro": (c) => c.articles.map((a) => articleUrl(a.id)),
  "[category]/page/[page].astro": (c) => laterPages(c.categories, c.articles.map((a) => a.category), CATEGORY_PAGE_SIZE, categoryUrl),
  "staff/reviews/[team]/index.astro": (c) => c.teams.map((team) => reviewTeamUrl(team)),
  "staff/reviews/[team]/page/[page].astro": (c) => laterPages(c.teams, c.articles.map((a) => a.owner), REVIEW_PAGE_SIZE, reviewTeamUrl),
};

/** Files Astro integrations write into the build (see astro.config.mjs), not under src/pages. */
const GENERATED_FILES = ["/sitemap-index.xml", "/sitemap-0.xml"];

const PAGE_EXTENSIONS = /\.(astro|md|mdx)$/;
const ENDPOINT_EXTENSIONS = /\.(ts|js)$/;

/** The address a static page file gets: "support/priorities.astro" -> "/support/priorities/". */
export function routeForPageFile(file: string): string | undefined {
  if (file.split("/").some((part) => part.startsWith("_"))) return undefined;
  if (PAGE_EXTENSIONS.test(file)) {
    const path = file.replace(PAGE_EXTENSIONS, "").replace(/(^|\/)index$/, "");
    if (path === "404") return "/404.html";
    return path ? `/${path}/` : "/";
  }
  // Endpoints keep their own extension: rss.xml.ts -> /rss.xml.
  if (ENDPOINT_EXTENSIONS.test(file)) return `/${file.replace(ENDPOINT_EXTENSIONS, "")}`;
  return undefined;
}

/** "staff/reviews/[team]/index.astro" -> /^\/staff\/reviews\/[^/]+\/$/, for routes nobody listed. */
export function patternForDynamicFile(file: string): RegExp {
  const route = routeForPageFile(file.replace(/\[[^\]]+\]/g, "routeparam")) ?? "/";
  const escaped = route.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/routeparam/g, "[^/]+");
  return new RegExp(`^${escaped}$`);
}

export interface SiteRoutes {
  paths: Set<string>;
  /** Dynamic routes missing from DYNAMIC_ROUTES, with a pattern that accepts any address they could make. */
  unlisted: { file: string; pattern: RegExp }[];
  has(path: string): boolean;
}

/** Builds the set of addresses from page file names (relative to src/pages), public files and content. */
export function siteRoutes(pageFiles: readonly string[], publicFiles: readonly string[], content: RouteContent): SiteRoutes {
  const paths = new Set<string>(GENERATED_FILES);
  const unlisted: SiteRoutes["unlisted"] = [];
  for (const file of pageFiles) {
    if (file.includes("[")) {
      const expand = DYNAMIC_ROUTES[file];
      if (expand) expand(content).forEach((path) => paths.add(path));
      else if (routeForPageFile(file.replace(/\[[^\]]+\]/g, "x"))) unlisted.push({ file, pattern: patternForDynamicFile(file) });
      continue;
    }
    const route = routeForPageFile(file);
    if (route) paths.add(route);
  }
  for (const file of publicFiles) paths.add(`/${file}`);
  return { paths, unlisted, has: (path) => paths.has(path) || unlisted.some((u) => u.pattern.test(path)) };
}
