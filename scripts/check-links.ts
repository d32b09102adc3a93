// `npm run test:links`: crawls the built site from its home page and every sitemap entry, and fails
// on any internal link or #anchor that leads nowhere. Each broken link is reported at the line of
// the built page and, for article pages, at the line of the MDX file to edit. External links are
// not fetched (CI has no network, and a flaky third-party site should not block a docs fix).
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { LinkChecker, type LinkResult } from "linkinator";
import { articleSourceForPage } from "./lib/checks/article-source-lookup.ts";
import { distFileFor, linesLinkingTo, sitePathOf, sourceLinesLinkingTo } from "./lib/checks/built-link-source.ts";
import { displayPath } from "../src/lib/content-files.ts";
import { readSiteConfig } from "../src/lib/site-config.ts";

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");
const siteUrl = readSiteConfig().url;

const checker = new LinkChecker();
const result = await checker.check({
  path: distDir,
  recurse: true,
  checkFragments: true,
  concurrency: 50,
  // Only links to the site itself are checked; mailto:, tel: and other hosts are skipped.
  linksToSkip: async (url) => !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url),
});

/** One line a support person can act on: where the link is written, what is wrong with it. */
async function describe(link: LinkResult): Promise<string> {
  const page = sitePathOf(link.parent ?? distDir, distDir);
  const target = sitePathOf(link.url, distDir);
  const distFile = join(distDir, distFileFor(page));
  const html = await readFile(distFile, "utf8").catch(() => "");
  const builtAt = linesLinkingTo(html, page, target).map((line) => `${displayPath(distFile)}:${line}`);
  const built = builtAt.length ? builtAt.join(", ") : displayPath(distFile);
  const hash = target.indexOf("#");
  const problem =
    hash !== -1 && link.status === 200
      ? `"${target}": the page ${target.slice(0, hash)} has no heading or element with id "${target.slice(hash + 1)}"`
      : `"${target}" leads nowhere (${link.status ? `HTTP ${link.status}` : "no response"})`;
  const source = articleSourceForPage(page);
  if (source) {
    const lines = source.outline ? sourceLinesLinkingTo(source.outline, source.id, target, siteUrl) : [];
    const where = lines.length ? lines.map((line) => `${source.file}:${line}`).join(", ") : source.file;
    const note = lines.length ? "" : " (the link comes from a component or the layout, not the article text)";
    return `${where}  link: ${problem}${note}; built page ${built}`;
  }
  return `${built}  link: ${problem} (in the page template for ${page}: src/pages/ or src/components/)`;
}

const broken = result.links.filter((link) => link.state === "BROKEN");
if (broken.length) {
  console.error(`\n${broken.length} broken link${broken.length === 1 ? "" : "s"}:\n`);
  for (const link of broken) console.error(`  ${await describe(link)}`);
  console.error("\nFix the address in the file named first; CONTRIBUTING.md explains how links are written.");
  process.exit(1);
}
console.log(`Links OK: ${result.links.length} checked, ${result.links.filter((l) => l.state === "OK").length} internal.`);
