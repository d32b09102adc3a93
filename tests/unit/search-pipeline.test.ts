import { describe, expect, it } from "vitest";
import { parseVocabulary, serializeVocabulary } from "../../src/lib/search-correction.ts";
import { runSearchPipeline, type SearchIndexPort, type WordMatch } from "../../src/lib/search-pipeline.ts";
import { synonymTable } from "../../src/lib/search-synonyms.ts";
import { searchKey } from "../../src/lib/search-text.ts";

/**
 * A small index that behaves like Pagefind where it matters here: every word of a term must be on
 * the page, a word matches the words it begins, and a page scores more the more often it uses them.
 */
function fakeIndex(pages: Record<string, string>, readerWords: string[] = []) {
  const words = Object.fromEntries(Object.entries(pages).map(([id, text]) => [id, text.split(/\s+/).map(searchKey)]));
  const calls = { searchTerm: [] as string[], vocabulary: 0 };
  const counts = new Map<string, number>();
  for (const list of Object.values(words)) for (const w of new Set(list)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const port: SearchIndexPort = {
    async wordMatch(key): Promise<WordMatch> {
      const all = Object.values(words).flat();
      if (all.includes(key)) return "indexed";
      return all.some((w) => w.startsWith(key)) ? "prefix" : "none";
    },
    async searchTerm(term) {
      calls.searchTerm.push(term);
      const parts = term.split(" ");
      return Object.entries(words)
        .filter(([, list]) => parts.every((part) => list.some((w) => w.startsWith(part))))
        .map(([id, list]) => ({ id, score: parts.reduce((s, part) => s + list.filter((w) => w.startsWith(part)).length, 0) }))
        .sort((a, b) => b.score - a.score);
    },
    async vocabulary() {
      calls.vocabulary += 1;
      return parseVocabulary(serializeVocabulary(counts), readerWords);
    },
  };
  return { port, calls };
}

const pages = {
  "reset": "reset your password from the sign in page password reset link",
  "hotline": "call the hotline when everything is down hotline number",
  "priority": "choose a priority high medium or low priority",
  "twofactor": "set up two-factor authentication with an authenticator app",
  "export": "export channel history messages may be missing after retention",
  "outage": "an outage is high priority call the hotline",
};
const none = synonymTable([]);

describe("the query pipeline: questions and filler", () => {
  it("finds for a question what the question's meaningful words find", async () => {
    const { port } = fakeIndex(pages);
    const question = await runSearchPipeline("how do I reset my password?", port, { synonyms: none });
    const plain = await runSearchPipeline("reset password", port, { synonyms: none });
    expect(question.pages.map((p) => p.id)).toEqual(plain.pages.map((p) => p.id));
    expect(question.pages[0]?.id).toBe("reset");
    expect(question.ignored).toEqual(["how", "do", "I", "my"]);
  });

  it("searches a query made only of filler words as it is", async () => {
    const { port, calls } = fakeIndex({ a: "is there a way", b: "there is" });
    const outcome = await runSearchPipeline("is there", port, { synonyms: none });
    expect(calls.searchTerm).toEqual(["is", "there"]);
    expect(outcome.pages.map((p) => p.id).sort()).toEqual(["a", "b"]);
  });

  it("keeps mentions and channels such as @here and @all even though here and all are filler", async () => {
    const { port } = fakeIndex({ mentions: "use @here for people online and @all for everyone", other: "everyone" });
    const outcome = await runSearchPipeline("when to use @here", port, { synonyms: none });
    expect(outcome.slots.map((s) => s.label)).toEqual(["use", "@here"]);
    expect(outcome.pages[0]?.id).toBe("mentions");
  });
});

describe("the query pipeline: words that match nothing", () => {
  it("corrects a misspelt word from the index's vocabulary and says what it searched", async () => {
    const { port } = fakeIndex(pages);
    const outcome = await runSearchPipeline("hotine", port, { synonyms: none });
    expect(outcome.correctedQuery).toBe("hotline");
    expect(outcome.corrections).toEqual([{ from: "hotine", to: "hotline" }]);
    expect(outcome.pages[0]?.id).toBe("hotline");
  });

  it("keeps the question around the corrected word as typed", async () => {
    const { port } = fakeIndex(pages);
    const outcome = await runSearchPipeline("how do I reset my pasword?", port, { synonyms: none });
    expect(outcome.correctedQuery).toBe("how do I reset my password?");
  });

  it("never searches a word that matches nothing as it is, and loads the vocabulary only then", async () => {
    const { port, calls } = fakeIndex(pages);
    await runSearchPipeline("reset password", port, { synonyms: none });
    expect(calls.vocabulary).toBe(0);
    await runSearchPipeline("priorty", port, { synonyms: none });
    expect(calls.vocabulary).toBe(1);
    expect(calls.searchTerm).not.toContain("priorty");
  });

  it("searches the words as typed when asked to (Search instead for ...)", async () => {
    const { port, calls } = fakeIndex(pages);
    const outcome = await runSearchPipeline("hotine", port, { synonyms: none, verbatim: true });
    expect(outcome.correctedQuery).toBeUndefined();
    expect(outcome.unmatched).toEqual(["hotine"]);
    expect(outcome.pages).toEqual([]);
    expect(calls.vocabulary).toBe(0);
  });

  it("completes the word still being typed without announcing a correction", async () => {
    const { port } = fakeIndex({ notes: "notifications arrive late notifications", other: "nothing here" });
    // "notificatio" is no indexed word's start once the index has stems; the vocabulary completes it.
    const stemmed: SearchIndexPort = { ...port, wordMatch: async (key) => (key === "notificatio" ? "none" : port.wordMatch(key)) };
    const outcome = await runSearchPipeline("late notificatio", stemmed, { synonyms: none });
    expect(outcome.corrections).toEqual([]);
    expect(outcome.pages[0]?.id).toBe("notes");
  });

  it("stops at its next step once a newer search has replaced it", async () => {
    const { port, calls } = fakeIndex(pages);
    let stale = false;
    const slow: SearchIndexPort = { ...port, wordMatch: async (key) => ((stale = true), port.wordMatch(key)) };
    await expect(runSearchPipeline("reset password", slow, { synonyms: none, isStale: () => stale })).rejects.toThrow("newer search");
    expect(calls.searchTerm).toEqual([]);
  });

  it("offers to wait before searching for the word still being typed when that is a guess: the start of longer words, or a correction", async () => {
    const { port, calls } = fakeIndex(pages);
    const asked: string[] = [];
    const beforeTypedGuess = async (term: string) => {
      asked.push(term);
      expect(calls.searchTerm).not.toContain(term);
    };
    // "hotl" is only the start of "hotline": the reader is likely to type on.
    await runSearchPipeline("call hotl", port, { synonyms: none, beforeTypedGuess });
    expect(asked).toEqual(["hotl"]);
    // A finished word, a word followed by a space and a word that is not the last are searched at once.
    for (const query of ["call hotline", "hotl ", "hotl call"]) await runSearchPipeline(query, port, { synonyms: none, beforeTypedGuess });
    expect(asked).toEqual(["hotl"]);
    // "hotlnie" matches nothing and is searched as "hotline"; finished with a space, it is no guess.
    calls.searchTerm.length = 0;
    await runSearchPipeline("call hotlnie", port, { synonyms: none, beforeTypedGuess });
    expect(asked).toEqual(["hotl", "hotline"]);
    await runSearchPipeline("hotlnie ", port, { synonyms: none, beforeTypedGuess });
    expect(asked).toEqual(["hotl", "hotline"]);
  });

  it("stops instead of searching the word being typed when newer typing came during the wait", async () => {
    const { port, calls } = fakeIndex(pages);
    let stale = false;
    const typedPast = runSearchPipeline("hotl", port, {
      synonyms: none,
      isStale: () => stale,
      beforeTypedGuess: async () => {
        stale = true;
      },
    });
    await expect(typedPast).rejects.toThrow("newer search");
    expect(calls.searchTerm).toEqual([]);
  });
});

describe("the query pipeline: synonyms", () => {
  const synonyms = synonymTable([
    { id: "two-factor", readersSay: ["2fa", "two step"] },
    { id: "missing", readersSay: ["disappeared"] },
  ]);

  it("searches the site's words for a reader's word the articles never use", async () => {
    const { port, calls } = fakeIndex(pages);
    const outcome = await runSearchPipeline("2fa", port, { synonyms });
    expect(outcome.pages[0]?.id).toBe("twofactor");
    expect(calls.searchTerm).toEqual(["twofactor"]);
    expect(outcome.correctedQuery).toBeUndefined();
  });

  it("matches a reader's phrase before its single words", async () => {
    const { port } = fakeIndex(pages);
    const outcome = await runSearchPipeline("two step setup", port, { synonyms });
    expect(outcome.slots.map((s) => s.label)).toEqual(["two step", "setup"]);
    expect(outcome.pages[0]?.id).toBe("twofactor");
  });

  it("still searches the reader's own word when some article does use it", async () => {
    const { port, calls } = fakeIndex({ ...pages, old: "messages disappeared overnight" });
    const outcome = await runSearchPipeline("my messages disappeared", port, { synonyms });
    expect(calls.searchTerm).toEqual(expect.arrayContaining(["disappeared", "missing"]));
    expect(outcome.pages.slice(0, 2).map((p) => p.id).sort()).toEqual(["export", "old"]);
  });

  it("applies a synonym to a corrected word too, since readers' words are in the vocabulary", async () => {
    const { port } = fakeIndex(pages, ["disappeared"]);
    const outcome = await runSearchPipeline("messages disapeared", port, { synonyms });
    expect(outcome.correctedQuery).toBe("messages disappeared");
    expect(outcome.pages[0]?.id).toBe("export");
  });
});

describe("the query pipeline: forms of a word", () => {
  it("finds the page on notifications for 'notify', and the page that says 'notify' for 'notification'", async () => {
    const { port } = fakeIndex({ alerts: "a notification for mentions", rules: "we notify the owner", other: "a page about something else" });
    const notify = await runSearchPipeline("notify me", port, { synonyms: none });
    expect(notify.pages.map((p) => p.id).sort()).toEqual(["alerts", "rules"]);
    const nouns = await runSearchPipeline("notification", port, { synonyms: none });
    expect(nouns.pages.map((p) => p.id).sort()).toEqual(["alerts", "rules"]);
    // A form no page uses is not searched.
    const { port: plain, calls } = fakeIndex({ a: "verify your email" });
    await runSearchPipeline("verify", plain, { synonyms: none });
    expect(calls.searchTerm).toEqual(["verify"]);
  });
});

describe("the query pipeline: partial matches", () => {
  it("adds pages with most of the words after the pages with all of them, and names the missing words", async () => {
    const { port } = fakeIndex(pages);
    const outcome = await runSearchPipeline("hotline outage, password", port, { synonyms: none });
    expect(outcome.allWords).toBe(0);
    expect(outcome.partial).toBe(true);
    expect(outcome.pages[0]).toMatchObject({ id: "outage", matched: 2, missing: ["password"] });
    // One word of three is not "most of them".
    expect(outcome.pages.map((p) => p.id)).toEqual(["outage"]);
  });

  it("needs most of the words on some page, so a word on none cannot leave nothing to show", async () => {
    const { port } = fakeIndex(pages);
    const outcome = await runSearchPipeline("hotline outage workaround", port, { synonyms: none });
    expect(outcome.unmatched).toEqual(["workaround"]);
    expect(outcome.pages.map((p) => [p.id, p.missing])).toEqual([
      ["outage", ["workaround"]],
      ["hotline", ["outage", "workaround"]],
    ]);
    // "quit," is named as the word it is, without the comma that followed it.
    const typed = await runSearchPipeline("hotline outage: quit, then?", port, { synonyms: none });
    expect(typed.unmatched).toContain("quit");
    expect(typed.pages[0]?.missing).toContain("quit");
  });
});
