// A throwaway copy of the site for the benchmark: the repository without its build output, its
// git history or its ticket data, with node_modules shared through symlinks so nothing is installed
// and nothing the real checkout uses (dist/, node_modules/.astro, node_modules/.vite) is written.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readArticleFrontmatter } from "../lib/checks/content-check.ts";
import type { SyntheticArticle } from "./synthetic-articles.ts";

/** Top-level entries never copied: build output, caches, local data, history. */
const SKIP = new Set(["node_modules", "dist", ".git", "data", ".astro", ".bench", "test-results", "playwright-report"]);
/** Caches inside node_modules that tools write to; the copy gets its own empty ones. */
const PRIVATE_MODULE_DIRS = new Set([".astro", ".vite", ".cache", ".vitest"]);

/** Copies the site at `root` into a new temporary folder, linking the packages installed in `modulesRoot`. */
export function copySite(root: string, modulesRoot = root): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-bench-"));
  for (const entry of readdirSync(root)) {
    if (SKIP.has(entry)) continue;
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(join(modulesRoot, "node_modules"))) {
    if (PRIVATE_MODULE_DIRS.has(entry)) continue;
    symlinkSync(join(modulesRoot, "node_modules", entry), join(modules, entry));
  }
  return dir;
}

/** Real article ids and titles, so generated ones never clash with them and can link to them. */
export function existingArticles(contentDir: string): { id: string; title: string }[] {
  return readArticleFrontmatter(join(contentDir, "articles"))
    .filter(({ data }) => !data.draft)
    .map(({ id, data }) => ({ id, title: String(data.title ?? "") }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function git(dir: string, args: string[], env: Record<string, string> = {}) {
  execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, ...env },
  });
}

/**
 * Writes the generated articles and commits the content in batches with spread-out dates, so the
 * build's `git log` pass sees a history shaped like a real one (many commits, varied dates).
 */
export function writeArticles(dir: string, articles: readonly SyntheticArticle[], batchSize = 50): void {
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["add", "-A"]);
  const start = Date.parse("2025-01-01T09:00:00Z");
  git(dir, ["commit", "-q", "-m", "Site before synthetic articles"], { GIT_AUTHOR_DATE: new Date(start).toISOString(), GIT_COMMITTER_DATE: new Date(start).toISOString() });
  const batches = Math.ceil(articles.length / batchSize);
  for (let b = 0; b < batches; b++) {
    const batch = articles.slice(b * batchSize, (b + 1) * batchSize);
    for (const article of batch) {
      const path = join(dir, "content/articles", article.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, article.source);
    }
    const date = new Date(start + (b + 1) * 6 * 3600_000).toISOString();
    git(dir, ["add", "content"]);
    git(dir, ["commit", "-q", "-m", `Add synthetic articles ${b * batchSize + 1}-${b * batchSize + batch.length}`], {
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
  }
}
