// Runs one build step and measures it: wall time, and peak memory of the whole process tree (the
// sum of every descendant's resident memory, sampled from /proc). Where GNU time is installed it
// also reports the kernel's figure for the largest single process, which sampling cannot miss.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { listFiles } from "../../src/lib/content-files.ts";

export interface StepResult {
  name: string;
  command: string;
  seconds: number;
  exitCode: number;
  /** Highest sum of resident memory over the process tree, sampled; null where /proc is missing. */
  peakTreeBytes: number | null;
  /** Largest single process's peak resident memory, from GNU time or from sampling. */
  peakProcessBytes: number | null;
  peakSource: "proc" | "gnu-time" | "proc+gnu-time" | "none";
  /**
   * CPU seconds (user + system) of the step's processes: GNU time's figure for those it waited for,
   * or the sum sampled from /proc over the whole tree if larger; null with neither. Less sensitive
   * than wall time to other work on the machine.
   */
  cpuSeconds: number | null;
  /** Process-tree memory once a second: [seconds since start, MiB], to see which phase peaks. */
  memoryTimeline: [number, number][];
  log: string;
}

const HAS_PROC = existsSync("/proc/self/status");
const GNU_TIME = "/usr/bin/time";

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = 100;
/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuOf(pid: number): number {
  try {
    // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").pop()!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process ended between listing and reading.
  }
  return children;
}

function treeOf(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...childrenOf(pids[i]!));
  return pids;
}

let gnuTime: boolean | undefined;
/** GNU time with `-f %M` (maximum resident set size); busybox and shell builtins do not qualify. */
export function hasGnuTime(): boolean {
  gnuTime ??= existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" }).stderr?.trim().match(/^\d+$/) !== null;
  return gnuTime;
}

export async function runStep(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; intervalMs?: number },
): Promise<StepResult> {
  const useTime = hasGnuTime();
  const timeFile = `${options.logFile}.time`;
  const [file, argv] = useTime ? [GNU_TIME, ["-f", "%M %U %S", "-o", timeFile, command, ...args]] : [command, args];
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  let peakTree = 0;
  let peakProcess = 0;
  // Last CPU figure seen for each process of the tree: GNU time counts only the processes the
  // command waited for, and the search index's Pagefind processes are not always among them.
  const cpuByPid = new Map<number, number>();
  const timeline: [number, number][] = [];
  const sample = () => {
    if (!HAS_PROC || child.pid === undefined) return;
    let sum = 0;
    for (const pid of treeOf(child.pid)) {
      // GNU time itself is a few hundred kilobytes; counting it keeps the code simple and the figure honest.
      const rss = rssBytes(pid);
      cpuByPid.set(pid, Math.max(cpuByPid.get(pid) ?? 0, cpuOf(pid)));
      sum += rss;
      peakProcess = Math.max(peakProcess, rss);
    }
    peakTree = Math.max(peakTree, sum);
    const second = Math.floor((performance.now() - started) / 1000);
    const last = timeline[timeline.length - 1];
    if (!last || last[0] < second) timeline.push([second, Math.round(sum / 2 ** 20)]);
    else last[1] = Math.max(last[1], Math.round(sum / 2 ** 20));
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  const exitCode: number = await new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => log.end(resolve));

  let gnuPeak: number | null = null;
  let cpuSeconds: number | null = null;
  if (useTime) {
    try {
      // The last line; a command killed by a signal gets a line about that before it.
      const [kb, user, system] = (readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
      if (Number.isFinite(kb) && kb! > 0) gnuPeak = kb! * 1024;
      if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user! + system!;
    } catch {
      // No figure: fall back to sampling.
    }
    rmSync(timeFile, { force: true });
  }
  return {
    name,
    command: [command, ...args].join(" "),
    seconds,
    exitCode,
    peakTreeBytes: HAS_PROC ? peakTree : null,
    peakProcessBytes: gnuPeak !== null ? Math.max(gnuPeak, peakProcess) : HAS_PROC ? peakProcess : null,
    peakSource: HAS_PROC && gnuPeak !== null ? "proc+gnu-time" : HAS_PROC ? "proc" : gnuPeak !== null ? "gnu-time" : "none",
    cpuSeconds: cpuByPid.size || cpuSeconds !== null ? Math.max(cpuSeconds ?? 0, [...cpuByPid.values()].reduce((a, b) => a + b, 0)) : null,
    memoryTimeline: timeline,
    log: options.logFile,
  };
}

/** Sizes of every file under a folder. */
export function walkFiles(dir: string): { path: string; bytes: number }[] {
  return listFiles(dir).map((file) => {
    const path = join(dir, file);
    return { path, bytes: statSync(path).size };
  });
}
