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
