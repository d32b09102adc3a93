// Bad content must fail `npm run check` and `npm run build` with the file, the field and what is
// allowed, so the person who made the mistake can fix it without asking a developer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_FILES } from "../../../src/lib/data-files.ts";
import { FIXTURE_CONTENT, makeContentDir, runContentCheck } from "../../../tests/fixture-content.ts";

const runCheck = runContentCheck;

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
    expect(output).toMatch(
      /broken-mdx\.mdx:12 +body: <Callout> is opened but never closed; add <\/Callout> after its content, or end the tag with \/> if it has none \(the MDX parser says: Expected a closing tag for `<Callout>` \(line 12\)/,
    );
    expect(output).toMatch(/unknown-component\.mdx:10 +body: <Calout> is not an article component; available: .*Callout/);
  });

  it("rejects a misspelt frontmatter field with its line and the field that was meant", () => {
    const dir = makeContentDir({ "customer-help/misspelt-fields.mdx": "misspelt-fields.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/misspelt-fields\.mdx:6 +ownr: unknown field; did you mean owner\?/);
    expect(output).toMatch(/misspelt-fields\.mdx:9 +darft: unknown field; did you mean draft\?/);
    expect(output).toMatch(/misspelt-fields\.mdx:10 +keyword: unknown field; did you mean keywords\?/);
    // Nothing close: the message lists the fields an article can have.
    expect(output).toMatch(/misspelt-fields\.mdx:13 +colour: unknown field; the fields here are: title, description, audience, .*draft/);
  });

  it("explains a stray { in plain words before the parser's message", () => {
    const dir = makeContentDir({ "customer-help/stray-brace.mdx": "stray-brace.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(
      /stray-brace\.mdx:12 +body: a "\{" in the text starts a piece of code, and what follows is not code; to show a brace, write \\\{ or put the text in backticks \(the MDX parser says: .*brace/,
    );
  });

  it("rejects a word in braces, which would run as code at build time, but not comments", () => {
    const dir = makeContentDir({ "customer-help/brace-expression.mdx": "brace-expression.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/brace-expression\.mdx:12 +body: "\{workspace\}" would run as code when the page is built; to show the braces, write \\\{ and \\\}/);
    expect(output).toContain("1 content problem to fix");
  });

  it("rejects a misspelt field in every data file and in site.yaml, naming the line and the field meant", () => {
    const files = [...Object.values(DATA_FILES).map((file) => file.path), "site.yaml"];
    const overrides: Record<string, string> = {};
    const expected: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(FIXTURE_CONTENT, file), "utf8");
      // The first field after a list entry's id (or, in a file that is one mapping such as site.yaml,
      // its first top-level field), with two letters swapped.
      const match = /^(?:- id: .*\n(\s+)|())([a-zA-Z]+):/m.exec(text);
      if (!match) throw new Error(`no field found in ${file}`);
      const key = match[3]!;
      const typo = `${key[1]}${key[0]}${key.slice(2)}`;
      const start = match.index + match[0].length - key.length - 1;
      overrides[file] = `${text.slice(0, start)}${typo}${text.slice(start + key.length)}`;
      const line = text.slice(0, start).split("\n").length;
      const inList = match[1] !== undefined;
      expected.push(`${file}:${line}  ${inList ? "[0]." : ""}${typo}: unknown field; did you mean ${key}?`);
    }
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, overrides);
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    for (const line of expected) expect(output).toContain(line);
  });

  it("warns about a YAML file in content/data that no page or check reads, and still passes", () => {
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/escalations.yaml": "- id: night\n  name: Night shift\n" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(0);
    expect(output).toMatch(/warning +.*data\/escalations\.yaml +\(file\): no page or check reads this file; register it in DATA_FILES \(src\/lib\/data-files\.ts/);
  });

  it("names the line of an onboarding task that links to a missing article", () => {
    const onboarding = "- id: first-day\n  title: First day\n  when: Day 1\n  summary: Get started.\n  tasks:\n    - id: hello\n      text: Say hello\n      article: customer-help/no-such-article\n";
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/onboarding.yaml": onboarding });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/onboarding\.yaml:8 +\[0\]\.tasks\[0\]\.article: no article "customer-help\/no-such-article" exists/);
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
    const sla = readFileSync(join(FIXTURE_CONTENT, "data/sla.yaml"), "utf8").replace(
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
    const plans = readFileSync(join(FIXTURE_CONTENT, "data/plans.yaml"), "utf8").replace("department: paid-support", "department: vip-lounge");
    const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/plans.yaml": plans });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/plans\.yaml +\[\d\]\.department: "vip-lounge" is not in data\/departments\.yaml; use one of: paid-support, community, trials/);
  });
});

describe("alert rules (content/data/alerts.yaml)", () => {
  const alerts = readFileSync(join(FIXTURE_CONTENT, "data/alerts.yaml"), "utf8");
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
    expect(output).toContain(`data/alerts.yaml:${lineOf(broken, "warnBefore:")}  rules[1].warnBefore: unknown field; the fields here are: id, description, destination, when, newTicket, warnMinutesBefore`);
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
