// What a reader's browser does: bytes a first visit downloads (from the Chrome DevTools Protocol,
// so the compressed size on the wire) and how long search takes from the last keystroke to
// rendered results. Runs in headless Chromium against scripts/serve.ts serving the built copy.
import { chromium, type Browser, type BrowserContext, type Request } from "@playwright/test";
import { chromiumLaunchOptions } from "../lib/browser.ts";

export interface RequestRecord {
  url: string;
  bytes: number;
  status: number;
  encoding: string;
  startedAt: number;
}

/**
 * Records every request a browser context makes, including those of the search's Web Worker, which
 * a page-level CDP session does not see. Playwright takes each size from CDP's
 * Network.loadingFinished encodedDataLength (headers plus compressed body, as sent on the wire).
 */
class NetworkLog {
  readonly requests: RequestRecord[] = [];
  private pending = new Set<Request>();
  private sizing: Promise<void>[] = [];

  static attach(context: BrowserContext): NetworkLog {
    const log = new NetworkLog();
    const byRequest = new Map<Request, RequestRecord>();
    context.on("request", (request) => {
      const record = { url: request.url(), bytes: 0, status: 0, encoding: "", startedAt: performance.now() };
      byRequest.set(request, record);
      log.requests.push(record);
      log.pending.add(request);
    });
    context.on("requestfinished", (request) => {
      const record = byRequest.get(request);
      log.sizing.push(
        (async () => {
          const response = await request.response();
          const sizes = await request.sizes();
          if (!record) return;
          record.bytes = Math.max(0, sizes.responseHeadersSize + sizes.responseBodySize);
          record.status = response?.status() ?? 0;
          record.encoding = (await response?.headerValue("content-encoding")) ?? "";
        })().finally(() => log.pending.delete(request)),
      );
    });
    context.on("requestfailed", (request) => log.pending.delete(request));
    return log;
  }

  since(time: number): RequestRecord[] {
    return this.requests.filter((r) => r.startedAt >= time);
  }

