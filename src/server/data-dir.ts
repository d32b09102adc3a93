// Checks at start-up that the data folder (tickets.sqlite, feedback.sqlite) can be written, so a
// wrong KB_DATA_DIR stops the server with one line saying what to do instead of a stack trace from
// deep inside SQLite, and never later, on a customer's ticket.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "part of the path is a file, not a folder",
  ENOSPC: "the disk is full",
  EEXIST: "a file has that name",
  ENOENT: "no folder can be made there",
};

export class DataDirError extends Error {}

/** Null when `dir` exists (or was created) and a file can be written in it; otherwise the reason. */
export function dataDirProblem(dir: string): string | null {
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    makeFolders(dir);
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    return REASONS[code] ?? (error as Error).message;
  }
}

/**
 * Makes `dir` and any missing parents, one level at a time: Node's recursive mkdir retries forever
 * on a file system where a folder's parent exists and mkdir still answers ENOENT (such as /proc).
 */
function makeFolders(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolders(parent);
  mkdirSync(dir);
}

/** Throws DataDirError, whose message is the one line to print, when `dir` cannot be written. */
export function checkDataDir(dir: string): void {
  const reason = dataDirProblem(dir);
  if (reason === null) return;
  throw new DataDirError(
    `Cannot write to the data folder ${dir} (KB_DATA_DIR): ${reason}. Set KB_DATA_DIR to a folder this user can write to, or make that folder writable, then start again.`,
  );
}
