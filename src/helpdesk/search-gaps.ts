// POST /api/search-gaps: counts a search that found nothing, or one a reader followed by opening a
// ticket (src/scripts/search-gap-report.ts sends them). Only the searched words arrive and only
// they are kept, per day, made anonymous (src/lib/search-gap.ts); the client's address is used for
// the rate limit only (in memory, or with PostgreSQL as a salted hash kept while it counts) and never
// stored with a search. `npm run search-report` lists what was counted.
import { dayOf, normaliseSearchGap, searchGapSchema, type SearchGapConfig } from "../lib/search-gap.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { SearchGapStore } from "./store/search-gap-store.ts";

const MAX_BYTES = 1_024;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SearchGapHandlerOptions {
  store: SearchGapStore;
  rateLimiter: RateLimiter;
  allowedOrigins: readonly string[];
  config: Pick<SearchGapConfig, "maxQueriesPerDay" | "keepDays">;
  now?: () => Date;
}

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

export function createSearchGapHandler(options: SearchGapHandlerOptions) {
  const now = options.now ?? (() => new Date());
  let prunedOn = "";
  return async function searchGaps(request: Request, client: { ip?: string } = {}): Promise<Response> {
    if (request.method !== "POST") return json(405, { message: "Send search reports with POST." }, { Allow: "POST" });
    const origin = request.headers.get("Origin");
    if (origin && origin !== new URL(request.url).origin && !options.allowedOrigins.includes(origin)) {
      return json(403, { message: "Search reports are only accepted from this help center's own pages." });
    }
    if (!(request.headers.get("Content-Type") ?? "").includes("application/json")) return json(415, { message: "Send the report as JSON." });
    const at = now();
    const limit = await options.rateLimiter.hit([`search-gaps:${client.ip ?? "unknown"}`], at);
    if (!limit.allowed) return json(429, { message: "Too many reports; try again later." }, { "Retry-After": String(limit.retryAfterSeconds) });
    const text = await request.text();
    if (text.length > MAX_BYTES) return json(413, { message: "That is longer than a search." });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { message: "The report could not be read." });
    }
    const parsed = searchGapSchema.safeParse(body);
    if (!parsed.success) return json(422, { message: parsed.error.issues.map((issue) => issue.message).join("; ") });
    const query = normaliseSearchGap(parsed.data.query);
    if (query.length < 2) return json(422, { message: "Send the searched words" });
    const day = dayOf(at);
    // Counts older than the configured number of days are removed, at most once a day.
    if (prunedOn !== day) {
      prunedOn = day;
      await options.store.forgetBefore(dayOf(new Date(at.getTime() - options.config.keepDays * DAY_MS)));
    }
    const result = await options.store.record(query, parsed.data.outcome, day, options.config.maxQueriesPerDay);
    return json(202, { counted: result === "counted" });
  };
}
