// Serves the built site and, on the same origin, the ticket endpoint. This is the embedded default
// that `npm start` runs; static hosting plus a serverless function is the alternative (see README).
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serve } from "srvx";
import { staticMiddleware } from "srvx/static";
import { ContentError } from "../src/lib/content-errors.ts";
import { ConfigError } from "../src/helpdesk/config.ts";
import { createHelpdesk, type Helpdesk } from "../src/helpdesk/helpdesk.ts";
import { openSqliteStore } from "../src/helpdesk/store/sqlite.ts";
import { createFeedbackHandler, FEEDBACK_PATH } from "../src/helpdesk/feedback.ts";
import { createMemoryRateLimiter } from "../src/helpdesk/rate-limit.ts";
import { SqliteFeedbackStore } from "../src/helpdesk/store/feedback-store.ts";
import { createSearchGapHandler } from "../src/helpdesk/search-gaps.ts";
import { SqliteSearchGapStore } from "../src/helpdesk/store/search-gap-store.ts";
import { SEARCH_GAP_PATH, searchGapConfig } from "../src/lib/search-gap.ts";

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");
const port = Number(process.env.PORT ?? 4321);
const hostname = process.env.HOST ?? "127.0.0.1";

const notFoundPage = await readFile(resolve(distDir, "404.html"), "utf8").catch(() => "Not found");

/** The built page for a route like "/tickets/new/", or null if the site was built without it. */
async function readPage(pathname: string): Promise<string | null> {
  const file = join(distDir, pathname, "index.html");
  if (!file.startsWith(distDir)) return null;
  return readFile(file, "utf8").catch(() => null);
}

/** One line per event; a helpdesk's error text can quote the customer's address, so addresses are masked. */
function log(line: string): void {
  console.log(`${new Date().toISOString()} ${line.replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, "[email]")}`);
}

let helpdesk: Helpdesk;
try {
  helpdesk = createHelpdesk({ env: process.env, openStore: (config) => openSqliteStore(resolve(config.dataDir)), readPage, log });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const feedbackStore = new SqliteFeedbackStore(resolve(helpdesk.config.dataDir));
const feedback = createFeedbackHandler({
  store: feedbackStore,
  rateLimiter: createMemoryRateLimiter({ max: 30, windowMs: 60 * 60 * 1000 }),
  allowedOrigins: helpdesk.config.portal.allowedOrigins,
});

// The search-gap report, unless SEARCH_GAP_REPORT=off: then there is no endpoint (404).
const gapConfig = searchGapConfig(process.env);
const searchGapStore = gapConfig.enabled ? new SqliteSearchGapStore(resolve(helpdesk.config.dataDir)) : undefined;
const searchGaps =
  searchGapStore &&
  createSearchGapHandler({
    store: searchGapStore,
    rateLimiter: createMemoryRateLimiter(gapConfig.rateLimit),
    allowedOrigins: helpdesk.config.portal.allowedOrigins,
    config: gapConfig,
  });

const server = serve({
  port,
  hostname,
  silent: true,
  // Shutdown is handled below so the outbox and the database close in order.
  gracefulShutdown: false,
  middleware: [
    async (request, next) =>
      new URL(request.url).pathname === FEEDBACK_PATH ? feedback(request, { ip: request.ip }) : next(),
    async (request, next) =>
      searchGaps && new URL(request.url).pathname === SEARCH_GAP_PATH ? searchGaps(request, { ip: request.ip }) : next(),
    async (request, next) => (await helpdesk.routes(request, { ip: request.ip })) ?? next(),
    staticMiddleware({ dir: distDir }),
  ],
  async fetch() {
    return new Response(notFoundPage, { status: 404, headers: { "content-type": "text/html; charset=utf-8" } });
  },
});

await server.ready();
console.log(
  `Help center on ${server.url} (tickets: POST ${helpdesk.endpoint}, forwarding to ${helpdesk.forwarder.name}, data in ${resolve(helpdesk.config.dataDir)})`,
);
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
    helpdesk.store.close();
    feedbackStore.close();
    searchGapStore?.close();
    clearTimeout(force);
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
