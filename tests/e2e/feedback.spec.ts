import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

function storedNotes(article: string): { helpful: number; comment: string | null }[] {
  const db = new DatabaseSync(join(process.env.E2E_DATA_DIR!, "feedback.sqlite"), { readOnly: true });
  try {
    return db.prepare("SELECT helpful, comment FROM feedback WHERE article = ?").all(article) as { helpful: number; comment: string | null }[];
  } finally {
    db.close();
  }
}

test("a reader says an article did not help and leaves a note for its owners", async ({ page }) => {
  await page.goto("/product-help/exporting-channel-history/");
  const widget = page.getByRole("region", { name: "Was this article helpful?" });
  await widget.getByRole("button", { name: "No" }).click();
  const note = page.getByLabel("Sorry about that. What were you looking for?");
  await expect(note).toBeFocused();
  await expect(widget.getByRole("link", { name: "Open a ticket about this article" })).toHaveAttribute("href", /subject=About/);
  await note.fill("How to export direct messages too");
  await widget.getByRole("button", { name: "Send note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "reads every note" })).toBeVisible();
  expect(storedNotes("product-help/exporting-channel-history")).toContainEqual({ helpful: 0, comment: "How to export direct messages too" });
});

test("a yes is one tap", async ({ page }) => {
  await page.goto("/remote-work/focus-time/");
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByText("Thanks for letting us know.")).toBeVisible();
  expect(storedNotes("remote-work/focus-time").some((row) => row.helpful === 1)).toBe(true);
});

test("without JavaScript the feedback question is not shown", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/remote-work/focus-time/");
  await expect(page.getByRole("button", { name: "Yes" })).toBeHidden();
  await context.close();
});
