// The search index as the pipeline uses it: Pagefind's own search (pagefind.js) wrapped with what
// the pipeline needs from it, with the answers kept for the next keystroke. Runs in the site's
// search worker (src/scripts/search-worker.ts), or on the page when no worker can start.
import { buildExcerpts, linkWithHighlight, type IndexedPage, type MatchedPosition, type SectionResult } from "./search-excerpt.ts";
import { parseVocabulary, type Vocabulary } from "./search-correction.ts";
import { countFilters, matchesSelection, type FilterCounts, type FilterSelection, type PageFilters } from "./search-filters.ts";
import { runSearchPipeline, SupersededSearch, type SearchIndexPort, type WordCorrection, type WordMatch } from "./search-pipeline.ts";
import type { RankedPage, TermMatch } from "./search-ranking.ts";
import { writtenForReader } from "./search-audience.ts";
import { latestOnly, nextTask, pauseUnlessAborted } from "./latest-only.ts";
import { stem } from "porter2";
import { STOP_WORDS } from "./search-stop-words.ts";
import type { SynonymTable } from "./search-synonyms.ts";

/** The parts of Pagefind's search API (pagefind.js) used here. */
export interface PagefindApi {
  search(term: string | null, options?: { filters?: Record<string, unknown> }): Promise<PagefindSearch | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  /** Loads the index chunks a term needs, without searching. */
  preload?(term: string): Promise<void>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
}

export interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched words on the page. */
  words?: number[];
  data(): Promise<PagefindData>;
}

export interface PagefindData extends IndexedPage {
  url: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  weighted_locations: MatchedPosition[];
}

export interface SearchRequest {
  query: string;
  filters?: FilterSelection;
  /** The reader's audiences, as audience filter values. */
  reader?: readonly string[];
  /** Search the words as typed, without corrections. */
  verbatim?: boolean;
  /** Count results per filter value (for a filter list). */
  counts?: boolean;
  /** Searches on one channel replace each other: a newer one stops an older one still running. */
  channel?: string;
  /** Words per excerpt. */
  excerptLength?: number;
  /**
   * Set when a keystroke started this search: how long the reader's next key may take (about two of
   * their usual gaps between keys). A search for the last word that is a guess (the start of
   * longer words, or a correction) waits this long when it would take longer than one gap,
   * unless the next key replaces it first (search-as-you-type.ts).
   */
  typingPauseMs?: number;
}

/** What the pipeline did with the query, for the page to say. */
export interface SearchSummary {
  correctedQuery?: string;
  corrections: WordCorrection[];
  ignored: string[];
  unmatched: string[];
  allWords: number;
  partial: boolean;
}

export interface SearchAnswer {
  results: { id: string; score: number }[];
  /** Results per filter value, as filtered; totals without the filters chosen. */
  filters: FilterCounts;
  totalFilters: FilterCounts;
  unfilteredResultCount: number;
  summary: SearchSummary;
}

/** One result as the page shows it. */
export interface ResultData {
  url: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  excerpt: string;
  sub_results: SectionResult[];
  /** Words of the query this page does not contain (partial matches only). */
  missing: string[];
}

export interface SearchIndexOptions {
  synonyms: SynonymTable;
  /** Downloads the vocabulary text; called the first time a word needs correcting. */
  loadVocabulary(): Promise<string>;
  highlightParam: string;
  /** Pagefind's time per page returned, until this visit's searches have measured it (tests). */
  initialMsPerPage?: number;
}

/** A filter no page has: Pagefind then counts the pages that match but scores and returns none. */
const NO_PAGE = { filters: { "\uE000": ["\uE000"] } };
/** A character no indexed word contains: a word ending in it can only match through a shorter word. */
const NOT_A_LETTER = "\uE000";
const KEPT_TERMS = 64;
const KEPT_SEARCHES = 4;
const DEFAULT_EXCERPT_WORDS = 30;
/**
 * Pagefind's search takes time in proportion to the pages it returns (it scores them all and
 * hands them over as one JSON string): at 5,000 articles a word on every page takes 80-150 ms in a
 * browser's worker, 0.016-0.03 ms a page, while counting the same pages with nothing returned takes
 * 1-40 ms. The index starts from the slow end of that and learns the reader's device from its own
 * searches of many pages (smaller ones are mostly fixed costs), half from each new one.
 */
