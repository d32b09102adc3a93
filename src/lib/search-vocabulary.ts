// The words of the indexed pages, for correcting a searched word that matches nothing. Counted per
// page (how many pages use a word), from the same text Pagefind indexed. Written by
// scripts/search-vocabulary.ts after Pagefind runs; read by search-correction.ts.

/** Where the built site has its vocabulary: one word and its page count per line. */
export const VOCABULARY_PATH = "/search-vocabulary.txt";

// A word as articles write it: letters, with single hyphens or apostrophes inside ("two-factor",
// "can't"). Numbers, error codes, addresses and code ("chat.postMessage") stay out: a misspelt
// code is not corrected to another code, and nobody misspells an address in a question.
const PLAIN_WORD = /^[a-z]{2,30}$/;
const WORD = /^\p{L}+(?:['-]\p{L}+)*$/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** The distinct words of one page's text, in lower case. */
export function pageWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of new Set(text.toLowerCase().split(/\s+/))) {
    // Most tokens are plain words; only the others need the slower Unicode checks.
    if (PLAIN_WORD.test(token)) {
      words.add(token);
      continue;
    }
    const word = token.replace(EDGE_PUNCTUATION, "").replace(/’/g, "'");
    if (word.length >= 2 && word.length <= 30 && WORD.test(word)) words.add(word);
  }
  return words;
}

/** Adds one page's words to the counts of pages per word. */
export function countPageWords(counts: Map<string, number>, text: string): void {
  for (const word of pageWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
}
