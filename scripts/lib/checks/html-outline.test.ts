import { describe, expect, it } from "vitest";
import { checkHtmlStructure } from "./html-structure-check.ts";
import { scanTags } from "./html-outline.ts";

describe("reading built pages for the page checks", () => {
  it("gives each tag the line it starts on and a heading's text without markup", () => {
    const html = `<!doctype html>\n<html><body>\n<h1>Help &amp; <em>support</em></h1>\n<p>text</p>\n<h2\n  id="x">Two</h2>\n</body></html>`;
    expect(scanTags(html, ["h1", "h2"]).map((t) => [t.name, t.line, t.text])).toEqual([
      ["h1", 3, "Help & support"],
      ["h2", 5, "Two"],
    ]);
  });

  it("does not read markup quoted inside scripts, styles or templates as tags", () => {
    const html = `<body><script>const s = "<img src=a.png>";</script><template><img src="b.png"></template><style>h2{}</style><img src="c.png" alt="C"></body>`;
    expect(scanTags(html, ["img"]).map((t) => t.attrs.get("src"))).toEqual(["c.png"]);
  });

  it("checks what <noscript> shows readers without JavaScript", () => {
    const html = `<body><h1>Search</h1>\n<noscript>\n<img src="/no-js.png">\n</noscript></body>`;
    expect(checkHtmlStructure(html)).toEqual([
      expect.objectContaining({ kind: "image", line: 3, subject: "/no-js.png" }),
    ]);
  });

  it("takes an unquoted or entity-encoded attribute the way a browser does", () => {
    const [link] = scanTags(`<a href=/x/?a=1&amp;b=2>x</a>`, ["a"]);
    expect(link?.attrs.get("href")).toBe("/x/?a=1&b=2");
  });
});
