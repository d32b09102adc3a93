// When each file last changed, from one `git log` pass over the content folder. One process for the
// whole build keeps this cheap at thousands of articles; outside a git checkout it falls back to the
// file's modification time.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";

let cache: Map<string, Date> | undefined;

export function parseGitLog(output: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  let current: Date | undefined;
  for (const line of output.split("\n")) {
    if (line.startsWith("date:")) {
      current = new Date(line.slice(5));
    } else if (line && current && !dates.has(line)) {
      dates.set(line, current);
    }
  }
  return dates;
}

function readGitDates(dir: string): Map<string, Date> {
  try {
    const root = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const log = execFileSync("git", ["log", "--format=date:%cI", "--name-only", "--", relative(root, dir) || "."], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const byRepoPath = parseGitLog(log);
    return new Map([...byRepoPath].map(([path, date]) => [resolve(root, path), date]));
  } catch {
    return new Map();
  }
}

/** Last change to a file: its newest commit, or its modification time if git does not know it. */
export function lastModified(file: string, contentDir = resolve("content")): Date {
  cache ??= readGitDates(contentDir);
  const absolute = resolve(file);
  return cache.get(absolute) ?? statSync(absolute).mtime;
}
