// Loads Pagefind's component UI from the search bundle the build wrote, once, on first use, so
// pages that are only read never download it.
import { withoutKeywordText, type ResultDataLike } from "../lib/search-excerpt.ts";
import { searchInOwnWorker } from "./search-engine.ts";

const BUNDLE = "/pagefind/";
let loading: Promise<PagefindInstance> | undefined;

/** Options shared by every search surface: matched words are highlighted on the page opened. */
export const HIGHLIGHT_PARAM = "highlight";

export type FilterSelection = Record<string, string[]>;

interface RawResult {
  data(): Promise<ResultDataLike>;
}

export interface PagefindInstance {
  searchTerm: string;
  on(event: string, callback: (...args: never[]) => void): void;
  triggerSearch(term: string): void;
  triggerSearchWithFilters(term: string, filters: FilterSelection): void;
  __dispatch__(event: string, ...args: unknown[]): void;
}

declare global {
  interface Window {
    PagefindComponents?: { getInstanceManager(): { getInstance(name?: string): PagefindInstance } };
  }
}

/** Results whose excerpts start loading as soon as they arrive, before any component asks. */
export const PREFETCH_RESULTS = 3;
const cleaned = new WeakSet<RawResult>();
const lastResults = new WeakMap<PagefindInstance, unknown>();

/**
 * Every result passes through here before any component renders it: the hidden keywords that
 * found a page never show up in its excerpt, each excerpt is loaded once however many surfaces
 * ask for it, and the first few start loading at once rather than a frame later, when the results
 * component finds them on screen.
 *
 * Results on screen also stay there until the next ones arrive. The components empty the list
 * and show placeholders at every keystroke ("loading"), so the list flickered while someone typed,
 * and laying out placeholders that are replaced a few milliseconds later delayed the results.
 */
function interceptResults(instance: PagefindInstance) {
  const dispatch = instance.__dispatch__.bind(instance);
  let showingResults = false;
  instance.__dispatch__ = (event, ...args) => {
    if (event === "loading" && showingResults) return;
    if (event === "error") showingResults = false;
    if (event === "results") {
      const payload = args[0] as { results?: RawResult[] } | undefined;
      for (const result of payload?.results ?? []) {
        if (cleaned.has(result)) continue;
        cleaned.add(result);
        const data = result.data.bind(result);
        let loaded: Promise<ResultDataLike> | undefined;
        result.data = () => (loaded ??= data().then(withoutKeywordText));
      }
      for (const result of payload?.results?.slice(0, PREFETCH_RESULTS) ?? []) void result.data().catch(() => undefined);
      if (payload) lastResults.set(instance, payload);
      showingResults = (payload?.results?.length ?? 0) > 0;
    }
    dispatch(event, ...args);
  };
}

/** Renders the latest results again, as they are, after a results component's options change. */
export function redispatchResults(instance: PagefindInstance): void {
  const payload = lastResults.get(instance);
  if (payload) instance.__dispatch__("results", payload);
}

function injectBundle(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = `${BUNDLE}pagefind-component-ui.css`;
    document.head.prepend(css);
    const script = document.createElement("script");
    script.type = "module";
    script.src = `${BUNDLE}pagefind-component-ui.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("The search index could not be loaded."));
    document.head.append(script);
  });
}

export function loadPagefindUi(): Promise<PagefindInstance> {
  loading ??= injectBundle()
    .then(() => {
      const instance = window.PagefindComponents?.getInstanceManager().getInstance("default");
      if (!instance) throw new Error("The search components did not start.");
      interceptResults(instance);
      searchInOwnWorker(instance, BUNDLE);
      return instance;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** One entry of a <pagefind-results> list: fills its placeholder with the result once loaded. */
interface ResultEntry {
  load?: () => unknown;
}

/**
 * A results list fills in each entry when it sees the entry's placeholder on screen, which it learns
 * only after the next layout: a frame or two after the results arrive. The first entries are on
 * screen whenever there are results, so they are filled in as soon as their excerpts have loaded
 * (already under way, see interceptResults). Call from a "results" listener registered after the
 * component's own, so its entries exist. Entries come from the component's internals; should they
 * change shape, the list simply fills in as it would on its own.
 */
export function showFirstResultsAtOnce(resultsElement: HTMLElement): void {
  const entries = (resultsElement as HTMLElement & { results?: ResultEntry[] }).results;
  if (!Array.isArray(entries)) return;
  for (const entry of entries.slice(0, PREFETCH_RESULTS)) {
    if (typeof entry?.load === "function") void entry.load();
  }
}
