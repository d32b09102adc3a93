// The ticket endpoint and the two ticket pages as one Netlify Function (Functions API v2: a default
// export that takes a Web Request and returns a Response). The rest of the site is static files on
// Netlify's CDN; this function takes over only the paths in `config` below.
//
// Which store: this example uses MemoryTicketStore, which lives only as long as one warm function
// instance, so a ticket that cannot be forwarded right away can be lost, and a no-JavaScript draft
// may not be found by the next request. It is fine for trying the setup out with HELPDESK_TARGET set
// to a real helpdesk (which then is the system of record). For production, implement TicketStore
// (src/helpdesk/store/ticket-store.ts) over a durable store reachable from every instance: Netlify
// Blobs (@netlify/blobs, getStore("tickets")) or a hosted SQL database (Turso/libSQL, Postgres).
// SQLite files do not work here: the function's disk is read-only and not shared between instances.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createHelpdesk } from "../../../src/helpdesk/helpdesk.ts";
import { MemoryTicketStore } from "../../../src/helpdesk/store/memory.ts";
import { loadHeaderRules } from "../../../src/server/built-site-headers.ts";
import { createRequestEnvelope } from "../../../src/server/request-envelope.ts";

/** The part of Netlify's Context this function uses (the full type is in @netlify/functions). */
interface NetlifyContext {
  ip: string;
  waitUntil(promise: Promise<unknown>): void;
}

const distDir = resolve(process.env.KB_DIST_DIR ?? "dist");

// Built once per instance; a configuration error fails the deploy's first request with a message
// naming the environment variable, visible in the function log.
const helpdesk = createHelpdesk({
  env: process.env,
  openStore: () => new MemoryTicketStore(),
  readPage: (pathname) => readFile(join(distDir, pathname, "index.html"), "utf8").catch(() => null),
  log: (line) => console.log(line),
  // No process stays up between requests, so each request forwards what is due (below).
  forwardInBackground: false,
});

// Netlify applies dist/_headers to static files only, so the function adds the same headers itself.
const envelope = loadHeaderRules(distDir).then(({ rules }) => createRequestEnvelope({ rules, log: (line) => console.log(line) }));

export default async function tickets(request: Request, context: NetlifyContext): Promise<Response> {
  return (await envelope)(request, async () => {
    const response = await helpdesk.routes(request, { ip: context.ip });
    // Forward after the answer is sent: the customer never waits for the helpdesk.
    context.waitUntil(helpdesk.outbox.drain());
    return response ?? new Response("Not found", { status: 404 });
  });
}

export const config = {
  path: ["/api/tickets", "/tickets/new/", "/tickets/thanks/"],
};
