// The dynamic corner of an otherwise static site: the ticket endpoint and the two ticket pages,
// filled per request. Everything else falls through to the static files. Web-standard only, so the
// Node server and a serverless function compose it the same way.
import type { SupportData } from "../lib/support-data.ts";
import type { ClientInfo, TicketHandler } from "./handler.ts";
import { fillThanksPage, fillTicketForm } from "./portal-pages.ts";
import { normalizeReference } from "./reference.ts";
import type { TicketStore } from "./store/ticket-store.ts";
import { ticketReceipt } from "./ticket-summary.ts";
import { issueStartedAt } from "./time-trap.ts";

export interface PortalRoutesOptions {
  handler: TicketHandler;
  store: TicketStore;
  supportData: SupportData;
  /** POST target of the form: content/site.yaml `tickets.endpoint`. */
  endpoint: string;
  formPath: string;
  thanksPath: string;
  timeTrapSecret: string;
  /** The time trap's minimum, told to the form's script so it can wait out the rest before sending. */
  minFillMs: number;
  /** Whether the helpdesk emails a confirmation; the thank-you page says so (or says it does not). */
  confirmationEmail: boolean;
  /** The built HTML of a page, by its path ("/tickets/new/"), or null if it was not built. */
  readPage(pathname: string): Promise<string | null>;
  now?: () => Date;
}

/** Answers the portal's own routes; returns null for anything else. */
export type PortalRoutes = (request: Request, client?: ClientInfo) => Promise<Response | null>;

/** "/tickets/new", "/tickets/new/" and "/tickets/new/index.html" are one page. */
function samePath(pathname: string, route: string): boolean {
  const normalize = (p: string) => p.replace(/\/index\.html$/, "/").replace(/\/+$/, "") || "/";
  return normalize(pathname) === normalize(route);
}

function pageResponse(request: Request, html: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(request.method === "HEAD" ? null : html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Each answer carries a fresh token, a draft or a ticket's details: never cache or share it.
      "Cache-Control": "no-store",
      ...extraHeaders,
    },
  });
}

export function createPortalRoutes(options: PortalRoutesOptions): PortalRoutes {
  const now = options.now ?? (() => new Date());

  async function ticketForm(request: Request, url: URL): Promise<Response | null> {
    const html = await options.readPage(options.formPath);
    if (html === null) return null;
    const token = url.searchParams.get("draft");
    const draft = token ? await options.store.readDraft(token, now()) : null;
    const filled = fillTicketForm(html, {
      values: draft?.values,
      errors: draft?.errors,
      startedAt: await issueStartedAt(options.timeTrapSecret, now()),
      idempotencyKey: crypto.randomUUID(),
      minFillMs: options.minFillMs,
    });
    return pageResponse(request, filled);
  }

  async function thanksPage(request: Request, url: URL): Promise<Response | null> {
    const html = await options.readPage(options.thanksPath);
    if (html === null) return null;
    const reference = normalizeReference(url.searchParams.get("ref"));
    const ticket = reference ? await options.store.getTicket(reference) : null;
    // A suspended ticket is shown like any other: the page must not tell a bot what it was taken for.
    const receipt = ticket ? ticketReceipt(ticket, options.supportData, options.confirmationEmail) : null;
    return pageResponse(request, fillThanksPage(html, receipt), {
      // The reference is in the address; keep it out of Referer headers and search engines.
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    });
  }

  return async function portalRoutes(request, client) {
    const url = new URL(request.url);
    if (samePath(url.pathname, options.endpoint)) return options.handler(request, client);
    if (request.method !== "GET" && request.method !== "HEAD") return null;
    if (samePath(url.pathname, options.formPath)) return ticketForm(request, url);
    if (samePath(url.pathname, options.thanksPath)) return thanksPage(request, url);
    return null;
  };
}
