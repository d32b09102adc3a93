// Words a question is built from rather than what it is about: question words, pronouns, auxiliary
// verbs, articles and prepositions. Pagefind requires every word of a query to be on a page, so
// "how do I reset my password" would only find pages that also say "how", "do", "I" and "my".
// The pipeline searches without them, unless the query is made of nothing else.
import type { QueryWord } from "./search-text.ts";

// Written as search keys: lower case, no apostrophes ("cant", "im").
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `
  a about above after again against all am an and any are arent as at
  be because been before being below between both but by
  can cannot cant could couldnt
  did didnt do does doesnt doing dont down during
  each either even ever every
  few for from further
  get gets getting got
  had hadnt has hasnt have havent having he her here hers herself him himself his how
  i id ie if im in into is isnt it its itself ive
  just
  let lets like
  may me might more most much must mustnt my myself
  need needs no nor not now
  of off on once one only or other ought our ours ourselves out over own
  please
  same shall she should shouldnt so some such
  than that thats the their theirs them themselves then there theres these they theyre this those through to too
  under until up upon us
  very
  want wants was wasnt we were werent what whats when where which while who whom whose why will with wont would wouldnt
  yes yet you youd youll your youre yours yourself yourselves youve
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** A stop word, unless written as a mention or a channel ("@here", "@all", "#random"). */
export function isStopWord(word: Pick<QueryWord, "key" | "text">): boolean {
  return STOP_WORDS.has(word.key) && !/^[@#]/.test(word.text);
}

/**
 * The words worth requiring: everything but stop words. A query made only of stop words ("how do
 * I", "is there") is searched as it is, since they are all it has.
 */
export function meaningfulWords<W extends Pick<QueryWord, "key" | "text">>(words: readonly W[]): { kept: W[]; dropped: W[] } {
  const kept = words.filter((w) => !isStopWord(w));
  if (kept.length === 0) return { kept: [...words], dropped: [] };
  return { kept, dropped: words.filter((w) => isStopWord(w)) };
}
