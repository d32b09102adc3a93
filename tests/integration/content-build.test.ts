// Bad content must fail `npm run build` too, not only the content check, with the file, the line
// and the field: the build validates with the same schemas (src/content.config.ts).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeContentDir, ROOT } from "../fixture-content.ts";

function runBuild(dir: string) {
  const result = spawnSync(join(ROOT, "node_modules/.bin/astro"), ["build"], {
    cwd: ROOT,
    env: {
      ...process.env,
      KB_CONTENT_DIR: dir,
      KB_OUT_DIR: join(dir, "out"),
      KB_CACHE_DIR: join(dir, "cache"),
      ASTRO_TELEMETRY_DISABLED: "1",
    },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("production build (astro build)", () => {
  it("fails on a misspelt frontmatter field with the file, line and the field meant", { timeout: 120_000 }, () => {
    const dir = makeContentDir({ "customer-help/misspelt-fields.mdx": "misspelt-fields.mdx", "customer-help/valid.mdx": "valid.mdx" });
    const { status, output } = runBuild(dir);
    expect(status).not.toBe(0);
    const file = join(dir, "articles/customer-help/misspelt-fields.mdx");
    expect(output).toContain(`${file}:9  darft: unknown field; did you mean draft?`);
    expect(output).toContain(`${file}:10  keyword: unknown field; did you mean keywords?`);
  });

  it("fails on a bad article and says which file, line and field", { timeout: 120_000 }, () => {
    const dir = makeContentDir({ "customer-help/bad-audience.mdx": "bad-audience.mdx", "customer-help/valid.mdx": "valid.mdx" });
    const { status, output } = runBuild(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${join(dir, "articles/customer-help/bad-audience.mdx")}:4  audience[0]: audience must be one of: new-hire, customer, support-staff`);
  });
});
