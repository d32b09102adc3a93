// Loads Pagefind's component UI from the search bundle the build wrote, once, on first use, so
// pages that are only read never download it.
import { withoutKeywordText, type ResultDataLike } from "../lib/search-excerpt.ts";

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
  triggerSearchWithFilters(term: string, filters: FilterSelection): void;
  __dispatch__(event: string, ...args: unknown[]): void;
}

declare global {
  interface Window {
    PagefindComponents?: { getInstanceManager(): { getInstance(name?: string): PagefindInstance } };
  }
}

/**
 * Every result passes through here before any component renders it, so the hidden keywords
 * that found a page never show up in its excerpt.
 */
function hideKeywordsInResults(instance: PagefindInstance) {
  const dispatch = instance.__dispatch__.bind(instance);
  instance.__dispatch__ = (event, ...args) => {
    if (event === "results") {
      const payload = args[0] as { results?: RawResult[] } | undefined;
      for (const result of payload?.results ?? []) {
        const data = result.data.bind(result);
        result.data = async () => withoutKeywordText(await data());
      }
    }
    dispatch(event, ...args);
  };
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
      hideKeywordsInResults(instance);
      return instance;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
