import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadHeaderRules, writeHeadersFile } from "../../src/server/built-site-headers.ts";
import { formatHeadersFile, headersForPath, parseHeadersFile, type HeaderRule } from "../../src/server/headers-file.ts";
import { collectPageInlineCode, hashesOf as hashesOfFound, sha256 } from "../../src/server/inline-hashes.ts";
import { writeSite } from "../served-site.ts";

function hashesOf(html: string) {
  const found = { scripts: new Set<string>(), styles: new Set<string>() };
  collectPageInlineCode(html, found);
  return hashesOfFound(found);
}

describe("hashes of inline code", () => {
  test("hashes inline scripts that run, not external ones or JSON data blocks", () => {
    const html = `<script>let a = 1;</script><script type="module">import "/x.js";</script>
      <script type="module" src="/_astro/a.js"></script><script type="application/json" id="data">{"a":1}</script>`;
    expect(hashesOf(html).scripts).toEqual([sha256("let a = 1;"), sha256('import "/x.js";')].sort());
  });

  test("hashes style elements, and style attributes as the browser reads them (character references decoded)", () => {
    const html = `<style>.a{color:red}</style><span style="--x:#fff">a</span><b style='font-family:&quot;Inter&quot;'>b</b>`;
    expect(hashesOf(html).styles).toEqual([sha256(".a{color:red}"), sha256("--x:#fff"), sha256('font-family:"Inter"')].sort());
  });
});

describe("the _headers file", () => {
  test("reads back what it writes, comments and all", () => {
    const rules: HeaderRule[] = [
      { path: "/*", headers: { "X-Frame-Options": "DENY", "Content-Security-Policy": "default-src 'self'; img-src 'self' data:" } },
      { path: "/_astro/*", headers: { "Cache-Control": "public, max-age=31536000, immutable" } },
    ];
    expect(parseHeadersFile(formatHeadersFile(rules, "Written by a test.\nSecond line."))).toEqual(rules);
  });

  test("a header line outside a rule is refused with its line number", () => {
    expect(() => parseHeadersFile("# comment\n  X-Frame-Options: DENY\n")).toThrow("_headers:2:");
  });

  test("a later matching rule wins, as on Netlify; a splat matches the folder itself", () => {
    const rules: HeaderRule[] = [
      { path: "/*", headers: { "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY" } },
      { path: "/tickets/thanks/*", headers: { "Referrer-Policy": "no-referrer" } },
    ];
    expect(headersForPath(rules, "/tickets/thanks/")).toEqual({ "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY" });
    expect(headersForPath(rules, "/tickets/thanks")["Referrer-Policy"]).toBe("no-referrer");
    expect(headersForPath(rules, "/tickets/new/")["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  test("a :placeholder stands for exactly one path segment, as on Netlify and Cloudflare Pages", () => {
    const rules: HeaderRule[] = [{ path: "/pagefind/:shard/index/*", headers: { "Cache-Control": "immutable" } }];
    expect(headersForPath(rules, "/pagefind/shard-3/index/en_1.pf_index")).toEqual({ "Cache-Control": "immutable" });
    expect(headersForPath(rules, "/pagefind/index/en_1.pf_index")).toEqual({});
    expect(headersForPath(rules, "/pagefind/a/b/index/en_1.pf_index")).toEqual({});
    expect(headersForPath(rules, "/pagefind//index/en_1.pf_index")).toEqual({});
  });

  test("the build writes it from the built pages, and the server loads the same rules", async () => {
    const dist = writeSite({
      "index.html": `<html><head><script>theme()</script></head><body><span style="--c:#123">x</span></body></html>`,
      "deep/page/index.html": `<html><body><style>.steps{gap:1rem}</style></body></html>`,
    });
    const { rules, warnings } = await writeHeadersFile(dist);
    expect(warnings).toEqual([]);
    const policy = headersForPath(rules, "/")["Content-Security-Policy"]!;
    expect(policy).toContain(`'sha256-${sha256("theme()")}'`);
    expect(policy).toContain(`'sha256-${sha256(".steps{gap:1rem}")}'`);
    expect(policy).toContain(`'sha256-${sha256("--c:#123")}'`);
    expect(readFileSync(join(dist, "_headers"), "utf8")).toContain("\n/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n");
    expect(await loadHeaderRules(dist)).toEqual({ rules, source: "file" });
  });

  test("warns when the policy grows past what Cloudflare Pages accepts on one line", async () => {
    const styles = Array.from({ length: 60 }, (_, i) => `<span style="--shiki-light:#${String(i).padStart(6, "0")}">x</span>`).join("");
    const { warnings } = await writeHeadersFile(writeSite({ "index.html": `<html><body>${styles}</body></html>` }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Content-Security-Policy for \/\* is \d+ characters; Cloudflare Pages ignores header lines over 2000/);
  });
});
