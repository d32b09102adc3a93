// Vitest global set-up: finds a PostgreSQL for the tests that run against it. TEST_DATABASE_URL if it
// is set (.ci/run sets it to the throwaway cluster it starts; "off" skips them); otherwise, if
// PostgreSQL is installed, a throwaway cluster of our own on a free port, removed at the end;
// otherwise none, and the PostgreSQL tests are skipped with a line saying why. DATABASE_URL is never used: it may be the
// production database. Each test then works in a schema of its own (tests/postgres.ts).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../scripts/lib/free-port.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server's URL for tests, or null when there is none (the PostgreSQL tests are skipped). */
    postgresUrl: string | null;
  }
}

const SCRIPT = resolve(import.meta.dirname, "../scripts/throwaway-postgres.sh");

/** No PostgreSQL: its tests are skipped, said before the run and again after the summary, where it is seen. */
function skip(project: TestProject, why: string): () => void {
  const line = `PostgreSQL tests skipped: ${why}. Every other test ran.`;
  console.log(line);
  project.provide("postgresUrl", null);
  return () => console.log(`\n${line}`);
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given === "off") return skip(project, "TEST_DATABASE_URL=off");
  if (given) {
    project.provide("postgresUrl", given);
    return () => {};
  }
  if (spawnSync("bash", [SCRIPT, "bindir"], { stdio: "ignore" }).status !== 0) {
    return skip(
      project,
      "TEST_DATABASE_URL is not set and PostgreSQL is not installed. Install it (apt-get install postgresql) or set TEST_DATABASE_URL=postgres://… to run them",
    );
  }
  const parent = mkdtempSync(join(tmpdir(), "kb-test-postgres-"));
  // The cluster runs as the postgres user when the tests run as root; it must reach its folder.
  chmodSync(parent, 0o755);
  const dir = join(parent, "cluster");
  const started = spawnSync("bash", [SCRIPT, "start", dir, String(await freePort())], { encoding: "utf8" });
  if (started.status !== 0) {
    rmSync(parent, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL for the tests:\n${started.stderr}`);
  }
  project.provide("postgresUrl", started.stdout.trim());
  return () => {
    spawnSync("bash", [SCRIPT, "stop", dir], { stdio: "ignore" });
    rmSync(parent, { recursive: true, force: true });
  };
}
