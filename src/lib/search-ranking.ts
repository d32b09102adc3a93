// Combines Pagefind's results for each word of a query into one ranked list. Each word is searched
// on its own (and each of its alternatives: a synonym, a correction), so a page's score for the
// query is the sum of its scores for the words it contains, which is how Pagefind scores a page
// for several words (BM25 adds up per word, a rare word more than a common one). A page needs most
// of the words, not all, and counts the share of them it has (see rankPages).

/** A page that one search term found, with Pagefind's score for it. */
export interface TermMatch {
  id: string;
  score: number;
  /** Where on the page the term's words are (word positions), when known. */
  locations?: readonly number[];
}

/** One meaningful part of the query and the terms that count as finding it. */
export interface QuerySlot {
  /** As the reader typed it, for "Missing: ..." under partial matches. */
  label: string;
  /** Alternative search terms: the typed word, its correction, the site's word from synonyms.yaml. */
  terms: readonly string[];
  /** A share of a term's score that counts (1 when not listed). */
  weights?: ReadonlyMap<string, number>;
}

export interface RankedPage {
  id: string;
  score: number;
  /** How many of the query's slots the page matches. */
  matched: number;
  /** Labels of the slots the page does not match (empty when it matches them all). */
  missing: string[];
  /** The terms that found the page, one per slot matched. */
  terms: string[];
}

/**
 * Pagefind scores each word on its own, wherever it is on the page. A page where the words of the
 * query stand together ("Check the workspace address") is a better answer than one that has them
 * paragraphs apart, as every phrase-aware ranking assumes: the score of a page with its matched
 * words next to each other counts half again, fading as they spread out.
 */
export const PROXIMITY_WEIGHT = 0.5;

/**
 * The fewest words from the first to the last of a stretch of text that holds one position from
 * each list (lists sorted ascending), or undefined if a list is empty.
 */
export function smallestSpan(lists: readonly (readonly number[])[]): number | undefined {
  const count = lists.length;
  for (let i = 0; i < count; i++) if (lists[i]!.length === 0) return undefined;
  // Plain loops: this runs for every page a common word is on, thousands per search.
  const next = new Array<number>(count).fill(0);
  let best = Infinity;
  for (;;) {
    let low = 0;
    let lowValue = Infinity;
    let high = -Infinity;
    for (let i = 0; i < count; i++) {
      const value = lists[i]![next[i]!]!;
      if (value < lowValue) {
        lowValue = value;
        low = i;
      }
      if (value > high) high = value;
    }
    if (high - lowValue < best) best = high - lowValue;
    if (best === 0 || ++next[low]! >= lists[low]!.length) return best;
  }
}

function isAscending(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i]! < list[i - 1]!) return false;
  return true;
}

/** 1 + PROXIMITY_WEIGHT for words side by side, less the further apart they are. */
export function proximityBoost(lists: readonly (readonly number[])[]): number {
  if (lists.length < 2) return 1;
  const span = smallestSpan(lists);
  if (span === undefined) return 1;
  const gaps = Math.max(span, lists.length - 1);
  return 1 + (PROXIMITY_WEIGHT * (lists.length - 1)) / gaps;
}

/**
 * A page not written for the reader (a staff-only page, searched by a customer) counts this share
 * of its score: it still comes first when it matches clearly better, not when the match is the same.
 */
export const OTHER_AUDIENCE_WEIGHT = 0.75;

/** A page that has the words exactly as typed, in order, counts twice (see rankPages). */
export const PHRASE_WEIGHT = 1;

export interface RankOptions {
  /** Whether a page is written for the reader; undefined when not known. */
  readerFit?: (id: string) => boolean | undefined;
  /** Pages with the whole query as typed, filler words included ("out of office"). */
  phrasePages?: ReadonlySet<string>;
  /**
   * Pagefind's score for all the words together, for pages found by searching them together (see
   * searchTogether in search-pipeline.ts): it stands for the sum of the words' scores, which were not
   * each searched for. Proximity and the other weights apply as usual.
   */
  totals?: ReadonlyMap<string, number>;
}

