// The benchmark's pull-request preview (`npm run bench -- --articles N --incremental`): after the
// full build, one article is edited and committed, as in a pull request, and the site is built
// again the way the pull-request workflow does it: a fresh checkout (no dist/) with the build cache
// of an earlier run restored. Then the same commit is built from nothing, into another folder and
// with an empty cache, and the two outputs are compared file by file: the preview must be the site
// a full build gives. Each round edits another article; the two builds of a round run back to back,
// so their ratio holds up on a machine whose speed drifts.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SyntheticArticle } from "./synthetic-articles.ts";
import { runBuild, type BuildRun } from "./build-steps.ts";
import { walkFiles } from "./measure-process.ts";

export interface IncrementalRound {
  /** The article edited, as content/articles/<file>. */
  edited: string;
  incremental: BuildRun;
  full: BuildRun;
  /** incremental / full, wall time. */
  ratio: number;
  /** Built files that differ between the two outputs (missing on one side included). */
  differences: string[];
  files: number;
}

export async function measureIncremental(options: {
  site: string;
  env: NodeJS.ProcessEnv;
  articles: readonly SyntheticArticle[];
  rounds: number;
  logPrefix: string;
}): Promise<IncrementalRound[]> {
  const { site, env } = options;
  const outDir = join(site, "dist");
  const fullOutDir = join(site, "dist-full");
  const rounds: IncrementalRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    // Spread over the site: a different category's article each round.
    const article = options.articles[Math.floor(((round - 0.5) * options.articles.length) / options.rounds)]!;
    const file = join(site, "content/articles", article.file);
    appendFileSync(file, `\nRound ${round} of the preview benchmark adds this paragraph, as a pull request would change a few sentences.\n`);
    git(site, ["commit", "-q", "-am", `Edit ${article.id}`]);

    rmSync(outDir, { recursive: true, force: true });
    const incremental = await runBuild({ site, env, logPrefix: `${options.logPrefix}-incremental-${round}`, label: `round ${round}, with the cache` });
    const freshCache = join(site, ".cache/full-build");
    rmSync(freshCache, { recursive: true, force: true });
    rmSync(fullOutDir, { recursive: true, force: true });
    const full = await runBuild({
      site,
      env: { ...env, KB_OUT_DIR: fullOutDir, KB_CACHE_DIR: freshCache },
      logPrefix: `${options.logPrefix}-full-${round}`,
      label: `round ${round}, from nothing`,
    });
    const { differences, files } = compareFolders(outDir, fullOutDir);
    rounds.push({ edited: article.file, incremental, full, ratio: incremental.seconds / full.seconds, differences, files });
    rmSync(freshCache, { recursive: true, force: true });
    rmSync(fullOutDir, { recursive: true, force: true });
  }
  return rounds;
}

/** Files whose bytes differ between two built sites, by path. */
export function compareFolders(a: string, b: string): { differences: string[]; files: number } {
  const relative = (root: string) => new Map(walkFiles(root).map((f) => [f.path.slice(root.length + 1), f]));
  const left = relative(a);
  const right = relative(b);
  const differences: string[] = [];
  for (const [path, file] of left) {
    const other = right.get(path);
    if (!other) differences.push(`${path} (only in the preview)`);
    else if (other.bytes !== file.bytes || !readFileSync(file.path).equals(readFileSync(other.path))) differences.push(path);
  }
  for (const path of right.keys()) if (!left.has(path)) differences.push(`${path} (only in the full build)`);
  return { differences, files: left.size };
}

function git(dir: string, args: string[]) {
  execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "ignore" });
}
