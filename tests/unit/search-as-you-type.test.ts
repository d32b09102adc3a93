import { describe, expect, it } from "vitest";
import { MIN_PREFIX_LENGTH, searchableAtOnce, TypingRhythm, wordToPreload } from "../../src/scripts/search-as-you-type.ts";

describe("searching as the reader types", () => {
  it("searches at once when the last word is long enough to narrow the index", () => {
    expect(searchableAtOnce("a".repeat(MIN_PREFIX_LENGTH))).toBe(true);
    expect(searchableAtOnce("hotl")).toBe(true);
    expect(searchableAtOnce("workspace invi")).toBe(true);
  });

  it("waits for a pause when the last word is three letters or fewer, a prefix of the commonest words", () => {
    expect(searchableAtOnce("s")).toBe(false);
    expect(searchableAtOnce("ip")).toBe(false);
    expect(searchableAtOnce("workspace the")).toBe(false);
  });

  it("searches at once when a word has just been finished or the box was cleared", () => {
    expect(searchableAtOnce("workspace ")).toBe(true);
    expect(searchableAtOnce("")).toBe(true);
    expect(searchableAtOnce("   ")).toBe(true);
  });

  it("fetches the index chunk of a short word while it waits, from three letters on", () => {
    expect(wordToPreload("rotations syn")).toBe("syn");
    expect(wordToPreload("rotations sy")).toBeUndefined();
    expect(wordToPreload("sync")).toBeUndefined();
    expect(wordToPreload("syn ")).toBeUndefined();
  });
});

describe("the reader's typing rhythm", () => {
  const typed = (...times: number[]) => {
    const rhythm = new TypingRhythm();
    for (const at of times) rhythm.key(at);
    return rhythm;
  };

  it("waits about two of the reader's usual gaps between keys for the next one", () => {
    expect(typed(0, 80, 160, 240, 320).pauseMs()).toBe(160);
    expect(typed(0, 130, 260, 390).pauseMs()).toBe(260);
    // One slow key does not change the usual gap.
    expect(typed(0, 80, 160, 500, 580).pauseMs()).toBe(160);
  });

  it("keeps the wait within bounds for very fast and very slow typing", () => {
    expect(typed(0, 20, 40, 60).pauseMs()).toBe(TypingRhythm.SHORTEST_PAUSE_MS);
    expect(typed(0, 400, 800, 1200).pauseMs()).toBe(TypingRhythm.LONGEST_PAUSE_MS);
  });

  it("does not count the reader stopping as their typing speed, and starts from a typical pause", () => {
    expect(typed().pauseMs()).toBe(TypingRhythm.FIRST_PAUSE_MS);
    expect(typed(0).pauseMs()).toBe(TypingRhythm.FIRST_PAUSE_MS);
    expect(typed(0, 5_000).pauseMs()).toBe(TypingRhythm.FIRST_PAUSE_MS);
    expect(typed(0, 5_000, 5_090, 5_180).pauseMs()).toBe(180);
  });
});
