// Builds a throwaway content folder for tests: the fixture organisation's site.yaml and data files
// (tests/fixtures/content, never the sample in content/), plus whichever fixture articles a test
// names (from tests/fixtures/articles), so tests pass whatever organisation content/ describes.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tempDir } from "./temp-dir.ts";

export const ROOT = resolve(import.meta.dirname, "..");
/** A small organisation of its own: site.yaml, every data file and three articles. */
export const FIXTURE_CONTENT = join(ROOT, "tests/fixtures/content");

export function makeContentDir(articles: Record<string, string>, overrides: Record<string, string> = {}): string {
  const dir = tempDir("kb-content-");
  cpSync(join(FIXTURE_CONTENT, "site.yaml"), join(dir, "site.yaml"));
  cpSync(join(FIXTURE_CONTENT, "data"), join(dir, "data"), { recursive: true });
  for (const [target, fixture] of Object.entries(articles)) {
    const path = join(dir, "articles", target);
    mkdirSync(resolve(path, ".."), { recursive: true });
    cpSync(join(ROOT, "tests/fixtures/articles", fixture), path);
  }
  for (const [file, text] of Object.entries(overrides)) writeFileSync(join(dir, file), text);
  return dir;
}

/** `npm run check:content` over a content folder: its exit status, all it printed, and its warnings. */
export function runContentCheck(contentDir: string): { status: number | null; output: string; warnings: string[] } {
  const result = spawnSync(process.execPath, ["scripts/check-content.ts"], {
    cwd: ROOT,
    env: { ...process.env, KB_CONTENT_DIR: contentDir },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, warnings: result.stderr.split("\n").filter((line) => line.startsWith("warning")) };
}
