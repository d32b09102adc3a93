// Settings and secrets for the ticket endpoint, read from environment variables only, so no
// secret ever sits in the repository or in the built site. A variable whose name contains SECRET,
// TOKEN, PASSWORD, API_KEY or HOOK_URL is a secret (src/helpdesk/secrets.ts): its value is never
// shown in a message, a log line or a stored error, so name new secret variables that way.
//
// General
//   KB_DATA_DIR                  folder for tickets.sqlite, feedback.sqlite and search-gaps.sqlite (default: data/
//                                in the project); not used when DATABASE_URL is set
//   DATABASE_URL                 postgres://user:password@host:5432/database: keep tickets, the outbox, drafts,
//                                alerts, feedback, search-gap counts and rate limits in that PostgreSQL database
//                                instead, shared by every instance that has the same value (README: Tickets).
//                                The schema is created and upgraded at start-up. A secret (it holds a password)
//   DATABASE_POOL_MAX            connections each instance opens to it at most (default 10; the serverless example 2)
//   HELPDESK_TARGET              where tickets go: local (default; stored only) | webhook | zendesk | zoho | freshdesk
//   HELPDESK_TIMEOUT_MS          time limit per helpdesk call and per chat alert post (default 10000)
//   HELPDESK_MAX_ATTEMPTS        tries before a ticket or a chat alert is marked failed (default 10)
//   HELPDESK_RETRY_DELAY_MS      first retry delay, for tickets and chat alerts; doubles each try, up to one hour (default 10000)
//   HELPDESK_POLL_MS             how often the server looks for tickets queued by another process, such as
//                                `npm run tickets -- --retry` or `release` (default 2000)
//   HELPDESK_SENDS_CONFIRMATION  "true" or "false": whether the helpdesk emails the customer when a ticket
//                                arrives, which the thank-you page then promises. Default: true for zendesk,
//                                zoho and freshdesk (their new-ticket notification; set false if you turned
//                                it off), false for webhook (set true if your receiver emails the customer);
//                                local sends no email, so true is refused there
//   TICKET_ALLOWED_ORIGINS       comma-separated extra origins whose pages may post tickets
//                                (the site's own origin and content/site.yaml `url` are always allowed)
//   TICKET_MAX_BODY_BYTES        largest accepted request body (default 22020096 = 21 MB: 20 MB of files + text)
//   TICKET_MIN_FILL_MS           a form sent back faster than this is suspended as a likely bot (default 3000;
//                                0 turns it off). The form's script waits out the rest before sending, so a
//                                person never trips it
//   TICKET_SUSPENDED_DAYS        days a suspended ticket (flagged by the honeypot or the time trap, never
//                                forwarded) is kept for staff to release before it is removed (default 14)
//   TICKET_RATE_LIMIT_MAX        tickets per window per client address and per email (default 20)
//   TICKET_RATE_LIMIT_WINDOW_SECONDS   the rate-limit window (default 600)
//   TICKET_TIME_TRAP_SECRET      signs the form's startedAt token; random per process when unset. Give every
//                                instance the same value when several serve the same site (the server warns
//                                with DATABASE_URL and none; the serverless example requires it). A secret
//   TRUST_PROXY                  "true" to take the client address from X-Forwarded-For (only behind your own proxy)
//   SEARCH_GAP_REPORT            "off" stops counting searches that found nothing or were followed by a ticket
//                                (src/lib/search-gap.ts). Read by the build too: pages built with it off send
//                                nothing, and a server started with it off has no /api/search-gaps.
//
// HELPDESK_TARGET=webhook
//   WEBHOOK_URL                  where each ticket is POSTed as JSON (required); a user:password@ in it
//                                is sent as HTTP Basic authentication
//   WEBHOOK_SECRET               HMAC-SHA256 key for the X-Signature header (required)
//
// HELPDESK_TARGET=zendesk
//   ZENDESK_SUBDOMAIN            <subdomain>.zendesk.com (required unless ZENDESK_BASE_URL is set)
//   ZENDESK_EMAIL                the agent whose API token is used (required)
//   ZENDESK_API_TOKEN            that agent's API token (required)
//   ZENDESK_GROUP_IDS            optional JSON: department id → group id, e.g. {"paid-support":360001}
//   ZENDESK_BASE_URL             optional override of https://<subdomain>.zendesk.com (tests, proxies)
//
// HELPDESK_TARGET=zoho
//   ZOHO_DC                      data centre: com (default) | eu | in | com.au | jp | ca
//   ZOHO_ORG_ID                  Setup → Developer Space → API (required)
//   ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN   a Self Client's credentials (required)
//   ZOHO_DEPARTMENT_IDS          JSON: every department id → Zoho departmentId (required)
//   ZOHO_API_BASE_URL            optional override of https://desk.zoho.<dc>
//   ZOHO_ACCOUNTS_BASE_URL       optional override of https://accounts.zoho.<dc>
//
// HELPDESK_TARGET=freshdesk
//   FRESHDESK_DOMAIN             <domain>.freshdesk.com (required unless FRESHDESK_BASE_URL is set)
//   FRESHDESK_API_KEY            an agent's API key (required)
//   FRESHDESK_GROUP_IDS          optional JSON: department id → group id
//   FRESHDESK_BASE_URL           optional override of https://<domain>.freshdesk.com
//
// Chat alerts (rules and destinations in content/data/alerts.yaml; see src/helpdesk/alerts/alert-config.ts)
//   ALERT_WEBHOOK_<ID>           the incoming-webhook address of the destination with that id, in capitals with
//                                underscores for hyphens: support-team → ALERT_WEBHOOK_SUPPORT_TEAM. A secret.
//                                Unset: that destination is off (said at start-up; its alerts are recorded as not sent)
//   ALERT_WEBHOOKS_REQUIRED      "true" to refuse to start while any destination in alerts.yaml has no address
//   ALERT_WATCH_INTERVAL_MS      how often the server checks first-response due times for warnings and breaches
//                                (default 60000); with zendesk, zoho or freshdesk it reads the helpdesk back first
import { readAlertSettings, type AlertSettings } from "./alerts/alert-config.ts";
import type { AlertDestination } from "../lib/content-schemas.ts";
import type { FreshdeskSettings } from "./forwarders/freshdesk.ts";
import type { WebhookSettings } from "./forwarders/webhook.ts";
import type { ZendeskSettings } from "./forwarders/zendesk.ts";
import type { ZohoSettings } from "./forwarders/zoho.ts";
import { envRedactor, isSecretVariable } from "./secrets.ts";

