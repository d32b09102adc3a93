// The search index step (scripts/build-search-index.ts): a large site's index is split into shards
// that search finds everything in once merged, the same pages always give the same files, and a
// rebuild after one page changed rebuilds only that page's shard.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSearchIndex, type PagefindApi } from "../../src/lib/search-index.ts";
import { shardBundles, SHARDS_FILE } from "../../src/lib/search-shards.ts";
import { VOCABULARY_PATH } from "../../src/lib/search-vocabulary.ts";
import { DEFAULT_SHARD_PAGES, marksSearchBody, PAGEFIND_BUDGET_BYTES, PAGEFIND_BYTES_PER_PAGE, shardCount, shardOf, shardsAtOnce } from "../../scripts/search-index/shards.ts";
import { tempDir } from "../temp-dir.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const NODE = join(ROOT, "node_modules/.bin/node");

/** A built page as the site writes them: the article in data-pagefind-body, a filter, chrome around it. */
function page(n: number, category: string): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Article ${n}</title></head><body>
<header><a href="/">Home</a> navigation words</header>
<main><div data-pagefind-body><h1>Article ${n}</h1>
<p>Shared words about channels, and the unique word zq${n}x only this page has.</p>
<h2 id="details">Details</h2><p>More about channels.</p>
<span hidden data-pagefind-filter="category:${category}"></span></div></main>
<footer>footer words</footer></body></html>`;
}

function writeSite(dir: string, pages: number) {
  for (let n = 0; n < pages; n++) {
    mkdirSync(join(dir, `articles/a${n}`), { recursive: true });
    writeFileSync(join(dir, `articles/a${n}/index.html`), page(n, n % 2 ? "Odd" : "Even"));
  }
  // A page without data-pagefind-body, like a category list: left out, as Pagefind would.
  writeFileSync(join(dir, "index.html"), `<!DOCTYPE html><html lang="en"><body><p>Home page zqhomex</p></body></html>`);
}

function buildIndex(site: string, cache: string, shardPages: number) {
  const result = spawnSync(NODE, [join(ROOT, "scripts/build-search-index.ts"), "--site", site, "--shard-pages", String(shardPages)], {
    cwd: ROOT,
    env: { ...process.env, KB_CACHE_DIR: cache },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Every file of a folder with its bytes, to compare two builds. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`);
      else files[`${prefix}${entry}`] = readFileSync(path).toString("base64");
    }
  };
  walk(dir, "");
  return files;
}

interface PagefindModule {
  options(options: object): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: object): Promise<void>;
  search(term: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** Serves a folder over HTTP, as Pagefind's browser code fetches its files. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    try {
      response.end(readFileSync(join(dir, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname))));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  return { server, origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

/** Pagefind's own search code, loaded from the bundle the way the site's search worker does, shards merged. */
async function loadSearch(site: string, origin: string, copy: string): Promise<PagefindModule> {
  // A copy per test, so each gets its own module instance.
  cpSync(join(site, "pagefind/pagefind.js"), copy);
  const pagefind = (await import(copy)) as PagefindModule;
  await pagefind.options({ basePath: `${origin}/pagefind/` });
  await pagefind.init();
  const manifest: unknown = JSON.parse(readFileSync(join(site, "pagefind", SHARDS_FILE), "utf8"));
  for (const bundle of shardBundles(`${origin}/pagefind/`, manifest)) await pagefind.mergeIndex(bundle, {});
  return pagefind;
}

describe("choosing shards", () => {
  it("keeps one index until a site outgrows a shard", () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(3000, 3000)).toBe(1);
    expect(shardCount(3001, 3000)).toBe(2);
    expect(shardCount(50_057, 3000)).toBe(17);
    // A site of 5,000 articles keeps one index; 50,000 are split only as far as memory requires.
    expect(shardCount(5_062)).toBe(1);
    expect(shardCount(50_057)).toBe(9);
  });

  it("indexes shards side by side only while their Pagefind processes fit the memory budget together", () => {
    expect(DEFAULT_SHARD_PAGES * PAGEFIND_BYTES_PER_PAGE).toBeLessThanOrEqual(PAGEFIND_BUDGET_BYTES);
    expect(shardsAtOnce(DEFAULT_SHARD_PAGES, 2)).toBe(1);
    expect(shardsAtOnce(1_000, 2)).toBe(2);
    expect(shardsAtOnce(1_000, 1)).toBe(1);
    expect(shardsAtOnce(100_000, 8)).toBe(1);
  });

  it("puts a page in the same shard whatever else the site holds, and spreads pages evenly", () => {
    expect(shardOf("a/b/index.html", 7)).toBe(shardOf("a/b/index.html", 7));
    const sizes = new Array<number>(5).fill(0);
    for (let n = 0; n < 5000; n++) sizes[shardOf(`articles/page-${n}/index.html`, 5)]!++;
    for (const size of sizes) expect(size).toBeGreaterThan(850);
  });

  it("sees data-pagefind-body as an attribute, not as words in the text", () => {
    expect(marksSearchBody('<div class="x" data-pagefind-body>')).toBe(true);
    expect(marksSearchBody("<main data-pagefind-body=\"\">")).toBe(true);
    expect(marksSearchBody("<p>Mark the article with data-pagefind-body to index it.</p>")).toBe(false);
    expect(marksSearchBody("<code>&lt;div data-pagefind-body&gt;</code>")).toBe(false);
  });

  it("reads the list of shards defensively in the browser", () => {
    expect(shardBundles("/pagefind/", { shards: ["shard-1/", "shard-2/"] })).toEqual(["/pagefind/shard-1/", "/pagefind/shard-2/"]);
    expect(shardBundles("/pagefind/", null)).toEqual([]);
    expect(shardBundles("/pagefind/", { shards: ["../../evil/", 3, "shard-3/"] })).toEqual(["/pagefind/shard-3/"]);
  });
});