const INITIAL_MS_PER_PAGE = 0.03;
/**
 * Words searched one by one cost Pagefind time in proportion to every page each is on; searched
 * together, mostly in proportion to the pages that have them all. At 20,000 articles "pinning
 * translation settings" took 11 + 21 + 272 ms as three searches and 19 ms as one. A search together
 * still reads every word's whole entry in the index, about this share of what searching the word
 * would cost (a count, which reads the entries and scores nothing, took 105-130 ms for a word a full
 * search of took 528), so a word whose answer is kept costs a search together more than it costs
 * one by one. Words are searched together when one by one would take longer than SLOW_SEARCH_MS
 * and together is quicker.
 */
const READ_SHARE = 0.25;
/** A search expected to take longer than this is worth a few counts to make it quicker (searching words together, leaving out stop words). */
const SLOW_SEARCH_MS = 40;
const LEARN_FROM_PAGES = 500;
const LEARNING_RATE = 0.5;

interface TermResults {
  matches: TermMatch[];
  byId: Map<string, PagefindResult>;
}

/** A search of several terms together (searchTogether): each term's results on the pages with them all (in the terms' order), and those pages' scores. */
interface Together {
  terms: TermResults[];
  totals: Map<string, number>;
}

interface KeptSearch {
  pages: RankedPage[];
  terms: Map<string, TermResults>;
  highlights: Map<string, string[]>;
  excerptLength: number;
}

/** A map with a size limit that forgets what was used longest ago. */
class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  /** The value kept under `key`, made by `create` (and kept) when there is none. */
  remember(key: string, create: () => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = create();
      this.set(key, value);
    }
    return value;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * `cache.remember` for a promise that a newer search can stop midway: one that rejects is
 * forgotten rather than kept as the answer, so the next search under `key` starts it again.
 */
function rememberUnlessRejected<T>(cache: RecentlyUsed<Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  return cache.remember(key, () => {
    const made = create();
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
    return made;
  });
}

