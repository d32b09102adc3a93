// Takes screenshots of pages at phone and desktop widths, light and dark, for a person to look at.
// Usage: node scripts/screenshot.ts /path/ [/another/] (the site must be served on BASE_URL).
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./lib/browser.ts";

const base = process.env.BASE_URL ?? "http://127.0.0.1:4321";
const outDir = process.env.OUT_DIR ?? "test-results/screenshots";
const paths = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions());
for (const scheme of ["light", "dark"] as const) {
  for (const [name, width] of [["phone", 375], ["desktop", 1280]] as const) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    for (const path of paths) {
      // Wait for the network to be quiet, so search results and other late content are on screen.
      await page.goto(new URL(path, base).href, { waitUntil: "networkidle" });
      await page.waitForTimeout(300);
      const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
