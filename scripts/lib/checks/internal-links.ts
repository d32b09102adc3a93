// Links in article bodies that point inside the site must lead to a page that will exist, and a
// #anchor to a heading of the article it points at. Checked from the MDX source, so the message
// names the line the author wrote. Links to other sites, mailto: and tel: are not checked here.
import { articleIdForPath, articleSlug, articleUrl } from "../../../src/lib/article-nav.ts";
import type { ArticleOutline } from "./article-outline.ts";
import type { ContentProblem } from "../../../src/lib/content-errors.ts";
import type { SiteRoutes } from "./site-routes.ts";

export interface LinkTargetArticle {
  file: string;
  draft: boolean;
  /** Heading slugs and explicit ids a link may point at with #anchor; undefined when its body could not be read. */
  anchors?: ReadonlySet<string> | undefined;
}

export interface InternalAddress {
  path: string;
  /** The #anchor without "#", decoded; "" when there is none. */
  anchor: string;
}

/** Where a link points if it stays on this site; undefined for other sites, mailto:, tel: and the like. */
export function internalAddress(url: string, fromPath: string, siteUrl: string): InternalAddress | undefined {
  const site = new URL(siteUrl);
  if (url.startsWith("//")) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.host !== site.host) return undefined;
  }
  const resolved = new URL(url, new URL(fromPath, site.origin));
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return { path: decode(resolved.pathname), anchor: decode(resolved.hash.slice(1)) };
}

function listAnchors(anchors: ReadonlySet<string>): string {
  const all = [...anchors];
  if (!all.length) return "it has no headings to link to";
  const shown = all.slice(0, 8).map((a) => `#${a}`).join(", ");
  return `its headings are ${shown}${all.length > 8 ? ", ..." : ""}`;
}

export interface LinkingArticle {
  id: string;
  file: string;
  outline: ArticleOutline;
}

export function checkInternalLinks(
  article: LinkingArticle,
  articles: ReadonlyMap<string, LinkTargetArticle>,
  routes: SiteRoutes,
  siteUrl: string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const fromPath = articleUrl(article.id);
  // Only needed for the hint on a broken link; built on demand, since building it for every
  // article would make checking thousands of articles quadratic.
  let bySlug: Map<string, string> | undefined;
  const articleBySlug = (slug: string) => {
    bySlug ??= new Map([...articles.keys()].map((id) => [articleSlug(id), id]));
    return bySlug.get(slug);
  };
  const report = (line: number | undefined, message: string) => problems.push({ file: article.file, line, field: "link", message });

  const check = (url: string, line: number | undefined, kind: "link" | "image") => {
    if (!url.trim()) {
      report(line, `a ${kind} has no address; put the address between the round brackets`);
      return;
    }
    const address = internalAddress(url.trim(), fromPath, siteUrl);
    if (!address) return;
    const { path, anchor } = address;
    const targetId = articleIdForPath(path);
    const target = targetId ? articles.get(targetId) : undefined;
    if (target) {
      if (target.draft) report(line, `"${url}" points to ${target.file}, which is a draft and not published; link to it once it is published`);
      else if (anchor && target.anchors && !target.anchors.has(anchor)) {
        const which = target.file === article.file ? "this article" : `the article ${target.file}`;
        report(line, `"${url}": ${which} has no heading "#${anchor}"; ${listAnchors(target.anchors)}`);
      }
      return;
    }
    if (routes.has(path)) return;
    if (!path.endsWith("/") && (routes.has(`${path}/`) || articles.has(path.slice(1)))) {
      report(line, `"${url}" needs a slash at the end: ${path}/${anchor ? `#${anchor}` : ""}`);
      return;
    }
    const guess = targetId ? articleBySlug(articleSlug(targetId)) : undefined;
    const hint = guess ? `; did you mean ${articleUrl(guess)}?` : "; check the address, or open the page in the site and copy it from the address bar";
    report(line, `"${url}" leads to no page on this site${hint}`);
  };

  for (const link of article.outline.links) check(link.url, link.line, "link");
  for (const image of article.outline.images) {
    if (image.src.startsWith("/") && !image.src.startsWith("//")) check(image.src, image.line, "image");
  }
  return problems;
}