describe("the search index of a site in shards", () => {
  const PAGES = 24;
  const work = tempDir("kb-search-index-");
  const site = join(work, "site");
  const cache = join(work, "cache");
  let stdout = "";
  let origin = "";
  let server: Server;

  beforeAll(async () => {
    writeSite(site, PAGES);
    stdout = buildIndex(site, cache, 5);
    ({ server, origin } = await serve(site));
  }, 60_000);
  afterAll(() => server?.close());

  it("splits the pages into shards and lists them for the browser", () => {
    expect(stdout).toMatch(new RegExp(`${PAGES} of ${PAGES + 1} pages in 5 shards \\(5 built, 0 reused\\)`));
    const manifest = JSON.parse(readFileSync(join(site, "pagefind", SHARDS_FILE), "utf8")) as { shards: string[] };
    expect(manifest.shards).toEqual(["shard-1/", "shard-2/", "shard-3/", "shard-4/"]);
    for (const shard of manifest.shards) expect(readdirSync(join(site, "pagefind", shard))).toContain("pagefind-entry.json");
  });

  it("finds every page, whichever shard holds it, and counts filters over all of them", async () => {
    const pagefind = await loadSearch(site, origin, join(work, "pagefind-a.js"));
    for (const n of [0, 7, 13, 23]) {
      const { results } = await pagefind.search(`zq${n}x`);
      expect(results).toHaveLength(1);
      expect(new URL((await results[0]!.data()).url, origin).pathname).toBe(`/articles/a${n}/`);
    }
    expect((await pagefind.search("channels")).results).toHaveLength(PAGES);
    expect((await pagefind.search("zqhomex")).results).toHaveLength(0);
    expect((await pagefind.filters()).category).toEqual({ Even: PAGES / 2, Odd: PAGES / 2 });
  }, 30_000);

  it("serves the site's query pipeline across shards: words from any shard, corrections from every shard's words, partial matches and filter counts over all", async () => {
    const vocabulary = spawnSync(NODE, [join(ROOT, "scripts/search-vocabulary.ts")], { cwd: ROOT, env: { ...process.env, KB_OUT_DIR: site }, encoding: "utf8" });
    expect(vocabulary.status, vocabulary.stderr).toBe(0);
    expect(vocabulary.stdout).toContain(`from ${PAGES} pages`);
    // Each word with the number of pages it is on, over every shard.
    const words = readFileSync(join(site, VOCABULARY_PATH), "utf8");
    expect(words).toMatch(new RegExp(`^channels ${PAGES}$`, "m"));
    // Common English words no page uses are listed with no pages ("move" is one edit from "more").
    expect(words).toMatch(/^move 0$/m);
    const pagefind = await loadSearch(site, origin, join(work, "pagefind-pipeline.js"));
    const index = createSearchIndex(pagefind as unknown as PagefindApi, {
      synonyms: new Map(),
      highlightParam: "highlight",
      loadVocabulary: async () => readFileSync(join(site, VOCABULARY_PATH), "utf8"),
    });
    const search = async (query: string, counts = false) => (await index.search({ query, counts }))!;

    const rare = await search("zq13x");
    expect(rare.answer.results).toHaveLength(1);
    expect(new URL((await index.data(rare.id, 0)).url, origin).pathname).toBe("/articles/a13/");
    // "chanels" is corrected from the vocabulary of every shard, and the correction finds every page.
    const misspelt = await search("chanels", true);
    expect(misspelt.answer.summary.correctedQuery).toBe("channels");
    expect(misspelt.answer.results).toHaveLength(PAGES);
    expect(misspelt.answer.totalFilters.category).toEqual({ Even: PAGES / 2, Odd: PAGES / 2 });
    // A reader who types one meant it: "move" is reported as on no page, not searched as "more".
    const real = await search("move");
    expect(real.answer.summary.correctedQuery).toBeUndefined();
    expect(real.answer.summary.unmatched).toEqual(["move"]);
    // No page has both words, so the pages with one of them follow, from whichever shards hold them.
    const partial = await search("zq3x zq20x");
    expect(partial.answer.summary.partial).toBe(true);
    expect(partial.answer.results).toHaveLength(2);
  }, 60_000);

  it("gives the same files when built again, from the cache or without it", () => {
    const first = snapshot(join(site, "pagefind"));
    expect(buildIndex(site, cache, 5)).toMatch(/\(0 built, 5 reused\)/);
    expect(snapshot(join(site, "pagefind"))).toEqual(first);
    const uncached = join(work, "uncached");
    cpSync(site, uncached, { recursive: true });
    buildIndex(uncached, join(work, "other-cache"), 5);
    expect(snapshot(join(uncached, "pagefind"))).toEqual(first);
  }, 60_000);

  it("rebuilds only the shard of a page that changed, and search sees the change", async () => {
    writeFileSync(join(site, "articles/a7/index.html"), page(7, "Odd").replace("zq7x", "zqeditedx"));
    expect(buildIndex(site, cache, 5)).toMatch(/\(1 built, 4 reused\)/);
    const pagefind = await loadSearch(site, origin, join(work, "pagefind-b.js"));
    expect((await pagefind.search("zq7x")).results).toHaveLength(0);
    expect((await pagefind.search("zqeditedx")).results).toHaveLength(1);
    // The cache keeps the shards of the latest build only.
    expect(readdirSync(join(cache, "search-index"))).toHaveLength(5);
  }, 60_000);
});
