// `npm run tickets -- <args>` as support staff run it, with only the environment given (none of the
// test's own variables), so a test sees exactly what the command prints and how it exits.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");

export interface TicketsCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Resolves with the command's output whatever its exit code. */
export async function runTicketsCommand(env: Record<string, string | undefined>, args: string[]): Promise<TicketsCommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/tickets.ts", ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as TicketsCommandResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
