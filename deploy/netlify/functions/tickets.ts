// The helpdesk's dynamic routes as one Netlify Function (Functions API v2: a default export that
// takes a Web Request and returns a Response): the ticket endpoint and its two pages, article
// feedback and the search-gap report. The rest of the site is static files on Netlify's CDN; this
// function takes over only the paths in `config` below.
//
// Everything is kept in PostgreSQL (DATABASE_URL: any hosted one, such as Neon, Supabase or Amazon
// RDS), because function instances come and go and share nothing: a ticket that cannot be
// forwarded right away waits in the database's outbox for the next request on any instance, a
// no-JavaScript draft is found whichever instance answers, and rate limits count across all of them.
// Every instance must also sign the ticket form with the same TICKET_TIME_TRAP_SECRET.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigError, type Env, type HelpdeskConfig } from "../../../src/helpdesk/config.ts";
import { createHelpdesk, type Helpdesk } from "../../../src/helpdesk/helpdesk.ts";
import { envRedactor } from "../../../src/helpdesk/secrets.ts";
import { openPostgresStores, type HelpdeskStores, type OpenStoresOptions } from "../../../src/helpdesk/store/stores.ts";
import { loadHeaderRules } from "../../../src/server/built-site-headers.ts";
import { createRequestEnvelope } from "../../../src/server/request-envelope.ts";

/** The part of Netlify's Context this function uses (the full type is in @netlify/functions). */
export interface NetlifyContext {
  ip: string;
  waitUntil(promise: Promise<unknown>): void;
}

export interface TicketsFunctionOptions {
  env: Env;
  distDir: string;
  /** Tests pass memory stores; a deployment uses PostgreSQL (the default). */
  openStores?: (config: HelpdeskConfig, options: OpenStoresOptions) => HelpdeskStores;
  log?: (line: string) => void;
}

/** Connections each function instance opens at most, unless DATABASE_POOL_MAX says otherwise. */
const FUNCTION_POOL_MAX = 2;

/** The function's stores: PostgreSQL, and refusing to start without what several instances must share. */
function openSharedStores(env: Env) {
  return (config: HelpdeskConfig, options: OpenStoresOptions): HelpdeskStores => {
    const problems: string[] = [];
    if (config.database.kind !== "postgres") {
      problems.push(
        "DATABASE_URL is not set; function instances keep nothing between requests, so tickets are kept in PostgreSQL: set it to your database's address (postgres:// followed by the user, password, host, port and database)",
      );
    }
    if (!env.TICKET_TIME_TRAP_SECRET?.trim()) {
      problems.push("TICKET_TIME_TRAP_SECRET is not set; every function instance must sign the ticket form with the same secret: set it to a long random string");
    }
    if (problems.length || config.database.kind !== "postgres") throw new ConfigError(problems);
    return openPostgresStores(config.database.url, { ...options, max: config.database.poolMax ?? FUNCTION_POOL_MAX });
  };
}

export function createTicketsFunction(options: TicketsFunctionOptions) {
  const log = options.log ?? ((line: string) => console.log(line));
  let helpdesk: Promise<Helpdesk> | null = null;

  // Built on the first request of each instance, and built again on the next one if it failed.
  function ready(): Promise<Helpdesk> {
    helpdesk ??= (async () => {
      const built = createHelpdesk({
        env: options.env,
        openStores: options.openStores ?? openSharedStores(options.env),
        readPage: (pathname) => readFile(join(options.distDir, pathname, "index.html"), "utf8").catch(() => null),
        log,
        // No process stays up between requests, so each request forwards what is due (below).
        forwardInBackground: false,
      });
      await built.stores.ready;
      return built;
    })();
    helpdesk.catch(() => {
      helpdesk = null;
    });
    return helpdesk;
  }

  // Netlify applies dist/_headers to static files only, so the function adds the same headers itself.
  let envelope: ReturnType<typeof createEnvelope> | null = null;
  const createEnvelope = () => loadHeaderRules(options.distDir).then(({ rules }) => createRequestEnvelope({ rules, log }));

  async function tickets(request: Request, context: NetlifyContext): Promise<Response> {
    envelope ??= createEnvelope();
    return (await envelope)(request, async () => {
      let built: Helpdesk;
      try {
        built = await ready();
      } catch (error) {
        // The reason (which variable, which database) goes to the function log, not to the customer.
        log(envRedactor(options.env)((error as Error).message));
        return new Response("Tickets cannot be received just now; the site's operators have been told why in its log. Please try again later.", {
          status: 503,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60", "Cache-Control": "no-store" },
        });
      }
      const response = await built.routes(request, { ip: context.ip });
      // Forward after the answer is sent: the customer never waits for the helpdesk.
      context.waitUntil(built.outbox.drain());
      return response ?? new Response("Not found", { status: 404 });
    });
  }
  /** Ends the instance's database connections (Netlify simply freezes an instance; tests close theirs). */
  tickets.close = async () => {
    const built = await helpdesk?.catch(() => null);
    await built?.stores.close();
  };
  return tickets;
}

export default createTicketsFunction({ env: process.env, distDir: resolve(process.env.KB_DIST_DIR ?? "dist") });

export const config = {
  path: ["/api/tickets", "/tickets/new/", "/tickets/thanks/", "/api/feedback", "/api/search-gaps"],
};
