// Serves the built site and, on the same origin, the ticket endpoint. This is the embedded default
// that `npm start` runs; static hosting plus a serverless function is the alternative (see README).
// Settings: src/server/server-config.ts (port, timeouts) and src/helpdesk/config.ts (tickets).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ContentError } from "../src/lib/content-errors.ts";
import { ConfigError } from "../src/helpdesk/config.ts";
import { createHelpdesk, type Helpdesk } from "../src/helpdesk/helpdesk.ts";
import { envRedactor } from "../src/helpdesk/secrets.ts";
import { loadHeaderRules } from "../src/server/built-site-headers.ts";
import { DataDirError } from "../src/server/data-dir.ts";
import { startNodeServer } from "../src/server/node-server.ts";
import { openConfiguredStores } from "../src/server/open-stores.ts";
import { currentRequestId } from "../src/server/request-envelope.ts";
import { loadServerConfig, ServerConfigError, type ServerConfig } from "../src/server/server-config.ts";

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

let helpdesk: Helpdesk;
try {
  helpdesk = createHelpdesk({ env: process.env, openStores: openConfiguredStores, readPage, log });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof DataDirError) fail(error.message);
  throw error;
}
const { stores } = helpdesk;
// The message names the data folder or the database, and what to check.
await stores.ready.catch((error: Error) => fail(error.message));

const { rules, source } = await loadHeaderRules(distDir);
if (source === "pages") log(`${distDir} has no _headers file (built before it existed); using headers computed from its pages`);

const server = startNodeServer({ config, rules, notFoundPage, log, routes: [(request) => helpdesk.routes(request, { ip: request.ip })] });

await server.ready().catch((error: Error) => fail(`Cannot listen on ${config.hostname}:${config.port}: ${error.message}. Set PORT (or HOST) to a free one.`));
console.log(
  `Help center on ${server.url} (tickets: POST ${helpdesk.endpoint}, forwarding to ${helpdesk.forwarder.name}, data in ${stores.where})`,
);
for (const line of helpdesk.alertStatus) log(line);
if (helpdesk.config.database.kind === "postgres" && !process.env.TICKET_TIME_TRAP_SECRET?.trim()) {
  log(
    "TICKET_TIME_TRAP_SECRET is not set: this instance signs ticket forms with a secret of its own, so a form served by another instance is not timed. Give every instance the same value (README: Several instances on PostgreSQL).",
  );
}
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
    await stores.close();
    clearTimeout(force);
    process.exit(0);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
