// POST /api/search-gaps: counts a search that found nothing, or one a reader followed by opening a
// ticket (src/scripts/search-gap-report.ts sends them). Only the searched words arrive and only
// they are kept, per day, made anonymous (src/lib/search-gap.ts); the client's address is used for
// the rate limit only (in memory, or with PostgreSQL as a salted hash kept while it counts) and never
// stored with a search. `npm run search-report` lists what was counted.
import { dayOf, normaliseSearchGap, searchGapSchema, type SearchGapConfig } from "../lib/search-gap.ts";
import { jsonResponse, readJsonPost, type JsonEndpointOptions } from "./json-post.ts";
import type { SearchGapStore } from "./store/search-gap-store.ts";

const MAX_BYTES = 1_024;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SearchGapHandlerOptions extends JsonEndpointOptions {
  store: SearchGapStore;
  config: Pick<SearchGapConfig, "maxQueriesPerDay" | "keepDays">;
}

const REFUSALS = {
  origin: "Search reports are only accepted from this help center's own pages.",
  tooMany: "Too many reports; try again later.",
  tooLong: "That is longer than a search.",
  unreadable: "The report could not be read.",
};

export function createSearchGapHandler(options: SearchGapHandlerOptions) {
  const now = options.now ?? (() => new Date());
  let prunedOn = "";
  return async function searchGaps(request: Request, client: { ip?: string } = {}): Promise<Response> {
    const at = now();
    const read = await readJsonPost(request, client.ip, { ...options, endpoint: "search-gaps", at, maxBytes: MAX_BYTES, noun: "search reports", refusals: REFUSALS });
    if ("refused" in read) return read.refused;
    const parsed = searchGapSchema.safeParse(read.body);
    if (!parsed.success) return jsonResponse(422, { message: parsed.error.issues.map((issue) => issue.message).join("; ") });
    const query = normaliseSearchGap(parsed.data.query);
    if (query.length < 2) return jsonResponse(422, { message: "Send the searched words" });
    const day = dayOf(at);
    // Counts older than the configured number of days are removed, at most once a day.
    if (prunedOn !== day) {
      prunedOn = day;
      await options.store.forgetBefore(dayOf(new Date(at.getTime() - options.config.keepDays * DAY_MS)));
    }
    const result = await options.store.record(query, parsed.data.outcome, day, options.config.maxQueriesPerDay);
    return jsonResponse(202, { counted: result === "counted" });
  };
}
