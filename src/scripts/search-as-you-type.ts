// Pagefind's input waits for a pause in typing (its debounce) before it searches, so results can
// never appear sooner than that pause after the last keystroke. Here each keystroke searches at
// once; in the search worker, a search that newer typing replaced stops at its next step, and the
// words typed before the last one were already searched for the keystrokes before (search-index.ts
// keeps each word's results), so the last keystroke's search is mostly the last word's.
//
// A search Pagefind has started cannot be stopped, so a big one the reader is about to type past
// would hold up the search for the next key. Two kinds wait for a pause in typing instead, as long
// as this reader's next key would take (TypingRhythm):
// - a last word of three letters or fewer, as in "s" or "workspace the": Pagefind reads the last
//   word as a prefix, and so short a prefix matches the most common words ("the" is on every page,
//   many times). Such a search waits here, on the page;
// - a search for the last word that is a guess, when it would take longer than the reader's gap
//   between keys: the word is only the beginning of longer words ("worksp"), or matches nothing and
//   was corrected ("rees", searched as "sees", on the way to "reests"). The worker decides that
//   (search-index.ts, from how long its searches take on this device) and waits there, and the
//   next key cuts the wait short. A word the index has ("work", "workspace") is searched at once:
//   it may be the last one the reader types.
import type { PagefindInstance } from "./pagefind-ui.ts";
import { searchClient } from "./search-client.ts";

/** Far longer than any visit: the component's own timer never fires, this module searches instead. */
const NEVER_MS = 2 ** 31 - 1;
/** Last words shorter than this wait for a pause in typing. */
export const MIN_PREFIX_LENGTH = 4;
/** A last word this long, waiting for a pause, has its index chunk fetched meanwhile (Pagefind's chunks hold a run of words). */
export const MIN_PRELOAD_LENGTH = 3;

/** The last word, when the reader is still typing it (no space after it yet). */
function wordStillTyped(text: string): string | undefined {
  if (!text.trim() || /\s$/.test(text)) return undefined;
  return text.trim().split(/\s+/).pop();
}

/** Whether `text` can be searched as soon as it is typed, rather than after a pause. */
export function searchableAtOnce(text: string): boolean {
  const word = wordStillTyped(text);
  return word === undefined || word.length >= MIN_PREFIX_LENGTH;
}

/** The word still being typed, when it waits for a pause and is long enough to fetch its index chunk for. */
export function wordToPreload(text: string): string | undefined {
  const word = wordStillTyped(text);
  return word !== undefined && word.length >= MIN_PRELOAD_LENGTH && word.length < MIN_PREFIX_LENGTH ? word : undefined;
}

/**
 * How long a reader's next key takes: twice their usual gap between keys (the median of the last
 * few), so a steady typist's next key nearly always comes first, within bounds for the very fast
 * and the very slow. Before there is a gap to go by, about two keys of someone typing steadily.
 */
export class TypingRhythm {
  static readonly FIRST_PAUSE_MS = 180;
  static readonly SHORTEST_PAUSE_MS = 100;
  static readonly LONGEST_PAUSE_MS = 350;
  /** A longer gap is the reader stopping, not their typing speed. */
  static readonly LONGEST_GAP_MS = 600;
  private static readonly KEPT_GAPS = 5;
  private readonly gaps: number[] = [];
  private last: number | undefined;

  key(at: number): void {
    const gap = this.last === undefined ? undefined : at - this.last;
    this.last = at;
    if (gap === undefined || gap < 0 || gap > TypingRhythm.LONGEST_GAP_MS) return;
    this.gaps.push(gap);
    if (this.gaps.length > TypingRhythm.KEPT_GAPS) this.gaps.shift();
  }

  pauseMs(): number {
    if (this.gaps.length === 0) return TypingRhythm.FIRST_PAUSE_MS;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return Math.min(TypingRhythm.LONGEST_PAUSE_MS, Math.max(TypingRhythm.SHORTEST_PAUSE_MS, Math.round(2 * median)));
  }
}

interface Typing {
  rhythm: TypingRhythm;
  /** The text last typed into the field. */
  text: string;
}

const typing = new WeakMap<PagefindInstance, Typing>();

/**
 * For a search of `term` on `instance`: the pause its worker may take for the reader's next key,
 * when `term` is what the reader has just typed; undefined for any other search (a filter chosen,
 * a query from the address).
 */
export function typingPauseFor(instance: PagefindInstance, term: string): number | undefined {
  const typed = typing.get(instance);
  return typed && typed.text === term ? typed.rhythm.pauseMs() : undefined;
}

/**
 * Takes over searching for one <pagefind-input>. Changing its debounce redraws its field and loses
 * what was typed, so a page that has the component in its HTML sets `debounce="2147483647"` there
 * (search.astro) and this finds it already set.
 */
export function searchAsYouType(instance: PagefindInstance, input: HTMLElement): void {
  if (input.getAttribute("debounce") !== String(NEVER_MS)) input.setAttribute("debounce", String(NEVER_MS));
  const typed: Typing = { rhythm: new TypingRhythm(), text: "" };
  typing.set(instance, typed);
  let pause: ReturnType<typeof setTimeout> | undefined;

  // The component re-creates its <input> now and then, so listen on the element around it.
  input.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement)) return;
    clearTimeout(pause);
    typed.rhythm.key(event.timeStamp);
    const term = field.value;
    typed.text = term;
    if (searchableAtOnce(term)) return instance.triggerSearch(term);
    pause = setTimeout(() => instance.triggerSearch(term), typed.rhythm.pauseMs());
    const word = wordToPreload(term);
    if (word) searchClient().preload(word);
  });
}
