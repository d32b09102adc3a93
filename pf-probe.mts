import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/browser.ts";
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();
await page.goto("http://127.0.0.1:4520/");
const out = await page.evaluate(async () => {
  const pf: any = await import("/pagefind/pagefind.js");
  await pf.init();
  const res: string[] = [];
  const terms = ["settings", "cli", "clie", "clien", "client", "client ", "client cha", "client chan", "client channe", "client channels", "the", "workspace the", "workspace them", "settings"];
  for (const q of [...terms, ...terms]) {
    const t0 = performance.now();
    const r = await pf.search(q);
    const t1 = performance.now();
    res.push(`${q.padEnd(18)} ${(t1 - t0).toFixed(0).padStart(4)}ms (${r.results.length}) ${JSON.stringify(r.timings)}`);
  }
  return res;
});
console.log(out.join("\n"));
await browser.close();
