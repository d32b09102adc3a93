// The checks over the built site (npm run test:links, npm run test:html) report the built page and
// line, and for an article page the MDX file and line to edit. tests/fixtures/site is a tiny
// stand-in for dist/ built from the fixture articles of the same names.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeContentDir, ROOT } from "../../../tests/fixture-content.ts";
import { tempDir } from "../../../tests/temp-dir.ts";

const SITE = join(ROOT, "tests/fixtures/site");
const content = makeContentDir({
  "customer-help/broken-links.mdx": "broken-links.mdx",
  "customer-help/valid.mdx": "valid.mdx",
  "customer-help/skipped-heading.mdx": "skipped-heading.mdx",
  "customer-help/image-without-alt.mdx": "image-without-alt.mdx",
});

function run(script: string, distDir: string) {
  const result = spawnSync(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, KB_CONTENT_DIR: content, KB_DIST_DIR: distDir },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A copy of the fixture site with only the pages that have nothing wrong. */
function cleanSite(): string {
  const dir = tempDir("kb-site-");
  cpSync(join(SITE, "customer-help/valid"), join(dir, "customer-help/valid"), { recursive: true });
  mkdirSync(join(dir, "customer-help"), { recursive: true });
  cpSync(join(SITE, "customer-help/valid/index.html"), join(dir, "index.html"));
  return dir;
}

describe("broken links in the built site (npm run test:links)", { timeout: 60_000 }, () => {
  it("names the MDX line and the built page line of a link to a missing page", () => {
    const { status, output } = run("scripts/check-links.ts", SITE);
    expect(status).toBe(1);
    expect(output).toMatch(
      /customer-help\/broken-links\.mdx:12 +link: "\/customer-help\/no-such-article\/" leads nowhere \(HTTP 404\); built page tests\/fixtures\/site\/customer-help\/broken-links\/index\.html:9/,
    );
  });

  it("names the MDX line of an #anchor that no heading on the target page has", () => {
    const { output } = run("scripts/check-links.ts", SITE);
    expect(output).toMatch(
      /customer-help\/broken-links\.mdx:14 +link: "\/customer-help\/valid\/#no-such-heading": the page \/customer-help\/valid\/ has no heading or element with id "no-such-heading"; built page .*broken-links\/index\.html:10/,
    );
    expect(output).toContain("2 broken links");
  });

  it("passes a site whose links all lead somewhere", () => {
    const { status, output } = run("scripts/check-links.ts", cleanSite());
    expect(output).toContain("Links OK");
    expect(status).toBe(0);
  });
});

describe("headings and alt text in the built site (npm run test:html)", () => {
  const { status, output } = run("scripts/check-html.ts", SITE);

  it("reports a skipped heading level at the MDX line and the built line", () => {
    expect(status).toBe(1);
    expect(output).toMatch(
      /customer-help\/skipped-heading\.mdx:14 +heading: "A detail" is a <h4> heading but it follows a <h2> heading, so a level is skipped; make it <h3>.*; built page .*skipped-heading\/index\.html:9/,
    );
  });

  it("reports an image without alt at the MDX line, and accepts alt=\"\" as decoration", () => {
    expect(output).toMatch(/customer-help\/image-without-alt\.mdx:14 +image: the image "\/favicon\.svg" has no alt text; .*image-without-alt\/index\.html:9/);
    expect(output).not.toMatch(/image-without-alt\/index\.html:8/);
  });

  it("points at the page template when the problem is not in an article", () => {
    expect(output).toMatch(/tests\/fixtures\/site\/index\.html:10 +heading: "A template heading that skips a level" is a <h3> heading but it follows a <h1> heading.*\(in the page template for \/: src\/pages\/ or src\/components\/\)/);
    expect(output).toContain("3 page structure problems");
  });

  it("passes pages with headings in order and described images", () => {
    const clean = run("scripts/check-html.ts", cleanSite());
    expect(clean.output).toContain("Pages OK: 2 built pages");
    expect(clean.status).toBe(0);
  });
});
