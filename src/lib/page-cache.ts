// Cache keys for Astro's incremental build (experimental.incrementalBuild in astro.config.mjs): a
// page from getStaticPaths() with a `cacheKey` equal to the previous build's, and whose code is
// unchanged (Astro hashes the page's modules itself), is copied from that build instead of rendered.
// So the key must change whenever anything the page shows changes that is not code: its props, and
// what pages read besides their props (content/site.yaml and the data files, through the layout and
// the article components) and the calendar (the footer's year).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { contentPath, listFiles } from "./content-files.ts";

let site: string | undefined;

/** Everything under content/ but the articles (they reach a page through its props), and the year. */
function siteFingerprint(): string {
  if (site === undefined) {
    const hash = createHash("sha256").update(String(new Date().getFullYear()));
    const root = contentPath();
    for (const file of listFiles(root)) {
      if (file.startsWith("articles/")) continue;
      hash.update(`\n${file}\n`).update(readFileSync(contentPath(file)));
    }
    site = hash.digest("base64url");
  }
  return site;
}

/**
 * A page's cache key: the site-wide inputs and the given values, which must hold everything the
 * page renders from (its props, plus anything it works out from the date, such as "review overdue").
 */
export function pageCacheKey(...values: unknown[]): string {
  return createHash("sha256").update(siteFingerprint()).update(JSON.stringify(values)).digest("base64url");
}
