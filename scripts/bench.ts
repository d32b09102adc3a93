// `npm run bench -- --articles N`: generates N synthetic articles in a temporary copy of the site,
// builds it the way `npm run build` does (content check, astro build, search index), and measures
// build time, peak memory, output size, page weight and search latency in headless Chromium. Up to
// 20,000 articles it also measures a pull request's preview build (scripts/bench/incremental.ts):
// one article edited, rebuilt with the cache of the first build, compared with a build from nothing.
// Writes a JSON result under .bench/; see BENCHMARKS.md for the recorded runs.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readYamlList } from "../src/lib/content-files.ts";
import { categorySchema, teamSchema } from "../src/lib/content-schemas.ts";
import { DATA_FILES } from "../src/lib/data-files.ts";
import { generateArticles, searchQueries } from "./bench/synthetic-articles.ts";
import { VOCABULARY_PATH } from "../src/lib/search-vocabulary.ts";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./lib/browser.ts";
import { firstVisit, launchBrowser, measureSearch, type PageWeight, type SearchMetrics } from "./bench/browser-metrics.ts";
import { busyShare, describeMachine, waitForIdleCpu } from "./bench/machine.ts";
import { BUILD_STEPS, runBuild, type BuildRun, type BuildStep } from "./bench/build-steps.ts";
import { measureIncremental, type IncrementalRound } from "./bench/incremental.ts";
import { walkFiles } from "./bench/measure-process.ts";
import { kib, median, mib, percentile, secs, table, type Row } from "./bench/report.ts";
import { copySite, existingArticles, writeArticles } from "./bench/site-copy.ts";
import { startSiteServer } from "./site-server.ts";

const ROOT = resolve(import.meta.dirname, "..");

const { values: args } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    queries: { type: "string", default: "20" },
    port: { type: "string", default: "4510" },
    keep: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    compare: { type: "string" },
    label: { type: "string" },
    /** Comma-separated subset of the build steps, for profiling one of them: check,astro,search. */
    steps: { type: "string", default: BUILD_STEPS.join(",") },
    /** Preview builds to measure (one article edited each); 1 up to 20,000 articles, else 0. */
    "preview-rounds": { type: "string" },
    /** Wait (up to --wait-idle-max seconds) for the CPUs to be idle before the build and before the browser runs. */
    "wait-idle": { type: "boolean", default: false },
    /** How long --wait-idle waits before going ahead anyway (the load is recorded either way). */
    "wait-idle-max": { type: "string", default: "600" },
    /** Benchmark another checkout of the site (for before/after comparisons); node_modules always comes from this one. */
    source: { type: "string" },
    /** Measure an existing copy kept with --keep (same --articles and --seed) without building it again. */
    reuse: { type: "string" },
  },
});
const selectedSteps = new Set(args.steps.split(",") as BuildStep[]);
for (const step of selectedSteps) if (!BUILD_STEPS.includes(step)) throw new Error(`--steps: no step "${step}" (${BUILD_STEPS.join(", ")})`);
const count = Number(args.articles);
const seed = Number(args.seed);
if (!Number.isInteger(count) || count < 0) throw new Error(`--articles must be a whole number, got "${args.articles}"`);

const previewRounds = Number(args["preview-rounds"] ?? (count <= 20_000 && !args.reuse && args.steps === BUILD_STEPS.join(",") ? 1 : 0));

const TARGETS = {
  /** Build with search: a minute at 5,000 articles, four at 50,000 (none set in between). */
  buildSeconds: count >= 50_000 ? 240 : count >= 5000 && count < 10_000 ? 60 : undefined,
  peakBytes: 2 * 1024 ** 3,
  articleHtmlBytes: 40 * 1024,
  firstVisitBytes: 60 * 1024,
  searchMedianMs: 100,
  /** 90th percentile of search: 150 ms up to 20,000 articles, 200 ms at 50,000. */
  searchP90Ms: count >= 50_000 ? 200 : 150,
  /** A pull request's preview build against a build from nothing. */
  previewRatio: 1 / 3,
};

// 1. A temporary copy with the synthetic articles committed to a fresh git history.
const site = args.reuse ? resolve(args.reuse) : copySite(resolve(args.source ?? ROOT), ROOT);
const contentDir = join(site, "content");
const outDir = join(site, "dist");
const categories = readYamlList(join(contentDir, DATA_FILES.categories.path), categorySchema);
const teams = readYamlList(join(contentDir, DATA_FILES.teams.path), teamSchema);
// The real articles; a reused copy already holds the synthetic ones too, so it keeps the list.
const realListFile = join(site, ".bench-real-articles.json");
const existing: { id: string; title: string }[] = args.reuse
  ? JSON.parse(readFileSync(realListFile, "utf8"))
  : existingArticles(contentDir);
