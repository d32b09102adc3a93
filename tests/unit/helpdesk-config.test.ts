import { describe, expect, test } from "vitest";
import { ConfigError, loadHelpdeskConfig, type Env } from "../../src/helpdesk/config.ts";
import { createForwarder } from "../../src/helpdesk/forwarders/create-forwarder.ts";
import type { AlertDestination } from "../../src/lib/content-schemas.ts";

const departments = ["paid-support", "community", "trials"];
const load = (env: Env) => loadHelpdeskConfig(env, { departments, siteUrl: "https://help.example.com" });

function problems(env: Env): string[] {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("helpdesk configuration from the environment", () => {
  test("with nothing set, tickets are stored locally with safe defaults", () => {
    const config = load({});
    expect(config.target).toEqual({ kind: "local" });
    expect(config.dataDir).toBe("data");
    expect(config.portal).toMatchObject({
      allowedOrigins: ["https://help.example.com"],
      maxBodyBytes: 21 * 1024 * 1024,
      minFillMs: 3_000,
      rateLimit: { max: 20, windowMs: 600_000 },
      trustProxy: false,
    });
    expect(config.portal.timeTrapSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(createForwarder(config.target).name).toBe("local");
    expect(config.suspendedTicketDays).toBe(14);
    expect(config.forwarding.pollMs).toBe(2_000);
    expect(config.confirmationEmail).toBe(false);
  });

  test("how long suspended tickets are kept and how often the outbox looks for queued ones can be set", () => {
    const config = load({ TICKET_SUSPENDED_DAYS: "30", HELPDESK_POLL_MS: "500" });
    expect(config.suspendedTicketDays).toBe(30);
    expect(config.forwarding.pollMs).toBe(500);
    expect(problems({ TICKET_SUSPENDED_DAYS: "0" })).toEqual([
      'TICKET_SUSPENDED_DAYS is "0"; write a number of at least 1, or remove it to use 14',
    ]);
  });

  test("a confirmation email is promised where the helpdesk sends one: vendors yes, a webhook only when told, local never", () => {
    const webhook = { HELPDESK_TARGET: "webhook", WEBHOOK_URL: "https://hooks.example.com/t", WEBHOOK_SECRET: "s" };
    const zendesk = { HELPDESK_TARGET: "zendesk", ZENDESK_SUBDOMAIN: "parley", ZENDESK_EMAIL: "a@example.com", ZENDESK_API_TOKEN: "t" };
    expect(load(webhook).confirmationEmail).toBe(false);
    expect(load({ ...webhook, HELPDESK_SENDS_CONFIRMATION: "true" }).confirmationEmail).toBe(true);
    expect(load(zendesk).confirmationEmail).toBe(true);
    expect(load({ ...zendesk, HELPDESK_SENDS_CONFIRMATION: "false" }).confirmationEmail).toBe(false);
    expect(problems({ HELPDESK_SENDS_CONFIRMATION: "true" })).toEqual([
      "HELPDESK_SENDS_CONFIRMATION is true, but HELPDESK_TARGET=local sends no email; remove it or choose a helpdesk",
    ]);
    expect(problems({ ...zendesk, HELPDESK_SENDS_CONFIRMATION: "yes" })).toEqual([
      'HELPDESK_SENDS_CONFIRMATION is "yes"; write true or false, or remove it to use the default',
    ]);
  });

  test("reads the portal settings", () => {
    const config = load({
      KB_DATA_DIR: "/var/lib/kb",
      TICKET_ALLOWED_ORIGINS: "https://www.example.com, https://example.com",
      TICKET_MIN_FILL_MS: "0",
      TICKET_RATE_LIMIT_MAX: "3",
      TICKET_RATE_LIMIT_WINDOW_SECONDS: "60",
      TICKET_TIME_TRAP_SECRET: "fixed",
      TRUST_PROXY: "true",
    });
    expect(config.dataDir).toBe("/var/lib/kb");
    expect(config.portal).toMatchObject({
      allowedOrigins: ["https://help.example.com", "https://www.example.com", "https://example.com"],
      minFillMs: 0,
      rateLimit: { max: 3, windowMs: 60_000 },
      timeTrapSecret: "fixed",
      trustProxy: true,
    });
  });

  test("an unknown target or a malformed number is named with what to write instead", () => {
    expect(problems({ HELPDESK_TARGET: "jira", TICKET_RATE_LIMIT_MAX: "lots" })).toEqual([
      'HELPDESK_TARGET is "jira"; use one of: local, webhook, zendesk, zoho, freshdesk',
      'TICKET_RATE_LIMIT_MAX is "lots"; write a number of at least 1, or remove it to use 20',
    ]);
  });

  test("DATABASE_URL moves everything to PostgreSQL; without it, SQLite in KB_DATA_DIR", () => {
    expect(load({}).database).toEqual({ kind: "sqlite" });
    const url = "postgres://helpcenter:s3cret-pass@db.example.com:5432/helpcenter?sslmode=require";
    expect(load({ DATABASE_URL: url }).database).toEqual({ kind: "postgres", url, poolMax: undefined });
    expect(load({ DATABASE_URL: url, DATABASE_POOL_MAX: "2" }).database).toEqual({ kind: "postgres", url, poolMax: 2 });
  });

  test("a DATABASE_URL that is not a PostgreSQL address is refused without repeating it, password and all", () => {
    const found = problems({ DATABASE_URL: "mysql://helpcenter:s3cret-pass@db.example.com/helpcenter", DATABASE_POOL_MAX: "0" });
    expect(found[0]).toMatch(/^DATABASE_URL is set, but not to a PostgreSQL address: it must start with postgres:\/\//);
    expect(found.join("\n")).not.toMatch(/s3cret|db\.example/);
    expect(problems({ DATABASE_URL: "postgres://db.example.com/helpcenter", DATABASE_POOL_MAX: "0" })).toEqual([
      'DATABASE_POOL_MAX is "0"; write a number of at least 1, or remove it to use 10',
    ]);
  });

  test("the webhook target needs its URL and secret", () => {
    expect(problems({ HELPDESK_TARGET: "webhook" }).map((p) => p.split(" ")[0])).toEqual(["WEBHOOK_URL", "WEBHOOK_SECRET"]);
    const config = load({ HELPDESK_TARGET: "webhook", WEBHOOK_URL: "https://hooks.example.com/t", WEBHOOK_SECRET: "s" });
    expect(createForwarder(config.target).name).toBe("webhook");
  });

  test("the Zendesk target names every missing variable at once", () => {
    const missing = problems({ HELPDESK_TARGET: "zendesk" });
    expect(missing.map((p) => p.split(" ")[0])).toEqual(["ZENDESK_SUBDOMAIN", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"]);
    expect(missing[2]).toMatch(/Admin Center/);
  });

  test("Zendesk builds its address from the subdomain, or takes an override", () => {
    const env = { HELPDESK_TARGET: "zendesk", ZENDESK_SUBDOMAIN: "parley", ZENDESK_EMAIL: "a@example.com", ZENDESK_API_TOKEN: "t" };
    expect(load(env).target).toMatchObject({ baseUrl: "https://parley.zendesk.com", groupIds: {} });
    expect(load({ ...env, ZENDESK_BASE_URL: "http://127.0.0.1:9999/" }).target).toMatchObject({ baseUrl: "http://127.0.0.1:9999" });
    expect(load({ ...env, ZENDESK_GROUP_IDS: '{"paid-support": 360001}' }).target).toMatchObject({ groupIds: { "paid-support": 360001 } });
  });

  test("a group map with bad JSON or an unknown department is refused", () => {
    const env = { HELPDESK_TARGET: "freshdesk", FRESHDESK_DOMAIN: "parley", FRESHDESK_API_KEY: "k" };
    expect(problems({ ...env, FRESHDESK_GROUP_IDS: "{paid-support: 1}" })[0]).toMatch(/^FRESHDESK_GROUP_IDS is not valid .* write JSON like/);
    expect(problems({ ...env, FRESHDESK_GROUP_IDS: '{"sales": 1}' })).toEqual([
      'FRESHDESK_GROUP_IDS names department "sales", which is not in content/data/departments.yaml (paid-support, community, trials)',
    ]);
    expect(load(env).target).toMatchObject({ kind: "freshdesk", baseUrl: "https://parley.freshdesk.com" });
  });

  test("Zoho needs a departmentId for every department, and picks hosts by data centre", () => {
    const env = {
      HELPDESK_TARGET: "zoho",
      ZOHO_DC: "eu",
      ZOHO_ORG_ID: "1",
      ZOHO_CLIENT_ID: "c",
      ZOHO_CLIENT_SECRET: "s",
      ZOHO_REFRESH_TOKEN: "r",
    };
    expect(problems(env)).toEqual([
      "ZOHO_DEPARTMENT_IDS is not set; write JSON mapping each department (paid-support, community, trials) to its Zoho departmentId",
    ]);
    expect(problems({ ...env, ZOHO_DEPARTMENT_IDS: '{"paid-support":"1"}' })).toEqual([
      "ZOHO_DEPARTMENT_IDS has no Zoho departmentId for: community, trials; Zoho needs one on every ticket",
    ]);
    const config = load({ ...env, ZOHO_DEPARTMENT_IDS: '{"paid-support":"1","community":"2","trials":"3"}' });
    expect(config.target).toMatchObject({
      kind: "zoho",
      apiBaseUrl: "https://desk.zoho.eu",
      accountsBaseUrl: "https://accounts.zoho.eu",
      departmentIds: { "paid-support": "1", community: "2", trials: "3" },
    });
    expect(createForwarder(config.target).name).toBe("zoho");
  });
});

describe("chat alert webhooks from the environment", () => {
  const destinations: AlertDestination[] = [
    { id: "support-team", name: "#support-team", format: "rocketchat" },
    { id: "customer-success", name: "#customer-success", format: "teams" },
  ];
  const withAlerts = (env: Env) => loadHelpdeskConfig(env, { departments, alertDestinations: destinations });
  function alertProblems(env: Env): string[] {
    try {
      withAlerts(env);
    } catch (error) {
      return (error as ConfigError).problems;
    }
    throw new Error("expected a ConfigError");
  }

  test("with nothing set, every destination is off and the server still starts, knowing which variable each needs", () => {
    const { alerts } = withAlerts({});
    expect(alerts.webhooks).toEqual({});
    expect(alerts.off.map((o) => o.variable)).toEqual(["ALERT_WEBHOOK_SUPPORT_TEAM", "ALERT_WEBHOOK_CUSTOMER_SUCCESS"]);
    expect(alerts.watchIntervalMs).toBe(60_000);
  });

  test("a destination's variable turns it on", () => {
    const { alerts } = withAlerts({ ALERT_WEBHOOK_SUPPORT_TEAM: "https://chat.example.com/hooks/abc/def", ALERT_WATCH_INTERVAL_MS: "30000" });
    expect(alerts.webhooks).toEqual({ "support-team": "https://chat.example.com/hooks/abc/def" });
    expect(alerts.off.map((o) => o.destination.id)).toEqual(["customer-success"]);
    expect(alerts.watchIntervalMs).toBe(30_000);
  });

  test("ALERT_WEBHOOKS_REQUIRED=true refuses to start while a destination has no address, naming its variable", () => {
    expect(alertProblems({ ALERT_WEBHOOKS_REQUIRED: "true", ALERT_WEBHOOK_SUPPORT_TEAM: "https://chat.example.com/hooks/abc/def" })).toEqual([
      "ALERT_WEBHOOK_CUSTOMER_SUCCESS is not set; content/data/alerts.yaml sends alerts to customer-success (#customer-success, Microsoft Teams). Set it to that channel's incoming-webhook address (README: Chat alerts), or remove the destination and its rules",
    ]);
  });

  test("an address that cannot work stops the start with its variable named, and its value, a secret, never repeated", () => {
    const secret = "T024BE7LD/B08FQ2H3K9P/xoxbUq9ZrW4tY7mK2nP5sD8f";
    const found = alertProblems({
      ALERT_WEBHOOK_SUPPORT_TEAM: `hooks.slack.com/services/${secret}`,
      ALERT_WEBHOOK_CUSTOMER_SUCCESS: "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456",
    });
    expect(found).toEqual([
      "ALERT_WEBHOOK_SUPPORT_TEAM (the webhook for support-team (#support-team, Rocket.Chat)) is not a web address; paste the whole webhook address the chat product showed, starting with https://",
      "ALERT_WEBHOOK_CUSTOMER_SUCCESS (the webhook for customer-success (#customer-success, Microsoft Teams)) is an Office 365 connector address, which Microsoft retired; create a Workflows webhook instead (README: Chat alerts)",
    ]);
    expect(found.join("\n")).not.toContain(secret);
  });
});
