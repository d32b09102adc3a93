// Tables readable on a phone, and pages without an article outline using a wide screen's width.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import { ROOT } from "./fixtures.ts";

const data = <T>(file: string): T => parse(readFileSync(resolve(ROOT, "content", file), "utf8")) as T;
const PHONE = { width: 375, height: 800 };

/** The element is drawn inside the screen's width, neither cut off nor scrolled out of view. */
async function expectWithinScreen(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  expect(box, `${what} is drawn`).not.toBeNull();
  const width = page.viewportSize()!.width;
  expect(box!.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on screen`).toBeLessThanOrEqual(width);
  // Inside a scrolling container, being on the page is not enough: the container must not hide it.
  const hidden = await locator.evaluate((el) => {
    for (let parent = el.parentElement; parent; parent = parent.parentElement) {
      if (parent.scrollWidth > parent.clientWidth + 1 && getComputedStyle(parent).overflowX !== "visible") {
        const box = el.getBoundingClientRect();
        const frame = parent.getBoundingClientRect();
        if (box.right > frame.right + 1 || box.left < frame.left - 1) return true;
      }
    }
    return false;
  });
  expect(hidden, `${what} is not hidden in a scrolling box`).toBe(false);
}

/** What a phone-layout cell shows as its column name (its ::before label). */
const cellLabel = (cell: Locator) => cell.evaluate((el) => getComputedStyle(el, "::before").content);

test.describe("on a 375 px phone", () => {
  test.use({ viewport: PHONE });

  test("the SLA table shows every tier's target for every priority, each with its priority's name, and its whole caption", async ({ page }) => {
    await page.goto("/support/priorities/");
    const table = page.locator("main table").filter({ has: page.locator("[data-sla-cell]") });
    const caption = table.locator("caption");
    await expectWithinScreen(page, caption, "the caption");
    expect(await caption.evaluate((el) => el.scrollWidth <= el.clientWidth), "the caption is not cut off").toBe(true);
    for (const tier of data<{ id: string; name: string; firstResponse: Record<string, unknown> }[]>("data/sla.yaml")) {
      await expectWithinScreen(page, table.getByRole("rowheader", { name: new RegExp(tier.name) }), `${tier.name}`);
      for (const priority of Object.keys(tier.firstResponse)) {
        const cell = table.locator(`[data-sla-cell="${tier.id}:${priority}"]`);
        await expectWithinScreen(page, cell, `${tier.id} ${priority}`);
        expect(await cellLabel(cell), `${tier.id} ${priority} is labelled`).toContain(priority);
      }
    }
  });

  test("the naming table shows every rule with its pattern and example, the username rule included", async ({ page }) => {
    await page.goto("/channels/");
    for (const rule of data<{ appliesTo: string; pattern: string; example: string }[]>("data/channel-naming.yaml")) {
      const row = page.locator("main table tr").filter({ has: page.getByRole("rowheader", { name: rule.appliesTo, exact: true }) });
      await expectWithinScreen(page, row.getByRole("cell").filter({ hasText: rule.pattern }), `the pattern for ${rule.appliesTo}`);
      await expectWithinScreen(page, row.getByRole("cell").filter({ hasText: rule.example }), `the example for ${rule.appliesTo}`);
    }
  });

  test("the price table shows every plan's price", async ({ page }) => {
    await page.goto("/billing-and-account/plans-and-prices/");
    for (const plan of data<{ id: string; price?: unknown }[]>("data/plans.yaml").filter((p) => p.price)) {
      await expectWithinScreen(page, page.locator(`[data-plan="${plan.id}"] [data-plan-price]`), `the price of ${plan.id}`);
    }
  });

  test("pages built from tables fit the screen without sideways scrolling", async ({ page }) => {
    for (const path of ["/support/priorities/", "/channels/", "/billing-and-account/plans-and-prices/", "/support-handbook/intake-routes/", "/staff/reviews/", "/staff/reviews/support/"]) {
      await page.goto(path);
      const regions = await page.locator("main [role=region]").evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
      for (const overflow of regions) expect(overflow, `${path}: a table scrolls sideways`).toBeLessThanOrEqual(1);
    }
  });
});

test.describe("at 1,280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  /** The width of the page's content area, inside its padding. */
  const contentWidth = (page: Page) => page.locator("main").evaluate((el) => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) - parseFloat(getComputedStyle(el).paddingRight));

  test("the SLA table and the naming table use the page's width, not the text column", async ({ page }) => {
    for (const [path, selector] of [["/support/priorities/", "main table:has([data-sla-cell])"], ["/channels/", "main [aria-label='Naming conventions'] table"]] as const) {
      await page.goto(path);
      const width = (await page.locator(selector).first().boundingBox())!.width;
      expect(width, `${path}: table width`).toBeGreaterThan(0.9 * (await contentWidth(page)));
    }
  });

  test("the channel directory puts its groups side by side", async ({ page }) => {
    await page.goto("/channels/");
    const company = (await page.locator("#channels-company").boundingBox())!;
    const team = (await page.locator("#channels-team").boundingBox())!;
    expect(Math.abs(company.y - team.y), "company and team groups start on one row").toBeLessThan(2);
    expect(team.x).toBeGreaterThan(company.x + company.width);
  });

  test("a topic page lists the other topics beside its articles", async ({ page }) => {
    await page.goto("/customer-help/");
    const list = (await page.locator("main ul").first().boundingBox())!;
    const topics = page.getByRole("navigation", { name: "Topics" });
    const aside = (await topics.boundingBox())!;
    expect(aside.x, "the topics are to the right of the articles").toBeGreaterThan(list.x + list.width);
    expect(aside.y, "and start near the top").toBeLessThan(list.y);
    for (const category of data<{ id: string; title: string }[]>("data/categories.yaml")) {
      await expect(topics.getByRole("link", { name: category.title, exact: true })).toHaveAttribute("href", `/${category.id}/`);
    }
    await expect(topics.getByRole("link", { name: "Getting help" })).toHaveAttribute("aria-current", "page");
  });

  test("the onboarding path keeps its steps in view beside the checklists", async ({ page }) => {
    await page.goto("/onboarding/");
    const steps = page.getByRole("navigation", { name: "Steps" });
    const checklist = (await page.locator("[data-checklist]").first().boundingBox())!;
    const aside = (await steps.boundingBox())!;
    expect(aside.x).toBeGreaterThan(checklist.x + checklist.width);
    const stages = data<{ id: string; title: string }[]>("data/onboarding.yaml");
    for (const stage of stages) await expect(steps.getByRole("link", { name: new RegExp(stage.title) })).toHaveAttribute("href", `#stage-${stage.id}`);
    // The steps stay in view while the reader scrolls to the last stage.
    await page.locator(`#stage-${stages.at(-1)!.id}`).scrollIntoViewIfNeeded();
    await expect(steps).toBeInViewport();
  });
});
