// Serves the built site and, on the same origin, the ticket endpoint. This is the embedded default
// that `npm start` runs; static hosting plus a serverless function is the alternative (see README).
// Settings: src/server/server-config.ts (port, timeouts) and src/helpdesk/config.ts (tickets).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ContentError } from "../src/lib/content-errors.ts";
import { ConfigError } from "../src/helpdesk/config.ts";
import { createFeedbackHandler, FEEDBACK_PATH } from "../src/helpdesk/feedback.ts";
import { createHelpdesk, type Helpdesk } from "../src/helpdesk/helpdesk.ts";
import { clientAddress, createMemoryRateLimiter } from "../src/helpdesk/rate-limit.ts";
import { envRedactor } from "../src/helpdesk/secrets.ts";
import type { SqliteFeedbackStore } from "../src/helpdesk/store/feedback-store.ts";
import { createSearchGapHandler } from "../src/helpdesk/search-gaps.ts";
import type { SqliteSearchGapStore } from "../src/helpdesk/store/search-gap-store.ts";
import { SEARCH_GAP_PATH, searchGapConfig } from "../src/lib/search-gap.ts";
import type { SqliteTicketStore } from "../src/helpdesk/store/sqlite.ts";
import { loadHeaderRules } from "../src/server/built-site-headers.ts";
import { checkDataDir, DataDirError } from "../src/server/data-dir.ts";
import { startNodeServer } from "../src/server/node-server.ts";
import { currentRequestId } from "../src/server/request-envelope.ts";
import { loadServerConfig, ServerConfigError, type ServerConfig } from "../src/server/server-config.ts";
import { openStoreInThread, type ThreadedStore } from "../src/server/store-thread.ts";

/** Configured secrets, and anything shaped like a credential, never reach the console. */
const redact = envRedactor(process.env);

/** Start-up problems are one line (or one list) saying what to change, never a stack trace. */
function fail(message: string): never {
  console.error(redact(message));
  process.exit(1);
}

/** One line per event; a helpdesk's error text can quote the customer's address, so addresses are masked. */
function log(line: string): void {
  const id = currentRequestId();
  const masked = redact(line).replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, "[email]");
  console.log(`${new Date().toISOString()} ${masked}${id ? ` (request ${id})` : ""}`);
}

let config: ServerConfig;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  if (error instanceof ServerConfigError) fail(error.message);
  throw error;
}
const { distDir } = config;
if (!existsSync(distDir)) fail(`No built site in ${distDir}: run npm run build first, or set KB_DIST_DIR to the built site.`);

const notFoundPage = await readFile(resolve(distDir, "404.html"), "utf8").catch(() => "Not found");

/** The built page for a route like "/tickets/new/", or null if the site was built without it. */
async function readPage(pathname: string): Promise<string | null> {
  const file = join(distDir, pathname, "index.html");
  if (!file.startsWith(distDir)) return null;
  return readFile(file, "utf8").catch(() => null);
}

// node:sqlite blocks its thread while it waits for a lock, so both stores run in their own threads.
let ticketStore: ThreadedStore<SqliteTicketStore> | undefined;
let helpdesk: Helpdesk;
try {
  helpdesk = createHelpdesk({
    env: process.env,
    openStore: (helpdeskConfig) => {
      const dataDir = resolve(helpdeskConfig.dataDir);
      checkDataDir(dataDir);
      ticketStore = openStoreInThread<SqliteTicketStore>(new URL("../src/helpdesk/store/sqlite.ts", import.meta.url), "openSqliteStore", [dataDir]);
      return ticketStore;
    },
    readPage,
    log,
  });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof DataDirError) fail(error.message);
  throw error;
}

const dataDir = resolve(helpdesk.config.dataDir);
const feedbackStore = openStoreInThread<SqliteFeedbackStore>(
  new URL("../src/helpdesk/store/feedback-store.ts", import.meta.url),
  "SqliteFeedbackStore",
  [dataDir],
);
await Promise.all([ticketStore?.ready, feedbackStore.ready]).catch((error: Error) =>
  fail(`Cannot open the databases in the data folder ${dataDir} (KB_DATA_DIR): ${error.message}`),
);

const feedback = createFeedbackHandler({
  store: feedbackStore,
  rateLimiter: createMemoryRateLimiter({ max: 30, windowMs: 60 * 60 * 1000 }),
  allowedOrigins: helpdesk.config.portal.allowedOrigins,
});

// The search-gap report, unless SEARCH_GAP_REPORT=off: then there is no endpoint (404).
const gapConfig = searchGapConfig(process.env);
const searchGapStore = gapConfig.enabled
  ? openStoreInThread<SqliteSearchGapStore>(new URL("../src/helpdesk/store/search-gap-store.ts", import.meta.url), "SqliteSearchGapStore", [dataDir])
  : undefined;
await searchGapStore?.ready.catch((error: Error) => fail(`Cannot open the search report database in ${dataDir} (KB_DATA_DIR): ${error.message}`));
const searchGaps =
  searchGapStore &&
  createSearchGapHandler({
    store: searchGapStore,
    rateLimiter: createMemoryRateLimiter(gapConfig.rateLimit),
    allowedOrigins: helpdesk.config.portal.allowedOrigins,
    config: gapConfig,
  });

const { rules, source } = await loadHeaderRules(distDir);
if (source === "pages") log(`${distDir} has no _headers file (built before it existed); using headers computed from its pages`);

/** Behind a trusted proxy, feedback and search reports are limited per reader like tickets are, not per proxy. */
const readerAddress = (request: Request & { ip?: string }) =>
  clientAddress(request, { ip: request.ip }, helpdesk.config.portal.trustProxy) ?? undefined;

const server = startNodeServer({
  config,
  rules,
  notFoundPage,
  log,
  routes: [
    async (request) => (new URL(request.url).pathname === FEEDBACK_PATH ? feedback(request, { ip: readerAddress(request) }) : null),
    async (request) =>
      searchGaps && new URL(request.url).pathname === SEARCH_GAP_PATH ? searchGaps(request, { ip: readerAddress(request) }) : null,
    (request) => helpdesk.routes(request, { ip: request.ip }),
  ],
});

await server.ready().catch((error: Error) => fail(`Cannot listen on ${config.hostname}:${config.port}: ${error.message}. Set PORT (or HOST) to a free one.`));
console.log(
  `Help center on ${server.url} (tickets: POST ${helpdesk.endpoint}, forwarding to ${helpdesk.forwarder.name}, data in ${dataDir})`,
);
for (const line of helpdesk.alertStatus) log(line);
void helpdesk.outbox.start();

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal}: finishing requests and forwards, then stopping`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  try {
    await server.close();
    await helpdesk.outbox.stop();
  } finally {
    await Promise.allSettled([helpdesk.store.close(), feedbackStore.close(), searchGapStore?.close()]);
    clearTimeout(force);
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
