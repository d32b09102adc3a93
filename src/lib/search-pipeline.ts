// The one query pipeline every search surface uses (the dialog, /search/, the 404 page and the
// ticket form's suggestions), between what a reader types and Pagefind:
//
// 1. reader phrases from synonyms.yaml are found ("2fa" also searches "two-factor");
// 2. question words and filler ("how", "do", "I", "my") are left out;
// 3. each remaining word is checked against the index, and one that matches nothing is corrected
//    from the index's own vocabulary ("pasword" -> "password"), never matched through a short
//    prefix the way Pagefind would on its own ("hotine" would find the "h" of a curl flag);
// 4. each word is searched on its own and the results are combined: pages with most of the words,
//    each counting the share of them it has (search-ranking.ts).
//
// Everything that touches the index goes through a SearchIndexPort, so the pipeline runs the same
// in the search worker, on the page when no worker can start, and in unit tests.
import { correctWord, type Vocabulary } from "./search-correction.ts";
import { rankPages, type QuerySlot, type RankedPage, type TermMatch } from "./search-ranking.ts";
import { isStopWord } from "./search-stop-words.ts";
import { findSynonyms, phraseKey, type QuerySegment, type SynonymTable } from "./search-synonyms.ts";
import { isExactPhrase, queryWords, relatedForms, replaceWordText, wordLabel, type QueryWord } from "./search-text.ts";

/**
 * How the index matches a word on its own: it is an indexed word, it begins indexed words (a word
 * still being typed), or neither. Pagefind would still return pages for the last case, through the
 * longest indexed word the typed one begins with; the pipeline does not take those.
 */
export type WordMatch = "indexed" | "prefix" | "none";

export interface SearchIndexPort {
  wordMatch(key: string): Promise<WordMatch>;
  /** Pages with every word of `term` (space-separated search keys), as Pagefind ranks them. */
  searchTerm(term: string): Promise<readonly TermMatch[]>;
  /** The index's vocabulary, fetched the first time a word needs correcting. */
  vocabulary(): Promise<Vocabulary>;
  /**
   * The pages with every one of `terms` (each a single search key), found by searching the terms
   * together, when that is quicker than searching each on its own (the index estimates both from
   * page counts, which cost little): for each term, its positions on those pages; and each page's
   * score for all the terms together. Null when searching them one by one is quick anyway or
   * quicker, or when fewer than `fewest` pages have them all (pages with only some of the words
   * would then be shown too, which needs each word's own search).
   */
  searchTogether?(terms: readonly string[], fewest: number): Promise<{ matches: Map<string, TermMatch[]>; totals: Map<string, number> } | null>;
}

export interface PipelineOptions {
  synonyms: SynonymTable;
  /** Search the words as typed, without corrections ("Search instead for ..."). */
  verbatim?: boolean;
  /** Whether a page is written for the reader; pages that are not rank a little lower. */
  readerFit?: (id: string) => boolean | undefined;
  /** True once a newer search has replaced this one; the pipeline then stops at its next step. */
  isStale?: () => boolean;
  /**
   * Called before searching for the word the reader is still typing (the last word, with no space
   * after it) when that search is a guess: the index has the word only as the beginning of longer
   * words ("worksp" on the way to "workspace"), or it matches nothing and was corrected ("rees",
   * searched as "sees", on the way to "reests"). The reader is likely to type past it, so the caller
   * may wait here for the next key; the pipeline stops if a newer search came. A word the index
   * has is never a guess: it may be the last one typed.
   */
  beforeTypedGuess?: (term: string) => Promise<void>;
}

export interface WordCorrection {
  from: string;
  to: string;
}

export interface SearchOutcome {
  query: string;
  /** The query as searched, when words were corrected: "how do I reset my password?". */
  correctedQuery?: string;
  corrections: WordCorrection[];
  /** Words left out as filler, as typed. */
  ignored: string[];
  /** Words that match nothing and could not be corrected, as typed. */
  unmatched: string[];
  slots: QuerySlot[];
  /** Each search term's words as pages write them, for marking them on the page a result opens. */
  highlights: Map<string, string[]>;
  pages: RankedPage[];
  /** How many pages have all the words. */
  allWords: number;
  /** Whether some pages listed lack some of the words. */
  partial: boolean;
}

export class SupersededSearch extends Error {
  constructor() {
    super("A newer search replaced this one.");
    this.name = "SupersededSearch";
  }
}

const termOf = (words: readonly QueryWord[]) => words.map((w) => w.key).join(" ");

/**
 * A page that uses the reader's own word for something synonyms.yaml says the articles call
 * otherwise is still found, but counts half: staff added the synonym because the site's word is
 * the one that answers ("private chat" is a keyword of the encryption article; readers typing it
 * mostly mean a direct message).
 */
export const READER_WORD_WEIGHT = 0.5;
/**
 * On a large site, where several words are each on thousands of pages, they are searched together
 * when that is quicker, which finds only the pages with all of them: that is done only when at
 * least this many pages have them all. Five is about what a phone shows above the fold; with fewer,
 * each word is searched on its own, so pages with most of them can follow.
 */
const FEW_RESULTS = 5;
/** The longest query searched again as a whole phrase, filler words included. */
const LONGEST_PHRASE = 6;
/** A typed word as a page would write it: "two-factor," -> "two-factor". */
const asWritten = (word: QueryWord) => word.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

