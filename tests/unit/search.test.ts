import { describe, expect, it } from "vitest";
import { readSearchState, ticketUrlForQuery, writeSearchState } from "../../src/lib/search-url.ts";
import { isSearchShortcut, isTypingTarget } from "../../src/lib/search-keys.ts";
import { searchTermsFromPath } from "../../src/lib/not-found.ts";
import { showFirstResultsAtOnce } from "../../src/scripts/pagefind-ui.ts";

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("search address", () => {
  it("round-trips the query and filters through the URL", () => {
    const query = writeSearchState("can't sign in", { audience: ["Customers"], category: ["Using Parley", "Getting help"] });
    expect(readSearchState(query)).toEqual({
      term: "can't sign in",
      filters: { audience: ["Customers"], category: ["Using Parley", "Getting help"] },
      verbatim: false,
    });
  });

  it("keeps the choice to search the words as typed, and only with words to search", () => {
    expect(writeSearchState("pasword", {}, true)).toBe("?q=pasword&verbatim=1");
    expect(readSearchState("?q=pasword&verbatim=1")).toEqual({ term: "pasword", filters: {}, verbatim: true });
    expect(writeSearchState("", {}, true)).toBe("");
    expect(readSearchState("?verbatim=1").verbatim).toBe(false);
  });

  it("ignores unknown parameters and empty values", () => {
    expect(readSearchState("?q=%20vpn%20&utm_source=x&audience=")).toEqual({ term: "vpn", filters: {}, verbatim: false });
  });

  it("carries the reader's words to the ticket form as the subject", () => {
    expect(ticketUrlForQuery("export channel history")).toBe("/tickets/new/?subject=export+channel+history");
    expect(ticketUrlForQuery("  ")).toBe("/tickets/new/");
  });
});

describe("search shortcuts", () => {
  it("opens on / and on Ctrl+K or Cmd+K", () => {
    expect(isSearchShortcut(key("/"))).toBe(true);
    expect(isSearchShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key("K", { metaKey: true }))).toBe(true);
  });

  it("leaves other keys alone", () => {
    expect(isSearchShortcut(key("k"))).toBe(false);
    expect(isSearchShortcut(key("/", { altKey: true }))).toBe(false);
    expect(isSearchShortcut(key("j", { ctrlKey: true }))).toBe(false);
  });

  it("treats form fields as typing targets so / can still be typed", () => {
    const field = { closest: (selector: string) => (selector.includes("input") ? {} : null) } as unknown as EventTarget;
    const paragraph = { closest: () => null } as unknown as EventTarget;
    expect(isTypingTarget(field)).toBe(true);
    expect(isTypingTarget(paragraph)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("404 search suggestion", () => {
  it("turns the missing address into search words", () => {
    expect(searchTermsFromPath("/customer-help/open-a-tikcet/")).toBe("open a tikcet");
    expect(searchTermsFromPath("/")).toBe("");
  });
});

describe("first search results", () => {
  it("fills in the first three entries of a results list at once, and leaves the rest to scrolling", () => {
    const loaded: number[] = [];
    const entries = Array.from({ length: 20 }, (_, index) => ({ load: () => loaded.push(index) }));
    showFirstResultsAtOnce({ results: entries } as unknown as HTMLElement);
    expect(loaded).toEqual([0, 1, 2]);
  });

  it("does nothing when the results list does not expose its entries", () => {
    expect(() => showFirstResultsAtOnce({} as HTMLElement)).not.toThrow();
    expect(() => showFirstResultsAtOnce({ results: [{}, null] } as unknown as HTMLElement)).not.toThrow();
  });
});
