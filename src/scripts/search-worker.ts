// The search index, run in a worker of the site's own (started by search-engine.ts). It loads the
// same pagefind.js the component UI does; outside a page, Pagefind searches on the thread it runs
// on. Compared with Pagefind's bundled worker, this one keeps only the latest few result lists
// instead of every result until the page lets go of it (then released one message per result,
// 5,000 messages after a common word), skips searches that newer typing has replaced, and sends
// back ids and scores only; a result's excerpt is loaded when the page asks for it.
import { latestOnly } from "../lib/latest-only.ts";

export interface SearchOptions {
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}

export type WorkerRequest =
  | { kind: "init"; id: number; bundle: string }
  | { kind: "options"; id: number; options: Record<string, unknown> }
  | { kind: "filters"; id: number }
  | { kind: "search"; id: number; term: string | null; options: SearchOptions }
  | { kind: "data"; id: number; search: number; index: number };

export interface WorkerResponse {
  id: number;
  result?: unknown;
  error?: string;
}

/** What a search answers, with each result reduced to what can cross to the page. */
export interface FoundResults {
  results: { id: string; score: number }[];
  [other: string]: unknown;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<unknown>;
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<unknown>;
  search(term: string | null, options: SearchOptions): Promise<({ results: PagefindResult[] } & Record<string, unknown>) | null>;
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
  location: { origin: string };
}

const scope = globalThis as unknown as WorkerScope;

/** Result lists kept for their excerpts: the one on screen and those a moment older. */
const KEPT_SEARCHES = 4;
const kept = new Map<number, PagefindResult[]>();
let pagefind: Promise<PagefindModule> | undefined;

async function loadPagefind(bundle: string): Promise<PagefindModule> {
  const module = (await import(/* @vite-ignore */ `${scope.location.origin}${bundle}pagefind.js`)) as PagefindModule;
  // The bundle's path as the page knows it, so result links stay relative to the site (Pagefind
  // would take its own full address). There is no <html lang> here: Pagefind picks the site's
  // largest language index.
  await module.options({ basePath: bundle });
  await module.init();
  return module;
}

function ready(): Promise<PagefindModule> {
  if (!pagefind) throw new Error("The search worker was not started.");
  return pagefind;
}

const search = latestOnly(async (request: { id: number; term: string | null; options: SearchOptions }) => {
  const found = await (await ready()).search(request.term, request.options);
  if (!found) return null;
  kept.set(request.id, found.results);
  for (const id of kept.keys()) if (kept.size > KEPT_SEARCHES) kept.delete(id);
  const answer: FoundResults = { ...found, results: found.results.map(({ id, score }) => ({ id, score })) };
  return answer;
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case "init":
      pagefind ??= loadPagefind(request.bundle);
      await pagefind;
      return true;
    case "options":
      await (await ready()).options(request.options);
      return true;
    case "filters":
      return (await ready()).filters();
    case "search":
      // A search replaced by newer typing answers null, which the component ignores.
      return (await search(request)) ?? null;
    case "data": {
      const result = kept.get(request.search)?.[request.index];
      if (!result) throw new Error("These results are out of date; search again.");
      return result.data();
    }
  }
}

scope.onmessage = ({ data: request }) => {
  handle(request).then(
    (result) => scope.postMessage({ id: request.id, result }),
    (error: unknown) => scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
};
