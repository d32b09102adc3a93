// The last step of `npm run build`: indexes the built site for search with Pagefind's Node API,
// as `pagefind --site dist` would, in shards past a few thousand pages, and reuses the shards whose
// pages have not changed since an earlier build (kept under node_modules/.astro/search-index/).
//
//   node scripts/build-search-index.ts [--site dist] [--shard-pages 6000] [--no-cache]
//
// Steps that read the finished index (every shard is listed in pagefind/shards.json) run after
// this one in `npm run build`.
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { SHARDS_FILE, shardFolder, type ShardsManifest } from "../src/lib/search-shards.ts";
import { PAGEFIND_CONFIG, type ShardJob, type ShardResult } from "./search-index/index-shard.ts";
import { DEFAULT_SHARD_PAGES, marksSearchBody, shardCount, shardOf, shardsAtOnce } from "./search-index/shards.ts";

const BUNDLE = "pagefind";

const { values: args } = parseArgs({
  options: {
    site: { type: "string", default: process.env.KB_OUT_DIR ?? "dist" },
    "shard-pages": { type: "string", default: process.env.KB_SEARCH_SHARD_PAGES ?? String(DEFAULT_SHARD_PAGES) },
    "no-cache": { type: "boolean", default: false },
  },
});
const site = resolve(args.site);
const cacheRoot = join(resolve(process.env.KB_CACHE_DIR ?? "node_modules/.astro"), "search-index");
const started = performance.now();

// 1. Every page, with a fingerprint of its HTML.
interface Page {
  path: string;
  hash: string;
  body: boolean;
}
const paths = listPages(site);
if (!paths.length) fail(`no HTML pages in ${site}; run \`astro build\` first`);
const pages = await mapLimited(paths, 32, async (path): Promise<Page> => {
  const html = await readFile(join(site, path), "utf8");
  return { path, hash: createHash("sha256").update(html).digest("base64url"), body: marksSearchBody(html) };
});
// Pagefind indexes only the marked part of pages once any page is marked, and leaves out the rest.
const indexed = pages.some((p) => p.body) ? pages.filter((p) => p.body) : pages;

// 2. Shards, each named by what it holds.
const count = shardCount(indexed.length, Number(args["shard-pages"]));
const shards = Array.from({ length: count }, () => [] as Page[]);
for (const page of indexed) shards[shardOf(page.path, count)]!.push(page);
// Its package.json is not exported; it sits above the entry point (lib/index.js).
const pagefindVersion = (JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as { version: string }).version;
const planned = shards
  .map((shardPages, n) => ({ n, pages: shardPages, key: shardKey(shardPages) }))
  .filter((shard) => shard.n === 0 || shard.pages.length > 0);

// 3. Shards not in the cache are built, side by side as far as Pagefind's memory allows (one
// Pagefind process per shard, each on its own core).
const cache = args["no-cache"] ? mkdtempSync(join(tmpdir(), "kb-search-index-")) : cacheRoot;
mkdirSync(cache, { recursive: true });
const toBuild = planned.filter((shard) => !existsSync(join(cache, shard.key)));
const problems: string[] = [];
const atOnce = shardsAtOnce(Math.max(0, ...toBuild.map((shard) => shard.pages.length)), availableParallelism());
await mapLimited(toBuild, atOnce, async (shard) => {
  const staging = join(cache, `${shard.key}.partial`);
  rmSync(staging, { recursive: true, force: true });
  const result = await runShard({ site, pages: shard.pages.map((p) => p.path), outputPath: staging });
  problems.push(...result.errors);
  // Read-only: the bundle links to these files, so a step that wrote into the bundle would fail
  // instead of changing the cache.
  for (const file of filesIn(staging)) chmodSync(join(staging, file), 0o444);
  renameSync(staging, join(cache, shard.key));
});
if (problems.length) fail(`Pagefind reported problems:\n  ${problems.join("\n  ")}`);

// 4. The bundle: the first shard at pagefind/, the others inside it, and the list of them.
const bundle = join(site, BUNDLE);
rmSync(bundle, { recursive: true, force: true });
// Linked, not copied, where the cache is on the same disk: at 50,000 articles copying the bundle's
// 50,000 files took three minutes on a busy machine. Nothing writes to the bundle after this step.
const folders = new Set<string>();
for (const shard of planned) {
  const from = join(cache, shard.key);
  const to = join(bundle, shardFolder(shard.n));
  for (const file of filesIn(from)) {
    const folder = dirname(join(to, file));
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    try {
      linkSync(join(from, file), join(to, file));
    } catch {
      copyFileSync(join(from, file), join(to, file));
      chmodSync(join(to, file), 0o644);
    }
  }
}
const manifest: ShardsManifest = { shards: planned.filter((s) => s.n > 0).map((s) => shardFolder(s.n)) };
writeFileSync(join(bundle, SHARDS_FILE), `${JSON.stringify(manifest)}\n`);

// 5. Shards no longer part of the site are dropped, so the cache stays the size of one index.
const keep = new Set(planned.map((s) => s.key));
for (const entry of readdirSync(cache)) if (!keep.has(entry)) rmSync(join(cache, entry), { recursive: true, force: true });
if (args["no-cache"]) rmSync(cache, { recursive: true, force: true });

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Search index: ${indexed.length} of ${pages.length} pages in ${planned.length} shard${planned.length === 1 ? "" : "s"} ` +
    `(${toBuild.length} built, ${planned.length - toBuild.length} reused) in ${seconds} s`,
);

/** A shard's cache name: Pagefind's version and settings, and every page's path and HTML, in order. */
function shardKey(shardPages: readonly Page[]): string {
  const hash = createHash("sha256").update(JSON.stringify({ pagefindVersion, config: PAGEFIND_CONFIG }));
  for (const page of shardPages) hash.update(`\n${page.path}\t${page.hash}`);
  return hash.digest("base64url").slice(0, 32);
}

/** Every file under a folder, as paths relative to it. */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** HTML files of the built site, sorted, without the search bundle itself. */
function listPages(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== BUNDLE) walk(join(folder, entry.name), `${path}/`);
      } else if (entry.name.endsWith(".html")) {
        found.push(path);
      }
    }
  };
  if (existsSync(root)) walk(root, "");
  return found.sort();
}

function runShard(job: ShardJob): Promise<ShardResult> {
  return new Promise((resolveShard, reject) => {
    const worker = new Worker(new URL("./search-index/index-shard.ts", import.meta.url), { workerData: job });
    worker.once("message", (result: ShardResult) => resolveShard(result));
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`the search index worker stopped (exit ${code})`)));
  });
}

/** `fn` over every item, at most `limit` at a time, results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

function fail(message: string): never {
  console.error(`build-search-index: ${message}`);
  process.exit(1);
}
