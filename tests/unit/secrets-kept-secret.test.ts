// Credentials in configured URLs (user:password@, query strings), API keys and signing secrets never
// appear where people read them or where they are kept: a ticket's last error and forwarding history,
// the server's log, `npm run tickets`, and the messages printed when the server cannot start.
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ConfigError, loadHelpdeskConfig } from "../../src/helpdesk/config.ts";
import { createHelpdesk } from "../../src/helpdesk/helpdesk.ts";
import { memoryStores } from "../../src/helpdesk/store/stores.ts";
import { openSqliteStore } from "../../src/helpdesk/store/sqlite.ts";
import { buildTicket } from "../../src/helpdesk/submission.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { ROOT, runServerUntilExit, startServer, writeSite, type ServedSite } from "../served-site.ts";
import { tempDir } from "../temp-dir.ts";
import { FIXTURE_CONTENT } from "../fixture-content.ts";
import { SAMPLE_TICKET } from "../sample-ticket.ts";

const PASSWORD = "Pa55-word-9f3k";
const SIGNATURE = "sIg0AbC123xyz789";
const WEBHOOK_SECRET = "whsec-5b1d7e0c9a";
const API_TOKEN = "zd-token-0c7f3b2a1e";
const BASIC = `Basic ${Buffer.from(`hook-user:${PASSWORD}`).toString("base64")}`;
const SECRETS = [PASSWORD, encodeURIComponent(PASSWORD), SIGNATURE, WEBHOOK_SECRET, API_TOKEN, BASIC.slice(6)];

const ticket = { ...SAMPLE_TICKET, plan: "pro" };

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** A webhook receiver that refuses every ticket and, unwisely, quotes back what it was sent. */
let receiver: Server;
let received: IncomingHttpHeaders[];
let port: number;
beforeEach(async () => {
  received = [];
  receiver = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on("end", () => {
      res.writeHead(401, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          error: "unauthorized",
          message: `POST ${req.url} with ${req.headers.authorization} refused; user hook-user has password ${PASSWORD}; key ${WEBHOOK_SECRET}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterEach(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

function webhookEnv(): Record<string, string> {
  return {
    HELPDESK_TARGET: "webhook",
    WEBHOOK_URL: `http://hook-user:${PASSWORD}@127.0.0.1:${port}/hook?sig=${SIGNATURE}`,
    WEBHOOK_SECRET,
    HELPDESK_MAX_ATTEMPTS: "1",
    TICKET_MIN_FILL_MS: "0",
  };
}

describe("a helpdesk error that quotes a credential", () => {
  test("is stored as the ticket's last error and history, and logged, without the credential", async () => {
    const stores = memoryStores();
    const store = stores.tickets;
    const lines: string[] = [];
    const helpdesk = createHelpdesk({ env: webhookEnv(), openStores: () => stores, log: (line) => lines.push(line), forwardInBackground: false });
    const response = await helpdesk.handler(
      new Request("http://127.0.0.1/api/tickets", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ticket) }),
    );
    const { reference } = await response.json();
    const [outcome] = await helpdesk.outbox.drain();

    // The password in the URL reached the receiver as Basic authentication (fetch refuses it in the URL).
    expect(received[0]?.authorization).toBe(BASIC);
    const stored = await store.getTicket(reference);
    expect(stored?.forward.status).toBe("failed");
    expect(stored?.forward.lastError).toMatch(/^The webhook at 127\.0\.0\.1:\d+ answered 401: unauthorized: POST \/hook\?sig=\[redacted\] with Basic \[redacted\] refused; user hook-user has password \[redacted\]; key \[redacted\]$/);
    const history = await store.forwardHistory(reference);
    expectNoSecret([stored?.forward.lastError, outcome?.error, ...history.map((event) => event.detail), ...lines].join("\n"));
    expect(lines.join("\n")).toContain(`forward ${reference} failed`);
  });
});

describe("the Node server", () => {
  const running: ServedSite[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((site) => site.stop()));
  });

  test("logs a failed forward without the credentials in it", async () => {
    const site = await startServer({ KB_DIST_DIR: writeSite(), KB_DATA_DIR: tempDir("kb-secrets-"), ...webhookEnv() });
    running.push(site);
    const response = await fetch(`${site.origin}/api/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(ticket),
    });
    const { reference } = await response.json();
    await expect.poll(() => site.output(), { timeout: 15_000 }).toContain(`forward ${reference} failed`);
    expect(site.output()).toMatch(/answered 401: unauthorized: POST \/hook\?sig=\[redacted\]/);
    expectNoSecret(site.output());
  });

  test("names a wrong secret setting at start-up without printing its value", async () => {
    const result = await runServerUntilExit({
      KB_DIST_DIR: writeSite(),
      KB_DATA_DIR: tempDir("kb-secrets-"),
      HELPDESK_TARGET: "webhook",
      // Not an http(s) address, so it is refused; the message must still not quote it.
      WEBHOOK_URL: `ftp://hook-user:${PASSWORD}@hooks.example.com/in?sig=${SIGNATURE}`,
      WEBHOOK_SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("WEBHOOK_URL is set, but not right (its value is a secret, so it is not shown here)");
    expectNoSecret(result.stdout + result.stderr);
  });
});

