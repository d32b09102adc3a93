// Pagefind's component UI (input, results list, filter list, dialog) on the site's own search: its
// searches and filter counts come from the site's search client (search-client.ts, the query
// pipeline in the site's worker), and its results are drawn by search-result-view.ts. The bundle
// loads once, on first use, so pages that are only read never download it. The components never
// load Pagefind's own pagefind.js: the search client has already loaded it, once, in its worker.
import type { ResultData } from "../lib/search-index.ts";
import { HIGHLIGHT_PARAM, type FilterSelection } from "../lib/search-url.ts";
import { searchClient, PAGEFIND_BUNDLE, type ClientAnswer } from "./search-client.ts";
import { renderResult } from "./search-result-view.ts";
import { typingPauseFor } from "./search-as-you-type.ts";

export { HIGHLIGHT_PARAM };
export type { FilterSelection };

export interface PagefindInstance {
  name: string;
  searchTerm: string;
  on(event: string, callback: (...args: never[]) => void): void;
  triggerSearch(term: string): void;
  triggerSearchWithFilters(term: string, filters: FilterSelection): void;
  announceRaw(message: string, priority?: "polite" | "assertive"): void;
  __dispatch__(event: string, ...args: unknown[]): void;
}

/** What a search surface tells the pipeline about itself. */
export interface SearchSurface {
  /** The reader's audiences, as audience filter values (search-audience.ts). */
  reader(): string[];
  /** Search the words as typed ("Search instead for ..."). */
  verbatim: boolean;
  /** Whether the surface lists filters and needs counts per value. */
  counts: boolean;
}

/** The answer the components receive: Pagefind's shape, plus what the pipeline did. */
export type SurfaceAnswer = ClientAnswer;

declare global {
  interface Window {
    PagefindComponents?: { getInstanceManager(): { getInstance(name?: string): PagefindInstance } };
  }
}

/** The parts of the component's instance this relies on; none of them is public API. */
interface ComponentInternals {
  __pagefind__: unknown;
  __loadPromise__: Promise<void> | null;
  availableFilters: unknown;
  totalFilters: unknown;
}

const surfaces = new WeakMap<PagefindInstance, SearchSurface>();
const defaultSurface: SearchSurface = { reader: () => [], verbatim: false, counts: false };

export function setSearchSurface(instance: PagefindInstance, surface: SearchSurface): void {
  surfaces.set(instance, surface);
}

export function searchSurface(instance: PagefindInstance): SearchSurface {
  return surfaces.get(instance) ?? defaultSurface;
}

/** The surface already set for `instance` (the search page's, when the dialog opens on it), or `surface`. */
export function searchSurfaceOr(instance: PagefindInstance, surface: SearchSurface): SearchSurface {
  if (!surfaces.has(instance)) surfaces.set(instance, surface);
  return surfaces.get(instance)!;
}

/** Stands in for the pagefind.js the components would load, answering from the search client. */
function pipelineFor(instance: PagefindInstance) {
  const client = searchClient();
  return {
    async search(term: string | null, options: { filters?: FilterSelection } = {}): Promise<SurfaceAnswer | null> {
      const surface = searchSurface(instance);
      return client.search({
        query: term ?? "",
        filters: options.filters,
        reader: surface.reader(),
        verbatim: surface.verbatim,
        counts: surface.counts,
        channel: instance.name,
        typingPauseMs: typingPauseFor(instance, term ?? ""),
      });
    },
    filters: () => client.filters(),
    async options() {},
    async preload() {},
    async destroy() {},
    async mergeIndex() {
      throw new Error("This site searches one index.");
    },
  };
}

/** Results whose excerpts start loading as soon as they arrive, before any component asks. */
export const PREFETCH_RESULTS = 3;
const lastResults = new WeakMap<PagefindInstance, unknown>();

/**
 * The first few results start loading as soon as they arrive, rather than a frame later when the
 * results component finds them on screen. Results on screen also stay there until the next ones
 * arrive: the components empty the list and show placeholders at every keystroke ("loading"), so
 * the list flickered while someone typed, and laying out placeholders that are replaced a few
 * milliseconds later delayed the results.
 */
function interceptResults(instance: PagefindInstance) {
  const dispatch = instance.__dispatch__.bind(instance);
  let showingResults = false;
  instance.__dispatch__ = (event, ...args) => {
    if (event === "loading" && showingResults) return;
    if (event === "error") showingResults = false;
    if (event === "results") {
      const payload = args[0] as { results?: { data(): Promise<unknown> }[] } | undefined;
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

/** Draws the results of `resultsElement` (a <pagefind-results>) with the site's own result view. */
export function useResultView(instance: PagefindInstance, resultsElement: HTMLElement): void {
  (resultsElement as HTMLElement & { resultTemplate: (data: ResultData) => HTMLElement }).resultTemplate = (data) =>
    renderResult(data, searchSurface(instance).reader());
}

let loading: Promise<PagefindInstance> | undefined;

function injectBundle(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = `${PAGEFIND_BUNDLE}pagefind-component-ui.css`;
    document.head.prepend(css);
    const script = document.createElement("script");
    script.type = "module";
    script.src = `${PAGEFIND_BUNDLE}pagefind-component-ui.js`;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("The search components could not be loaded."));
    document.head.append(script);
  });
}

async function connect(instance: PagefindInstance): Promise<void> {
  const internals = instance as unknown as ComponentInternals;
  // Should a component already have started loading Pagefind itself, let it finish, then replace it.
  await internals.__loadPromise__?.catch(() => undefined);
  const pipeline = pipelineFor(instance);
  internals.__pagefind__ = pipeline;
  interceptResults(instance);
  // The filter list fills in once the index has loaded; nothing waits for it.
  void pipeline
    .filters()
    .then((totals) => {
      // A search answered first has already given the list its own counts.
      if (lastResults.has(instance)) return;
      internals.availableFilters = totals;
      internals.totalFilters = totals;
      instance.__dispatch__("filters", { available: totals, total: totals });
    })
    .catch(() => undefined);
}

export function loadPagefindUi(): Promise<PagefindInstance> {
  // The index starts loading in the worker while the components load.
  void searchClient().ready().catch(() => undefined);
  loading ??= injectBundle()
    .then(async () => {
      const instance = window.PagefindComponents?.getInstanceManager().getInstance("default");
      if (!instance) throw new Error("The search components did not start.");
      await connect(instance);
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
