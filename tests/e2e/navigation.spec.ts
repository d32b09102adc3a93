import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { ROOT } from "./fixtures.ts";

const categories = parse(readFileSync(resolve(ROOT, "content/data/categories.yaml"), "utf8")) as { id: string; title: string }[];

test("a reader goes from the home page to a category and on to an article", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  await page.getByRole("link", { name: "Using Parley" }).click();
  await expect(page).toHaveURL(/\/product-help\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Using Parley" })).toBeVisible();
  const first = page.locator("main ul li h2 a").first();
  const title = (await first.textContent())?.trim() ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.getByRole("link", { name: "Using Parley" })).toHaveAttribute("href", "/product-help/");
  await expect(page.getByText(/^Updated \d/)).toBeVisible();
  await expect(page.getByText(/^Owner:/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit this page" })).toHaveAttribute("href", /\/edit\/main\/content\/articles\/product-help\/.+\.mdx$/);
});

test("an article shows its outline, related articles and the next article in the category", async ({ page }) => {
  await page.goto("/customer-help/choosing-a-priority/");
  const toc = page.getByRole("navigation", { name: "On this page" });
  await expect(toc.getByRole("link").first()).toBeVisible();
  const firstEntry = toc.getByRole("link").first();
  const target = (await firstEntry.getAttribute("href")) ?? "";
  await expect(page.locator(`main ${target}`)).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Previous and next articles" }).getByRole("link", { name: /Next/ })).toBeVisible();
});

test("articles can be read with JavaScript turned off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/customer-help/opening-a-ticket/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".prose p").first()).toBeVisible();
  // Without JavaScript the search link still leads somewhere useful.
  await expect(page.getByRole("link", { name: "Search articles" })).toHaveAttribute("href", "/search/");
  await context.close();
});

test("the theme toggle switches to dark and remembers it on the next page", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "Use dark theme" });
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto("/customer-help/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
  await expect(page.getByRole("button", { name: "Use light theme" })).toBeVisible();
});

test("follows the system's dark setting until the reader chooses", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
});

