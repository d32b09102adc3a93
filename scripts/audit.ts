// `npm run audit`: Lighthouse (mobile preset) on the home page, an article, search and the ticket
// form of the built site, served by scripts/serve.ts on a free port with the same Chromium the
// browser tests use. Each page is measured AUDIT_RUNS times (default 3) and the median kept.
// Prints the four category scores per page; exits 1 if any is below 0.95.
// Not part of `npm test`: scores vary a little between machines, so it is run on purpose.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { AUDIT_CATEGORIES, AUDIT_THRESHOLD, failingScores, formatScoreTable, medianScores, scoresFromLighthouse, type PageScores } from "./lib/audit-scores.ts";
import { chromiumLaunchOptions } from "./lib/browser.ts";
import { startSiteServer } from "./site-server.ts";

const PAGES = ["/", "/customer-help/choosing-a-priority/", "/search/?q=ticket", "/tickets/new/"];
const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");
const runs = Math.max(1, Number(process.env.AUDIT_RUNS ?? 3));

if (!existsSync(join(distDir, "index.html"))) {
  console.error(`No built site in ${distDir}. Run npm run build first.`);
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), "kb-audit-"));
const server = await startSiteServer({ distDir, dataDir });
const origin = server.origin;

const launch = chromiumLaunchOptions();
let chrome: chromeLauncher.LaunchedChrome | undefined;
const results: PageScores[] = [];
try {
  chrome = await chromeLauncher.launch({
    chromePath: launch.executablePath ?? chromium.executablePath(),
    chromeFlags: ["--headless=new", ...(launch.args ?? [])],
  });
  for (const page of PAGES) {
    const pageRuns: PageScores[] = [];
    for (let i = 0; i < runs; i++) {
      // The default config is Lighthouse's mobile preset: a phone-sized screen, a slow connection and CPU.
      const run = await lighthouse(`${origin}${page}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...AUDIT_CATEGORIES] });
      if (!run) throw new Error(`Lighthouse returned nothing for ${page}`);
      pageRuns.push(scoresFromLighthouse(page, run.lhr));
      for (const category of AUDIT_CATEGORIES) {
        const ref = run.lhr.categories[category];
        if ((ref?.score ?? 0) >= AUDIT_THRESHOLD) continue;
        // Say what cost the points, so a low score can be acted on without opening a report.
        const weighed = new Set(ref?.auditRefs.filter((r) => r.weight > 0).map((r) => r.id));
        const lost = Object.values(run.lhr.audits).filter((a) => weighed.has(a.id) && a.score !== null && a.score < 1);
        console.error(`  run ${i + 1} ${page} ${category}: ${lost.map((a) => `${a.id} ${a.displayValue ?? a.score}`).join(", ")}`);
      }
    }
    results.push(medianScores(pageRuns));
  }
} finally {
  chrome?.kill();
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\nLighthouse, mobile preset, median of ${runs} run${runs === 1 ? "" : "s"}, scores out of 100 (at least ${AUDIT_THRESHOLD * 100} to pass):\n`);
console.log(formatScoreTable(results));
const failing = failingScores(results);
if (failing.length) {
  console.error(`\n${failing.length} score${failing.length === 1 ? "" : "s"} below ${AUDIT_THRESHOLD * 100}: ${failing.map((f) => `${f.page} ${f.category}`).join(", ")}`);
  process.exit(1);
}
console.log("\nAll pages pass.");