const pages = ["/", "/search/", "/support/priorities/", "/channels/", "/onboarding/", "/tickets/new/", ...categories.map((c) => `/${c.id}/`)];
const articles = generateArticles({
  count,
  seed,
  categories: categories.map((c) => ({ id: c.id, audience: c.audience })),
  teams: teams.map((t) => t.id),
  existing,
  pages,
});
if (!args.reuse) {
  writeFileSync(realListFile, JSON.stringify(existing));
  writeArticles(site, articles);
}
console.log(`Site copy with ${count} synthetic + ${existing.length} real articles in ${site}`);

// 2. The build, step by step, exactly as `npm run build` runs it.
const benchDir = join(ROOT, ".bench");
mkdirSync(benchDir, { recursive: true });
const runId = `${new Date().toISOString().replace(/[:.]/g, "-")}-n${count}`;
const profDir = join(benchDir, `${runId}-cpu-prof`);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${join(site, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
  KB_CONTENT_DIR: contentDir,
  KB_OUT_DIR: outDir,
  KB_CACHE_DIR: join(site, ".cache/astro"),
  ASTRO_TELEMETRY_DISABLED: "1",
  ...(args["cpu-prof"] ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${profDir}`.trim() } : {}),
};
const load: { phase: string; busyShare: number | null; waitedSeconds: number | null; loadAverage: number[] }[] = [];
async function settle(phase: string) {
  const waitedSeconds = args["wait-idle"] ? await waitForIdleCpu(0.85, 10, Number(args["wait-idle-max"])) : null;
  load.push({ phase, busyShare: await busyShare(), waitedSeconds, loadAverage: loadavg() });
}
await settle("before build");
const logPrefix = join(benchDir, runId);
let build: BuildRun = { steps: [], seconds: 0, cpuSeconds: null, peakTreeBytes: 0, peakProcessBytes: 0 };
let previews: IncrementalRound[] = [];
try {
  if (!args.reuse) build = await runBuild({ site, env, logPrefix, steps: selectedSteps });
  if (previewRounds > 0) {
    await settle("before preview builds");
    previews = await measureIncremental({ site, env, articles, rounds: previewRounds, logPrefix });
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const steps = build.steps;

if (!existsSync(join(outDir, "index.html"))) {
  console.log(`No site was built (--steps ${args.steps}); logs in ${benchDir}`);
  if (!args.keep && !args.reuse) rmSync(site, { recursive: true, force: true });
  process.exit(0);
}

// 3. What the build wrote.
const files = walkFiles(outDir);
const pagefindFiles = files.filter((f) => f.path.startsWith(join(outDir, "pagefind") + "/"));
const vocabularyFile = join(outDir, VOCABULARY_PATH);
const vocabularyBytes = existsSync(vocabularyFile) ? { raw: statSync(vocabularyFile).size, gzip: gzipSync(readFileSync(vocabularyFile)).length } : null;
const htmlBytes = new Map([...articles, ...existing].map((a) => [a.id, statSync(join(outDir, a.id, "index.html")).size]));
const syntheticHtml = articles.map((a) => htmlBytes.get(a.id)!);
const realHtml = Object.fromEntries(existing.map((a) => [a.id, htmlBytes.get(a.id)!]));
const allHtml = [...htmlBytes.values()];
const largest = [...htmlBytes].reduce((max, entry) => (entry[1] > max[1] ? entry : max))[0];

// 4. The browser: first visits to a few articles, then search.
const visits: PageWeight[] = [];
let search: SearchMetrics | undefined;
const queries = searchQueries(articles.length ? articles : [], Number(args.queries), seed);
if (!args["no-browser"]) {
  await settle("before browser");
  const server = await startSiteServer({ root: site, port: Number(args.port), distDir: join(site, "dist"), dataDir: join(site, "data") });
  try {
    const browser = await launchBrowser();
    try {
      const sample = pickSample([...articles.map((a) => a.id), ...existing.map((a) => a.id)], 6, largest);
      for (const id of sample) visits.push(await firstVisit(browser, server.origin, `/${id}/`));
      if (queries.length) search = await measureSearch(browser, server.origin, queries);
    } finally {
      await browser.close();
    }
  } finally {
    server.stop();
  }
}

// 5. Report.
const buildSeconds = build.seconds;
const peakTree = build.peakTreeBytes;
const peakProcess = build.peakProcessBytes;
const queryMs = search?.queries.map((q) => q.ms) ?? [];
const result = {
  runId,
  label: args.label ?? null,
  articles: { synthetic: count, real: existing.length, total: count + existing.length },
  seed,
  machine: describeMachine(chromiumLaunchOptions().executablePath ?? chromium.executablePath()),
  load,
  build: {
    steps: steps.map(({ log: _log, ...s }) => s),
    totalSeconds: buildSeconds,
    peakTreeBytes: peakTree,
    peakProcessBytes: peakProcess,
  },
  output: {
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    files: files.length,
    pagefindBytes: pagefindFiles.reduce((s, f) => s + f.bytes, 0),
    pagefindFiles: pagefindFiles.length,
    /** The search vocabulary, downloaded only when a searched word matches nothing. */
    vocabularyBytes,
  },
  articleHtml: {
    medianBytes: median(allHtml),
    maxBytes: Math.max(...allHtml),
    largest,
    syntheticMedianBytes: syntheticHtml.length ? median(syntheticHtml) : null,
    realMedianBytes: median(Object.values(realHtml)),
    /** Every real article's page, for comparing runs at different N (the content is the same). */
    real: realHtml,
  },
  firstVisit: visits.length
    ? { medianBytes: median(visits.map((v) => v.bytes)), maxBytes: Math.max(...visits.map((v) => v.bytes)), pages: visits }
    : null,
  search: search
    ? { medianMs: median(queryMs), p90Ms: percentile(queryMs, 90), ...search }
    : null,
  previews: previews.map((round) => ({
    edited: round.edited,
    ratio: round.ratio,
    files: round.files,
    differences: round.differences,
    incremental: { ...round.incremental, steps: round.incremental.steps.map(({ log: _log, memoryTimeline: _t, ...s }) => s) },
    full: { ...round.full, steps: round.full.steps.map(({ log: _log, memoryTimeline: _t, ...s }) => s) },
  })),
};
const jsonFile = join(benchDir, `${runId}.json`);
writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);

const rows: Row[] = [
  ...steps.map((s) => ({ label: `build: ${s.name}`, value: `${secs(s.seconds)}${s.cpuSeconds === null ? "" : ` (cpu ${secs(s.cpuSeconds)})`}` })),
  {
    label: "build: total",
    value: secs(buildSeconds),
    ...(TARGETS.buildSeconds ? { target: `< ${TARGETS.buildSeconds} s at ${count >= 50_000 ? "50,000" : "5,000"}`, ok: buildSeconds < TARGETS.buildSeconds } : {}),
  },
  { label: "peak memory (process tree)", value: mib(peakTree), target: "< 2 GiB", ok: peakTree < TARGETS.peakBytes },
  { label: "peak memory (largest process)", value: mib(peakProcess) },
  { label: "output", value: `${mib(result.output.bytes)}, ${result.output.files} files` },
  { label: "pagefind index", value: `${mib(result.output.pagefindBytes)}, ${result.output.pagefindFiles} files` },
  ...(vocabularyBytes ? [{ label: "search vocabulary", value: `${kib(vocabularyBytes.raw)} (${kib(vocabularyBytes.gzip)} gzipped)` }] : []),
  { label: "article HTML median", value: kib(result.articleHtml.medianBytes) },
  { label: "article HTML max", value: kib(result.articleHtml.maxBytes), target: "< 40 KiB", ok: result.articleHtml.maxBytes < TARGETS.articleHtmlBytes },
];
if (result.firstVisit) {
  rows.push(
    { label: "first visit to an article (median)", value: kib(result.firstVisit.medianBytes) },
    { label: "first visit to an article (max)", value: kib(result.firstVisit.maxBytes), target: "< 60 KiB", ok: result.firstVisit.maxBytes < TARGETS.firstVisitBytes },
  );
}
if (result.search) {
  rows.push(
    { label: "search page load", value: `${kib(result.search.pageLoadBytes)}, ${result.search.pageLoadRequests} requests` },
    { label: "first query fetches", value: `${kib(result.search.firstQueryBytes)}, ${result.search.firstQueryRequests.length} requests` },
    { label: `search latency median (${queryMs.length} queries)`, value: `${result.search.medianMs.toFixed(0)} ms`, target: "< 100 ms", ok: result.search.medianMs < TARGETS.searchMedianMs },
    { label: "search latency p90", value: `${result.search.p90Ms.toFixed(0)} ms`, target: `< ${TARGETS.searchP90Ms} ms`, ok: result.search.p90Ms < TARGETS.searchP90Ms },
    {
      label: "vocabulary downloaded",
      value: result.search.vocabulary ? `${kib(result.search.vocabulary.bytes)}, for "${result.search.vocabulary.query}"` : "never (no word needed correcting)",
    },
  );
}
for (const [i, round] of previews.entries()) {
  const steps = (run: BuildRun) => run.steps.map((s) => `${s.name.split(" ")[0]} ${secs(s.seconds)}`).join(", ");
  rows.push(
    { label: `preview ${i + 1}: with the cache`, value: `${secs(round.incremental.seconds)} (${steps(round.incremental)})` },
    { label: `preview ${i + 1}: from nothing`, value: `${secs(round.full.seconds)} (${steps(round.full)})` },
    {
      label: `preview ${i + 1}: ratio`,
      value: `${round.ratio.toFixed(2)}${round.incremental.cpuSeconds && round.full.cpuSeconds ? ` (cpu ${(round.incremental.cpuSeconds / round.full.cpuSeconds).toFixed(2)})` : ""}`,
      target: "<= 0.33",
      ok: round.ratio <= TARGETS.previewRatio,
    },
    {
      label: `preview ${i + 1}: same files as from nothing`,
      value: round.differences.length ? `${round.differences.length} of ${round.files} differ` : `all ${round.files}`,
      target: "identical",
      ok: round.differences.length === 0,
    },
  );
}
console.log(`\n${table(`Benchmark: ${count} synthetic + ${existing.length} real articles (seed ${seed})`, rows)}`);
// Readings taken before each phase show other work on the machine (the benchmark itself is idle then).
const busiest = load.reduce((b, l) => ((l.busyShare ?? 0) > (b.busyShare ?? 0) ? l : b), load[0]!);
if ((busiest.busyShare ?? 0) > 0.25) {
  console.log(`\n  note: the CPUs were ${Math.round((busiest.busyShare ?? 0) * 100)}% busy ${busiest.phase}: other work shared the machine (try --wait-idle)`);
}
for (const round of previews.filter((r) => r.differences.length)) {
  console.log(`\n  preview after editing ${round.edited}: differs from a full build in ${round.differences.slice(0, 10).join(", ")}`);
}
if (result.search) {
  console.log(`\n  queries: ${result.search.queries.map((q) => `${q.query} ${q.ms.toFixed(0)}ms/${q.results}`).join(", ")}`);
}
if (args.compare) printComparison(args.compare, result.articleHtml.real);
console.log(`\nResult: ${jsonFile}`);
if (args["cpu-prof"]) console.log(`CPU profiles: ${profDir}`);

if (args.keep || args.reuse) console.log(`Site copy kept in ${site}`);
else rmSync(site, { recursive: true, force: true });

function pickSample(ids: string[], n: number, include: string): string[] {
  const step = Math.max(1, Math.floor(ids.length / n));
  const sample = new Set([include]);
  for (let i = 0; sample.size < n && i < ids.length; i += step) sample.add(ids[i]!);
  return [...sample];
}

/** Same real article, two runs: if no page lists every article, sizes differ by a few bytes at most. */
function printComparison(file: string, current: Record<string, number>) {
  if (!existsSync(file)) throw new Error(`--compare: no file ${file}`);
  const before = JSON.parse(readFileSync(file, "utf8")) as { articles: { total: number }; articleHtml: { real: Record<string, number> } };
  const deltas = Object.entries(current)
    .filter(([id]) => id in before.articleHtml.real)
    .map(([id, bytes]) => ({ id, before: before.articleHtml.real[id]!, after: bytes, delta: bytes - before.articleHtml.real[id]! }));
  const worst = deltas.reduce((w, d) => (Math.abs(d.delta) > Math.abs(w.delta) ? d : w), deltas[0]!);
  console.log(
    `\nSame ${deltas.length} real articles vs ${file} (${before.articles.total} articles): ` +
      `median change ${median(deltas.map((d) => d.delta))} bytes, largest ${worst.delta} bytes (${worst.id}: ${worst.before} -> ${worst.after})`,
  );
}