  /** Resolves once no request has been in flight for `quietMs`, and every size is known. */
  async idle(quietMs = 500, timeoutMs = 15_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let quietSince = performance.now();
    while (performance.now() < deadline) {
      if (this.pending.size > 0) quietSince = performance.now();
      else if (performance.now() - quietSince >= quietMs) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(this.sizing);
  }
}

const total = (records: readonly RequestRecord[]) => records.reduce((sum, r) => sum + r.bytes, 0);

export interface PageWeight {
  path: string;
  bytes: number;
  requests: { url: string; bytes: number; encoding: string }[];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** A first visit: a fresh profile (empty cache) loads the page and whatever it requests on load. */
export async function firstVisit(browser: Browser, baseUrl: string, path: string): Promise<PageWeight> {
  const context = await browser.newContext();
  try {
    const log = NetworkLog.attach(context);
    const page = await context.newPage();
    await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
    await log.idle();
    const requests = log.requests.map((r) => ({ url: r.url.replace(baseUrl, ""), bytes: r.bytes, encoding: r.encoding }));
    return { path, bytes: total(log.requests), requests };
  } finally {
    await context.close();
  }
}

export interface QueryTiming {
  query: string;
  /** Last keystroke to the frame after the first result rendered. */
  ms: number;
  /**
   * Last keystroke to the page asking for the whole query's search (the search worker may still
   * be finishing an earlier one), and to its results arriving.
   */
  startedMs: number;
  answeredMs: number;
  results: number;
  bytes: number;
}

export interface SearchMetrics {
  pageLoadBytes: number;
  pageLoadRequests: number;
  firstQueryBytes: number;
  firstQueryRequests: { url: string; bytes: number }[];
  /** The typo correction's vocabulary as downloaded (compressed), and the query that needed it. */
  vocabulary: { bytes: number; query: string } | null;
  queries: QueryTiming[];
}

interface Measured {
  ms: number;
  startedMs: number;
  answeredMs: number;
  results: number;
}

declare global {
  interface Window {
    __bench?: { lastInput: number; done: Promise<Measured> };
  }
}

/**
 * Types each query into the search page like a person (one key every `keyDelayMs`) and measures
 * from the last keystroke's input event to the frame after the first result is rendered for that
 * query (or, for a query that finds nothing, to the frame after its empty answer). The input is cleared between queries; the page and its loaded index chunks are kept, as
 * they are for a reader refining a search.
 */
export async function measureSearch(
  browser: Browser,
  baseUrl: string,
  queries: readonly string[],
  keyDelayMs = 80,
): Promise<SearchMetrics> {
  const context: BrowserContext = await browser.newContext();
  try {
    const log = NetworkLog.attach(context);
    const page = await context.newPage();
    await page.goto(new URL("/search/", baseUrl).href, { waitUntil: "load" });
    const input = page.locator("pagefind-input input");
    await input.waitFor({ state: "visible" });
    await log.idle();
    const pageLoad = [...log.requests];

    const timings: QueryTiming[] = [];
    let firstQueryRequests: RequestRecord[] = [];
    let vocabulary: SearchMetrics["vocabulary"] = null;
    for (const [index, query] of queries.entries()) {
      await input.fill("");
      await page.waitForFunction(() => !document.querySelector("pagefind-results a[data-result-link]"));
      await page.waitForTimeout(300);
      await page.evaluate((expected) => {
        const instance = window.PagefindComponents!.getInstanceManager().getInstance("default") as unknown as {
          searchTerm: string;
          on(event: string, cb: (r: { results: unknown[] }) => void): void;
        };
        const field = document.querySelector<HTMLInputElement>("pagefind-input input")!;
        const state = { lastInput: 0, started: 0, done: undefined as unknown as Promise<Measured> };
        field.addEventListener("input", () => (state.lastInput = performance.now()));
        instance.on("search", (term: unknown) => {
          if (term === expected) state.started = performance.now();
        });
        state.done = new Promise((resolve) => {
          instance.on("results", (result) => {
            if (instance.searchTerm !== expected || !state.started) return;
            const answered = performance.now();
            const count = result.results.length;
            const finish = () =>
              requestAnimationFrame(() =>
                resolve({
                  ms: performance.now() - state.lastInput,
                  startedMs: state.started - state.lastInput,
                  answeredMs: answered - state.lastInput,
                  results: count,
                }),
              );
            if (count === 0) return finish();
            const list = document.querySelector("pagefind-results")!;
            if (list.querySelector("a[data-result-link]")) return finish();
            const observer = new MutationObserver(() => {
              if (!list.querySelector("a[data-result-link]")) return;
              observer.disconnect();
              finish();
            });
            observer.observe(list, { childList: true, subtree: true });
          });
        });
        window.__bench = state;
      }, query);
      const armed = performance.now();
      await input.focus();
      await page.keyboard.type(query, { delay: keyDelayMs });
      const measured = await page.evaluate(() => window.__bench!.done);
      await log.idle(300);
      const requests = log.since(armed);
      if (index === 0) firstQueryRequests = requests;
      const vocabularyRequest = requests.find((r) => r.url.includes("/search-vocabulary.txt"));
      if (vocabularyRequest && !vocabulary) vocabulary = { bytes: vocabularyRequest.bytes, query };
      const round = (value: number) => Math.round(value * 10) / 10;
      timings.push({
        query,
        ms: round(measured.ms),
        startedMs: round(measured.startedMs),
        answeredMs: round(measured.answeredMs),
        results: measured.results,
        bytes: total(requests),
      });
    }
    return {
      pageLoadBytes: total(pageLoad),
      pageLoadRequests: pageLoad.length,
      firstQueryBytes: total(firstQueryRequests),
      firstQueryRequests: firstQueryRequests.map((r) => ({ url: r.url.replace(baseUrl, ""), bytes: r.bytes })),
      vocabulary,
      queries: timings,
    };
  } finally {
    await context.close();
  }
}
