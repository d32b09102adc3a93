// The search index over a stand-in for Pagefind that matches words the way Pagefind 1.6 does,
// including its fallback: a word no indexed word begins matches through the longest indexed word
// it begins with, so "hotine" would match the "h" of a curl flag.
import { describe, expect, it, vi } from "vitest";
import { createSearchIndex, type PagefindApi, type PagefindData } from "../../src/lib/search-index.ts";
import { synonymTable } from "../../src/lib/search-synonyms.ts";

interface FakePage {
  title: string;
  text: string;
  audience: string[];
  category: string;
}

function fakePagefind(pages: Record<string, FakePage>) {
  const words = (page: FakePage) => `${page.title} ${page.text}`.toLowerCase().split(/\s+/).map((w) => w.replace(/[^a-z0-9]/g, ""));
  const searches: string[] = [];
  /** Searches that returned results, not only counted them: the costly kind. */
  const full: string[] = [];
  const fragments: Record<string, PagefindData> = {};
  const pagesWith = (word: string, exact: boolean) => {
    const all = new Set(Object.values(pages).flatMap(words));
    let matching = exact ? [...all].filter((w) => w === word) : [...all].filter((w) => w.startsWith(word));
    if (!exact && matching.length === 0) {
      const prefix = [...all].filter((w) => word.startsWith(w)).sort((a, b) => b.length - a.length)[0];
      matching = prefix ? [prefix] : [];
    }
    return new Set(Object.keys(pages).filter((id) => words(pages[id]!).some((w) => matching.includes(w))));
  };
  const api: PagefindApi = {
    async search(term, options = {}) {
      const filters = (options.filters ?? {}) as Record<string, string[]>;
      const inFilters = (id: string) =>
        Object.entries(filters).every(([name, values]) => values.every((v) => (pages[id] as unknown as Record<string, string[]>)[name]?.includes(v)));
      let ids: string[];
      if (term === null) ids = Object.keys(pages);
      else {
        searches.push(term);
        if (!options.filters) full.push(term);
        const exact = /^".*"$/.test(term);
        const sets = term.replace(/"/g, "").split(" ").map((w) => pagesWith(w, exact));
        ids = Object.keys(pages).filter((id) => sets.every((set) => set.has(id)));
      }
      const unfilteredResultCount = ids.length;
      const results = ids.filter(inFilters).map((id) => {
        const page = pages[id]!;
        const list = words(page);
        const parts = (term ?? "").replace(/"/g, "").split(" ");
        const locations = list.flatMap((w, location) => (parts.some((p) => p && w.startsWith(p)) ? [location] : []));
        // Like Pagefind, one object per page for every search, its positions rewritten on each call.
        const data = async (): Promise<PagefindData> => {
          const fragment = (fragments[id] ??= {
            url: `/${id}/`,
            raw_url: `/${id}/`,
            raw_content: `${page.title} ${page.text}`,
            anchors: [],
            meta: { title: page.title, category: page.category },
            filters: { audience: page.audience, category: [page.category] },
            weighted_locations: [],
          });
          await Promise.resolve();
          fragment.weighted_locations = locations.map((location) => ({ location, balanced_score: 1 }));
          return fragment;
        };
        return { id, score: locations.length, words: locations, data };
      });
      return { results: results.sort((a, b) => b.score - a.score), unfilteredResultCount };
    },
    async filters() {
      const counts: Record<string, Record<string, number>> = { audience: {}, category: {} };
      for (const page of Object.values(pages)) {
        for (const a of page.audience) counts.audience![a] = (counts.audience![a] ?? 0) + 1;
        counts.category![page.category] = (counts.category![page.category] ?? 0) + 1;
      }
      return counts;
    },
  };
  return { api, searches, full };
}

const pages: Record<string, FakePage> = {
  api: { title: "The REST API", text: "curl -H Authorization token request", audience: ["Support staff"], category: "Integrations" },
  hotline: { title: "When to call the hotline", text: "call the hotline for outages", audience: ["Customers"], category: "Getting help" },
  shifts: { title: "Working a hotline shift", text: "answer the hotline during your shift", audience: ["Support staff"], category: "Support handbook" },
  priority: { title: "Choosing a priority", text: "pick a priority for your ticket", audience: ["Customers"], category: "Getting help" },
};

function index(vocabulary = "hotline 2\npriority 2\ncurl 1\nshift 1", site = pages, initialMsPerPage?: number, synonyms = synonymTable([])) {
  const fake = fakePagefind(site);
  let downloads = 0;
  const search = createSearchIndex(fake.api, {
    synonyms,
    highlightParam: "highlight",
    initialMsPerPage,
    async loadVocabulary() {
      downloads += 1;
      return vocabulary;
    },
  });
  return { search, fake, downloads: () => downloads };
}

describe("the search index", () => {
  it("does not let a misspelt word match through a one-letter word it begins with, and corrects it", async () => {
    const { search, fake } = index();
    const found = await search.search({ query: "hotine", reader: ["Customers"] });
    // On its own, the stand-in (like Pagefind) finds the curl page through "h".
    expect((await fake.api.search("hotine"))?.results.map((r) => r.id)).toEqual(["api"]);
    expect(found?.answer.summary.correctedQuery).toBe("hotline");
    expect(found?.answer.results.map((r) => r.id)).not.toContain("api");
    expect(found?.answer.results[0]?.id).toBe("hotline");
  });

  it("downloads the vocabulary only when a word matches nothing", async () => {
    const { search, downloads } = index();
    await search.search({ query: "hotline priority" });
    await search.search({ query: "hotl" });
    expect(downloads()).toBe(0);
    await search.search({ query: "priorty" });
    expect(downloads()).toBe(1);
  });

  it("ranks the reader's pages first at the same match and counts results per filter value", async () => {
    const { search } = index();
    const asCustomer = await search.search({ query: "hotline", reader: ["Customers"], counts: true });
    expect(asCustomer?.answer.results.map((r) => r.id)).toEqual(["hotline", "shifts"]);
    expect(asCustomer?.answer.filters.audience).toEqual({ Customers: 1, "Support staff": 1 });
    expect(asCustomer?.answer.filters.category).toEqual({ Integrations: 0, "Getting help": 1, "Support handbook": 1 });
    const asStaff = await search.search({ query: "hotline", reader: ["Support staff"] });
    expect(asStaff?.answer.results.map((r) => r.id)).toEqual(["shifts", "hotline"]);
  });

  it("filters combined results and keeps the totals without the filter", async () => {
    const { search } = index();
    const found = await search.search({ query: "hotline", filters: { audience: ["Support staff"] }, counts: true });
    expect(found?.answer.results.map((r) => r.id)).toEqual(["shifts"]);
    expect(found?.answer.filters.audience).toEqual({ Customers: 0, "Support staff": 1 });
    expect(found?.answer.totalFilters.audience).toEqual({ Customers: 1, "Support staff": 1 });
  });

  it("builds each result's data with every searched word marked and linked for highlighting", async () => {
    const { search } = index();
    const found = await search.search({ query: "call hotline" });
    const data = await search.data(found!.id, 0);
    expect(data.url).toBe("/hotline/?highlight=call&highlight=hotline");
    expect(data.excerpt).toContain("<mark>call</mark> the <mark>hotline</mark>");
    expect(data.missing).toEqual([]);
  });

  it("answers null to a search that a newer one on the same channel replaced", async () => {
    const { search } = index();
    const first = search.search({ query: "hotline", channel: "dialog" });
    const second = search.search({ query: "priority", channel: "dialog" });
    const other = search.search({ query: "shift", channel: "suggestions" });
    expect(await first).toBeNull();
    expect((await second)?.answer.results[0]?.id).toBe("priority");
    expect((await other)?.answer.results[0]?.id).toBe("shifts");
  });

  it("checks a misspelt word by counting pages, never by a search of it that returns them", async () => {
    const { search, fake } = index();
    await search.search({ query: "hotine" });
    expect(fake.searches).toContain('"hotine"');
    expect(fake.full).not.toContain("hotine");
    expect(fake.full).toContain("hotline");
  });
});

describe("searching as the reader types", () => {
  // A word on all of these pages is, on a device as slow as the one assumed (2 ms a page), a search
  // far longer than the reader's gap between keys.
  const big: Record<string, FakePage> = { ...pages };
  for (let n = 0; n < 1_200; n++) big[`w${n}`] = { title: `Workspace settings ${n}`, text: "change the workspace name today", audience: ["Customers"], category: "Workspaces" };
  const slowDevice = (vocabulary?: string) => index(vocabulary, big, 2);

  it("does not search a word being typed that begins words on many pages when the next key replaces it during the pause", async () => {
    const { search, fake } = slowDevice();
    const typedPast = search.search({ query: "worksp", channel: "dialog", typingPauseMs: 2_000 });
    // The next key comes once the word is known to begin others, well before the pause is over.
    await vi.waitFor(() => expect(fake.searches.filter((term) => term.replace(/"/g, "").startsWith("worksp")).length).toBeGreaterThanOrEqual(3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const latest = search.search({ query: "workspace", channel: "dialog", typingPauseMs: 2_000 });
    expect(await typedPast).toBeNull();
    expect((await latest)?.answer.results).toHaveLength(1_200);
    expect(fake.full).not.toContain("worksp");
  });

  it("searches it after the reader's pause when no key comes", async () => {
    const { search, fake } = slowDevice();
    const started = performance.now();
    const found = await search.search({ query: "worksp", channel: "dialog", typingPauseMs: 300 });
    expect(found?.answer.results).toHaveLength(1_200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(fake.full).toContain("worksp");
  });

  it("searches at once a word on few pages, a finished word, and a search no keystroke started", async () => {
    const { search } = slowDevice();
    for (const request of [{ query: "hotl", typingPauseMs: 5_000 }, { query: "workspace", typingPauseMs: 5_000 }, { query: "worksp" }]) {
      const started = performance.now();
      expect((await search.search(request))?.answer.results.length).toBeGreaterThan(0);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it("searches a misspelt last word's correction at once when it is on few pages, and waits when it is on many", async () => {
    const { search, fake } = slowDevice("hotline 2\nworkspace 1200\npriority 2");
    const started = performance.now();
    expect((await search.search({ query: "hotlnie", typingPauseMs: 2_000 }))?.answer.summary.correctedQuery).toBe("hotline");
    expect(performance.now() - started).toBeLessThan(2_000);
    const typedPast = search.search({ query: "worksapce", channel: "dialog", typingPauseMs: 2_000 });
    await vi.waitFor(() => expect(fake.searches).toContain("workspace"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const latest = search.search({ query: "workspace", channel: "dialog", typingPauseMs: 2_000 });
    expect(await typedPast).toBeNull();
    expect((await latest)?.answer.results).toHaveLength(1_200);
  });

  it("searches words on many pages together when few pages have them all, and finds, ranks and marks the pages with all of them as one by one", async () => {
    const site: Record<string, FakePage> = { ...big };
    for (let n = 0; n < 40; n++) site[`r${n}`] = { title: `Renaming a workspace ${n}`, text: "rename the workspace from its settings", audience: ["Customers"], category: "Workspaces" };
    site.near = { title: "Workspace names", text: "rename workspace here", audience: ["Customers"], category: "Workspaces" };
    const slow = index(undefined, site, 2);
    const quick = index(undefined, site, 0.000_01);
    const together = (await slow.search.search({ query: "rename workspace" }))!;
    const oneByOne = (await quick.search.search({ query: "rename workspace" }))!;
    // Slow device: "workspace" is on 1,241 pages, so it is never searched on its own; the rarer word is.
    expect(slow.fake.full).toEqual(["rename", "rename workspace"]);
    expect(quick.fake.full).toEqual(["rename", "workspace"]);
    const withBoth = ["near", ...Array.from({ length: 40 }, (_, n) => `r${n}`)].sort();
    expect(together.answer.results.map((r) => r.id).sort()).toEqual(withBoth);
    expect(together.answer.unfilteredResultCount).toBe(41);
    // One by one, the pages with "workspace" alone follow at half their score; together finds only those with both.
    expect(oneByOne.answer.results.slice(0, 41).map((r) => r.id).sort()).toEqual(withBoth);
    expect(oneByOne.answer.results.length).toBeGreaterThan(41);
    // The words side by side count for more, as they do one by one.
    expect(together.answer.results[0]?.id).toBe("near");
    const shown = await slow.search.data(together.id, 0);
    expect(shown.excerpt).toContain("<mark>rename</mark> <mark>workspace</mark>");
    // When few pages have every word, pages with most of them are shown too, which needs each word's own search.
    const partial = (await slow.search.search({ query: "hotline workspace" }))!;
    expect(partial.answer.summary.partial).toBe(true);
    expect(slow.fake.full).toContain("workspace");
  });

  it("searches the site's words for a reader's word without their stop words when those narrow nothing, and with them when they do", async () => {
    const synonyms = synonymTable([{ id: "sign in", readersSay: ["login"] }]);
    const site: Record<string, FakePage> = { ...big };
    for (let n = 0; n < 60; n++) site[`s${n}`] = { title: `Sign in ${n}`, text: "sign in with your workspace address", audience: ["Customers"], category: "Workspaces" };
    const lean = index(undefined, site, 2, synonyms);
    const found = (await lean.search.search({ query: "login" }))!;
    expect(lean.fake.full).toEqual(["sign"]);
    expect(found.answer.results).toHaveLength(60);
    // One page says "sign" without "in": the stop word narrows the pages, so it is kept.
    site.other = { title: "Sign the contract", text: "sign and return it", audience: ["Customers"], category: "Workspaces" };
    const exact = index(undefined, site, 2, synonyms);
    expect((await exact.search.search({ query: "login" }))?.answer.results).toHaveLength(60);
    expect(exact.fake.full).toEqual(["sign in"]);
    // A quick device searches the words as they are, without counting first.
    const quick = index(undefined, site, 0.000_01, synonyms);
    await quick.search.search({ query: "login" });
    expect(quick.fake.full).toEqual(["sign in"]);
  });

  it("learns how long the reader's device takes, and stops waiting once big searches prove quick", async () => {
    const { search } = slowDevice();
    // Searches of words on every page, each timed: this machine is far quicker than 2 ms a page.
    for (const word of ["change", "name", "settings", "today", "the", "workspace"]) await search.search({ query: word });
    const started = performance.now();
    expect((await search.search({ query: "worksp", typingPauseMs: 2_000 }))?.answer.results).toHaveLength(1_200);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
