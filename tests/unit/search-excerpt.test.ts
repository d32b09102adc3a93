import { describe, expect, it } from "vitest";
import { audienceNote, readerAudience, writtenForReader } from "../../src/lib/search-audience.ts";
import { buildExcerpts, densestWindow, linkWithHighlight, type IndexedPage } from "../../src/lib/search-excerpt.ts";
import { countFilters, matchesSelection } from "../../src/lib/search-filters.ts";

// Words as Pagefind counts them: the title, the description, two sections, then the keywords.
const text = [
  "If you can't sign in",
  "What to try when Parley will not let you in.",
  "Check the workspace address",
  "Most failed sign-ins are a mistyped workspace address. Copy it from an invitation.",
  "Reset your password",
  "Choose Forgot password on the sign-in page and follow the emailed link to reset it.",
  "login, log in, locked out, forgot password",
].join(" ");
const words = text.split(" ");
const at = (word: string, from = 0) => words.indexOf(word, from);
const page: IndexedPage = {
  raw_content: text,
  raw_url: "/product-help/cant-sign-in/",
  anchors: [
    { element: "h2", id: "check-the-workspace-address", text: "Check the workspace address", location: at("Check") },
    { element: "h2", id: "reset-your-password", text: "Reset your password", location: at("Reset") },
  ],
  meta: { title: "If you can't sign in", description: "What to try when Parley will not let you in.", keywords: "login, log in, locked out, forgot password" },
};
const options = { length: 8, leadIn: 2, highlightParam: "highlight", highlight: ["reset", "password"] };
const position = (location: number, balanced_score = 1) => ({ location, balanced_score });

describe("excerpts built from every searched word's positions", () => {
  it("marks each matched word and starts a little before the first, so it shows on a phone's first line", () => {
    const reset = at("reset", at("link"));
    const { excerpt } = buildExcerpts(page, [position(at("password", at("Forgot"))), position(reset)], options);
    expect(excerpt).toBe("…Choose Forgot <mark>password</mark> on the sign-in page and…");
    expect(buildExcerpts(page, [position(reset)], options).excerpt).toContain("<mark>reset</mark>");
  });

  it("gives one result per section with matches, linked to its heading, without repeating the heading", () => {
    const { sub_results } = buildExcerpts(page, [position(at("password", at("Forgot"))), position(at("workspace", at("mistyped")))], options);
    expect(sub_results.map((s) => [s.title, s.url])).toEqual([
      ["Check the workspace address", "/product-help/cant-sign-in/?highlight=reset&highlight=password#check-the-workspace-address"],
      ["Reset your password", "/product-help/cant-sign-in/?highlight=reset&highlight=password#reset-your-password"],
    ]);
    expect(sub_results[1]?.excerpt.startsWith("Choose")).toBe(true);
  });

  it("never shows the hidden keywords: a page found only through them shows its description", () => {
    const keyword = words.length - 1;
    const { excerpt, sub_results } = buildExcerpts(page, [position(keyword)], options);
    expect(excerpt).toBe("What to try when Parley will not let you in.");
    expect(sub_results).toEqual([]);
    const mixed = buildExcerpts(page, [position(keyword), position(at("password", at("Forgot")))], { ...options, length: 40 });
    expect(mixed.excerpt).not.toContain("locked out");
  });

  it("chooses the part of the page with the most weight of matches", () => {
    expect(densestWindow([position(2), position(30), position(31), position(33, 5)], 5, 0, 100)).toBe(30);
  });

  it("adds the searched words to links for highlighting, keeping full addresses full", () => {
    expect(linkWithHighlight("https://help.example.com/a/", "intro", { highlightParam: "highlight", highlight: ["two-factor"] })).toBe(
      "https://help.example.com/a/?highlight=two-factor#intro",
    );
  });
});

describe("filters and counts for combined results", () => {
  const filters: Record<string, Record<string, string[]>> = {
    a: { audience: ["Customers"], category: ["Getting help"] },
    b: { audience: ["Customers", "Support staff"], category: ["Getting help"] },
    c: { audience: ["Support staff"], category: ["Support handbook"] },
  };

  it("keeps pages with every chosen value, as Pagefind filters do", () => {
    expect(["a", "b", "c"].filter((id) => matchesSelection(filters[id], { audience: ["Customers", "Support staff"] }))).toEqual(["b"]);
    expect(["a", "b", "c"].filter((id) => matchesSelection(filters[id], {}))).toEqual(["a", "b", "c"]);
  });

  it("counts results per value and lists values no result has as 0", () => {
    const known = { audience: { Customers: 9, "New hires": 9, "Support staff": 9 }, category: { "Getting help": 9, "Support handbook": 9 } };
    expect(countFilters(["a", "c"], (id) => filters[id], known)).toEqual({
      audience: { Customers: 1, "New hires": 0, "Support staff": 1 },
      category: { "Getting help": 1, "Support handbook": 1 },
    });
  });
});

describe("who is searching", () => {
  it("is whoever the audience filter says, else the page's readers, else a customer", () => {
    expect(readerAudience(["Support staff"], ["New hires"])).toEqual(["Support staff"]);
    expect(readerAudience([], ["New hires", "Support staff"])).toEqual(["New hires", "Support staff"]);
    expect(readerAudience(undefined, undefined)).toEqual(["Customers"]);
    expect(readerAudience(["Martians"], undefined)).toEqual(["Customers"]);
  });

  it("labels results written for other readers only", () => {
    expect(audienceNote(["Support staff"], ["Customers"])).toBe("For support staff");
    expect(audienceNote(["New hires", "Support staff"], ["Customers"])).toBe("For new hires and support staff");
    expect(audienceNote(["Customers", "Support staff"], ["Customers"])).toBeUndefined();
    expect(writtenForReader([], ["Customers"])).toBeUndefined();
  });
});
