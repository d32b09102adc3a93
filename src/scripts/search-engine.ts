// Searches run in the site's own worker (search-worker.ts) instead of Pagefind's bundled one. At
// 5,000 articles the same search took 12-25 ms there for a rare word where it takes 2-15 ms here,
// and 80-150 ms for a common one where it takes 40-90 ms; Pagefind's worker also kept every result
// of every search until the page let go of it and then released them one message each: after a
// common word, 5,000 messages that held up the next search (BENCHMARKS.md).
//
// The component UI keeps its own Pagefind for everything else (filters, options); only its search
// is redirected, once the component has loaded it. Should the worker fail to start, or the
// component's internals change shape, searches go through Pagefind's own worker as before.
import type { FoundResults, SearchOptions, WorkerRequest, WorkerResponse } from "./search-worker.ts";
import type { PagefindInstance } from "./pagefind-ui.ts";

/** A request as the page writes it; the id is added when it is sent. */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Request = WithoutId<WorkerRequest>;

interface SearchFunction {
  (term: string | null, options?: SearchOptions): Promise<unknown>;
}

/** The parts of the component's instance this relies on; none of them is public API. */
interface ComponentInternals {
  __pagefind__?: { search?: SearchFunction } | null;
  pagefindOptions?: Record<string, unknown>;
}

class SearchWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 0;
  /** Set once the worker has failed; every later call fails at once. */
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
      this.fail(new Error(event.message || "The search worker stopped."));
    };
    // Loads the index's entry, metadata and WebAssembly while the component loads its own.
    this.call({ kind: "init", bundle }).catch((error: unknown) => this.fail(error as Error));
  }

  call(request: Request): Promise<unknown> {
    return this.send(request).answer;
  }

  /** Pagefind's search() answer, each result's data() fetched from the worker when asked for. */
  async search(term: string | null, options: SearchOptions = {}): Promise<unknown> {
    const { id, answer } = this.send({ kind: "search", term, options });
    const found = (await answer) as FoundResults | null;
    if (!found) return null;
    const results = found.results.map((result, index) => ({
      ...result,
      data: () => this.call({ kind: "data", search: id, index }),
    }));
    return { ...found, results };
  }

  private send(request: Request): { id: number; answer: Promise<unknown> } {
    const id = this.nextId++;
    if (this.failure) return { id, answer: Promise.reject(this.failure) };
    const answer = new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
    return { id, answer };
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const call of this.waiting.values()) call.reject(this.failure);
    this.waiting.clear();
    this.worker.terminate();
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }
}

/**
 * Starts the search worker and hands it the component's searches as soon as the component has
 * loaded Pagefind (it announces its filters then, before running any search).
 */
export function searchInOwnWorker(instance: PagefindInstance, bundle: string): void {
  if (typeof Worker === "undefined") return;
  let searchWorker: SearchWorker;
  try {
    searchWorker = new SearchWorker(bundle);
  } catch {
    return;
  }
  let redirected = false;
  instance.on("filters", () => {
    if (redirected) return;
    redirected = true;
    const internals = instance as unknown as ComponentInternals;
    const pagefind = internals.__pagefind__;
    const ownSearch = pagefind?.search?.bind(pagefind);
    if (!pagefind || !ownSearch) return;
    void searchWorker.call({ kind: "options", options: internals.pagefindOptions ?? {} }).catch(() => undefined);
    pagefind.search = async (term, options) => {
      if (searchWorker.failed) return ownSearch(term, options);
      try {
        return await searchWorker.search(term, options);
      } catch (error) {
        if (searchWorker.failed) return ownSearch(term, options);
        throw error;
      }
    };
  });
}
