// Readers' words for things the articles call something else: "2fa" for two-factor, "invoice"
// for billing. Support staff keep the list in content/data/synonyms.yaml; the search pipeline
// looks for the readers' words in each query and searches the site's words alongside them.
import { queryWords, type QueryWord } from "./search-text.ts";

/** One entry of synonyms.yaml: the site's words (`id`) and what readers type instead. */
export interface SynonymEntry {
  id: string;
  readersSay: readonly string[];
}

/** Reader phrase (search keys joined by spaces) -> the site's words, as the articles write them. */
export type SynonymTable = ReadonlyMap<string, string>;

/** The phrase in the form a query is compared with: "Two-Step  login" -> "twostep login". */
export function phraseKey(phrase: string): string {
  return queryWords(phrase)
    .map((w) => w.key)
    .join(" ");
}

export function synonymTable(entries: readonly SynonymEntry[]): SynonymTable {
  const table = new Map<string, string>();
  for (const entry of entries) for (const phrase of entry.readersSay) table.set(phraseKey(phrase), entry.id.trim());
  return table;
}

/** A stretch of the query: one typed word, or a reader phrase that synonyms.yaml knows. */
export interface QuerySegment {
  words: QueryWord[];
  /** The site's words for this stretch, as the articles write them, when it is a reader phrase. */
  siteWords?: string;
}

/**
 * Splits the typed words into segments, taking the longest reader phrase at each position, so
 * "two step verification" finds the phrase "two step" before the word "two".
 */
export function findSynonyms(words: readonly QueryWord[], table: SynonymTable): QuerySegment[] {
  const longest = Math.max(0, ...[...table.keys()].map((phrase) => phrase.split(" ").length));
  const segments: QuerySegment[] = [];
  for (let i = 0; i < words.length; ) {
    let found: QuerySegment | undefined;
    for (let length = Math.min(longest, words.length - i); length > 0 && !found; length--) {
      const stretch = words.slice(i, i + length);
      const key = stretch.map((w) => w.key).join(" ");
      const site = table.get(key);
      if (site !== undefined && phraseKey(site) !== key) found = { words: stretch, siteWords: site };
    }
    found ??= { words: [words[i]!] };
    segments.push(found);
    i += found.words.length;
  }
  return segments;
}

/** Serialised for the search worker: pairs of [reader phrase, site term]. */
export function synonymPairs(entries: readonly SynonymEntry[]): [string, string][] {
  return [...synonymTable(entries)];
}
