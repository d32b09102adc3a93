// `npm run test:links`: crawls the built site from its home page and every sitemap entry, and fails
// on any internal link or #anchor that leads nowhere. External links are not fetched (CI has no
// network, and a flaky third-party site should not block a docs fix).
import { LinkChecker } from "linkinator";
import { resolve } from "node:path";

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");

/** Linkinator names local pages "dist/x/" or by their temporary server address; show "/x/". */
function sitePath(url: string): string {
  if (/^https?:/.test(url)) {
    const parsed = new URL(url);
    return parsed.pathname + parsed.hash;
  }
  return url.replace(/^.*?dist(?=\/|$)/, "") || "/";
}

const checker = new LinkChecker();
const result = await checker.check({
  path: distDir,
  recurse: true,
  checkFragments: true,
  concurrency: 50,
  // Only links to the site itself are checked; mailto:, tel: and other hosts are skipped.
  linksToSkip: async (url) => !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url),
});

const broken = result.links.filter((link) => link.state === "BROKEN");
if (broken.length) {
  console.error(`\n${broken.length} broken link${broken.length === 1 ? "" : "s"}:\n`);
  for (const link of broken) {
    console.error(`  ${sitePath(link.parent ?? "(start)")}  ->  ${sitePath(link.url)}  (${link.status ?? "no response"})`);
  }
  process.exit(1);
}
console.log(`Links OK: ${result.links.length} checked, ${result.links.filter((l) => l.state === "OK").length} internal.`);
