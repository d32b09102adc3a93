import { describe, expect, it } from "vitest";
import { allowedEdits, correctWord, editDistance, parseVocabulary, serializeVocabulary } from "../../src/lib/search-correction.ts";
import { countPageWords, pageWords } from "../../src/lib/search-vocabulary.ts";

const vocabulary = parseVocabulary(
  serializeVocabulary(
    new Map([
      ["hotline", 12],
      ["hotels", 1],
      ["password", 30],
      ["passport", 2],
      ["priority", 40],
      ["two-factor", 9],
      ["twofactor", 1],
      ["reset", 25],
      ["routine", 20],
      ["notifications", 50],
      ["notification", 20],
      ["authentication", 8],
      ["mark", 30],
      ["edit", 30],
      ["export", 10],
    ]),
  ),
  ["invoice"],
);

describe("edit distance", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("exprot", "export", 2)).toBe(1);
    expect(editDistance("pasword", "password", 2)).toBe(1);
    expect(editDistance("authentification", "authentication", 2)).toBe(2);
  });

  it("stops past the allowed number of edits", () => {
    expect(editDistance("hotline", "priority", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 1)).toBe(2);
  });

  it("allows no edit for two letters, one up to five and two beyond", () => {
    expect([2, 3, 5, 6, 12].map(allowedEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe("correcting a word that matches nothing", () => {
  const corrected = (word: string) => correctWord(word, vocabulary)?.words.map((w) => w.word).join(" ");

  it("finds the indexed word one or two edits away", () => {
    expect(corrected("hotine")).toBe("hotline");
    expect(corrected("priorty")).toBe("priority");
    expect(corrected("pasword")).toBe("password");
    expect(corrected("authentification")).toBe("authentication");
  });

  it("does not turn a real word into a site word by changing its first letter", () => {
    // "dark mode" is not "mark mode", nor a "credit card" an "edit card".
    expect(corrected("dark")).toBeUndefined();
    expect(corrected("credit")).toBeUndefined();
  });

  it("still corrects the first two letters swapped, and one slip at the start of a longer word", () => {
    expect(corrected("rpiority")).toBe("priority");
    expect(corrected("xport")).toBe("export");
    expect(corrected("esport")).toBe("export");
  });

  it("prefers the word more pages use among words as close", () => {
    // "passwrd" is one edit from "password" (30 pages) and two from "passport".
    expect(corrected("passwrd")).toBe("password");
  });

  it("shows the spelling the articles use more for words the index treats as one", () => {
    expect(corrected("twofactr")).toBe("two-factor");
  });

  it("splits two words run together", () => {
    expect(corrected("passwordreset")).toBe("password reset");
  });

  it("completes a word cut short and says it was a completion", () => {
    expect(correctWord("notificatio", vocabulary)).toMatchObject({ words: [{ word: "notifications" }], completion: true });
  });

  it("knows readers' words from synonyms.yaml", () => {
    expect(corrected("invioce")).toBe("invoice");
  });

  it("leaves words too short or too far from anything alone", () => {
    expect(correctWord("zq", vocabulary)).toBeUndefined();
    expect(correctWord("zyxwvut", vocabulary)).toBeUndefined();
  });
});

describe("the vocabulary the build writes", () => {
  it("keeps the words of a page once, in lower case, without punctuation around them", () => {
    expect([...pageWords("Reset your Password. Reset it (now), can’t you? Two-factor!")].sort()).toEqual(
      ["can't", "it", "now", "password", "reset", "two-factor", "you", "your"].sort(),
    );
  });

  it("leaves out numbers, codes, addresses and code", () => {
    expect([...pageWords("Error PX-7292 at https://chat.example.com/api/v1/me: call chat.postMessage 24/7 or 555-0100")]).toEqual([
      "error",
      "at",
      "call",
      "or",
    ]);
  });

  it("lists common words no page uses with no pages, and leaves them as typed", () => {
    const counts = new Map([
      ["guess", 4],
      ["channels", 3],
      ["holiday", 2],
    ]);
    const text = serializeVocabulary(counts, ["guest", "guess", "vacation", "holidays"]);
    expect(text.split("\n")).toEqual(["channels 3", "guess 4", "guest 0", "holiday 2", "holidays 0", "vacation 0"]);
    // "vacation" is also a reader's word from synonyms.yaml, so it is a correction like any other.
    const parsed = parseVocabulary(text, ["vacation"]);
    expect(parsed.byKey.has("guest")).toBe(false);
    expect(correctWord("guest", parsed)).toBeUndefined();
    expect(correctWord("holidays", parsed)).toBeUndefined();
    expect(correctWord("vacaton", parsed)?.words.map((w) => w.word)).toEqual(["vacation"]);
    // A misspelling is still corrected, and a word cut short still completed.
    expect(correctWord("chanels", parsed)?.words.map((w) => w.word)).toEqual(["channels"]);
    expect(correctWord("holid", parsed)).toMatchObject({ words: [{ word: "holiday" }], completion: true });
  });

  it("counts pages, not occurrences, and reads back what it wrote", () => {
    const counts = new Map<string, number>();
    countPageWords(counts, "hotline hotline hotline");
    countPageWords(counts, "the hotline number");
    const parsed = parseVocabulary(serializeVocabulary(counts));
    expect(parsed.byKey.get("hotline")?.pages).toBe(2);
    expect(parsed.byKey.get("number")?.pages).toBe(1);
  });
});
