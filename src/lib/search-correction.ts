// Typo correction against the index's own vocabulary: every word the indexed pages use, with the
// number of pages it is on. The build writes it (scripts/search-vocabulary.ts); the search worker
// downloads it only when a word of a query matches nothing.
import { searchKey } from "./search-text.ts";

export interface VocabularyWord {
  /** As the articles write it, for showing: "two-factor". */
  word: string;
  /** As the index is searched with it: "twofactor". */
  key: string;
  /** How many pages use it. */
  pages: number;
}

export interface Vocabulary {
  readonly byKey: ReadonlyMap<string, VocabularyWord>;
  /** Words grouped by key length, so candidates of a similar length are found without scanning all. */
  readonly byLength: ReadonlyMap<number, readonly VocabularyWord[]>;
  /** Keys of common words of the site's language that no page uses: spelt as the reader meant them. */
  readonly unused: ReadonlySet<string>;
}

/**
 * One word per line, then a space and the number of pages: "hotline 12". `unusedWords`, common
 * words of the language that no page uses ("credit"), are listed with 0 pages, so a reader who types
 * one is told no article uses it instead of being sent to a site word a letter or two away ("edit").
 */
export function serializeVocabulary(pagesByWord: ReadonlyMap<string, number>, unusedWords: Iterable<string> = []): string {
  const lines: [string, number][] = [...pagesByWord];
  for (const word of unusedWords) if (!pagesByWord.has(word)) lines.push([word, 0]);
  return lines
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([word, pages]) => `${word} ${pages}`)
    .join("\n");
}

export function parseVocabulary(text: string, extraWords: readonly string[] = []): Vocabulary {
  const byKey = new Map<string, VocabularyWord>();
  const add = (word: string, pages: number) => {
    const key = searchKey(word);
    if (key.length < 2) return;
    const known = byKey.get(key);
    // "two-factor" and "twofactor" are one word to the index; show the spelling more pages use.
    if (!known || pages > known.pages) byKey.set(key, { word, key, pages: Math.max(pages, known?.pages ?? 0) });
  };
  const unused = new Set<string>();
  for (const line of text.split("\n")) {
    const space = line.lastIndexOf(" ");
    if (space <= 0) continue;
    const pages = Number(line.slice(space + 1));
    if (pages === 0) unused.add(searchKey(line.slice(0, space)));
    else add(line.slice(0, space), pages || 1);
  }
  // Readers' words from synonyms.yaml are valid corrections too: "invioce" becomes "invoice",
  // which the synonyms then turn into the site's word.
  for (const word of extraWords) if (!byKey.has(searchKey(word))) add(word, 1);
  const byLength = new Map<number, VocabularyWord[]>();
  for (const entry of byKey.values()) {
    const list = byLength.get(entry.key.length) ?? [];
    list.push(entry);
    byLength.set(entry.key.length, list);
  }
  // A reader's word from synonyms.yaml or one some page uses is a correction target, not a word to leave alone.
  for (const key of byKey.keys()) unused.delete(key);
  return { byKey, byLength, unused };
}

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring
 * letters ("exprot") as one edit (optimal string alignment). Stops early: any distance above
 * `max` is returned as max + 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** How many edits a word of this length may need: none up to two letters, one up to five, then two. */
export function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  return length <= 5 ? 1 : 2;
}

// A word on many pages is a likelier meaning than a rare one at the same distance, but frequency
// only outweighs a whole edit when one word is ten thousand times as common as the other.
const FREQUENCY_WEIGHT = 0.25;
const score = (edits: number, pages: number) => edits - FREQUENCY_WEIGHT * Math.log10(pages + 1);

/**
 * Whether a correction is believable where the word starts. Typing errors seldom touch a word's
 * first letter (about one misspelling in fourteen, Pollock and Zamora's count), while a real word
 * the articles do not use is often a letter or two from one they do at its start: "dark" is one
 * edit from "mark", "credit" two from "edit". So a correction that changes the first letter is
 * taken only when it is the first two letters swapped ("rpiority"), or a single edit in a word long
 * enough (five letters) for a one-letter slip to leave little doubt ("xport").
 */
function keepsItsStart(typed: string, word: string, edits: number): boolean {
  if (typed[0] === word[0]) return true;
  if (typed[0] === word[1] && typed[1] === word[0]) return true;
  return edits === 1 && typed.length >= 5;
}

export interface Correction {
  /** The words to search instead: one, or two when the reader ran two words together. */
  words: VocabularyWord[];
  /** The typed word is the start of a longer word ("notificatio"), not a misspelling. */
  completion: boolean;
}

/** The vocabulary's best guess for a word (a search key) that matches nothing, if it has one. */
export function correctWord(key: string, vocabulary: Vocabulary): Correction | undefined {
  if (key.length < 3) return undefined;
  // A word cut short: the most used word it begins.
  if (key.length >= 4) {
    let best: VocabularyWord | undefined;
    for (const [length, words] of vocabulary.byLength) {
      if (length <= key.length) continue;
      for (const entry of words) if (entry.key.startsWith(key) && (!best || entry.pages > best.pages)) best = entry;
    }
    if (best) return { words: [best], completion: true };
  }
  // A word of the language that no page uses is what the reader meant: it is reported as not
  // found rather than changed into a site word ("guest" is not "guess", nor "cafe" "came").
  if (vocabulary.unused.has(key)) return undefined;
  const max = allowedEdits(key.length);
  let best: { words: VocabularyWord[]; score: number } | undefined;
  const consider = (words: VocabularyWord[], edits: number) => {
    const value = score(edits, Math.min(...words.map((w) => w.pages)));
    if (!best || value < best.score || (value === best.score && words[0]!.key < best.words[0]!.key)) best = { words, score: value };
  };
  for (let length = Math.max(3, key.length - max); length <= key.length + max; length++) {
    for (const entry of vocabulary.byLength.get(length) ?? []) {
      const edits = editDistance(key, entry.key, max);
      if (edits <= max && keepsItsStart(key, entry.key, edits)) consider([entry], edits);
    }
  }
  // Two words run together ("passwordreset") cost one edit: the missing space.
  for (let split = 3; split <= key.length - 3; split++) {
    const first = vocabulary.byKey.get(key.slice(0, split));
    const second = vocabulary.byKey.get(key.slice(split));
    if (first && second) consider([first, second], 1);
  }
  return best && { words: best.words, completion: false };
}