export async function runSearchPipeline(query: string, port: SearchIndexPort, options: PipelineOptions): Promise<SearchOutcome> {
  const checkpoint = () => {
    if (options.isStale?.()) throw new SupersededSearch();
  };
  const highlights = new Map<string, string[]>();
  const empty: SearchOutcome = { query, corrections: [], ignored: [], unmatched: [], slots: [], highlights, pages: [], allWords: 0, partial: false };

  if (isExactPhrase(query)) {
    const term = query.trim();
    const matches = await port.searchTerm(term);
    checkpoint();
    const slots = [{ label: term, terms: [term] }];
    highlights.set(term, term.replace(/"/g, "").split(/\s+/).filter(Boolean));
    return { ...empty, slots, ...rankPages(slots, new Map([[term, matches]]), { readerFit: options.readerFit }) };
  }

  const words = queryWords(query);
  if (words.length === 0) return empty;
  const segments = findSynonyms(words, options.synonyms);
  const isFiller = (segment: QuerySegment) => segment.siteWords === undefined && isStopWord(segment.words[0]!);
  const kept = segments.some((segment) => !isFiller(segment)) ? segments.filter((segment) => !isFiller(segment)) : segments;
  const ignored = segments.filter((segment) => !kept.includes(segment)).map((segment) => segment.words[0]!.text);

  const lastWord = words[words.length - 1];
  const stillTyping = !/\s$/.test(query);
  /** The search term that stands for the word still being typed, when it is a guess. */
  let typedGuess: string | undefined;
  const replacements = new Map<QueryWord, string>();
  const corrections: WordCorrection[] = [];
  const unmatched: string[] = [];
  const slots: QuerySlot[] = [];
  for (const segment of kept) {
    const label = wordLabel(segment.words.map((w) => w.text).join(" "));
    const terms: string[] = [];
    const weights = new Map<string, number>();
    const addTerm = (term: string, written: string[], weight = 1) => {
      terms.push(term);
      if (weight !== 1) weights.set(term, weight);
      highlights.set(term, written);
    };
    if (segment.siteWords !== undefined) {
      // The reader's own words are searched too when the index knows them; the site's always are.
      const readerWords = segment.words.filter((w) => !isStopWord(w));
      const reader = readerWords.length ? readerWords : segment.words;
      const known = await Promise.all(reader.map((w) => port.wordMatch(w.key)));
      checkpoint();
      if (known.every((match) => match !== "none")) addTerm(termOf(reader), reader.map(asWritten), READER_WORD_WEIGHT);
      addTerm(phraseKey(segment.siteWords), segment.siteWords.split(/\s+/));
    } else {
      const word = segment.words[0]!;
      const match = await port.wordMatch(word.key);
      checkpoint();
      if (match !== "none") {
        if (match === "prefix" && word === lastWord && stillTyping) typedGuess = word.key;
        addTerm(word.key, [asWritten(word)]);
        for (const form of relatedForms(word.key)) {
          const found = await port.wordMatch(form);
          checkpoint();
          if (found === "indexed") addTerm(form, [form]);
        }
      } else if (!options.verbatim) {
        const correction = correctWord(word.key, await port.vocabulary());
        checkpoint();
        if (correction) {
          const corrected = correction.words.map((w) => w.key).join(" ");
          if (word === lastWord && stillTyping) typedGuess = corrected;
          addTerm(corrected, correction.words.map((w) => w.word));
          const site = options.synonyms.get(corrected);
          if (site !== undefined && phraseKey(site) !== corrected) addTerm(phraseKey(site), site.split(/\s+/));
          const shown = correction.words.map((w) => w.word).join(" ");
          replacements.set(word, shown);
          // Completing the word still being typed is what searching as you type means; say nothing.
          if (!(correction.completion && word === lastWord)) corrections.push({ from: word.text, to: shown });
        }
      }
      if (terms.length === 0) unmatched.push(wordLabel(word.text));
    }
    slots.push({ label, terms, weights });
  }

  const matchesByTerm = new Map<string, readonly TermMatch[]>();
  const terms = [...new Set(slots.flatMap((slot) => slot.terms))];
  let totals: Map<string, number> | undefined;
  if (typedGuess && options.beforeTypedGuess) {
    await options.beforeTypedGuess(typedGuess);
    checkpoint();
  }
  // Together only when each part of the query is one term: alternatives (a synonym, a correction)
  // are found page by page as the best of them, which one search of all the words cannot say. Not
  // while the last word is a guess: the next key usually replaces it, and a search of it together
  // with the others would be kept for no later keystroke.
  if (port.searchTogether && !typedGuess && terms.length > 1 && slots.every((slot) => slot.terms.length === 1)) {
    const together = await port.searchTogether(terms, FEW_RESULTS);
    checkpoint();
    if (together) {
      for (const term of terms) matchesByTerm.set(term, together.matches.get(term) ?? []);
      totals = together.totals;
    }
  }
  for (const term of totals ? [] : terms) {
    matchesByTerm.set(term, await port.searchTerm(term));
    checkpoint();
  }
  // With filler left out, the query as typed is also looked for as a phrase, to rank first the
  // pages that say it word for word.
  let phrasePages: Set<string> | undefined;
  if (ignored.length && words.length <= LONGEST_PHRASE) {
    phrasePages = new Set((await port.searchTerm(`"${termOf(words)}"`)).map((match) => match.id));
    checkpoint();
  }
  const ranked = rankPages(slots, matchesByTerm, { readerFit: options.readerFit, phrasePages, totals });
  const correctedQuery = corrections.length
    ? words.map((w) => (replacements.has(w) ? replaceWordText(w.text, replacements.get(w)!) : w.text)).join(" ")
    : undefined;
  return { query, correctedQuery, corrections, ignored, unmatched, slots, highlights, ...ranked };
}
