// dist/_headers: written at the end of `astro build` from the definition in security-headers.ts and
// the hashes of what the built pages carry inline, then read back by the Node server.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { formatHeadersFile, parseHeadersFile, type HeaderRule } from "./headers-file.ts";
import { collectInlineHashes } from "./inline-hashes.ts";
import { headerRules } from "./security-headers.ts";

export const HEADERS_FILE = "_headers";

/** Cloudflare Pages ignores a header line longer than this; Netlify has no such limit. */
export const LONGEST_HEADER_LINE = 2_000;

const COMMENT = `Response headers for Netlify and Cloudflare Pages, written by the build (src/server/security-headers.ts).
npm start serves the same rules; other hosts: see "Security" in README.md.`;

export async function rulesForBuiltSite(distDir: string): Promise<HeaderRule[]> {
  return headerRules(await collectInlineHashes(distDir));
}

/** Writes dist/_headers; returns warnings worth showing in the build's output. */
export async function writeHeadersFile(distDir: string): Promise<{ rules: HeaderRule[]; warnings: string[] }> {
  const rules = await rulesForBuiltSite(distDir);
  await writeFile(join(distDir, HEADERS_FILE), formatHeadersFile(rules, COMMENT));
  const warnings = rules.flatMap((rule) =>
    Object.entries(rule.headers)
      .filter(([name, value]) => `${name}: ${value}`.length > LONGEST_HEADER_LINE)
      .map(
        ([name, value]) =>
          `${HEADERS_FILE}: ${name} for ${rule.path} is ${value.length} characters; Cloudflare Pages ignores header lines over ${LONGEST_HEADER_LINE}. ` +
          "Most of it is hashes of inline styles (each colour pair in highlighted code is one); fewer distinct inline styles make it shorter.",
      ),
  );
  return { rules, warnings };
}

/**
 * The rules the server applies: dist/_headers as the build wrote it, so the Node server and a static
 * host agree. A site built without the file gets the same rules computed from its pages now.
 */
export async function loadHeaderRules(distDir: string): Promise<{ rules: HeaderRule[]; source: "file" | "pages" }> {
  const file = join(distDir, HEADERS_FILE);
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text !== null) return { rules: parseHeadersFile(text, file), source: "file" };
  return { rules: await rulesForBuiltSite(distDir), source: "pages" };
}

/** Writes dist/_headers once Astro has written the pages (before Pagefind, whose paths are patterns). */
export function headersFileIntegration(): AstroIntegration {
  return {
    name: "headers-file",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const { warnings } = await writeHeadersFile(fileURLToPath(dir));
        for (const warning of warnings) logger.warn(warning);
      },
    },
  };
}
