// The page's side of search: sends searches to the site's search worker (search-worker.ts) and
// hands back results whose data is fetched from the worker when asked for. Should the worker fail
// to start, the same index runs on the page instead (search-index-start.ts), so every search
// surface keeps the same pipeline. One client per page, shared by every surface on it.
import type { ResultData, SearchAnswer, SearchRequest } from "../lib/search-index.ts";
import type { WorkerRequest, WorkerResponse } from "./search-worker.ts";

export const PAGEFIND_BUNDLE = "/pagefind/";

export interface ClientResult {
  id: string;
  score: number;
  data(): Promise<ResultData>;
}

export interface ClientAnswer extends Omit<SearchAnswer, "results"> {
  results: ClientResult[];
}

type FilterValues = Record<string, Record<string, number>>;

interface Backend {
  search(request: SearchRequest): Promise<{ id: number; answer: SearchAnswer } | null>;
  data(search: number, index: number): Promise<ResultData>;
  filters(): Promise<FilterValues>;
  preload(word: string): void;
}

class WorkerFailed extends Error {}

/** A request as the page writes it; the id is added when it is sent. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

class WorkerBackend implements Backend {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(bundle: string) {
    this.worker = new Worker(new URL("./search-worker.ts", import.meta.url), { type: "module", name: "search" });
    this.worker.onmessage = ({ data }: MessageEvent<WorkerResponse>) => {
      const call = this.waiting.get(data.id);
      this.waiting.delete(data.id);
      if (data.error !== undefined) call?.reject(new Error(data.error));
      else call?.resolve(data.result);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new WorkerFailed(event.message || "The search worker stopped."));
    };
  }

  call(request: WithoutId<WorkerRequest>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  search(request: SearchRequest) {
    return this.call({ kind: "search", request }) as Promise<{ id: number; answer: SearchAnswer } | null>;
  }
  data(search: number, index: number) {
    return this.call({ kind: "data", search, index }) as Promise<ResultData>;
  }
  filters() {
    return this.call({ kind: "filters" }) as Promise<FilterValues>;
  }
  preload(word: string) {
    void this.call({ kind: "preload", word }).catch(() => undefined);
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const call of this.waiting.values()) call.reject(this.failure);
    this.waiting.clear();
    this.worker.terminate();
  }
}

async function workerBackend(bundle: string): Promise<Backend> {
  if (typeof Worker === "undefined") throw new WorkerFailed("This browser has no workers.");
  const backend = new WorkerBackend(bundle);
  // Loads the index's entry, metadata and WebAssembly: once, here, for every search surface.
  await backend.call({ kind: "init", bundle });
  return backend;
}

async function pageBackend(bundle: string): Promise<Backend> {
  const { startSearchIndex } = await import("./search-index-start.ts");
  const index = await startSearchIndex(bundle, window.location.origin);
  return { search: index.search, data: index.data, filters: index.filters, preload: index.preload };
}

export class SearchClient {
  private backend: Promise<Backend>;
  private readonly bundle: string;

  constructor(bundle = PAGEFIND_BUNDLE) {
    this.bundle = bundle;
    this.backend = this.start();
  }

  private start(): Promise<Backend> {
    return workerBackend(this.bundle).catch(() => pageBackend(this.bundle));
  }

  /** Calls the backend, moving to the page's own index once if the worker has failed meanwhile. */
  private async use<T>(call: (backend: Backend) => Promise<T>): Promise<T> {
    try {
      return await call(await this.backend);
    } catch (error) {
      if (!(error instanceof WorkerFailed)) throw error;
      this.backend = pageBackend(this.bundle);
      return call(await this.backend);
    }
  }

  /** Resolves to null when a newer search on the same channel replaced this one. */
  async search(request: SearchRequest): Promise<ClientAnswer | null> {
    return this.use(async (backend) => {
      const found = await backend.search(request);
      if (!found) return null;
      const results = found.answer.results.map((result, index) => {
        let loaded: Promise<ResultData> | undefined;
        return { ...result, data: () => (loaded ??= backend.data(found.id, index)) };
      });
      return { ...found.answer, results };
    });
  }

  filters(): Promise<FilterValues> {
    return this.use((backend) => backend.filters());
  }

  /** Starts loading the index chunk of a word being typed; nothing waits for it. */
  preload(word: string): void {
    void this.use(async (backend) => backend.preload(word)).catch(() => undefined);
  }

  /** Resolves once the index is loaded, for callers that want to start it early. */
  async ready(): Promise<void> {
    await this.use(async () => undefined);
  }
}

let shared: SearchClient | undefined;

/** The page's search client, started on first use. */
export function searchClient(): SearchClient {
  shared ??= new SearchClient();
  return shared;
}
