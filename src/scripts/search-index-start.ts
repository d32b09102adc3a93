// Loads Pagefind's search library (pagefind.js) and the site's synonyms, and starts the search
// index the pipeline uses. The search worker calls this; so does the page itself when no worker
// can start, so both search the same way.
import { createSearchIndex, type PagefindApi, type SearchIndex } from "../lib/search-index.ts";
import type { SynonymTable } from "../lib/search-synonyms.ts";
import { HIGHLIGHT_PARAM } from "../lib/search-url.ts";
import { VOCABULARY_PATH } from "../lib/search-vocabulary.ts";
import { loadShardBundles } from "./search-shards.ts";

export const SYNONYMS_PATH = "/search-synonyms.json";

interface PagefindModule extends PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(bundle: string, options?: Record<string, unknown>): Promise<void>;
}

async function loadSynonyms(origin: string): Promise<SynonymTable> {
  try {
    const response = await fetch(`${origin}${SYNONYMS_PATH}`);
    if (!response.ok) return new Map();
    const pairs = (await response.json()) as [string, string][];
    return new Map(pairs);
  } catch {
    // Search still works without synonyms, only less well.
    return new Map();
  }
}

/** `bundle` is Pagefind's folder as the site links it ("/pagefind/"); `origin` the site's. */
export async function startSearchIndex(bundle: string, origin: string): Promise<SearchIndex> {
  const [pagefind, synonyms] = await Promise.all([
    (async () => {
      const [module, shards] = await Promise.all([
        import(/* @vite-ignore */ `${origin}${bundle}pagefind.js`) as Promise<PagefindModule>,
        loadShardBundles(bundle, origin),
      ]);
      // The bundle's path as the page knows it, so result links stay relative to the site.
      await module.options({ basePath: bundle });
      await module.init();
      // A large site's other index shards (src/lib/search-shards.ts): every search, filter list
      // and count then covers them all, whichever surface asked.
      await Promise.all(shards.map((shard) => module.mergeIndex(shard)));
      return module;
    })(),
    loadSynonyms(origin),
  ]);
  const index = createSearchIndex(pagefind, {
    synonyms,
    highlightParam: HIGHLIGHT_PARAM,
    async loadVocabulary() {
      const response = await fetch(`${origin}${VOCABULARY_PATH}`);
      if (!response.ok) throw new Error(`The search vocabulary could not be loaded (${response.status}).`);
      return response.text();
    },
  });
  index.warm();
  return index;
}
