import { expect, test, type Page, type Worker } from "@playwright/test";
import { articleBody, articleFrontmatter } from "./fixtures.ts";

const results = (page: Page) => page.locator("pagefind-results .pf-result-link");

/** The total the summary reports ("12 results for ..."); results themselves render lazily. */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator("pagefind-summary").textContent()) ?? "";
  return Number(/(\d+) results?/.exec(text)?.[1] ?? 0);
}

async function searchOnPage(page: Page, query: string) {
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  await expect(results(page).first()).toBeVisible();
}

test("pressing / opens the search dialog and finds an article as you type", async ({ page }) => {
  await page.goto("/customer-help/");
  await page.locator("body").press("/");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("searchbox").or(dialog.getByRole("textbox")).first();
  await expect(input).toBeFocused();
  await input.fill("priority");
  await expect(dialog.locator(".pf-result-link").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("what a reader types straight after / is kept while search loads", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  await page.keyboard.type("hotline");
  const input = page.getByRole("dialog").locator("input").first();
  await expect(input).toHaveValue("hotline");
  await expect(page.getByRole("dialog").locator(".pf-result-link").first()).toBeVisible();
});

test("Ctrl+K opens the search dialog from anywhere on the page", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeVisible();
});

test("the header search link opens the dialog instead of leaving the page", async ({ page }) => {
  await page.goto("/channels/");
  await page.getByRole("button", { name: "Search articles" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page).toHaveURL(/\/channels\/$/);
});

test("a customer's own words find the staff's article through its keywords", async ({ page }) => {
  const id = "product-help/cant-sign-in";
  const { title, keywords } = articleFrontmatter(id);
  const body = articleBody(id).toLowerCase();
  // Pick a keyword that appears only in the frontmatter, so only the alias index can match it.
  const alias = keywords.find((k) => !body.includes(k.toLowerCase()) && !title.toLowerCase().includes(k.toLowerCase()));
  expect(alias, `${id} needs a keyword that is not in its text`).toBeTruthy();
  await searchOnPage(page, alias!);
  await expect(results(page).filter({ hasText: title })).toHaveCount(1);
  // Keywords are searchable but never shown.
  await expect(page.locator("pagefind-results")).not.toContainText(keywords.join(", "));
});

test("a heading inside an article is offered as its own result with a link to that section", async ({ page }) => {
  await searchOnPage(page, "two-factor authentication backup codes");
  const section = page.locator("pagefind-results .pf-heading-link").first();
  await expect(section).toBeVisible();
  await expect(section).toHaveAttribute("href", /#[a-z0-9-]+/);
});

test("the query lives in the address so a search can be shared", async ({ page }) => {
  await page.goto("/search/");
  const input = page.locator("pagefind-input input");
  await input.fill("hotline");
  await expect(results(page).first()).toBeVisible();
  await expect(page).toHaveURL(/\?q=hotline$/);
  await page.reload();
  await expect(page.locator("pagefind-input input")).toHaveValue("hotline");
  await expect(results(page).first()).toBeVisible();
});

test("filters by audience narrow the results and are kept in the address", async ({ page }) => {
  await searchOnPage(page, "channel");
  const before = await resultCount(page);
  expect(before).toBeGreaterThan(1);
  await page.getByRole("checkbox", { name: /Customers/ }).check();
  await expect.poll(() => resultCount(page)).toBeLessThan(before);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  await expect(page).toHaveURL(/audience=Customers/);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Customers/ })).toBeChecked();
});

test("filters by category narrow the results", async ({ page }) => {
  await searchOnPage(page, "ticket");
  const before = await resultCount(page);
  await page.getByRole("checkbox", { name: /Support handbook/ }).check();
  await expect.poll(() => resultCount(page)).toBeLessThan(before);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  // Every result left is a support handbook page.
  for (const link of await results(page).all()) await expect(link).toHaveAttribute("href", /^\/support-handbook\//);
});

test("no results offers a ticket with the search words carried over", async ({ page }) => {
  await page.goto("/search/?q=zyxwvut%20qqqq");
  const offer = page.getByRole("link", { name: "Open a ticket about this" });
  await expect(offer).toBeVisible();
  await expect(offer).toHaveAttribute("href", "/tickets/new/?subject=zyxwvut+qqqq");
});

test("the words searched for are highlighted on the article a result opens", async ({ page }) => {
  await searchOnPage(page, "hotline");
  await results(page).first().click();
  await expect(page).toHaveURL(/highlight=hotline/);
  await expect(page.locator("main mark").first()).toBeVisible();
  await expect(page.locator("main mark").first()).toHaveText(/hotline/i);
});

test("the home page search box leads to results without any JavaScript", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search the help center" }).fill("priority");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\/\?q=priority/);
  await expect(results(page).first()).toBeVisible();
});

