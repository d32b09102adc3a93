// How the search pipeline reads what a reader typed. Words are compared in the form Pagefind
// searches them: lower case, without punctuation ("Two-Factor" and "two-factor" are both
// "twofactor", "can't" is "cant") and without accents, so stop words, synonyms and the vocabulary
// match exactly what the index will be asked.

export interface QueryWord {
  /** The word as typed, punctuation included ("pasword?"). */
  text: string;
  /** The word as searched ("pasword"). */
  key: string;
}

// Pagefind drops these classes of punctuation from a query before it searches (dashes, brackets,
// quotes and other punctuation); symbols such as + and $ stay.
const PUNCTUATION = /[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu;

/** The form of one word that the index is searched with. */
export function searchKey(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(PUNCTUATION, "");
}

/** The words of a query, in order; words that are only punctuation are left out. */
export function queryWords(query: string): QueryWord[] {
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, key: searchKey(text) }))
    .filter((word) => word.key.length > 0);
}

/** The word as typed, for saying it is missing: without the punctuation of the sentence around it ("quit," -> "quit"). */
export function wordLabel(text: string): string {
  return text.replace(/^[\p{Ps}\p{Pi}"']+/u, "").replace(/[\p{Po}\p{Pe}\p{Pf}]+$/u, "") || text;
}

/**
 * Other forms of a word that mean the same thing but that Pagefind's stemmer keeps apart: Snowball
 * reduces "notify", "notified" and "notifying" to "notifi" but "notification" to "notif", and so
 * with every verb in -ify and its noun in -ification ("verify", "modify", "identify"). A reader's
 * "notify me" is answered by the article on notifications.
 */
export function relatedForms(key: string): string[] {
  const verb = /^([a-z]{2,})(?:ify|ified|ifies|ifying)$/.exec(key);
  if (verb) return [`${verb[1]}ification`];
  const noun = /^([a-z]{2,})ifications?$/.exec(key);
  if (noun) return [`${noun[1]}ify`];
  return [];
}

/** A query written in double quotes asks for that exact phrase, as Pagefind itself supports. */
export function isExactPhrase(query: string): boolean {
  return /^\s*".+"\s*$/.test(query);
}

/** The word as typed, with its letters replaced by `replacement` and its punctuation kept: "pasword?" -> "password?". */
export function replaceWordText(text: string, replacement: string): string {
  const match = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(text);
  if (!match) return replacement;
  return `${match[1]}${replacement}${match[3]}`;
}
