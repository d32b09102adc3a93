// Wires the helpdesk together from environment variables and content/: config, stores, forwarder,
// outbox, the ticket endpoint and its two pages, the article-feedback endpoint and the search-gap
// report. The Node server and the serverless example both start here, each with the stores that
// suit where it runs, and serve `routes`.
import { newTicketAlerts } from "../lib/alert-rules.ts";
import { SEARCH_GAP_PATH, searchGapConfig } from "../lib/search-gap.ts";
import { readSiteConfig } from "../lib/site-config.ts";
import { loadSupportData, type SupportData } from "../lib/support-data.ts";
import { describeDestination } from "./alerts/alert-config.ts";
import { loadHelpdeskConfig, type Env, type HelpdeskConfig } from "./config.ts";
import { createFeedbackHandler, FEEDBACK_PATH } from "./feedback.ts";
import { createForwarder } from "./forwarders/create-forwarder.ts";
import type { Forwarder } from "./forwarders/forwarder.ts";
import { createTicketHandler, type TicketHandler } from "./handler.ts";
import { createOutbox, type Outbox } from "./outbox.ts";
import { createPortalRoutes, type PortalRoutes } from "./portal-routes.ts";
import { clientAddress } from "./rate-limit.ts";
import { createSearchGapHandler } from "./search-gaps.ts";
import { envRedactor } from "./secrets.ts";
import type { HelpdeskStores, OpenStoresOptions } from "./store/stores.ts";
import type { TicketStore } from "./store/ticket-store.ts";

export const TICKET_PAGES = { formPath: "/tickets/new/", thanksPath: "/tickets/thanks/" } as const;

export interface Helpdesk {
  config: HelpdeskConfig;
  supportData: SupportData;
  endpoint: string;
  /** Every store, on one database; close them with `stores.close()`. */
  stores: HelpdeskStores;
  /** The ticket store (stores.tickets). */
  store: TicketStore;
  forwarder: Forwarder;
  outbox: Outbox;
  handler: TicketHandler;
  /** The ticket endpoint and pages, POST /api/feedback and, unless it is off, POST /api/search-gaps; null for anything else. */
  routes: PortalRoutes;
  /** One line per chat destination, on or off and why, for the server to say once at start-up. */
  alertStatus: string[];
}

export interface HelpdeskOptions {
  env: Env;
  /** Opened with the loaded config (its `database` and `dataDir`); `options` says which stores are needed. */
  openStores(config: HelpdeskConfig, options: OpenStoresOptions): HelpdeskStores;
  /** Built HTML of a page by path; null when the page is not there. */
  readPage?(pathname: string): Promise<string | null>;
  log?: (line: string) => void;
  now?: () => Date;
  /** Wake the outbox after each ticket (default). Serverless runs drain() per request instead. */
  forwardInBackground?: boolean;
}

/** Feedback answers per reader and hour. */
const FEEDBACK_RATE_LIMIT = { max: 30, windowMs: 60 * 60 * 1000 };

/** Throws ConfigError (naming the variables) or ContentError (naming the file and field) on bad setup. */
export function createHelpdesk(options: HelpdeskOptions): Helpdesk {
  const site = readSiteConfig();
  const supportData = loadSupportData();
  const config = loadHelpdeskConfig(options.env, {
    departments: supportData.departments.map((d) => d.id),
    siteUrl: site.url,
    alertDestinations: supportData.alerts.destinations,
  });
  const gapConfig = searchGapConfig(options.env);
  const stores = options.openStores(config, { searchGaps: gapConfig.enabled });
  const store = stores.tickets;
  // Errors and log lines can quote a configured URL or credential; both are cleaned where they start.
  const redact = envRedactor(options.env);
  const log = options.log && ((line: string) => options.log!(redact(line)));
  const forwarder = createForwarder(config.target, redact);
  const outbox = createOutbox({
    store,
    forwarder,
    supportData,
    now: options.now,
    log,
    ...config.forwarding,
    keepSuspendedDays: config.suspendedTicketDays,
    alerts: config.alerts,
  });
  const handler = createTicketHandler({
    store,
    supportData,
    now: options.now,
    log,
    wakeOutbox: options.forwardInBackground === false ? undefined : () => outbox.wake(),
    rateLimiter: stores.rateLimiter("tickets", config.portal.rateLimit),
    alertsFor: (ticket) => newTicketAlerts(ticket, supportData.alerts),
    config: { ...config.portal, ...TICKET_PAGES, supportEmail: site.support.email, confirmationEmail: config.confirmationEmail },
  });
  const ticketRoutes = createPortalRoutes({
    handler,
    store,
    supportData,
    endpoint: site.tickets.endpoint,
    ...TICKET_PAGES,
    timeTrapSecret: config.portal.timeTrapSecret,
    minFillMs: config.portal.minFillMs,
    confirmationEmail: config.confirmationEmail,
    readPage: options.readPage ?? (async () => null),
    now: options.now,
  });
  const allowedOrigins = config.portal.allowedOrigins;
  const feedback = createFeedbackHandler({ store: stores.feedback, rateLimiter: stores.rateLimiter("feedback", FEEDBACK_RATE_LIMIT), allowedOrigins, now: options.now });
  const searchGaps =
    stores.searchGaps &&
    createSearchGapHandler({
      store: stores.searchGaps,
      rateLimiter: stores.rateLimiter("search-gaps", gapConfig.rateLimit),
      allowedOrigins,
      config: gapConfig,
      now: options.now,
    });
  const routes: PortalRoutes = async (request, client = {}) => {
    const path = new URL(request.url).pathname;
    if (path !== FEEDBACK_PATH && path !== SEARCH_GAP_PATH) return ticketRoutes(request, client);
    // Behind a trusted proxy, feedback and search reports are limited per reader like tickets are, not per proxy.
    const reader = { ip: clientAddress(request, client, config.portal.trustProxy) ?? undefined };
    if (path === FEEDBACK_PATH) return feedback(request, reader);
    return searchGaps ? searchGaps(request, reader) : null;
  };
  const endpoint = site.tickets.endpoint;
  return { config, supportData, endpoint, stores, store, forwarder, outbox, handler, routes, alertStatus: alertStatus(config, supportData) };
}

function alertStatus(config: HelpdeskConfig, data: SupportData): string[] {
  return data.alerts.destinations.map((destination) => {
    const off = config.alerts.off.find((o) => o.destination.id === destination.id);
    if (!off) return `chat alerts to ${describeDestination(destination)} are on`;
    const rules = data.alerts.rules.filter((r) => r.destination === destination.id).map((r) => r.id);
    return `chat alerts to ${describeDestination(destination)} are off: ${off.variable} is not set, so ${rules.length ? `its rules (${rules.join(", ")}) send nothing` : "nothing goes there"}. To turn them on, set it to the channel's incoming-webhook address (README: Chat alerts).`;
  });
}
