// Wires the ticket system together from environment variables and content/: config, forwarder,
// outbox, endpoint and the two ticket pages. The Node server, the tickets command and the
// serverless example all start here, each with the store that suits where it runs.
import { newTicketAlerts } from "../lib/alert-rules.ts";
import { readSiteConfig } from "../lib/site-config.ts";
import { loadSupportData, type SupportData } from "../lib/support-data.ts";
import { describeDestination } from "./alerts/alert-config.ts";
import { loadHelpdeskConfig, type Env, type HelpdeskConfig } from "./config.ts";
import { createForwarder } from "./forwarders/create-forwarder.ts";
import type { Forwarder } from "./forwarders/forwarder.ts";
import { createTicketHandler, type TicketHandler } from "./handler.ts";
import { createOutbox, type Outbox } from "./outbox.ts";
import { createPortalRoutes, type PortalRoutes } from "./portal-routes.ts";
import { envRedactor } from "./secrets.ts";
import type { TicketStore } from "./store/ticket-store.ts";

export const TICKET_PAGES = { formPath: "/tickets/new/", thanksPath: "/tickets/thanks/" } as const;

export interface Helpdesk {
  config: HelpdeskConfig;
  supportData: SupportData;
  endpoint: string;
  store: TicketStore;
  forwarder: Forwarder;
  outbox: Outbox;
  handler: TicketHandler;
  routes: PortalRoutes;
  /** One line per chat destination, on or off and why, for the server to say once at start-up. */
  alertStatus: string[];
}

export interface HelpdeskOptions {
  env: Env;
  /** Opened with the loaded config, so it can use `config.dataDir`. */
  openStore(config: HelpdeskConfig): TicketStore;
  /** Built HTML of a page by path; null when the page is not there. */
  readPage?(pathname: string): Promise<string | null>;
  log?: (line: string) => void;
  now?: () => Date;
  /** Wake the outbox after each ticket (default). Serverless runs drain() per request instead. */
  forwardInBackground?: boolean;
}

/** Throws ConfigError (naming the variables) or ContentError (naming the file and field) on bad setup. */
export function createHelpdesk(options: HelpdeskOptions): Helpdesk {
  const site = readSiteConfig();
  const supportData = loadSupportData();
  const config = loadHelpdeskConfig(options.env, {
    departments: supportData.departments.map((d) => d.id),
    siteUrl: site.url,
    alertDestinations: supportData.alerts.destinations,
  });
  const store = options.openStore(config);
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
    alertsFor: (ticket) => newTicketAlerts(ticket, supportData.alerts),
    config: { ...config.portal, ...TICKET_PAGES, supportEmail: site.support.email, confirmationEmail: config.confirmationEmail },
  });
  const routes = createPortalRoutes({
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
  const endpoint = site.tickets.endpoint;
  return { config, supportData, endpoint, store, forwarder, outbox, handler, routes, alertStatus: alertStatus(config, supportData) };
}

function alertStatus(config: HelpdeskConfig, data: SupportData): string[] {
  return data.alerts.destinations.map((destination) => {
    const off = config.alerts.off.find((o) => o.destination.id === destination.id);
    if (!off) return `chat alerts to ${describeDestination(destination)} are on`;
    const rules = data.alerts.rules.filter((r) => r.destination === destination.id).map((r) => r.id);
    return `chat alerts to ${describeDestination(destination)} are off: ${off.variable} is not set, so ${rules.length ? `its rules (${rules.join(", ")}) send nothing` : "nothing goes there"}. To turn them on, set it to the channel's incoming-webhook address (README: Chat alerts).`;
  });
}