export function createSearchIndex(pagefind: PagefindApi, options: SearchIndexOptions) {
  const wordMatches = new RecentlyUsed<Promise<WordMatch>>(2048);
  const counts = new RecentlyUsed<Promise<number>>(256);
  const termResults = new RecentlyUsed<Promise<TermResults>>(KEPT_TERMS);
  const togetherResults = new RecentlyUsed<Promise<Together | null>>(KEPT_SEARCHES * 4);
  const filterMaps = new Map<string, Promise<Map<string, string[]>>>();
  const kept = new Map<number, KeptSearch>();
  // One search at a time: searches started together would each hold one Pagefind call, and the
  // last one would wait behind them all. A search newer typing replaced stops at its next step.
  const queue = latestOnly();
  let vocabulary: Promise<Vocabulary> | undefined;
  let available: Promise<Record<string, Record<string, number>>> | undefined;

  const count = (term: string) => counts.remember(term, async () => (await pagefind.search(term, NO_PAGE))?.unfilteredResultCount ?? 0);

  /**
   * Pagefind searches the stem of each word (Snowball's English stemmer: "messages" and "message"
   * are both "messag"), so words with the same stem get the same answer, and the answer kept for
   * one keystroke serves the next: "message" then "messages" is one search. porter2 is the same
   * algorithm in JavaScript and agreed with Pagefind on all but 5 of the 2,581 words of this site
   * (a few accented names, "added", "emergency", "internal"); only those could share an answer
   * Pagefind would have given separately.
   */
  const stemmed = (term: string) =>
    term
      .split(" ")
      .map((word) => (/^[a-z]+$/.test(word) ? stem(word) : word))
      .join(" ");

  let msPerPage = options.initialMsPerPage ?? INITIAL_MS_PER_PAGE;

  /**
   * A term of several words is searched without its stop words ("sign in", the site's words for
   * "login", as "sign") when they narrow nothing, which two counts tell: Pagefind reads every page a
   * word is on, and "in" is on all of them (at 20,000 articles "sign in" took 576 ms, "sign" 170 ms,
   * for the same 17,769 pages). Only when the search is slow enough for the counts to be worth it.
   */
  async function leanTerm(term: string): Promise<string> {
    const words = term.split(" ");
    const meaningful = words.filter((word) => !STOP_WORDS.has(word));
    if (term.startsWith('"') || !meaningful.length || meaningful.length === words.length) return term;
    const pages = await count(term);
    if (pages * msPerPage <= SLOW_SEARCH_MS) return term;
    const lean = meaningful.join(" ");
    return (await count(lean)) === pages ? lean : term;
  }

  async function searchTerm(term: string): Promise<TermResults> {
    const started = performance.now();
    const found = await pagefind.search(await leanTerm(term));
    const results = found?.results ?? [];
    if (results.length >= LEARN_FROM_PAGES) {
      msPerPage += LEARNING_RATE * ((performance.now() - started) / results.length - msPerPage);
    }
    return { matches: results.map(({ id, score, words }) => ({ id, score, locations: words })), byId: new Map(results.map((r) => [r.id, r])) };
  }

  const cachedTerm = (term: string) => termResults.remember(stemmed(term), () => searchTerm(term));
  /** Whether a term's own search is kept from an earlier one, so searching it again costs nothing. */
  const isKept = (term: string) => termResults.get(stemmed(term)) !== undefined;

  /** How many pages a term is on: as the word check counted it (an indexed word exactly, else what it begins). */
  async function pagesWith(term: string): Promise<number> {
    return (await count(`"${term}"`)) || count(term);
  }

  /**
   * The pages with every one of `terms`, from one search of them together, and each term's positions
   * on those pages, which the pipeline ranks by (how close the words stand) and the excerpt marks.
   * The rarest term is searched on its own too (its answer is kept like any word's), which tells
   * its positions apart from the others'. With two terms that is every term's; with more, the other
   * terms share the rest, so a page counts as having its words together when the rarest stands next
   * to any of them. Null, after counts only, when one by one would be quick anyway or quicker, or
   * when fewer than `fewest` pages have all the terms.
   */
  async function searchTogether(terms: readonly string[], fewest: number, checkpoint: () => Promise<void>): Promise<Together | null> {
    const onPages: number[] = [];
    for (const term of terms) onPages.push(await pagesWith(term));
    const fewestPages = Math.min(...onPages);
    const rarest = terms[onPages.indexOf(fewestPages)]!;
    const oneByOne = terms.reduce((pages, term, i) => pages + (isKept(term) ? 0 : onPages[i]!), 0);
    // Every word's entry read, the rarest word's own search, and scoring the pages with all the
    // words, which are at most the rarest word's: together is taken only when it is quicker even
    // then, so the count of pages with every word is spent only on a search together.
    const atMost = onPages.reduce((pages, n) => pages + n * READ_SHARE, 0) + (isKept(rarest) ? 0 : fewestPages) + fewestPages;
    if (oneByOne * msPerPage <= SLOW_SEARCH_MS || atMost >= oneByOne) return null;
    const joined = terms.join(" ");
    if ((await count(joined)) < fewest) return null;
    await checkpoint();
    const rare = await cachedTerm(rarest);
    await checkpoint();
    const results = (await pagefind.search(joined))?.results ?? [];
    const together: Together = { terms: [], totals: new Map(results.map((result) => [result.id, result.score])) };
    const rareAt = new Map(rare.matches.map((match) => [match.id, match.locations ?? []]));
    const restAt = new Map(
      results.map((result) => {
        const own = new Set(rareAt.get(result.id) ?? []);
        return [result.id, (result.words ?? []).filter((at) => !own.has(at))];
      }),
    );
    for (const term of terms) {
      const matches: TermMatch[] = [];
      const byId = new Map<string, PagefindResult>();
      for (const result of results) {
        const words = [...((term === rarest ? rareAt : restAt).get(result.id) ?? [])];
        // Scores stand in `totals`; a term's own score on the page is not known, and not needed.
        matches.push({ id: result.id, score: 0, locations: words });
        byId.set(result.id, { id: result.id, score: 0, words, data: () => result.data() });
      }
      together.terms.push({ matches, byId });
    }
    return together;
  }

  /**
   * A word the index has is a match, whatever else it begins (one count, with the quotes Pagefind
   * reads as "this exact word"). Any other word Pagefind matches through the longest indexed word
   * it begins with ("hotine" through the "h" of a curl flag). The same word followed by a
   * character no word has can only match that way, so when both find as many pages, the word
   * matched nothing of its own. Three counts, no results returned: far quicker than a search of a
   * word on many pages, and a search newer typing replaced stops between them (`checkpoint`).
   */
  async function matchWord(key: string, checkpoint: () => Promise<void>): Promise<WordMatch> {
    if ((await count(`"${key}"`)) > 0) return "indexed";
    await checkpoint();
    const pages = await count(key);
    if (pages === 0) return "none";
    await checkpoint();
    return (await count(key + NOT_A_LETTER)) === pages ? "none" : "prefix";
  }

  const filterValues = () => (available ??= pagefind.filters());

  /** Each page's values of one filter, from one filter-only search per value. */
  function filterMap(name: string): Promise<Map<string, string[]>> {
    let map = filterMaps.get(name);
    if (!map) {
      map = (async () => {
        const pages = new Map<string, string[]>();
        for (const value of Object.keys((await filterValues())[name] ?? {})) {
          for (const result of (await pagefind.search(null, { filters: { [name]: [value] } }))?.results ?? []) {
            pages.set(result.id, [...(pages.get(result.id) ?? []), value]);
          }
        }
        return pages;
      })();
      filterMaps.set(name, map);
    }
    return map;
  }

  async function pageFilters(names: readonly string[]): Promise<(id: string) => PageFilters> {
    const maps = await Promise.all(names.map(async (name) => [name, await filterMap(name)] as const));
    // Ranking, filtering and counting each ask for every result's filters: a common word matches
    // nearly every page, so each page's are put together once per search.
    const byPage = new Map<string, PageFilters>();
    return (id) => {
      let filters = byPage.get(id);
      if (!filters) {
        filters = Object.fromEntries(maps.map(([name, map]) => [name, map.get(id) ?? []]));
        byPage.set(id, filters);
      }
      return filters;
    };
  }

  let nextSearch = 0;

  async function search(request: SearchRequest): Promise<{ id: number; answer: SearchAnswer } | null> {
    return (await queue.run(request.channel ?? "default", (replaced) => searchNow(request, replaced))) ?? null;
  }

  /**
   * A search for the word being typed that the next key would replace holds up that key's search,
   * since Pagefind cannot stop one midway. One expected to outlast the reader's usual gap between
   * keys (half the pause) waits for their next key first; a quicker one runs at once, so a small
   * site, or a misspelt last word whose correction is on few pages, shows its results at once.
   */
  async function beforeTypedGuess(term: string, pauseMs: number, replaced: AbortSignal): Promise<void> {
    if (isKept(term)) return;
    if ((await count(term)) * msPerPage < pauseMs / 2) return;
    await pauseUnlessAborted(pauseMs, replaced);
  }

  async function searchNow(request: SearchRequest, replaced: AbortSignal): Promise<{ id: number; answer: SearchAnswer } | null> {
    const id = nextSearch++;
    const used = new Map<string, TermResults>();
    /** Lets newer typing in (see nextTask) before each call to Pagefind, and stops if it came. */
    const checkpoint = async () => {
      await nextTask();
      if (replaced.aborted) throw new SupersededSearch();
    };
    const port: SearchIndexPort = {
      wordMatch(key) {
        return rememberUnlessRejected(wordMatches, stemmed(key), () => checkpoint().then(() => matchWord(key, checkpoint)));
      },
      async searchTerm(term) {
        await checkpoint();
        const resolved = await cachedTerm(term);
        used.set(term, resolved);
        return resolved.matches;
      },
      async searchTogether(terms, fewest) {
        await checkpoint();
        const found = await rememberUnlessRejected(togetherResults, terms.map(stemmed).join("\u0000"), () => searchTogether(terms, fewest, checkpoint));
        if (!found) return null;
        // Kept under the terms' stems: another spelling of the same words is the same answer.
        terms.forEach((term, i) => used.set(term, found.terms[i]!));
        return { matches: new Map(terms.map((term, i) => [term, found.terms[i]!.matches])), totals: found.totals };
      },
      vocabulary() {
        const readerWords = [...options.synonyms.keys()].filter((phrase) => !phrase.includes(" "));
        vocabulary ??= options.loadVocabulary().then(
          (text) => parseVocabulary(text, readerWords),
          () => {
            // Without the vocabulary nothing is corrected this time; the next search tries again.
            vocabulary = undefined;
            return parseVocabulary("", readerWords);
          },
        );
        return vocabulary;
      },
    };

    const selection = request.filters ?? {};
    const filtered = Object.values(selection).some((values) => values.length > 0);
    const names = Object.keys(await filterValues());
    const needed = request.counts || filtered ? names : names.filter((n) => n === "audience");
    const filtersOf = await pageFilters(needed);
    const reader = request.reader ?? [];
    try {
      const outcome = await runSearchPipeline(request.query, port, {
        synonyms: options.synonyms,
        verbatim: request.verbatim,
        readerFit: reader.length ? (page) => writtenForReader(filtersOf(page).audience, reader) : undefined,
        isStale: () => replaced.aborted,
        beforeTypedGuess: request.typingPauseMs ? (term) => beforeTypedGuess(term, request.typingPauseMs!, replaced) : undefined,
      });
      const pages = outcome.pages.filter((page) => matchesSelection(filtersOf(page.id), selection));
      kept.set(id, { pages, terms: used, highlights: outcome.highlights, excerptLength: request.excerptLength ?? DEFAULT_EXCERPT_WORDS });
      for (const old of kept.keys()) if (kept.size > KEPT_SEARCHES) kept.delete(old);
      const known = await filterValues();
      const counts = request.counts ? countFilters(pages.map((p) => p.id), filtersOf, known) : {};
      return {
        id,
        answer: {
          results: pages.map((page) => ({ id: page.id, score: page.score })),
          filters: counts,
          // With no value chosen the totals are the same counts.
          totalFilters: request.counts ? (filtered ? countFilters(outcome.pages.map((p) => p.id), filtersOf, known) : structuredClone(counts)) : {},
          unfilteredResultCount: outcome.pages.length,
          summary: {
            correctedQuery: outcome.correctedQuery,
            corrections: outcome.corrections,
            ignored: outcome.ignored,
            unmatched: outcome.unmatched,
            allWords: outcome.allWords,
            partial: outcome.partial,
          },
        },
      };
    } catch (error) {
      if (error instanceof SupersededSearch) return null;
      throw error;
    }
  }

  /** A result's title, address, excerpt and sections, with every searched word found on it marked. */
  async function data(searchId: number, index: number): Promise<ResultData> {
    const search = kept.get(searchId);
    const page = search?.pages[index];
    if (!search || !page) throw new Error("These results are out of date; search again.");
    const found = page.terms.map((term) => search.terms.get(term)?.byId.get(page.id)).filter((r): r is PagefindResult => r !== undefined);
    // The page's text, headings and metadata. Pagefind hands every search the same object for a
    // page and rewrites its matched positions on each call, so those are taken from each term's
    // own result instead, which never changes.
    const base = await found[0]?.data();
    if (!base) throw new Error("This result could not be loaded; search again.");
    const positions = new Map<number, MatchedPosition>();
    for (const location of found.flatMap((result) => result.words ?? [])) positions.set(location, { location, balanced_score: 1 });
    const highlight = [...new Set(page.terms.flatMap((term) => search.highlights.get(term) ?? term.split(" ")))].filter(Boolean);
    const excerptOptions = { length: search.excerptLength, leadIn: 3, highlightParam: options.highlightParam, highlight };
    const { excerpt, sub_results } = buildExcerpts(base, [...positions.values()], excerptOptions);
    return {
      url: linkWithHighlight(base.raw_url, undefined, excerptOptions),
      meta: base.meta,
      filters: base.filters,
      excerpt,
      sub_results,
      missing: page.missing,
    };
  }

  /**
   * Starts reading each page's audience in the background, so the first search does not wait for
   * it: ranking for the reader needs it from the first keystroke.
   */
  function warm(): void {
    void filterValues()
      .then((values) => Promise.all(Object.keys(values).filter((name) => name === "audience").map(filterMap)))
      .catch(() => undefined);
  }

  /**
   * Fetches the index chunk of a word the reader is typing, while the search waits for them: the
   * word's first search then only counts and ranks. Pagefind keeps what it loaded.
   */
  function preload(word: string): void {
    void pagefind.preload?.(word).catch(() => undefined);
  }

  return { search, data, filters: filterValues, warm, preload };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