test("a common word shows a page of the best matches first, and more on request", async ({ page }) => {
  await searchOnPage(page, "support");
  const total = await resultCount(page);
  expect(total, "the query must match more than one page of results").toBeGreaterThan(20);
  // Each entry loads its title and excerpt as it scrolls into view; the list holds one per result shown.
  const entries = page.getByRole("list", { name: "Search results" }).locator(":scope > li");
  await expect(entries).toHaveCount(20);
  const more = page.getByRole("button", { name: /Show more results/ });
  await expect(more).toHaveText(`Show more results (20 of ${total} shown)`);
  await more.click();
  await expect(entries).toHaveCount(Math.min(40, total));
  // Keyboard focus lands on the first new result, so a keyboard reader carries on from there.
  await expect(page.locator('[data-pf-result-index="20"] a').first()).toBeFocused();
});

test("the search dialog also offers more results for a common word", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  const dialog = page.getByRole("dialog");
  await dialog.locator("input").first().fill("support");
  const more = dialog.getByRole("button", { name: /Show more results/ });
  await expect(more).toBeVisible();
  const entries = dialog.getByRole("list", { name: "Search results" }).locator(":scope > li");
  await expect(entries).toHaveCount(20);
  await more.click();
  await expect.poll(() => entries.count()).toBeGreaterThan(20);
});

test("a search of a few letters still shows results once the reader pauses", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  const dialog = page.getByRole("dialog");
  await dialog.locator("input").first().pressSequentially("ho");
  await expect(dialog.locator(".pf-result-link").first()).toBeVisible();
  await expect(dialog.locator("pagefind-summary")).toContainText("ho");
});

test("closing the search dialog puts keyboard focus back where it was", async ({ page }) => {
  await page.goto("/customer-help/");
  // Opened from the keyboard while on a link: Escape returns to that link.
  const link = page.locator("main a").first();
  await link.focus();
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(link).toBeFocused();
  // Opened with the header button: Escape returns to the button.
  const button = page.getByRole("button", { name: "Search articles" });
  await button.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("typing quickly shows the results for the whole word, not for letters typed on the way", async ({ page }) => {
  await page.goto("/search/");
  const input = page.locator("pagefind-input input");
  await input.pressSequentially("hotline", { delay: 15 });
  await expect(page.locator("pagefind-summary")).toContainText("hotline");
  await expect(results(page).first()).toBeVisible();
  await expect(page).toHaveURL(/q=hotline$/);
});

test("searches run in the site's own search worker, not in Pagefind's", async ({ page }) => {
  const workers: Worker[] = [];
  page.on("worker", (worker) => workers.push(worker));
  await searchOnPage(page, "hotline");
  // Index chunks are loaded by whichever worker runs the search; Pagefind's only lists filters.
  const loadedIndex = (worker: Worker) =>
    worker.evaluate(() => performance.getEntriesByType("resource").some((entry) => entry.name.includes("/pagefind/index/")));
  const ours = workers.find((worker) => worker.url().includes("search-worker"));
  expect(ours, "the site's search worker starts with the search page").toBeDefined();
  expect(await loadedIndex(ours!)).toBe(true);
  for (const worker of workers.filter((w) => w.url().includes("pagefind-worker"))) expect(await loadedIndex(worker)).toBe(false);
});

test("search still works through Pagefind's own worker when the site's cannot start", async ({ page }) => {
  await page.route(/search-worker[^/]*\.js$/, (route) => route.abort());
  await searchOnPage(page, "hotline");
  await expect(results(page).first()).toHaveAttribute("href", /^\/.*highlight=hotline/);
});

test("results stay on screen while the next letter's search runs, instead of flickering", async ({ page }) => {
  await searchOnPage(page, "hotl");
  await page.evaluate(() => {
    const list = document.querySelector("pagefind-results")!;
    const state = window as unknown as { listEmptied: boolean };
    state.listEmptied = false;
    new MutationObserver(() => {
      if (!list.querySelector("li")) state.listEmptied = true;
    }).observe(list, { childList: true, subtree: true });
  });
  const input = page.locator("pagefind-input input");
  await input.press("End");
  await input.pressSequentially("ine", { delay: 50 });
  await expect(page.locator("pagefind-summary")).toContainText("hotline");
  await expect(results(page).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { listEmptied: boolean }).listEmptied)).toBe(false);
});

test("on a phone the filters start folded, so the first results are on the first screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await searchOnPage(page, "priority");
  const audience = page.locator("pagefind-filter-pane details").first();
  await expect(audience).not.toHaveAttribute("open", /.*/);
  const box = await results(page).first().boundingBox();
  expect(box && box.y + box.height).toBeLessThan(800);
  // One tap opens a group.
  await audience.locator("summary").click();
  await expect(page.getByRole("checkbox", { name: /Customers/ })).toBeVisible();
});

test("on a phone, a filter chosen in the address keeps its group open", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/search/?q=ticket&audience=Customers");
  const customers = page.getByRole("checkbox", { name: /Customers/ });
  await expect(customers).toBeVisible();
  await expect(customers).toBeChecked();
});
