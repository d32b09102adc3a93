// The site's search worker (started by search-client.ts): runs the query pipeline over Pagefind's
// pagefind.js, off the page's thread. Outside a page, Pagefind searches on the thread it runs on.
// Compared with Pagefind's bundled worker, this one keeps only the latest few result lists, stops
// a search that newer typing has replaced at its next step, and sends back ids and scores only;
// a result's excerpt is built when the page asks for it.
import type { SearchRequest } from "../lib/search-index.ts";
import { startSearchIndex } from "./search-index-start.ts";

export type WorkerRequest =
  | { kind: "init"; id: number; bundle: string }
  | { kind: "filters"; id: number }
  | { kind: "search"; id: number; request: SearchRequest }
  | { kind: "preload"; id: number; word: string }
  | { kind: "data"; id: number; search: number; index: number };

export interface WorkerResponse {
  id: number;
  result?: unknown;
  error?: string;
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
  location: { origin: string };
}

const scope = globalThis as unknown as WorkerScope;
let index: ReturnType<typeof startSearchIndex> | undefined;

function ready() {
  if (!index) throw new Error("The search worker was not started.");
  return index;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case "init":
      index ??= startSearchIndex(request.bundle, scope.location.origin);
      await index;
      return true;
    case "filters":
      return (await ready()).filters();
    case "search":
      // A search replaced by newer typing answers null, which the page ignores.
      return (await ready()).search(request.request);
    case "preload":
      (await ready()).preload(request.word);
      return true;
    case "data":
      return (await ready()).data(request.search, request.index);
  }
}

scope.onmessage = ({ data: request }) => {
  handle(request).then(
    (result) => scope.postMessage({ id: request.id, result }),
    (error: unknown) => scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
};
