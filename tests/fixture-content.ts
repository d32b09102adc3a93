// Builds a throwaway content folder for tests: the real site.yaml and data files, plus whichever
// fixture articles a test names (from tests/fixtures/articles), so bad input never lives in content/.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tempDir } from "./temp-dir.ts";

export const ROOT = resolve(import.meta.dirname, "..");

export function makeContentDir(articles: Record<string, string>, overrides: Record<string, string> = {}): string {
  const dir = tempDir("kb-content-");
  cpSync(join(ROOT, "content/site.yaml"), join(dir, "site.yaml"));
  cpSync(join(ROOT, "content/data"), join(dir, "data"), { recursive: true });
  // The real onboarding path points at real articles; fixtures use a path with no links.
  writeFileSync(
    join(dir, "data/onboarding.yaml"),
    "- id: first-day\n  title: First day\n  when: Day 1\n  summary: Get started.\n  tasks:\n    - id: hello\n      text: Say hello\n",
  );
  for (const [target, fixture] of Object.entries(articles)) {
    const path = join(dir, "articles", target);
    mkdirSync(resolve(path, ".."), { recursive: true });
    cpSync(join(ROOT, "tests/fixtures/articles", fixture), path);
  }
  for (const [file, text] of Object.entries(overrides)) writeFileSync(join(dir, file), text);
  return dir;
}