export type Env = Record<string, string | undefined>;

export const HELPDESK_TARGETS = ["local", "webhook", "zendesk", "zoho", "freshdesk"] as const;

export type TargetConfig =
  | { kind: "local" }
  | ({ kind: "webhook" } & WebhookSettings)
  | ({ kind: "zendesk" } & ZendeskSettings)
  | ({ kind: "zoho" } & ZohoSettings)
  | ({ kind: "freshdesk" } & FreshdeskSettings);

/** Where everything is kept: SQLite files in `dataDir`, or one PostgreSQL database shared by every instance. */
export type DatabaseConfig = { kind: "sqlite" } | { kind: "postgres"; url: string; poolMax: number | undefined };

export interface HelpdeskConfig {
  dataDir: string;
  database: DatabaseConfig;
  target: TargetConfig;
  /** Whether the customer gets an email from the helpdesk when a ticket arrives; derived here only. */
  confirmationEmail: boolean;
  forwarding: { timeoutMs: number; maxAttempts: number; retryDelayMs: number; maxRetryDelayMs: number; pollMs: number };
  /** Days a suspended ticket waits for release before it is removed. */
  suspendedTicketDays: number;
  /** Chat alert webhooks (the destinations that are on) and the response-target watch. */
  alerts: AlertSettings;
  portal: {
    allowedOrigins: string[];
    maxBodyBytes: number;
    minFillMs: number;
    rateLimit: { max: number; windowMs: number };
    timeTrapSecret: string;
    trustProxy: boolean;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The ticket endpoint cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const ZOHO_HOSTS: Record<string, { api: string; accounts: string }> = {
  com: { api: "https://desk.zoho.com", accounts: "https://accounts.zoho.com" },
  eu: { api: "https://desk.zoho.eu", accounts: "https://accounts.zoho.eu" },
  in: { api: "https://desk.zoho.in", accounts: "https://accounts.zoho.in" },
  "com.au": { api: "https://desk.zoho.com.au", accounts: "https://accounts.zoho.com.au" },
  jp: { api: "https://desk.zoho.jp", accounts: "https://accounts.zoho.jp" },
  ca: { api: "https://desk.zohocloud.ca", accounts: "https://accounts.zohocloud.ca" },
};

/** Reads env with one list of problems, so a misconfigured start names every missing variable at once. */
class EnvReader {
  readonly problems: string[] = [];
  readonly #env: Env;
  constructor(env: Env) {
    this.#env = env;
  }

  optional(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value ? value : undefined;
  }

  required(name: string, why: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problems.push(`${name} is not set; ${why}`);
    return value ?? "";
  }

  /** `NAME is "value"`, or for a secret only that it is set: a secret is never echoed back. */
  #is(name: string, value: string): string {
    return isSecretVariable(name) ? `${name} is set, but not right (its value is a secret, so it is not shown here)` : `${name} is "${value}"`;
  }

  number(name: string, fallback: number, min = 0): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      this.problems.push(`${this.#is(name, raw)}; write a number of at least ${min}, or remove it to use ${fallback}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    if (raw === "true" || raw === "false") return raw === "true";
    this.problems.push(`${this.#is(name, raw)}; write true or false, or remove it to use the default`);
    return undefined;
  }

  url(name: string, fallback?: string): string {
    const value = this.optional(name) ?? fallback;
    if (value === undefined) return "";
    try {
      const url = new URL(value);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http");
      return value.replace(/\/+$/, "");
    } catch {
      this.problems.push(`${this.#is(name, value)}; write a full address like https://example.com`);
      return "";
    }
  }

  idMap<T extends string | number>(name: string, kind: "number" | "string", example: string): Record<string, T> {
    const raw = this.optional(name);
    if (raw === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
      const map: Record<string, T> = {};
      for (const [department, id] of Object.entries(parsed)) {
        const value = kind === "number" ? Number(id) : String(id);
        if (kind === "number" && !Number.isInteger(value)) throw new Error(`${department} is not a whole number`);
        map[department] = value as T;
      }
      return map;
    } catch (error) {
      this.problems.push(`${name} is not valid (${(error as Error).message}); write JSON like ${example}`);
      return {};
    }
  }
}

function unknownDepartments(name: string, map: Record<string, unknown>, departments: readonly string[]): string[] {
  return Object.keys(map)
    .filter((id) => !departments.includes(id))
    .map((id) => `${name} names department "${id}", which is not in content/data/departments.yaml (${departments.join(", ")})`);
}

/**
 * Zendesk and Freshdesk: the account's address from its name (<name>.zendesk.com) or a full
 * <PREFIX>_BASE_URL, and the helpdesk group of each department (<PREFIX>_GROUP_IDS).
 */
function accountWithGroups(
  env: EnvReader,
  departments: readonly string[],
  vendor: { name: string; domain: string; prefix: string; exampleGroup: number },
): { baseUrl: string; groupIds: Record<string, number> } {
  const name = env.optional(vendor.name);
  const baseUrlVariable = `${vendor.prefix}_BASE_URL`;
  if (!name && !env.optional(baseUrlVariable)) env.problems.push(`${vendor.name} is not set; set it to the part before .${vendor.domain}`);
  const groupsVariable = `${vendor.prefix}_GROUP_IDS`;
  const groupIds = env.idMap<number>(groupsVariable, "number", `{"paid-support":${vendor.exampleGroup}}`);
  env.problems.push(...unknownDepartments(groupsVariable, groupIds, departments));
  return { baseUrl: env.url(baseUrlVariable, name ? `https://${name}.${vendor.domain}` : undefined), groupIds };
}

function readTarget(env: EnvReader, departments: readonly string[]): TargetConfig {
  const kind = env.optional("HELPDESK_TARGET") ?? "local";
  switch (kind) {
    case "local":
      return { kind };
    case "webhook": {
      const url = env.required("WEBHOOK_URL", "set it to the address that receives tickets");
      return {
        kind,
        url: url ? env.url("WEBHOOK_URL") : "",
        secret: env.required("WEBHOOK_SECRET", "set it to a long random string shared with the receiver"),
      };
    }
    case "zendesk": {
      const account = accountWithGroups(env, departments, { name: "ZENDESK_SUBDOMAIN", domain: "zendesk.com", prefix: "ZENDESK", exampleGroup: 360001234567 });
      const email = env.required("ZENDESK_EMAIL", "set it to the email of the agent whose API token is used");
      return { kind, ...account, email, apiToken: env.required("ZENDESK_API_TOKEN", "create one in Admin Center → Apps and integrations → Zendesk API") };
    }
    case "zoho": {
      const dc = env.optional("ZOHO_DC") ?? "com";
      const hosts = ZOHO_HOSTS[dc];
      if (!hosts) env.problems.push(`ZOHO_DC is "${dc}"; use one of: ${Object.keys(ZOHO_HOSTS).join(", ")}`);
      const departmentIds = env.idMap<string>("ZOHO_DEPARTMENT_IDS", "string", `{"paid-support":"7189000002187084"}`);
      if (env.optional("ZOHO_DEPARTMENT_IDS") !== undefined) {
        const missing = departments.filter((d) => !departmentIds[d]);
        if (missing.length) {
          env.problems.push(`ZOHO_DEPARTMENT_IDS has no Zoho departmentId for: ${missing.join(", ")}; Zoho needs one on every ticket`);
        }
        env.problems.push(...unknownDepartments("ZOHO_DEPARTMENT_IDS", departmentIds, departments));
      } else {
        env.problems.push(
          `ZOHO_DEPARTMENT_IDS is not set; write JSON mapping each department (${departments.join(", ")}) to its Zoho departmentId`,
        );
      }
      return {
        kind,
        apiBaseUrl: env.url("ZOHO_API_BASE_URL", hosts?.api),
        accountsBaseUrl: env.url("ZOHO_ACCOUNTS_BASE_URL", hosts?.accounts),
        orgId: env.required("ZOHO_ORG_ID", "find it in Zoho Desk under Setup → Developer Space → API"),
        clientId: env.required("ZOHO_CLIENT_ID", "create a Self Client at https://api-console.zoho.com"),
        clientSecret: env.required("ZOHO_CLIENT_SECRET", "it is shown with the Self Client's id"),
        refreshToken: env.required("ZOHO_REFRESH_TOKEN", "generate one for the Self Client with scope Desk.tickets.CREATE"),
        departmentIds,
      };
    }
    case "freshdesk": {
      const account = accountWithGroups(env, departments, { name: "FRESHDESK_DOMAIN", domain: "freshdesk.com", prefix: "FRESHDESK", exampleGroup: 43000123456 });
      return { kind, ...account, apiKey: env.required("FRESHDESK_API_KEY", "find it in Freshdesk under Profile settings → API key") };
    }
    default:
      env.problems.push(`HELPDESK_TARGET is "${kind}"; use one of: ${HELPDESK_TARGETS.join(", ")}`);
      return { kind: "local" };
  }
}

function readDatabase(env: EnvReader): DatabaseConfig {
  const url = env.optional("DATABASE_URL");
  if (url === undefined) return { kind: "sqlite" };
  // The address is never quoted back: it usually holds the database password.
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
    env.problems.push(
      "DATABASE_URL is set, but not to a PostgreSQL address: it must start with postgres:// or postgresql:// and name the user, password, host, port and database, or remove it to keep everything in SQLite files in KB_DATA_DIR",
    );
    return { kind: "sqlite" };
  }
  const poolMax = env.optional("DATABASE_POOL_MAX") === undefined ? undefined : env.number("DATABASE_POOL_MAX", 10, 1);
  return { kind: "postgres", url, poolMax };
}

/** Only where the data is kept (DATABASE_URL, KB_DATA_DIR), for commands that need nothing else. */
export function loadDatabaseConfig(env: Env): Pick<HelpdeskConfig, "database" | "dataDir"> {
  const reader = new EnvReader(env);
  const database = readDatabase(reader);
  if (reader.problems.length) throw new ConfigError(reader.problems);
  return { database, dataDir: reader.optional("KB_DATA_DIR") ?? "data" };
}

/**
 * Whether the customer is emailed when a ticket arrives. The vendors send their new-ticket
 * notification unless a team turned it off; a webhook's receiver may or may not email, so it is
 * promised only when the operator says so; local mode sends nothing.
 */
function confirmationEmail(env: EnvReader, target: TargetConfig): boolean {
  const stated = env.boolean("HELPDESK_SENDS_CONFIRMATION");
  if (target.kind === "local") {
    if (stated) env.problems.push("HELPDESK_SENDS_CONFIRMATION is true, but HELPDESK_TARGET=local sends no email; remove it or choose a helpdesk");
    return false;
  }
  return stated ?? target.kind !== "webhook";
}

function randomSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Reads every setting from `env`. `departments` are the ids in departments.yaml (to check vendor maps);
 * `siteUrl` is content/site.yaml's `url`, whose origin may always post tickets; `alertDestinations`
 * are alerts.yaml's, each of which may have a webhook variable. Throws ConfigError naming each
 * missing or malformed variable.
 */
export function loadHelpdeskConfig(
  env: Env,
  options: { departments: readonly string[]; siteUrl?: string; alertDestinations?: readonly AlertDestination[] },
): HelpdeskConfig {
  const reader = new EnvReader(env);
  const alerts = readAlertSettings(env, options.alertDestinations ?? [], (name, fallback, min) => reader.number(name, fallback, min));
  reader.problems.push(...alerts.problems);
  const target = readTarget(reader, options.departments);
  const extraOrigins = (reader.optional("TICKET_ALLOWED_ORIGINS") ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of extraOrigins) {
    if (!URL.canParse(origin)) reader.problems.push(`TICKET_ALLOWED_ORIGINS has "${origin}"; write origins like https://www.example.com`);
  }
  const config: HelpdeskConfig = {
    dataDir: reader.optional("KB_DATA_DIR") ?? "data",
    database: readDatabase(reader),
    target,
    confirmationEmail: confirmationEmail(reader, target),
    forwarding: {
      timeoutMs: reader.number("HELPDESK_TIMEOUT_MS", 10_000, 100),
      maxAttempts: reader.number("HELPDESK_MAX_ATTEMPTS", 10, 1),
      retryDelayMs: reader.number("HELPDESK_RETRY_DELAY_MS", 10_000, 0),
      maxRetryDelayMs: 60 * 60 * 1000,
      pollMs: reader.number("HELPDESK_POLL_MS", 2_000, 100),
    },
    suspendedTicketDays: reader.number("TICKET_SUSPENDED_DAYS", 14, 1),
    alerts: alerts.settings,
    portal: {
      allowedOrigins: [...(options.siteUrl ? [options.siteUrl] : []), ...extraOrigins],
      maxBodyBytes: reader.number("TICKET_MAX_BODY_BYTES", 21 * 1024 * 1024, 1024),
      minFillMs: reader.number("TICKET_MIN_FILL_MS", 3_000, 0),
      rateLimit: {
        max: reader.number("TICKET_RATE_LIMIT_MAX", 20, 1),
        windowMs: reader.number("TICKET_RATE_LIMIT_WINDOW_SECONDS", 600, 1) * 1000,
      },
      timeTrapSecret: reader.optional("TICKET_TIME_TRAP_SECRET") ?? randomSecret(),
      trustProxy: reader.optional("TRUST_PROXY") === "true",
    },
  };
  // Values are quoted to show what is wrong with them; a secret's never is (#is above), and this
  // catches one inside another value, such as a password in a URL that is not itself secret.
  if (reader.problems.length) throw new ConfigError(reader.problems.map(envRedactor(env)));
  return config;
}
