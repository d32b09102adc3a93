// Bad content must fail `npm run check` and `npm run build` with the file, the field and what is
// allowed, so the person who made the mistake can fix it without asking a developer.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeContentDir, ROOT } from "../fixture-content.ts";

function runCheck(contentDir: string) {
  const result = spawnSync(process.execPath, ["scripts/check-content.ts"], {
    cwd: ROOT,
    env: { ...process.env, KB_CONTENT_DIR: contentDir },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("content check (npm run check:content)", () => {
  it("passes a valid article", () => {
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" });
    const { status, output } = runCheck(dir);
    expect(output).toContain("Content OK: 1 articles checked");
    expect(status).toBe(0);
  });

  it("names the file, line, field and allowed values for a bad audience", () => {
    const dir = makeContentDir({ "customer-help/bad-audience.mdx": "bad-audience.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/articles\/customer-help\/bad-audience\.mdx:4 +audience\[0\]: audience must be one of: new-hire, customer, support-staff \(found "customers"\)/);
  });

  it("reports every broken article in one run, not only the first", () => {
    const dir = makeContentDir({
      "customer-help/bad-review-date.mdx": "bad-review-date.mdx",
      "customer-help/missing-description.mdx": "missing-description.mdx",
      "customer-help/wrong-category.mdx": "wrong-category.mdx",
      "customer-help/unknown-owner.mdx": "unknown-owner.mdx",
      "customer-help/bad-related.mdx": "bad-related.mdx",
      "customer-help/valid.mdx": "valid.mdx",
    });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/bad-review-date\.mdx:7 +reviewBy: write the date as YYYY-MM-DD/);
    expect(output).toMatch(/missing-description\.mdx(:\d+)? +description: add a one-sentence description/);
    expect(output).toMatch(/wrong-category\.mdx:5 +category: the article is in the folder "customer-help" but says category "support-handbook"/);
    expect(output).toMatch(/unknown-owner\.mdx:6 +owner: owner must be a team id: support, people-ops/);
    expect(output).toMatch(/bad-related\.mdx:8 +related\[0\]: no article "customer-help\/no-such-article" exists/);
    expect(output).toContain("5 content problems to fix");
  });

  it("points at the line of a broken MDX body and at a misspelt component", () => {
    const dir = makeContentDir({
      "customer-help/broken-mdx.mdx": "broken-mdx.mdx",
      "customer-help/unknown-component.mdx": "unknown-component.mdx",
    });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/broken-mdx\.mdx:12 +body: MDX could not be read: Expected a closing tag for `<Callout>` \(line 12\)/);
    expect(output).toMatch(/unknown-component\.mdx:10 +body: <Calout> is not an article component; available: .*Callout/);
  });

  it("rejects an import in an article, since the components need none", () => {
    const dir = makeContentDir({ "customer-help/imports-component.mdx": "imports-component.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/imports-component\.mdx:10 +body: articles cannot use import or export; the article components are available by name/);
  });

  it("rejects a .md article, which the build would not publish", () => {
    const dir = makeContentDir({ "customer-help/plain-markdown.md": "plain-markdown.md" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/customer-help\/plain-markdown\.md +\(file\): only \.mdx files are published; rename it to plain-markdown\.mdx/);
  });

  it("names the data file, line and field when an SLA target is not a number", () => {
    const sla = readFileSync(join(ROOT, "content/data/sla.yaml"), "utf8").replace(
      "High: { minutes: 120, clock: 24x7 }",
      'High: { minutes: "two hours", clock: 24x7 }',
    );
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/sla.yaml": sla });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    const line = sla.split("\n").findIndex((l) => l.includes('"two hours"')) + 1;
    expect(output).toContain(`data/sla.yaml:${line}  [2].firstResponse.High.minutes:`);
  });

  it("rejects a plan that routes to a department nobody defined", () => {
    const plans = readFileSync(join(ROOT, "content/data/plans.yaml"), "utf8").replace("department: paid-support", "department: vip-lounge");
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/plans.yaml": plans });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/plans\.yaml +\[\d\]\.department: "vip-lounge" is not in data\/departments\.yaml; use one of: paid-support, community, trials/);
  });
});

describe("alert rules (content/data/alerts.yaml)", () => {
  const alerts = readFileSync(join(ROOT, "content/data/alerts.yaml"), "utf8");
  const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

  it("reports a misspelt field, a department and a destination that do not exist, and a Slack channel, all in one run", () => {
    const broken = alerts
      .replace("warnMinutesBefore: 60", "warnBefore: 60")
      .replace("departments: [paid-support, trials]", "departments: [paid-support, vip]")
      .replace("destination: customer-success", "destination: customer-sucess")
      .replace('name: "#support-team"\n    format: rocketchat', 'name: "#support-team"\n    format: slack\n    channel: "#support-team"');
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/alerts.yaml": broken });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toContain(`data/alerts.yaml:${lineOf(broken, "id: response-targets")}  rules[1]: unknown field "warnBefore"; the fields here are: id, description, destination, when, newTicket, warnMinutesBefore`);
    expect(output).toContain(`data/alerts.yaml:${lineOf(broken, "vip")}  rules[0].when.departments[1]: use department ids from content/data/departments.yaml: paid-support, community, trials (found "vip")`);
    expect(output).toContain(`data/alerts.yaml:${lineOf(broken, "customer-sucess")}  rules[2].destination: "customer-sucess" is not a destination in this file; use one of: support-team, customer-success`);
    expect(output).toContain(`data/alerts.yaml:${lineOf(broken, 'channel: "#support-team"')}  destinations[0].channel: Slack and Microsoft Teams webhooks always post where they were created`);
  });

  it("rejects a rule that would send nothing", () => {
    const silent = alerts.replace("newTicket: false\n    breach: true", "newTicket: false\n    breach: false");
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/alerts.yaml": silent });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/alerts\.yaml:\d+ +rules\[2\]\.newTicket: this rule sends nothing: set newTicket: true, a warnMinutesBefore, or breach: true/);
  });
});

describe("production build (astro build)", () => {
  it("fails on a bad article and says which file and field", { timeout: 120_000 }, () => {
    const dir = makeContentDir({ "customer-help/bad-audience.mdx": "bad-audience.mdx", "customer-help/valid.mdx": "valid.mdx" });
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
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain("customer-help/bad-audience");
    expect(output).toContain(join(dir, "articles/customer-help/bad-audience.mdx"));
    expect(output).toContain("audience must be one of: new-hire, customer, support-staff");
  });
});
