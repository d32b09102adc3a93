import { describe, expect, it } from "vitest";
import {
  fewestSlotsForPartialMatch,
  OTHER_AUDIENCE_WEIGHT,
  PROXIMITY_WEIGHT,
  proximityBoost,
  rankPages,
  smallestSpan,
} from "../../src/lib/search-ranking.ts";
import { meaningfulWords } from "../../src/lib/search-stop-words.ts";
import { queryWords, relatedForms, replaceWordText, searchKey, wordLabel } from "../../src/lib/search-text.ts";

const slots = (...labels: string[]) => labels.map((label) => ({ label, terms: [label] }));
const matches = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([term, pages]) => [term, Object.entries(pages).map(([id, score]) => ({ id, score }))]));

describe("reading a query", () => {
  it("compares words the way Pagefind searches them", () => {
    expect(searchKey("Two-Factor")).toBe("twofactor");
    expect(searchKey("can't")).toBe("cant");
    expect(searchKey("Résumé?")).toBe("resume");
    expect(queryWords("  how do I — reset? ").map((w) => w.key)).toEqual(["how", "do", "i", "reset"]);
  });

  it("replaces a word's letters and keeps its punctuation", () => {
    expect(replaceWordText("pasword?", "password")).toBe("password?");
    expect(replaceWordText("(hotine)", "hotline")).toBe("(hotline)");
  });

  it("relates a verb in -ify to its noun in -ification, which the stemmer keeps apart", () => {
    expect(["notify", "notified", "verifies", "identifying"].map(relatedForms)).toEqual([
      ["notification"],
      ["notification"],
      ["verification"],
      ["identification"],
    ]);
    expect(["notification", "notifications"].map(relatedForms)).toEqual([["notify"], ["notify"]]);
    expect(["specific", "ify", "notice", "classified"].map(relatedForms)).toEqual([[], [], [], ["classification"]]);
  });

  it("names a missing word without the sentence's punctuation, and keeps the word's own", () => {
    expect(["quit,", "password?", "(beta)", "“guest”", "@all", "can't", "c++"].map(wordLabel)).toEqual(["quit", "password", "beta", "guest", "@all", "can't", "c++"]);
    expect(wordLabel("?!")).toBe("?!");
  });

  it("leaves out question words, pronouns and auxiliaries, unless nothing else is left", () => {
    const words = queryWords("What should I do if my messages disappeared?");
    expect(meaningfulWords(words).kept.map((w) => w.text)).toEqual(["messages", "disappeared?"]);
    expect(meaningfulWords(queryWords("is there")).kept.map((w) => w.text)).toEqual(["is", "there"]);
  });
});

