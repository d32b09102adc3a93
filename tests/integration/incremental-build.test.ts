// A pull request's preview is built with the cache of an earlier build (Astro's incremental build,
// the search index's reused shards): it must be the very site a build from nothing gives, also when
// the change reaches pages other than the edited one (a new title shows in its neighbours' and
// related articles' links, a team's new name on every article the team owns).
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../fixture-content.ts";
import { tempDir } from "../temp-dir.ts";

function build(content: string, out: string, cache: string): string {
  const env = { ...process.env, KB_CONTENT_DIR: content, KB_OUT_DIR: out, KB_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: "1" };
  const astro = spawnSync(join(ROOT, "node_modules/.bin/astro"), ["build"], { cwd: ROOT, env, encoding: "utf8" });
  expect(astro.status, astro.stderr).toBe(0);
  const logs = [astro.stdout];
  for (const script of ["scripts/build-search-index.ts", "scripts/search-vocabulary.ts"]) {
    const step = spawnSync(join(ROOT, "node_modules/.bin/node"), [script], { cwd: ROOT, env, encoding: "utf8" });
    expect(step.status, step.stderr).toBe(0);
    logs.push(step.stdout);
  }
  return logs.join("\n");
}

function files(dir: string, prefix = ""): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) for (const [p, b] of files(path, `${prefix}${entry}/`)) found.set(p, b);
    else found.set(`${prefix}${entry}`, readFileSync(path));
  }
  return found;
}

function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, "utf8");
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

/** Builds the content as it is now with the cache, and from nothing; the two must be the same files. */
function previewAndFull(dir: string, content: string, cache: string, name: string) {
  const log = build(content, join(dir, name), cache);
  const preview = files(join(dir, name));
  build(content, join(dir, `${name}-full`), join(dir, `${name}-empty-cache`));
  const full = files(join(dir, `${name}-full`));
  expect([...preview.keys()].sort()).toEqual([...full.keys()].sort());
  expect([...preview].filter(([path, bytes]) => !bytes.equals(full.get(path)!)).map(([path]) => path)).toEqual([]);
  return { log, page: (path: string) => preview.get(`${path}/index.html`)!.toString("utf8") };
}

describe("a rebuild with the build cache", () => {
  it("gives the same site as a build from nothing, having rendered only what changed", { timeout: 300_000 }, () => {
    const dir = tempDir("kb-incremental-");
    const content = join(dir, "content");
    const cache = join(dir, "cache");
    cpSync(join(ROOT, "content"), content, { recursive: true });
    build(content, join(dir, "first"), cache);

    // A pull request changes one article's text and another article's title.
    edit(join(content, "articles/customer-help/when-to-call-the-hotline.mdx"), "\n## ", "\nA sentence added in review.\n\n## ");
    edit(join(content, "articles/customer-help/emailing-support.mdx"), "title: Emailing support", "title: Writing to support");
    const articles = previewAndFull(dir, content, cache, "articles-changed");
    expect(articles.page("customer-help/when-to-call-the-hotline")).toContain("A sentence added in review.");
    // The new title also shows where other articles list this one as related.
    expect(articles.page("customer-help/opening-a-ticket")).toContain("Writing to support");
    // Pages nothing changed for were copied from the cache, not rendered again.
    // (Astro logs a page, then "(restored)" or its time; with pages rendered side by side, lines interleave.)
    const restored = (path: string) => new RegExp(`${path.replaceAll("/", "\\/")}\\/index\\.html[^├\\n]*\\(restored\\)`).test(articles.log);
    expect(restored("getting-started/your-first-day")).toBe(true);
    expect(restored("customer-help/when-to-call-the-hotline")).toBe(false);
    expect(articles.log).toMatch(/\(1 built, 0 reused\)/);

    // A data file reaches pages without being in their props: a team's name on every article it owns.
    edit(join(content, "data/teams.yaml"), "name: Customer Support", "name: Support Desk");
    const team = previewAndFull(dir, content, cache, "team-renamed");
    expect(team.page("customer-help/choosing-a-priority")).toContain("Support Desk");
  });
});
