// The build as `npm run build` runs it (content check, astro build, search index and vocabulary), step by step,
// each measured with runStep. Used for the benchmark's full build and for its incremental rebuilds.
import { join } from "node:path";
import { runStep, type StepResult } from "./measure-process.ts";
import { mib, secs } from "./report.ts";

export const BUILD_STEPS = ["check", "astro", "search"] as const;
export type BuildStep = (typeof BUILD_STEPS)[number];

export interface BuildRun {
  steps: StepResult[];
  seconds: number;
  /** User + system seconds of every step, where GNU time measured them. */
  cpuSeconds: number | null;
  peakTreeBytes: number;
  peakProcessBytes: number;
}

export interface BuildOptions {
  site: string;
  env: NodeJS.ProcessEnv;
  /** Where each step's output goes: `<logPrefix>-<step>.log`. */
  logPrefix: string;
  steps?: ReadonlySet<BuildStep>;
  /** Printed before each step's figures. */
  label?: string;
}

export async function runBuild(options: BuildOptions): Promise<BuildRun> {
  const { site, env } = options;
  const commands: [BuildStep, string, string, string[]][] = [
    ["check", "content check", process.execPath, ["scripts/check-content.ts"]],
    ["astro", "astro build", join(site, "node_modules/.bin/astro"), ["build"]],
    ["search", "search index", process.execPath, ["scripts/build-search-index.ts"]],
    ["search", "search vocabulary", process.execPath, ["scripts/search-vocabulary.ts"]],
  ];
  const steps: StepResult[] = [];
  for (const [key, name, command, args] of commands) {
    if (options.steps && !options.steps.has(key)) continue;
    process.stdout.write(`${options.label ? `${options.label}: ` : ""}${name}... `);
    const step = await runStep(name, command, args, { cwd: site, env, logFile: `${options.logPrefix}-${name.replace(/\s/g, "-")}.log` });
    const cpu = step.cpuSeconds === null ? "" : ` (cpu ${secs(step.cpuSeconds)})`;
    console.log(`${secs(step.seconds)}${cpu}, peak ${step.peakTreeBytes === null ? "n/a" : mib(step.peakTreeBytes)}`);
    steps.push(step);
    if (step.exitCode !== 0) throw new Error(`${name} failed (exit ${step.exitCode}); see ${step.log}. The copy is kept in ${site}.`);
  }
  return {
    steps,
    seconds: steps.reduce((sum, step) => sum + step.seconds, 0),
    cpuSeconds: steps.every((s) => s.cpuSeconds !== null) ? steps.reduce((sum, step) => sum + step.cpuSeconds!, 0) : null,
    peakTreeBytes: Math.max(0, ...steps.map((s) => s.peakTreeBytes ?? 0)),
    peakProcessBytes: Math.max(0, ...steps.map((s) => s.peakProcessBytes ?? 0)),
  };
}
