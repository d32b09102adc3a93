// Shared helpers for the browser tests.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Frontmatter of a real article, so tests follow the content instead of hard-coding it. */
export function articleFrontmatter(id: string): { title: string; keywords: string[]; category: string } {
  const source = readFileSync(resolve(ROOT, "content/articles", `${id}.mdx`), "utf8");
  const yaml = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? "";
  return parse(yaml);
}

export function articleBody(id: string): string {
  const source = readFileSync(resolve(ROOT, "content/articles", `${id}.mdx`), "utf8");
  return source.replace(/^---\n[\s\S]*?\n---\n/, "");
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  expect(summary, "accessibility violations").toEqual([]);
}

/** Pins the theme the way the toggle does, before any page script runs. */
export async function useTheme(page: Page, theme: "light" | "dark") {
  await page.addInitScript((t) => localStorage.setItem("kb-theme", t), theme);
}
