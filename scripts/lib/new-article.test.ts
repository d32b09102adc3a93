// `npm run new` gives a support person a file in the right place with frontmatter that passes, and
// TODO prompts the content check refuses until they are replaced.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { articleSchema } from "../../src/lib/content-schemas.ts";
import { likelyOwner, planNewArticle, reviewDateAfter, slugForTitle, type NewArticleInput } from "./new-article.ts";
import { makeContentDir, ROOT } from "../../tests/fixture-content.ts";

const input: NewArticleInput = {
  category: "customer-help",
  title: "Exporting a channel's history",
  today: new Date("2026-11-23T09:00:00Z"),
  categories: [
    { id: "customer-help", audience: ["customer"] },
    { id: "integrations", audience: ["new-hire", "support-staff"] },
  ],
  teams: ["support", "people-ops", "docs"],
  articles: [
    { id: "customer-help/a", owner: "docs" },
    { id: "customer-help/b", owner: "support" },
    { id: "customer-help/c", owner: "support" },
    { id: "remote-work/d", owner: "people-ops" },
    { id: "remote-work/e", owner: "people-ops" },
    { id: "remote-work/f", owner: "people-ops" },
  ],
};

describe("new article plan", () => {
  it("makes the file name from the title", () => {
    expect(slugForTitle("Exporting a channel's history")).toBe("exporting-a-channels-history");
    expect(slugForTitle("Café  hours -- and   holidays!")).toBe("cafe-hours-and-holidays");
    expect(slugForTitle("A".repeat(20) + " " + "b".repeat(50))).toBe("a".repeat(20));
  });

  it("sets the review six months ahead, keeping month ends valid", () => {
    expect(reviewDateAfter(new Date("2026-11-23T00:00:00Z"))).toBe("2027-05-23");
    expect(reviewDateAfter(new Date("2026-08-31T00:00:00Z"))).toBe("2027-02-28");
  });

  it("picks the team that owns most articles in the category, else the most common owner", () => {
    expect(likelyOwner("customer-help", input.articles, input.teams).owner).toBe("support");
    expect(likelyOwner("integrations", input.articles, input.teams)).toMatchObject({ owner: "people-ops", reason: expect.stringContaining("has no articles yet") });
    expect(likelyOwner("integrations", [], input.teams).owner).toBe("support");
  });

  it("writes frontmatter the article schema accepts, with the category's audience", () => {
    const plan = planNewArticle(input);
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.file).toBe("articles/customer-help/exporting-a-channels-history.mdx");
    const frontmatter = parse(/^---\n([\s\S]*?)\n---/.exec(plan.source)?.[1] ?? "");
    const data = articleSchema({ categories: ["customer-help"], teams: input.teams }).parse(frontmatter);
    expect(data).toMatchObject({ title: "Exporting a channel's history", audience: ["customer"], owner: "support", category: "customer-help" });
    expect(data.reviewBy.toISOString().slice(0, 10)).toBe("2027-05-23");
    expect(data.description).toMatch(/^TODO/);
  });

  it("refuses an unknown category and lists the real ones", () => {
    expect(planNewArticle({ ...input, category: "billing" })).toEqual({
      ok: false,
      error: 'There is no category "billing". Choose one of: customer-help, integrations (they are listed in content/data/categories.yaml).',
    });
  });

  it("refuses a title too short to name the article", () => {
    expect(planNewArticle({ ...input, title: " B " })).toMatchObject({ ok: false, error: expect.stringContaining("between 3 and 120 characters") });
  });

  it("refuses a file name that exists, in this or another category", () => {
    expect(planNewArticle({ ...input, articles: [{ id: "customer-help/exporting-a-channels-history" }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining("content/articles/customer-help/exporting-a-channels-history.mdx already exists"),
    });
    expect(planNewArticle({ ...input, articles: [{ id: "product-help/exporting-a-channels-history" }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining("must be unique across categories"),
    });
  });
});

describe("npm run new", () => {
  const run = (dir: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, ["scripts/new-article.ts", ...args], { cwd: ROOT, env: { ...process.env, KB_CONTENT_DIR: dir }, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const check = (dir: string) => {
    const result = spawnSync(process.execPath, ["scripts/check-content.ts"], { cwd: ROOT, env: { ...process.env, KB_CONTENT_DIR: dir }, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  it("creates the article, prints its path and next steps, and the check then asks for the TODOs", () => {
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" });
    const { status, output } = run(dir, "customer-help", "Exporting a channel's history");
    expect(status).toBe(0);
    const file = join(dir, "articles/customer-help/exporting-a-channels-history.mdx");
    expect(output).toContain(`Created ${file}`);
    expect(output).toContain("Next steps:");
    expect(output).toContain("http://localhost:4321/customer-help/exporting-a-channels-history/");
    expect(readFileSync(file, "utf8")).toContain("owner: support");

    const after = check(dir);
    expect(after.status).toBe(1);
    expect(after.output).toMatch(/exporting-a-channels-history\.mdx:3 +description: "TODO" looks like placeholder text/);
    expect(after.output).toMatch(/exporting-a-channels-history\.mdx:12 +body: "TODO" looks like placeholder text/);
    expect(after.output).not.toMatch(/exporting-a-channels-history\.mdx:\d+ +(title|audience|owner|reviewBy|category):/);
  });

  it("refuses an unknown category, listing the valid ones", () => {
    const dir = makeContentDir({});
    const { status, output } = run(dir, "billing", "Paying by invoice");
    expect(status).toBe(1);
    expect(output).toContain('There is no category "billing". Choose one of: getting-started, remote-work');
    expect(existsSync(join(dir, "articles/billing"))).toBe(false);
  });

  it("refuses a title whose file already exists and leaves that file alone", () => {
    const dir = makeContentDir({ "customer-help/a-valid-fixture-article.mdx": "valid.mdx" });
    const before = readFileSync(join(dir, "articles/customer-help/a-valid-fixture-article.mdx"), "utf8");
    const { status, output } = run(dir, "customer-help", "A valid fixture article");
    expect(status).toBe(1);
    expect(output).toContain("content/articles/customer-help/a-valid-fixture-article.mdx already exists");
    expect(readFileSync(join(dir, "articles/customer-help/a-valid-fixture-article.mdx"), "utf8")).toBe(before);
  });

  it("explains the usage when the title is missing", () => {
    const { status, output } = run(makeContentDir({}), "customer-help");
    expect(status).toBe(1);
    expect(output).toContain('Usage: npm run new -- <category> "<title>"');
  });
});
