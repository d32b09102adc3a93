// Support staff change a response target in one place, content/data/sla.yaml, and every page that
// shows it changes with it: the SLA page, articles that embed the table, and the ticket form.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, ROOT } from "../fixture-content.ts";
import { tempDir } from "../temp-dir.ts";

describe("changing an SLA target", () => {
  it("changes every page that shows it", { timeout: 180_000 }, () => {
    const dir = tempDir("kb-sla-");
    cpSync(FIXTURE_CONTENT, join(dir, "content"), { recursive: true });
    const slaFile = join(dir, "content/data/sla.yaml");
    const sla = readFileSync(slaFile, "utf8");
    expect(sla).toContain("High: { minutes: 120, clock: 24x7 }");
    writeFileSync(slaFile, sla.replace("High: { minutes: 120, clock: 24x7 }", "High: { minutes: 45, clock: 24x7 }"));
    const out = join(dir, "out");
    const result = spawnSync(join(ROOT, "node_modules/.bin/astro"), ["build"], {
      cwd: ROOT,
      env: { ...process.env, KB_CONTENT_DIR: join(dir, "content"), KB_OUT_DIR: out, KB_CACHE_DIR: join(dir, "cache"), ASTRO_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    const page = (path: string) => readFileSync(join(out, path, "index.html"), "utf8");
    for (const path of ["support/priorities", "customer-help/response-times", "support-handbook/sla-for-staff"]) {
      expect(existsSync(join(out, path, "index.html")), path).toBe(true);
      expect(page(path), path).toContain("within 45 minutes, around the clock");
      expect(page(path), path).not.toContain("within 2 hours, around the clock");
    }
    // The ticket form computes its preview from the same data.
    expect(page("tickets/new")).toMatch(/"plus":\{[^}]*"firstResponse":\{"High":\{"minutes":45,"clock":"24x7"\}/);
  });
});
