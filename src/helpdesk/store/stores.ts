// Every store the helpdesk composition uses, opened together on one database: the tickets (with
// their outbox, drafts and alerts), article feedback, search-gap counts and the rate limits. The
// Node server opens them on SQLite (src/server/open-stores.ts) or, with DATABASE_URL, on
// PostgreSQL; the serverless example always on PostgreSQL; the unit tests in memory.
import { createMemoryRateLimiter, type RateLimiter, type RateLimitSettings } from "../rate-limit.ts";
import { MemoryFeedbackStore, PostgresFeedbackStore, type FeedbackStore } from "./feedback-store.ts";
import { MemoryTicketStore } from "./memory.ts";
import { PostgresTicketStore } from "./postgres.ts";
import { PostgresDatabase, type PostgresOptions } from "./postgres-database.ts";
import { createPostgresRateLimiter } from "./postgres-rate-limit.ts";
import { MemorySearchGapStore, PostgresSearchGapStore, type SearchGapStore } from "./search-gap-store.ts";
import type { TicketStore } from "./ticket-store.ts";

export interface HelpdeskStores {
  tickets: TicketStore;
  feedback: FeedbackStore;
  /** Null when the search-gap report is off (SEARCH_GAP_REPORT=off). */
  searchGaps: SearchGapStore | null;
  /**
   * A limiter counting over everything that shares these stores: every instance on one PostgreSQL
   * database, or this process for SQLite and memory. `name` keeps limiters with other windows apart.
   */
  rateLimiter(name: string, limit: RateLimitSettings): RateLimiter;
  /** Where the data is kept, for start-up lines and messages (never a password). */
  where: string;
  /** Settles once every store can be used (files opened, schema up to date); rejects with why not. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /** Open the search-gap store (default true). */
  searchGaps?: boolean;
}

/** The stores of a process that only composes other ones: limiters count in memory. */
export function storesOf(
  parts: Pick<HelpdeskStores, "tickets" | "feedback" | "searchGaps" | "where"> & { ready?: Promise<unknown> },
): HelpdeskStores {
  return {
    ...parts,
    rateLimiter: (_name, limit) => createMemoryRateLimiter(limit),
    ready: Promise.resolve(parts.ready).then(() => {}),
    async close() {
      await Promise.allSettled([parts.tickets.close(), parts.feedback.close(), parts.searchGaps?.close()]);
    },
  };
}

/** In memory, for tests: nothing survives the process. */
export function memoryStores(options: OpenStoresOptions = {}): HelpdeskStores {
  return storesOf({
    tickets: new MemoryTicketStore(),
    feedback: new MemoryFeedbackStore(),
    searchGaps: options.searchGaps === false ? null : new MemorySearchGapStore(),
    where: "memory (nothing is kept after the process ends)",
  });
}

/** On the PostgreSQL database at `url`, one pool for all of them; the schema is brought up to date first. */
export function openPostgresStores(url: string, options: OpenStoresOptions & PostgresOptions = {}): HelpdeskStores {
  const db = new PostgresDatabase(url, options);
  const stores = storesOf({
    tickets: new PostgresTicketStore(db),
    feedback: new PostgresFeedbackStore(db),
    searchGaps: options.searchGaps === false ? null : new PostgresSearchGapStore(db),
    where: `PostgreSQL at ${db.where} (DATABASE_URL)`,
    ready: db.ready,
  });
  return { ...stores, rateLimiter: (name, limit) => createPostgresRateLimiter(db, name, limit) };
}
