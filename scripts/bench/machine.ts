// The machine the benchmark runs on: what it is, and how busy it is. On a shared 2-core machine a
// build started while something else runs takes twice as long, so the benchmark records the load
// and can wait for the CPUs to go quiet first.
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { spawnSync } from "node:child_process";

export function describeMachine(chromiumPath?: string) {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryBytes: totalmem(),
    os: osName(),
    node: process.version,
    chromium: chromiumPath ? chromiumVersion(chromiumPath) : null,
  };
}

function osName(): string {
  try {
    return /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

function chromiumVersion(path: string): string | null {
  const result = spawnSync(path, ["--version"], { encoding: "utf8" });
  return result.stdout?.trim().split("\n").pop() ?? null;
}

/**
 * How busy the CPUs are right now: the share of CPU time not idle over the next `ms`, or null where
 * /proc is missing. (The load average would still show the build that just finished for a minute.)
 */
export async function busyShare(ms = 2000): Promise<number | null> {
  const before = cpuTimes();
  if (!before) return null;
  await new Promise((r) => setTimeout(r, ms));
  const after = cpuTimes()!;
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

function cpuTimes(): { idle: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { idle, total: values.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/**
 * Waits until the CPUs have been at least `idleShare` idle for `quietSeconds` in a row, or gives
 * up after `maxSeconds`. Returns how long it waited, or null without /proc.
 */
export async function waitForIdleCpu(idleShare = 0.85, quietSeconds = 10, maxSeconds = 600): Promise<number | null> {
  const started = Date.now();
  let quietSince = Date.now();
  let previous = cpuTimes();
  if (!previous) return null;
  while ((Date.now() - started) / 1000 < maxSeconds) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuTimes()!;
    const idle = (now.idle - previous.idle) / Math.max(1, now.total - previous.total);
    previous = now;
    if (idle < idleShare) quietSince = Date.now();
    else if ((Date.now() - quietSince) / 1000 >= quietSeconds) break;
  }
  return (Date.now() - started) / 1000;
}
