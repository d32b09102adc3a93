// Finds where a broken link in the built site was written: the line of the built page, and for an
// article page the line of its MDX source, which is the file a support person actually edits.
import { articleUrl } from "../../../src/lib/article-nav.ts";
import type { ArticleOutline } from "./article-outline.ts";
import { scanTags } from "./html-outline.ts";
import { internalAddress } from "./internal-links.ts";

const BASE = "http://site.invalid";

/** "/x/" -> "x/index.html", "/a.xml" -> "a.xml": the file under dist/ that answers an address. */
export function distFileFor(pagePath: string): string {
  const path = pagePath.replace(/[?#].*$/, "").replace(/^\//, "");
  if (!path || path.endsWith("/")) return `${path}index.html`;
  return /\.[a-z0-9]+$/i.test(path) ? path : `${path}/index.html`;
}

/** Linkinator names local pages by their file path or by its temporary server; both become "/x/#y". */
export function sitePathOf(url: string, distDir: string): string {
  if (/^https?:/.test(url)) {
    const parsed = new URL(url);
    return parsed.pathname + parsed.hash;
  }
  const normalised = url.replace(/\\/g, "/");
  const root = distDir.replace(/\\/g, "/").replace(/\/$/, "");
  const rest = normalised.startsWith(root) ? normalised.slice(root.length) : normalised.replace(/^.*?dist(?=\/|$)/, "");
  return rest.startsWith("/") ? rest : `/${rest}`;
}

function comparable(pathWithHash: string, from = "/"): string {
  const url = new URL(pathWithHash, new URL(from, BASE));
  try {
    return decodeURIComponent(url.pathname + url.hash);
  } catch {
    return url.pathname + url.hash;
  }
}

/** Lines of a built page whose href or src leads to `target` ("/x/#y"). */
export function linesLinkingTo(html: string, pagePath: string, target: string): number[] {
  const wanted = comparable(target);
  const lines = new Set<number>();
  for (const tag of scanTags(html, ["a", "area", "link", "img", "source", "iframe", "script"])) {
    const value = tag.attrs.get("href") ?? tag.attrs.get("src");
    if (value === undefined || /^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
    if (comparable(value, pagePath) === wanted) lines.add(tag.line);
  }
  return [...lines];
}

/** Lines of an article's MDX source whose link leads to `target`. */
export function sourceLinesLinkingTo(outline: ArticleOutline, articleId: string, target: string, siteUrl: string): number[] {
  const wanted = comparable(target);
  const lines = new Set<number>();
  for (const { url, line } of [...outline.links, ...outline.images.map((i) => ({ url: i.src, line: i.line }))]) {
    const address = internalAddress(url, articleUrl(articleId), siteUrl);
    if (address && line && comparable(address.path + (address.anchor ? `#${address.anchor}` : "")) === wanted) lines.add(line);
  }
  return [...lines];
}
