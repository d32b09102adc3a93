// Support staff see which articles their team must re-read, overdue first. The ordering rules are
// unit-tested (tests/unit/review-status.test.ts); here the real content's pages are checked.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { REVIEW_PAGE_SIZE } from "../../src/lib/review-status.ts";
import { expectNoAxeViolations, ROOT, useTheme } from "./fixtures.ts";

/** Published article ids per owning team, read from the content the site was built from. */
function articlesByOwner(): Map<string, string[]> {
  const byOwner = new Map<string, string[]>();
  const dir = join(ROOT, "content/articles");
  for (const category of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, category)).filter((f) => f.endsWith(".mdx"))) {
      const data = parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, category, file), "utf8"))?.[1] ?? "") as { owner: string; draft?: boolean };
      if (data.draft) continue;
      byOwner.set(data.owner, [...(byOwner.get(data.owner) ?? []), `${category}/${file.replace(/\.mdx$/, "")}`]);
    }
  }
  return byOwner;
}

test("the footer leads to the article reviews, which search engines and site search leave out", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Article reviews (staff)" }).click();
  await expect(page).toHaveURL(/\/staff\/reviews\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Article reviews" })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
  await expect(page.locator("[data-pagefind-body]")).toHaveCount(0);
});

test("the summary counts each team's articles by status and links to the team's list", async ({ page }) => {
  const owners = articlesByOwner();
  await page.goto("/staff/reviews/");
  const rows = page.locator("[data-review-summary] tbody tr");
  await expect(rows).toHaveCount((await page.locator("[data-team]").count()));
  for (const row of await rows.all()) {
    const team = (await row.getAttribute("data-team")) ?? "";
    await expect(row.getByRole("link")).toHaveAttribute("href", `/staff/reviews/${team}/`);
    if (!owners.get(team)?.length) {
      // A team with nothing to review says so, rather than a row of zeros.
      await expect(row.locator('[data-count="none"]'), team).toHaveText("Owns no articles yet");
      continue;
    }
    const count = async (status: string) => Number(await row.locator(`[data-count="${status}"]`).textContent());
    expect(await count("total"), team).toBe(owners.get(team)?.length ?? 0);
    expect((await count("overdue")) + (await count("due-soon")) + (await count("ok")), team).toBe(await count("total"));
  }
});

test("each team's page lists exactly its articles with dates and status, most urgent first", async ({ page }) => {
  const owners = articlesByOwner();
  const rank = { overdue: 0, "due-soon": 1, ok: 2 } as Record<string, number>;
  for (const [team, ids] of owners) {
    await page.goto(`/staff/reviews/${team}/`);
    const rows = page.locator(`[data-team-reviews="${team}"] tbody tr`);
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-article")));
    // The first page holds up to one page of the team's articles, and only the team's.
    expect(listed.length, team).toBe(Math.min(ids.length, REVIEW_PAGE_SIZE));
    for (const id of listed) expect(ids, team).toContain(id);
    const order = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        status: tr.querySelector("[data-review-status]")?.getAttribute("data-review-status") ?? "",
        reviewBy: tr.querySelector("[data-review-by]")?.getAttribute("datetime") ?? "",
      })),
    );
    for (const [index, row] of order.entries()) {
      expect(Object.keys(rank), team).toContain(row.status);
      const previous = order[index - 1];
      if (previous) {
        expect(rank[previous.status]! <= rank[row.status]!, `${team}: ${previous.status} before ${row.status}`).toBe(true);
        if (previous.status === row.status) expect(previous.reviewBy <= row.reviewBy, `${team}: review dates in order`).toBe(true);
      }
    }
    await expect(rows.first().getByRole("link")).toHaveAttribute("href", /^\/[a-z0-9-]+\/[a-z0-9-]+\/$/);
  }
});

/** Teams in teams.yaml that own no published article. */
function teamsWithoutArticles(): { id: string; name: string }[] {
  const teams = parse(readFileSync(join(ROOT, "content/data/teams.yaml"), "utf8")) as { id: string; name: string }[];
  const owners = articlesByOwner();
  return teams.filter((team) => !owners.has(team.id));
}

test("a team with no articles says so, instead of '0 articles, overdue first'", async ({ page }) => {
  const empty = teamsWithoutArticles();
  test.skip(empty.length === 0, "every team owns articles in this content");
  for (const team of empty) {
    await page.goto(`/staff/reviews/${team.id}/`);
    await expect(page.locator("[data-team-summary]"), team.id).toContainText(`${team.name}`);
    await expect(page.locator("[data-team-summary]"), team.id).toContainText("owns no articles yet, so it has nothing to review");
    await expect(page.locator("[data-team-summary]"), team.id).not.toContainText("overdue first");
    // Teams with something to review are listed before the ones without.
    await page.goto("/staff/reviews/");
    const order = await page.locator("[data-review-summary] tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelector('[data-count="none"]') !== null));
    expect(order.indexOf(true)).toBe(order.length - order.filter(Boolean).length);
  }
});

test("an article says 'last reviewed' only for a recorded review, and 'last changed' otherwise", async ({ page }) => {
  // No lastReviewed in its frontmatter: the date is its last change, and the page says so.
  await page.goto("/customer-help/choosing-a-priority/");
  await expect(page.locator("[data-review-dates]")).toHaveText(
    /^\s*Owned by Customer Support\.\s+No review recorded yet; last changed \d{1,2} \w+ \d{4} · next review by 30 June 2027/,
  );
  // lastReviewed set: the page shows that date as the review.
  const source = readFileSync(join(ROOT, "content/articles/getting-started/channels-to-join.mdx"), "utf8");
  const reviewed = /^lastReviewed: (\d{4}-\d{2}-\d{2})$/m.exec(source)?.[1];
  expect(reviewed, "channels-to-join records a review").toBeDefined();
  await page.goto("/getting-started/channels-to-join/");
  await expect(page.locator("[data-review-dates]")).toHaveText(/^\s*Owned by People Operations\.\s+Last reviewed \d{1,2} \w+ \d{4} · next review by/);
  await expect(page.locator("[data-last-check]")).toHaveAttribute("datetime", reviewed!);
  await expect(page.locator("[data-last-check]")).toHaveAttribute("data-last-check", "review");
});

for (const theme of ["light", "dark"] as const) {
  for (const path of ["/staff/reviews/", "/staff/reviews/support/"]) {
    test(`${path} has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }
}
