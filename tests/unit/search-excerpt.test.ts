import { describe, expect, it } from "vitest";
import { excerptWithoutKeywords, withoutKeywordText } from "../../src/lib/search-excerpt.ts";

const keywords = "login, log in, locked out, forgot password";
const description = "What to try when Parley will not let you in.";

describe("hidden keywords in search excerpts", () => {
  it("shows the description when only the keywords matched", () => {
    const excerpt = "log in, <mark>locked</mark> <mark>out,</mark> forgot password.";
    expect(excerptWithoutKeywords(excerpt, keywords, description)).toBe(description);
  });

  it("cuts the keywords off an excerpt that runs into them", () => {
    const excerpt = "ask your administrator to <mark>unlock</mark> the account. login, log in,";
    expect(excerptWithoutKeywords(excerpt, keywords, description)).toBe("ask your administrator to <mark>unlock</mark> the account.…");
  });

  it("leaves an excerpt from the article's own text alone", () => {
    const excerpt = "Reset your <mark>password</mark> from the sign-in screen";
    expect(excerptWithoutKeywords(excerpt, keywords, description)).toBe(excerpt);
  });

  it("does nothing for pages without keywords", () => {
    expect(excerptWithoutKeywords("anything at all", undefined, description)).toBe("anything at all");
  });

  it("escapes the description it falls back to", () => {
    expect(excerptWithoutKeywords("login,", keywords, "Use <b>this</b>")).toBe("Use &lt;b&gt;this&lt;/b&gt;");
  });

  it("cleans section excerpts too", () => {
    const data = withoutKeywordText({
      excerpt: "<mark>login,</mark> log in,",
      meta: { keywords, description },
      sub_results: [{ excerpt: "the last section. <mark>login,</mark>" }],
    });
    expect(data.excerpt).toBe(description);
    expect(data.sub_results?.[0]?.excerpt).toBe("the last section.…");
  });
});