/** The fewest slots a partial match must have: most of them, and at least one. */
export function fewestSlotsForPartialMatch(slots: number): number {
  return Math.max(1, Math.ceil(slots / 2));
}

/**
 * Pages with most of the words are listed as well as those with all of them, each counting the share
 * of the query's words it has: a page with two of three counts two thirds of its score. A page with
 * all the words therefore comes first unless one with fewer matches the others far better, which
 * is what a reader's extra word usually means: "how do I edit a help article" is answered by
 * "Editing the knowledge base", which never says "help", not by the pages that happen to say all
 * three. Lucene's classic scoring multiplies by the same share (its "coordination factor").
 */
export function rankPages(
  slots: readonly QuerySlot[],
  matchesByTerm: ReadonlyMap<string, readonly TermMatch[]>,
  options: RankOptions = {},
): { pages: RankedPage[]; allWords: number; partial: boolean } {
  interface Found {
    score: number;
    terms: (string | undefined)[];
    locations: (readonly number[])[];
  }
  const found = new Map<string, Found>();
  let slotsOnPages = 0;
  slots.forEach((slot, index) => {
    // For each page, the slot's best term: a page that says both "2fa" and "two-factor" is counted once.
    const best = new Map<string, { score: number; term: string; locations: readonly number[] }>();
    for (const term of slot.terms) {
      const share = slot.weights?.get(term) ?? 1;
      for (const match of matchesByTerm.get(term) ?? []) {
        const current = best.get(match.id);
        const score = match.score * share;
        if (!current || score > current.score) best.set(match.id, { score, term, locations: match.locations ?? [] });
      }
    }
    if (best.size > 0) slotsOnPages++;
    for (const [id, { score, term, locations }] of best) {
      const page = found.get(id) ?? { score: 0, terms: Array.from({ length: slots.length }, () => undefined), locations: [] };
      page.score += score;
      page.terms[index] = term;
      page.locations.push(isAscending(locations) ? locations : [...locations].sort((a, b) => a - b));
      found.set(id, page);
    }
  });

  const pages: RankedPage[] = [...found].map(([id, page]) => {
    const missing = slots.filter((_, i) => page.terms[i] === undefined).map((slot) => slot.label);
    return {
      id,
      score: (options.totals?.get(id) ?? page.score) * proximityBoost(page.locations),
      matched: slots.length - missing.length,
      missing,
      terms: page.terms.filter((term): term is string => term !== undefined),
    };
  });
  const allWords = pages.filter((page) => page.missing.length === 0).length;
  // Most of the words that are on some page, so a word on none ("reproduce the issue in a vm") does
  // not leave the others too few; unless most of the words are on none ("karaoke night zzqx"): the
  // help center does not cover that, and saying so offers a ticket instead of pages about "night".
  const fewest = fewestSlotsForPartialMatch(2 * slotsOnPages >= slots.length ? slotsOnPages : slots.length);
  // Filler words are not required, but a page that has them where the reader put them ("out of
  // office", "do not disturb") is what the reader typed, word for word.
  const weight = (page: RankedPage) =>
    (options.readerFit?.(page.id) === false ? OTHER_AUDIENCE_WEIGHT : 1) *
    (options.phrasePages?.has(page.id) ? 1 + PHRASE_WEIGHT : 1) *
    (page.matched / slots.length) *
    page.score;
  const ranked = pages
    .filter((page) => page.matched >= fewest)
    .map((page) => ({ page, weighted: weight(page) }))
    .sort((a, b) => b.weighted - a.weighted || b.page.matched - a.page.matched || (a.page.id < b.page.id ? -1 : 1))
    .map(({ page }) => page);
  return { pages: ranked, allWords, partial: ranked.length > allWords };
}
