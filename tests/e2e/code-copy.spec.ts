// Code blocks in articles have a copy button that keyboard and screen reader users can use, and
// the article still reads the same without JavaScript.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, useTheme } from "./fixtures.ts";

const ARTICLE = "/integrations/rest-api/";

test("each code block has a copy button, reached with Tab, that copies the code and says so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(ARTICLE);
  const blocks = page.locator("main .code-block");
  const count = await page.locator("main pre").count();
  expect(count).toBeGreaterThan(1);
  await expect(blocks).toHaveCount(count);
  const buttons = page.getByRole("button", { name: /^Copy code example/ });
  await expect(buttons).toHaveCount(count);

  // Keyboard: Tab from the code block before it lands on the second block's button.
  const second = blocks.nth(1);
  await blocks.nth(0).locator("pre").focus();
  for (let i = 0; i < 5 && !(await second.getByRole("button").evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(second.getByRole("button")).toBeFocused();
  await page.keyboard.press("Enter");

  const code = await second.locator("pre code").textContent();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(second.getByRole("button")).toHaveText("Copied");
  await expect(page.getByRole("status").filter({ hasText: "Code copied to the clipboard." })).toHaveCount(1);
});

test("when the clipboard is refused, the code is selected and the reader is told how to copy it", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) } });
  });
  await page.goto(ARTICLE);
  const block = page.locator("main .code-block").first();
  await block.getByRole("button").click();
  await expect(page.getByRole("status").filter({ hasText: "The code is selected" })).toHaveCount(1);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(await block.locator("pre").textContent());
});

test("without JavaScript the code reads as before, with no button that would do nothing", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await expect(page.locator("main pre").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /copy/i })).toHaveCount(0);
  await context.close();
});

for (const theme of ["light", "dark"] as const) {
  test(`an article with code and copy buttons has no accessibility violations (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto(ARTICLE);
    await expect(page.locator("main [data-code-copy]").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
