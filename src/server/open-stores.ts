// Opens the helpdesk's stores where the configuration says: with DATABASE_URL, on that PostgreSQL
// database (asynchronous by nature, so on this thread); otherwise SQLite files in KB_DATA_DIR, each
// in a thread of its own for the server (node:sqlite blocks its thread while it waits for a lock).
import { resolve } from "node:path";
import type { HelpdeskConfig } from "../helpdesk/config.ts";
import type { FeedbackStore, SqliteFeedbackStore } from "../helpdesk/store/feedback-store.ts";
import type { SearchGapStore, SqliteSearchGapStore } from "../helpdesk/store/search-gap-store.ts";
import type { SqliteTicketStore } from "../helpdesk/store/sqlite.ts";
import { openPostgresStores, storesOf, type HelpdeskStores, type OpenStoresOptions } from "../helpdesk/store/stores.ts";
import { checkDataDir } from "./data-dir.ts";
import { openStoreInThread } from "./store-thread.ts";

const STORES = new URL("../helpdesk/store/", import.meta.url);

/**
 * Throws DataDirError when KB_DATA_DIR cannot be written (SQLite); a database that cannot be
 * reached or upgraded shows in `ready`, with what to do.
 */
export function openConfiguredStores(config: HelpdeskConfig, options: OpenStoresOptions = {}): HelpdeskStores {
  if (config.database.kind === "postgres") return openPostgresStores(config.database.url, { ...options, max: config.database.poolMax });
  const dataDir = resolve(config.dataDir);
  checkDataDir(dataDir);
  const inThread = <T extends object>(file: string, exportName: string) => openStoreInThread<T>(new URL(file, STORES), exportName, [dataDir]);
  const tickets = inThread<SqliteTicketStore>("sqlite.ts", "openSqliteStore");
  const feedback = inThread<SqliteFeedbackStore>("feedback-store.ts", "SqliteFeedbackStore");
  const searchGaps = options.searchGaps === false ? null : inThread<SqliteSearchGapStore>("search-gap-store.ts", "SqliteSearchGapStore");
  return storesOf({
    tickets,
    feedback: feedback as FeedbackStore,
    searchGaps: searchGaps as SearchGapStore | null,
    where: `the data folder ${dataDir} (KB_DATA_DIR)`,
    ready: Promise.all([tickets.ready, feedback.ready, searchGaps?.ready]).catch((error: Error) => {
      throw new Error(`Cannot open the databases in the data folder ${dataDir} (KB_DATA_DIR): ${error.message}`);
    }),
  });
}
