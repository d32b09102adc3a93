// The content check catches what would break a page for readers (links that lead nowhere, headings
// a screen reader cannot follow, images without alt text, articles no category lists) and names
// the file and line, so the person who wrote it can fix it in the web editor.
import { describe, expect, it } from "vitest";
import { makeContentDir, runContentCheck } from "../../../tests/fixture-content.ts";

const runCheck = runContentCheck;

describe("links in article text", () => {
  const dir = makeContentDir({ "customer-help/broken-links.mdx": "broken-links.mdx", "customer-help/valid.mdx": "valid.mdx" });
  const { status, output } = runCheck(dir);

  it("fails on a link to an article that does not exist, at its line", () => {
    expect(status).toBe(1);
    expect(output).toMatch(/broken-links\.mdx:12 +link: "\/customer-help\/no-such-article\/" leads to no page on this site/);
  });

  it("fails on an #anchor that is not a heading of the target, listing the headings there are", () => {
    expect(output).toMatch(/broken-links\.mdx:14 +link: "\/customer-help\/valid\/#no-such-heading": the article .*valid\.mdx has no heading "#no-such-heading"; its headings are #what-it-shows/);
    expect(output).toMatch(/broken-links\.mdx:20 +link: "#nowhere-on-this-page": this article has no heading/);
  });

  it("accepts links to existing articles, headings, site pages and the article's own headings", () => {
    expect(output).not.toMatch(/broken-links\.mdx:16 /);
    expect(output).not.toContain('"/customer-help/valid/"');
    expect(output).not.toContain('"/tickets/new/"');
  });

  it("asks for the final slash and suggests the right category for a misplaced article", () => {
    expect(output).toMatch(/broken-links\.mdx:18 +link: "\/customer-help\/valid" needs a slash at the end: \/customer-help\/valid\//);
    expect(output).toMatch(/broken-links\.mdx:18 +link: "\/product-help\/valid\/" leads to no page on this site; did you mean \/customer-help\/valid\/\?/);
  });

  it("checks href in HTML written in the article too", () => {
    expect(output).toMatch(/broken-links\.mdx:20 +link: "\/nowhere\/" leads to no page on this site/);
    expect(output).toContain("6 content problems to fix");
  });
});

describe("headings and images", () => {
  it("fails when a heading skips a level, or the body starts below ##", () => {
    const dir = makeContentDir({ "customer-help/skipped-heading.mdx": "skipped-heading.mdx", "customer-help/starts-at-h3.mdx": "starts-at-h3.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/skipped-heading\.mdx:14 +body: "A detail" is a #### heading but it follows a ## heading, so a level is skipped; make it ###/);
    expect(output).toMatch(/starts-at-h3\.mdx:12 +body: "Detail" is a ### heading but it is the first heading, so a level is skipped; make it ##/);
  });

  it("fails on a Markdown image or an <img> without alt text, and passes one that has it", () => {
    const dir = makeContentDir({ "customer-help/image-without-alt.mdx": "image-without-alt.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/image-without-alt\.mdx:12 +body: the image "\/logo\.svg" has no alt text; describe what it shows/);
    expect(output).toMatch(/image-without-alt\.mdx:14 +body: the image "\/favicon\.svg" has no alt text/);
    expect(output).not.toMatch(/image-without-alt\.mdx:16 /);
    expect(output).toContain("2 content problems to fix");
  });
});

describe("titles, file names and categories", () => {
  it("fails on two articles with one title, or one file name, at the title's line", () => {
    const dir = makeContentDir({
      "customer-help/valid.mdx": "valid.mdx",
      "customer-help/duplicate-title.mdx": "duplicate-title.mdx",
      "product-help/valid.mdx": "same-file-name.mdx",
    });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/customer-help\/valid\.mdx:2 +title: "A valid fixture article" is also the title of .*duplicate-title\.mdx/);
    expect(output).toMatch(/product-help\/valid\.mdx +\(file\): the file name "valid" is also used by .*customer-help\/valid\.mdx/);
  });

  it("fails on a folder that is not a category, because no category page would list it", () => {
    const dir = makeContentDir({ "billing/uncategorised.mdx": "uncategorised.mdx", "customer-help/valid.mdx": "valid.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/billing\/uncategorised\.mdx +\(file\): the folder content\/articles\/billing\/ is not a category in .*categories\.yaml, so no category page lists its articles; add a category with id "billing"/);
  });
});

describe("review dates", () => {
  it("lists an article past its review date as a warning, and still passes", () => {
    const dir = makeContentDir({ "customer-help/overdue-review.mdx": "overdue-review.mdx" });
    const { status, output, warnings } = runCheck(dir);
    expect(warnings.join("\n")).toMatch(/overdue-review\.mdx:7 +reviewBy: review overdue since 31 January 2020: the support team should re-read the article/);
    expect(output).toContain("Content OK: 1 articles checked");
    expect(status).toBe(0);
  });

  it("fails when the last review is later than the next one", () => {
    const dir = makeContentDir({ "customer-help/reviewed-after-review-date.mdx": "reviewed-after-review-date.mdx" });
    const { status, output } = runCheck(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/reviewed-after-review-date\.mdx:7 +reviewBy: the next review \(1 January 2099\) must come after the last one \(lastReviewed: 1 February 2099\)/);
  });
});
