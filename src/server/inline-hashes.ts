// Finds the code the built pages carry inline, so the Content-Security-Policy can allow exactly it
// by hash: the theme script that must run before first paint, the small scripts and styles Astro
// inlines, and the colours Shiki writes into style="" attributes of code blocks.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { InlineHashes } from "./security-headers.ts";

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi;
// Also matches the words in a page's text that look like a style attribute (an article about HTML):
// an extra hash allows nothing the page does not already contain, a missing one breaks a page.
const STYLE_ATTRIBUTE = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
/** Types a browser runs; anything else (application/json, application/ld+json) is data. */
const RUNNABLE_TYPES = new Set(["", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"]);

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(attributes);
  if (!match) return new RegExp(`(?:^|\\s)${name}(?:\\s|$)`, "i").test(attributes) ? "" : null;
  return match[1] ?? match[2] ?? match[3] ?? "";
}

/** A browser hashes the attribute's value after reading its character references. */
function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" }[lower]!;
  });
}

/** What one page carries inline, added to `into`: the texts themselves, hashed once at the end. */
export function collectPageInlineCode(html: string, into: { scripts: Set<string>; styles: Set<string> }): void {
  for (const [, attributes = "", body = ""] of html.matchAll(SCRIPT)) {
    if (attribute(attributes, "src") !== null) continue;
    const type = (attribute(attributes, "type") ?? "").trim().toLowerCase();
    if (RUNNABLE_TYPES.has(type)) into.scripts.add(body);
  }
  for (const [, body = ""] of html.matchAll(STYLE_ELEMENT)) into.styles.add(body);
  for (const [, double, single] of html.matchAll(STYLE_ATTRIBUTE)) into.styles.add(decodeAttribute(double ?? single ?? ""));
}

/** The CSP hashes of a set of inline texts, sorted so the policy is the same from build to build. */
export function hashesOf(found: { scripts: Set<string>; styles: Set<string> }): InlineHashes {
  const hashed = (texts: Set<string>) => [...new Set([...texts].map(sha256))].sort();
  return { scripts: hashed(found.scripts), styles: hashed(found.styles) };
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => join(e.parentPath, e.name));
}

/** The inline hashes of every built page under `dir`, read a few files at a time. */
export async function collectInlineHashes(dir: string): Promise<InlineHashes> {
  const found = { scripts: new Set<string>(), styles: new Set<string>() };
  const files = await htmlFiles(dir);
  const next = files[Symbol.iterator]();
  const readers = Array.from({ length: 16 }, async () => {
    for (const file of next) collectPageInlineCode(await readFile(file, "utf8"), found);
  });
  await Promise.all(readers);
  return hashesOf(found);
}