describe("ranking pages for several words", () => {
  it("adds up each word's score, and lists a page with one word of two at half its score", () => {
    const { pages, allWords, partial } = rankPages(
      slots("reset", "password"),
      matches({ reset: { a: 1, b: 5, c: 2 }, password: { a: 1, b: 1, c: 3, d: 9 } }),
    );
    expect(pages.map((p) => [p.id, p.score])).toEqual([
      ["b", 6],
      ["c", 5],
      ["d", 9],
      ["a", 2],
    ]);
    // d has "password" only: 9 counts as 4.5, below c's 5 for both words.
    expect(pages.find((p) => p.id === "d")?.missing).toEqual(["reset"]);
    expect(allWords).toBe(3);
    expect(partial).toBe(true);
  });

  it("lists pages with most of the words, each lacking word costing its share, however many have them all", () => {
    const { pages, allWords, partial } = rankPages(
      slots("incident", "outage", "workaround"),
      matches({
        incident: { a: 1, b: 9, e: 2, f: 2, g: 2, h: 2 },
        outage: { a: 1, b: 9, c: 1, e: 2, f: 2, g: 2, h: 2 },
        workaround: { a: 1, c: 30, d: 50, e: 2, f: 2, g: 2, h: 2 },
      }),
    );
    expect(allWords).toBe(5);
    expect(partial).toBe(true);
    // c (31 for two words of three: 20.7) and b (18: 12) outrank the pages with all three at 6 and 3;
    // d has one word of three, which is not most, and is left out.
    expect(pages.map((p) => p.id)).toEqual(["c", "b", "e", "f", "g", "h", "a"]);
    expect(pages.find((p) => p.id === "b")?.missing).toEqual(["workaround"]);
    expect(pages.find((p) => p.id === "c")?.missing).toEqual(["incident"]);
  });

  it("puts a page with all the words before one with fewer that scores the same for them", () => {
    const { pages, partial } = rankPages(slots("edit", "article"), matches({ edit: { all: 3, some: 6 }, article: { all: 3 } }));
    expect(pages.map((p) => p.id)).toEqual(["all", "some"]);
    expect(partial).toBe(true);
    const single = rankPages(slots("edit"), matches({ edit: { a: 3 } }));
    expect(single.partial).toBe(false);
  });

  it("needs most of the words for a partial match, and at least one", () => {
    expect([1, 2, 3, 4, 5].map(fewestSlotsForPartialMatch)).toEqual([1, 1, 2, 2, 3]);
  });

  it("needs most of the words that are on some page: a word on none leaves the others to decide", () => {
    // No page has both "reproduce" and "issue"; "vm" is on no page. Each page with one of them is listed.
    const { pages } = rankPages([...slots("reproduce", "issue"), { label: "vm", terms: [] }], matches({ reproduce: { a: 3 }, issue: { b: 2 } }));
    expect(pages.map((p) => [p.id, p.missing])).toEqual([
      ["a", ["issue", "vm"]],
      ["b", ["reproduce", "vm"]],
    ]);
    // Unless most of the words are on no page: then a page needs most of all of them.
    const gap = rankPages([{ label: "karaoke", terms: [] }, ...slots("night"), { label: "zzqx", terms: [] }], matches({ night: { a: 3 } }));
    expect(gap.pages).toEqual([]);
  });

  it("counts a page once for a word found through two alternatives", () => {
    const { pages } = rankPages([{ label: "2fa", terms: ["2fa", "twofactor"] }], matches({ "2fa": { a: 2 }, twofactor: { a: 7, b: 1 } }));
    expect(pages).toEqual([
      { id: "a", score: 7, matched: 1, missing: [], terms: ["twofactor"] },
      { id: "b", score: 1, matched: 1, missing: [], terms: ["twofactor"] },
    ]);
  });

  it("ranks a page written for the reader before one for others with the same match", () => {
    const fit = (id: string) => id !== "staff";
    const same = rankPages(slots("priority"), matches({ priority: { staff: 10, customer: 10 } }), { readerFit: fit });
    expect(same.pages.map((p) => p.id)).toEqual(["customer", "staff"]);
    // A clearly better match still comes first.
    const better = rankPages(slots("priority"), matches({ priority: { staff: 10 / OTHER_AUDIENCE_WEIGHT + 1, customer: 10 } }), { readerFit: fit });
    expect(better.pages.map((p) => p.id)).toEqual(["staff", "customer"]);
  });

  it("ranks a page with the words side by side above one with them far apart, at the same scores", () => {
    const { pages } = rankPages(slots("workspace", "address"), new Map([
      ["workspace", [{ id: "apart", score: 5, locations: [3, 90] }, { id: "together", score: 5, locations: [40, 200] }]],
      ["address", [{ id: "apart", score: 5, locations: [60] }, { id: "together", score: 5, locations: [41] }]],
    ]));
    expect(pages.map((p) => p.id)).toEqual(["together", "apart"]);
    expect(pages[0]?.score).toBeCloseTo(10 * (1 + PROXIMITY_WEIGHT));
  });
});

describe("how close the matched words are", () => {
  it("finds the shortest stretch holding one position of each word", () => {
    expect(smallestSpan([[1, 50, 99], [47, 120], [52]])).toBe(5);
    expect(smallestSpan([[4], []])).toBeUndefined();
  });

  it("boosts words next to each other most and words far apart hardly at all", () => {
    expect(proximityBoost([[10], [11]])).toBe(1 + PROXIMITY_WEIGHT);
    expect(proximityBoost([[10], [11], [12]])).toBe(1 + PROXIMITY_WEIGHT);
    expect(proximityBoost([[10], [110]])).toBeCloseTo(1.005);
    expect(proximityBoost([[10]])).toBe(1);
  });
});
