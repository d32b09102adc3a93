import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, useTheme } from "./fixtures.ts";

const pages = [
  ["home", "/"],
  ["category", "/customer-help/"],
  ["article", "/customer-help/choosing-a-priority/"],
  ["search", "/search/?q=ticket"],
  ["404", "/no-such-page/"],
  ["priorities", "/support/priorities/"],
  ["channels", "/channels/"],
  ["onboarding", "/onboarding/"],
  ["ticket form", "/tickets/new/"],
  ["thank-you", "/tickets/thanks/"],
  ["site map", "/sitemap/"],
  ["billing article with the price table", "/billing-and-account/plans-and-prices/"],
  ["team review list", "/staff/reviews/support/"],
] as const;

for (const theme of ["light", "dark"] as const) {
  for (const [name, path] of pages) {
    test(`${name} page has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(path);
      if (path.startsWith("/search/")) await expect(page.locator("pagefind-results [data-result-link]").first()).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
}

for (const theme of ["light", "dark"] as const) {
  // Tables become one card per row on a phone; the open menu lists the topics.
  for (const [name, path] of [["priorities", "/support/priorities/"], ["channels", "/channels/"], ["team review list", "/staff/reviews/support/"]] as const) {
    test(`${name} page on a phone has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test(`the open phone menu has no accessibility violations (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/customer-help/");
    await page.locator("header summary[aria-label=Menu]").click();
    await expect(page.getByRole("navigation", { name: "Main (compact)" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("the search dialog has no accessibility violations", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  await page.getByRole("dialog").locator("input").fill("priority");
  await expect(page.getByRole("dialog").locator("[data-result-link]").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("keyboard users reach the content first through the skip link", async ({ page }) => {
  await page.goto("/customer-help/choosing-a-priority/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