for (const path of ["/", "/product-help/", "/customer-help/opening-a-ticket/", "/tickets/new/", "/support/priorities/"]) {
  test(`${path} fits a 320 px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("the header keeps its links on one line at laptop and desktop widths, with the current page marked", async ({ page }) => {
  for (const width of [1024, 1180, 1280, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/support/priorities/");
    const header = page.locator("header[role=banner]");
    const row = await header.locator(":scope > div").evaluate((el) => ({ height: el.getBoundingClientRect().height, overflow: el.scrollWidth - el.clientWidth }));
    expect(row.overflow, `header overflows at ${width} px`).toBeLessThanOrEqual(0);
    // One row of controls (40 px) plus padding; a wrapped link or button makes it taller.
    expect(row.height, `header wraps at ${width} px`).toBeLessThanOrEqual(64);
    const menu = header.getByRole("navigation", { name: "Main", exact: true });
    if (await menu.isVisible()) await expect(menu.getByRole("link", { name: "Priorities & response times" })).toHaveAttribute("aria-current", "page");
    else await expect(header.getByLabel("Menu")).toBeVisible();
  }
});

test("printing an article leaves out the header, footer and navigation", async ({ page }) => {
  await page.goto("/customer-help/opening-a-ticket/");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header[role=banner]")).toBeHidden();
  await expect(page.locator("footer[role=contentinfo]")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("pages carry a canonical address and link-preview tags", async ({ page }) => {
  await page.goto("/customer-help/opening-a-ticket/");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", "https://help.example.com/customer-help/opening-a-ticket/");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", await page.locator("h1").innerText());
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
});

test("the RSS feed lists recently updated articles and the sitemap lists pages", async ({ request }) => {
  const feed = await request.get("/rss.xml");
  expect(feed.ok()).toBe(true);
  const xml = await feed.text();
  expect(xml).toContain("<rss");
  expect((xml.match(/<item>/g) ?? []).length).toBeGreaterThan(5);
  const sitemap = await (await request.get("/sitemap-0.xml")).text();
  expect(sitemap).toContain("https://help.example.com/customer-help/opening-a-ticket/");
  expect(sitemap).not.toContain("/tickets/thanks/");
});

test("an unknown address shows the 404 page with search, prefilled from the address", async ({ page }) => {
  const response = await page.goto("/customer-help/open-a-tikcet/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search the help center" })).toHaveValue("open a tikcet");
});

test("the phone menu lists the topics, and closes with Escape or a tap outside it", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/customer-help/opening-a-ticket/");
  const button = page.locator("header summary[aria-label=Menu]");
  const menu = page.getByRole("navigation", { name: "Main (compact)" });
  await button.click();
  await expect(menu).toBeVisible();
  for (const category of categories) {
    await expect(menu.getByRole("link", { name: category.title, exact: true })).toHaveAttribute("href", `/${category.id}/`);
  }
  // The article's own topic is marked as where the reader is.
  await expect(menu.getByRole("link", { name: "Getting help", exact: true })).toHaveAttribute("aria-current", "true");

  // Escape closes it and leaves focus on the menu button, from inside the menu too.
  await menu.getByRole("link").first().focus();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  // The keyboard opens it again; Tab moves into it.
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link").first()).toBeFocused();

  // A tap on the page outside the menu closes it.
  await page.mouse.click(20, 700);
  await expect(menu).toBeHidden();
});

for (const width of [768, 1280, 1440]) {
  test(`the header search box stays in the same place on every page at ${width} px`, async ({ page }) => {
    // Short and long pages, and each page the header marks as current.
    const paths = ["/", "/onboarding/", "/support/priorities/", "/channels/", "/customer-help/opening-a-ticket/", "/no-such-page/"];
    await page.setViewportSize({ width, height: 800 });
    const places = new Set<string>();
    for (const path of paths) {
      await page.goto(path, { waitUntil: "domcontentloaded" });
      const box = (await page.locator("header [data-search-trigger]").boundingBox())!;
      places.add(`${Math.round(box.x)},${Math.round(box.width)}`);
    }
    expect([...places], "search box positions").toHaveLength(1);
  });
}

test("'press /' hints are shown with a keyboard and mouse, and hidden on a touch screen", async ({ browser }) => {
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await desktop.goto("/");
  await expect(desktop.locator("header [data-search-trigger] kbd")).toBeVisible();
  await expect(desktop.locator("main kbd")).toBeVisible();
  await desktop.close();
  // A tablet-sized touch screen, wide enough for the header's hint otherwise.
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });
  const tablet = await context.newPage();
  await tablet.goto("/");
  await expect(tablet.locator("header [data-search-trigger]")).toBeVisible();
  await expect(tablet.locator("header [data-search-trigger] kbd")).toBeHidden();
  await expect(tablet.locator("main kbd")).toBeHidden();
  await context.close();
});

test("the home page's search placeholder is not cut off on a 375 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/");
  const input = page.getByRole("searchbox", { name: "Search the help center" });
  const fit = await input.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: context.measureText(el.placeholder).width, room };
  });
  expect(fit.text, `placeholder needs ${fit.text} px, the box has ${fit.room} px`).toBeLessThanOrEqual(fit.room);
});

test("the footer's site map is a page people can read, listing every topic", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: /site ?map/i }).click();
  await expect(page).toHaveURL(/\/sitemap\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Site map" })).toBeVisible();
  const topics = page.locator("[data-sitemap-topics]");
  for (const category of categories) {
    await expect(topics.getByRole("link", { name: category.title, exact: true })).toHaveAttribute("href", `/${category.id}/`);
  }
  // Search engines still get the XML, linked from the page rather than instead of it.
  await expect(page.locator("main").getByRole("link", { name: "XML sitemap" })).toHaveAttribute("href", "/sitemap-index.xml");
});

test("the 404 page and the no-JavaScript search message keep the spaces between their words and links", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/no-such-page/");
  await expect(page.locator("main")).toContainText("start from the home page, or ask us directly.");
  await page.goto("/search/");
  // Playwright's text matching skips <noscript>; the text a reader sees is its innerText.
  expect((await page.locator("main").innerText()).replace(/\s+/g, " ")).toContain("browse by topic or open a ticket.");
  await context.close();
});