describe("configuration messages", () => {
  const departments = ["paid-support", "community", "trials"];
  const problems = (env: Record<string, string>) => {
    try {
      loadHelpdeskConfig(env, { departments });
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
    }
    throw new Error("expected a ConfigError");
  };

  test("never quote a secret variable, and hide credentials inside other values they quote", () => {
    const message = problems({
      HELPDESK_TARGET: "zendesk",
      ZENDESK_BASE_URL: `ftp://agent:${PASSWORD}@parley.zendesk.com`,
      ZENDESK_EMAIL: "agent@example.com",
      ZENDESK_API_TOKEN: API_TOKEN,
      ZENDESK_GROUP_IDS: `{"paid-support": "${API_TOKEN}"}`,
      // A secret pasted into the wrong variable is still a secret.
      WEBHOOK_SECRET,
      HELPDESK_SENDS_CONFIRMATION: WEBHOOK_SECRET,
    });
    expect(message).toContain('ZENDESK_BASE_URL is "ftp://[redacted]@parley.zendesk.com"');
    expect(message).toContain("ZENDESK_GROUP_IDS is not valid");
    expect(message).toContain('HELPDESK_SENDS_CONFIRMATION is "[redacted]"; write true or false');
    expectNoSecret(message);
  });
});

describe("npm run tickets", () => {
  const run = promisify(execFile);

  test("shows errors stored by an earlier version without the secrets in them", async () => {
    const dir = tempDir("kb-secrets-");
    const store = openSqliteStore(dir);
    const built = buildTicket({
      input: { ...ticket, priority: "Medium" },
      reference: "PX-7K4Q-2MZD",
      createdAt: new Date("2025-07-14T13:00:00Z"),
      idempotencyKey: null,
      attachments: [],
      data: loadSupportData(),
    });
    await store.saveTicket({ ticket: built, attachments: [], idempotency: null });
    const leaked = `Could not reach the webhook (Request cannot be constructed from a URL that includes credentials: https://hook-user:${PASSWORD}@hooks.example.com/in?sig=${SIGNATURE}) with key ${API_TOKEN}`;
    await store.markFailed("PX-7K4Q-2MZD", { target: "webhook", attempts: 1, lastError: leaked, at: new Date("2025-07-14T13:01:00Z") });
    await store.close();

    const env = {
      PATH: process.env.PATH,
      KB_CONTENT_DIR: FIXTURE_CONTENT,
      KB_DATA_DIR: dir,
      HELPDESK_TARGET: "webhook",
      WEBHOOK_URL: `https://hook-user:${PASSWORD}@hooks.example.com/in?sig=${SIGNATURE}`,
      WEBHOOK_SECRET,
      ZENDESK_API_TOKEN: API_TOKEN,
    };
    const list = await run(process.execPath, ["scripts/tickets.ts"], { cwd: ROOT, env });
    expect(list.stdout).toContain("PX-7K4Q-2MZD");
    expect(list.stdout).toContain("Could not reach the webhook (Request cannot be constructed");
    const show = await run(process.execPath, ["scripts/tickets.ts", "show", "PX-7K4Q-2MZD"], { cwd: ROOT, env });
    expect(show.stdout).toContain("https://hooks.example.com/[redacted]) with key [redacted]");
    expectNoSecret(list.stdout + list.stderr + show.stdout + show.stderr);

    // Without the server's settings in its environment, the credentials' shape still gives them away.
    const bare = await run(process.execPath, ["scripts/tickets.ts", "show", "PX-7K4Q-2MZD"], { cwd: ROOT, env: { PATH: process.env.PATH, KB_CONTENT_DIR: FIXTURE_CONTENT, KB_DATA_DIR: dir } });
    expect(bare.stdout).toContain(`https://[redacted]@hooks.example.com/in?sig=[redacted]`);
    expect(bare.stdout).not.toContain(PASSWORD);
    expect(bare.stdout).not.toContain(SIGNATURE);
  });
});
