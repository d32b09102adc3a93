import { describe, expect, it } from "vitest";
import { MIN_PREFIX_LENGTH, searchableAtOnce } from "../../src/scripts/search-as-you-type.ts";

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
});
