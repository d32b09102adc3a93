// Each forwarder against a real local HTTP server that plays the vendor: the tests check the exact
// URL, method, headers and body the vendor would receive.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ForwardError, type OutgoingTicket } from "../../src/helpdesk/forwarders/forwarder.ts";
import { createFreshdeskForwarder } from "../../src/helpdesk/forwarders/freshdesk.ts";
import { createLocalForwarder } from "../../src/helpdesk/forwarders/local.ts";
import { createWebhookForwarder } from "../../src/helpdesk/forwarders/webhook.ts";
import { createZendeskForwarder } from "../../src/helpdesk/forwarders/zendesk.ts";
import { createZohoForwarder } from "../../src/helpdesk/forwarders/zoho.ts";
import type { StoredTicket } from "../../src/helpdesk/store/ticket-store.ts";
import { ticketLabels } from "../../src/helpdesk/ticket-summary.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "hang";

let server: Server;
let base: string;
let received: Received[];
let replies: ((request: Received) => Reply)[];

beforeEach(async () => {
  received = [];
  replies = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      const next = replies.shift() ?? ((): Reply => ({ status: 500, body: { error: "unexpected call" } }));
      const reply = next(request);
      if (reply === "hang") return;
      res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const reply = (r: Reply) => replies.push(() => r);
const json = (r: Received) => JSON.parse(r.body.toString("utf8"));
/** Parses a multipart body the way a vendor would. */
const multipart = (r: Received) =>
  new Response(new Uint8Array(r.body), { headers: { "content-type": String(r.headers["content-type"]) } }).formData();

const data = loadSupportData();

function outgoing(overrides: Partial<StoredTicket> = {}, withFile = false): OutgoingTicket {
  const ticket: StoredTicket = {
    reference: "PX-7K4Q-2MZD",
    createdAt: "2025-07-14T13:00:00.000Z",
    channel: "Web",
    name: "Ana Maria Souza",
    email: "ana@example.com",
    subject: "Nobody can sign in",
    description: "Since 9:00 every sign-in fails.\nThe page shows <b>nothing</b> & stays blank.",
    priority: "High",
    plan: "enterprise-plus",
    productArea: "sign-in",
    workspaceUrl: "https://chat.example.com",
    version: "7.4.1",
    department: "paid-support",
    tier: "plus",
    firstResponseTarget: { minutes: 120, clock: "24x7" },
    firstResponseDueAt: "2025-07-14T15:00:00.000Z",
    idempotencyKey: "3f1c2b9a-8d4e-4c51-9a0b-2f6e7d8c9b10",
    attachments: withFile ? [{ name: "server.log", type: "text/plain", size: 11 }] : [],
    forward: { status: "pending", target: null, attempts: 0, nextAttemptAt: null, lastError: null, externalId: null, externalUrl: null, sentAt: null },
    suspension: null,
    firstResponse: null,
    ...overrides,
  };
  return {
    ticket,
    labels: ticketLabels(ticket, data),
    attachments: withFile ? [{ name: "server.log", type: "text/plain", size: 11, bytes: new TextEncoder().encode("boot failed") }] : [],
    idempotencyKey: ticket.reference,
    signal: new AbortController().signal,
    timeoutMs: 2_000,
  };
}

async function forwardError(promise: Promise<unknown>): Promise<ForwardError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForwardError);
  return error as ForwardError;
}

describe("local forwarder", () => {
  test("sends nothing and reports no external id", async () => {
    expect(await createLocalForwarder().forward(outgoing())).toEqual({ externalId: null });
  });
});

describe("webhook forwarder", () => {
  test("POSTs the ticket as JSON with an Idempotency-Key and an X-Signature that verifies", async () => {
    reply({ status: 200, body: { id: "wh-42", url: "https://desk.example.com/tickets/wh-42" } });
    const forwarder = createWebhookForwarder({ url: `${base}/hooks/tickets`, secret: "shh" });
    // The receiver's id and page address are kept, so chat alerts can link to the ticket.
    expect(await forwarder.forward(outgoing({}, true))).toEqual({ externalId: "wh-42", externalUrl: "https://desk.example.com/tickets/wh-42" });

    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/hooks/tickets");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["idempotency-key"]).toBe("PX-7K4Q-2MZD");
    const expected = `sha256=${createHmac("sha256", "shh").update(request!.body).digest("hex")}`;
    expect(request?.headers["x-signature"]).toBe(expected);

    const body = json(request!);
    expect(body.event).toBe("ticket.created");
    expect(body.ticket).toMatchObject({ reference: "PX-7K4Q-2MZD", email: "ana@example.com", plan: "enterprise-plus" });
    expect(body.ticket).not.toHaveProperty("forward");
    expect(body.labels.plan).toBe("Enterprise with Support Plus");
    expect(body.context).toContain("Portal reference: PX-7K4Q-2MZD");
    expect(body.attachments).toEqual([{ name: "server.log", type: "text/plain", size: 11, contentBase64: btoa("boot failed") }]);
  });

  test("a 500 is worth retrying; a 400 is not, and keeps the receiver's words", async () => {
    const forwarder = createWebhookForwarder({ url: `${base}/hooks`, secret: "shh" });
    reply({ status: 500, body: { error: "database down" } });
    const temporary = await forwardError(forwarder.forward(outgoing()));
    expect(temporary.retryable).toBe(true);
    expect(temporary.status).toBe(500);

    reply({ status: 400, body: { message: "unknown plan" } });
    const permanent = await forwardError(forwarder.forward(outgoing()));
    expect(permanent.retryable).toBe(false);
    expect(permanent.message).toBe(`The webhook at ${new URL(base).host} answered 400: unknown plan`);
  });
});

describe("Zendesk forwarder", () => {
  const settings = () => ({ baseUrl: base, email: "agent@example.com", apiToken: "zd-token", groupIds: { "paid-support": 360001 } });
  const auth = `Basic ${Buffer.from("agent@example.com/token:zd-token").toString("base64")}`;

  test("uploads files, then creates the ticket with token auth, Idempotency-Key and mapped fields", async () => {
    reply({ status: 201, body: { upload: { token: "upl-token-1" } } });
    reply({ status: 201, body: { ticket: { id: 35436 } } });
    expect(await createZendeskForwarder(settings()).forward(outgoing({}, true))).toEqual({ externalId: "35436", externalUrl: `${base}/agent/tickets/35436` });

    const [upload, create] = received;
    expect(upload?.method).toBe("POST");
    expect(upload?.url).toBe("/api/v2/uploads.json?filename=server.log");
    expect(upload?.headers.authorization).toBe(auth);
    expect(upload?.headers["content-type"]).toBe("text/plain");
    expect(upload?.body.toString()).toBe("boot failed");

    expect(create?.method).toBe("POST");
    expect(create?.url).toBe("/api/v2/tickets.json");
    expect(create?.headers.authorization).toBe(auth);
    expect(create?.headers["idempotency-key"]).toBe("PX-7K4Q-2MZD");
    const { ticket } = json(create!);
    expect(ticket).toMatchObject({
      subject: "Nobody can sign in",
      requester: { name: "Ana Maria Souza", email: "ana@example.com" },
      priority: "high",
      group_id: 360001,
      external_id: "PX-7K4Q-2MZD",
      tags: ["web-form", "plan-enterprise-plus", "area-sign-in", "tier-plus", "dept-paid-support"],
      comment: { public: true, uploads: ["upl-token-1"] },
    });
    expect(ticket.comment.body).toContain("Since 9:00 every sign-in fails.");
    expect(ticket.comment.body).toContain("Plan: Enterprise with Support Plus (enterprise-plus)");
    expect(ticket.comment.body).toContain("Product area: Signing in and accounts (sign-in)");
    expect(ticket.comment.body).toContain("Workspace URL: https://chat.example.com");
    expect(ticket.comment.body).toContain("Version: 7.4.1");
    expect(ticket.comment.body).toContain("Portal reference: PX-7K4Q-2MZD");
  });

  test("maps Medium to normal and Low to low, and leaves out the group of an unmapped department", async () => {
    reply({ status: 201, body: { ticket: { id: 1 } } });
    reply({ status: 201, body: { ticket: { id: 2 } } });
    await createZendeskForwarder(settings()).forward(outgoing({ priority: "Medium" }));
    await createZendeskForwarder(settings()).forward(outgoing({ priority: "Low", department: "trials" }));
    expect(json(received[0]!).ticket.priority).toBe("normal");
    expect(json(received[1]!).ticket).toMatchObject({ priority: "low" });
    expect(json(received[1]!).ticket).not.toHaveProperty("group_id");
  });

  test("a 429 is retried after the Retry-After Zendesk gives", async () => {
    reply({ status: 429, body: { error: "TooManyRequests" }, headers: { "Retry-After": "30" } });
    const error = await forwardError(createZendeskForwarder(settings()).forward(outgoing()));
    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 30_000 });
  });
});

describe("Zoho Desk forwarder", () => {
  let now = new Date("2025-07-14T13:00:00Z");
  const settings = () => ({
    apiBaseUrl: base,
    accountsBaseUrl: `${base}/accounts`,
    orgId: "60001280952",
    clientId: "client-id",
    clientSecret: "client-secret",
    refreshToken: "refresh-token",
    departmentIds: { "paid-support": "7189000002187084", trials: "7189000002187085", community: "7189000002187086" },
    now: () => now,
  });
  const token = (value: string) => reply({ status: 200, body: { access_token: value, expires_in: 3600, token_type: "Bearer" } });

  test("refreshes an access token, uploads files, and creates the ticket with orgId and Zoho-oauthtoken", async () => {
    token("access-1");
    reply({ status: 200, body: { id: "upl-1" } });
    reply({ status: 200, body: { id: "1892000000093005", ticketNumber: "101", webUrl: "https://desk.zoho.com/support/acme/ShowHomePage.do#Cases/dv/1892000000093005" } });
    expect(await createZohoForwarder(settings()).forward(outgoing({}, true))).toEqual({
      externalId: "1892000000093005",
      externalUrl: "https://desk.zoho.com/support/acme/ShowHomePage.do#Cases/dv/1892000000093005",
    });

    const [refresh, upload, create] = received;
    expect(refresh?.method).toBe("POST");
    expect(refresh?.url).toBe("/accounts/oauth/v2/token");
    expect(Object.fromEntries(new URLSearchParams(refresh!.body.toString()))).toEqual({
      grant_type: "refresh_token",
      client_id: "client-id",
      client_secret: "client-secret",
      refresh_token: "refresh-token",
    });

    expect(upload?.url).toBe("/api/v1/uploads");
    expect(upload?.headers.orgid).toBe("60001280952");
    expect(upload?.headers.authorization).toBe("Zoho-oauthtoken access-1");
    const file = (await multipart(upload!)).get("file") as File;
    expect(file.name).toBe("server.log");
    expect(await file.text()).toBe("boot failed");

    expect(create?.method).toBe("POST");
    expect(create?.url).toBe("/api/v1/tickets");
    expect(create?.headers.orgid).toBe("60001280952");
    expect(create?.headers.authorization).toBe("Zoho-oauthtoken access-1");
    const body = json(create!);
    expect(body).toMatchObject({
      subject: "Nobody can sign in",
      departmentId: "7189000002187084",
      contact: { firstName: "Ana", lastName: "Maria Souza", email: "ana@example.com" },
      email: "ana@example.com",
      priority: "High",
      channel: "Web",
      uploads: ["upl-1"],
    });
    expect(body.description).toContain("The page shows &lt;b&gt;nothing&lt;/b&gt; &amp; stays blank.");
    expect(body.description).toContain("Portal reference: PX-7K4Q-2MZD");
  });

  test("reuses the access token until shortly before it expires", async () => {
    const forwarder = createZohoForwarder(settings());
    token("access-1");
    reply({ status: 200, body: { id: "1" } });
    reply({ status: 200, body: { id: "2" } });
    await forwarder.forward(outgoing());
    await forwarder.forward(outgoing());
    expect(received.map((r) => r.url)).toEqual(["/accounts/oauth/v2/token", "/api/v1/tickets", "/api/v1/tickets"]);

    now = new Date(now.getTime() + 56 * 60_000);
    token("access-2");
    reply({ status: 200, body: { id: "3" } });
    await forwarder.forward(outgoing());
    expect(received.at(-1)?.headers.authorization).toBe("Zoho-oauthtoken access-2");
  });

  test("a 401 fetches a fresh token and tries once more", async () => {
    token("revoked");
    reply({ status: 401, body: { errorCode: "INVALID_OAUTH" } });
    token("fresh");
    reply({ status: 200, body: { id: "9" } });
    expect(await createZohoForwarder(settings()).forward(outgoing())).toEqual({ externalId: "9", externalUrl: null });
    expect(received.at(-1)?.headers.authorization).toBe("Zoho-oauthtoken fresh");
  });

  test("a refused refresh token is a permanent failure that names the variable to fix", async () => {
    reply({ status: 200, body: { error: "invalid_code" } });
    const error = await forwardError(createZohoForwarder(settings()).forward(outgoing()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/invalid_code.*ZOHO_REFRESH_TOKEN/);
  });

  test("a one-word name becomes the contact's last name, which Zoho requires", async () => {
    token("a");
    reply({ status: 200, body: { id: "1" } });
    await createZohoForwarder(settings()).forward(outgoing({ name: "Cher", priority: "Low" }));
    const body = json(received[1]!);
    expect(body.contact).toEqual({ lastName: "Cher", email: "ana@example.com" });
    expect(body.priority).toBe("Low");
  });
});

describe("Freshdesk forwarder", () => {
  const settings = () => ({ baseUrl: base, apiKey: "fd-key", groupIds: { "paid-support": 43000123456 } });
  const auth = `Basic ${Buffer.from("fd-key:X").toString("base64")}`;

  test("creates the ticket as JSON with Basic apikey:X, numeric codes and an escaped HTML description", async () => {
    reply({ status: 201, body: { id: 1 } });
    expect(await createFreshdeskForwarder(settings()).forward(outgoing())).toEqual({ externalId: "1", externalUrl: `${base}/a/tickets/1` });
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/v2/tickets");
    expect(request?.headers.authorization).toBe(auth);
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = json(request!);
    expect(body).toMatchObject({
      name: "Ana Maria Souza",
      email: "ana@example.com",
      subject: "Nobody can sign in",
      priority: 3,
      status: 2,
      source: 2,
      group_id: 43000123456,
      tags: ["web-form", "plan-enterprise-plus", "area-sign-in", "tier-plus", "dept-paid-support"],
    });
    expect(body.description).toBe(
      "<p>Since 9:00 every sign-in fails.<br>The page shows &lt;b&gt;nothing&lt;/b&gt; &amp; stays blank.</p><hr><p>" +
        "Portal reference: PX-7K4Q-2MZD<br>Plan: Enterprise with Support Plus (enterprise-plus)<br>" +
        "Product area: Signing in and accounts (sign-in)<br>Department: Paid Support<br>Support tier: Support Plus<br>" +
        "Priority chosen: High<br>First response target: within 2 hours, around the clock, due Monday 14 July 2025 at 12:00, Sao Paulo time (GMT-3)<br>" +
        "Workspace URL: https://chat.example.com<br>Version: 7.4.1<br>Sent from the help center ticket form on 2025-07-14T13:00:00.000Z</p>",
    );
  });

  test("maps Medium to 2 and Low to 1", async () => {
    reply({ status: 201, body: { id: 1 } });
    reply({ status: 201, body: { id: 2 } });
    await createFreshdeskForwarder(settings()).forward(outgoing({ priority: "Medium" }));
    await createFreshdeskForwarder(settings()).forward(outgoing({ priority: "Low" }));
    expect(received.map((r) => json(r).priority)).toEqual([2, 1]);
  });

  test("sends attachments as multipart attachments[] with the same fields", async () => {
    reply({ status: 201, body: { id: 7 } });
    await createFreshdeskForwarder(settings()).forward(outgoing({}, true));
    const [request] = received;
    expect(request?.headers.authorization).toBe(auth);
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await multipart(request!);
    expect(form.get("email")).toBe("ana@example.com");
    expect(form.get("priority")).toBe("3");
    expect(form.get("status")).toBe("2");
    expect(form.get("source")).toBe("2");
    expect(form.getAll("tags[]")).toEqual(["web-form", "plan-enterprise-plus", "area-sign-in", "tier-plus", "dept-paid-support"]);
    const file = form.get("attachments[]") as File;
    expect(file.name).toBe("server.log");
    expect(await file.text()).toBe("boot failed");
  });
});

describe("vendor calls that never answer", () => {
  test("a helpdesk that does not answer in time is a retryable failure", async () => {
    replies.push(() => "hang");
    const slow = { ...outgoing(), timeoutMs: 200 };
    const error = await forwardError(createWebhookForwarder({ url: `${base}/slow`, secret: "s" }).forward(slow));
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`The webhook at ${new URL(base).host} did not answer within 0.2 s`);
  });

  test("a helpdesk that cannot be reached is a retryable failure", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await forwardError(createWebhookForwarder({ url: `http://127.0.0.1:${port}/`, secret: "s" }).forward(outgoing()));
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`Could not reach the webhook at 127.0.0.1:${port} (ECONNREFUSED)`);
  });
});

describe("reading back whether the customer was answered", () => {
  const limits = () => ({ signal: new AbortController().signal, timeoutMs: 2_000 });

  test("Zendesk: the ticket's metrics as an agent; public replies mean answered, a solved ticket needs no answer", async () => {
    const zendesk = createZendeskForwarder({ baseUrl: base, email: "agent@example.com", apiToken: "zd-token", groupIds: {} });
    reply({ status: 200, body: { ticket_metric: { id: 33, ticket_id: 35436, replies: 0, solved_at: null, reply_time_in_minutes: { calendar: null, business: null } } } });
    reply({ status: 200, body: { ticket_metric: { replies: 2, solved_at: null } } });
    reply({ status: 200, body: { ticket_metric: { replies: 0, solved_at: "2025-07-14T15:00:00Z" } } });
    expect(await zendesk.readFirstResponse!({ externalId: "35436", ...limits() })).toMatchObject({ responded: false });
    expect(await zendesk.readFirstResponse!({ externalId: "35436", ...limits() })).toMatchObject({ responded: true, detail: "2 public replies in Zendesk" });
    expect(await zendesk.readFirstResponse!({ externalId: "35436", ...limits() })).toMatchObject({ responded: true, at: "2025-07-14T15:00:00Z" });
    expect(received[0]?.method).toBe("GET");
    expect(received[0]?.url).toBe("/api/v2/tickets/35436/metrics");
    expect(received[0]?.headers.authorization).toBe(`Basic ${Buffer.from("agent@example.com/token:zd-token").toString("base64")}`);
    expect(received[0]?.headers.accept).toBe("application/json");
  });

  test("Freshdesk: the ticket with its stats; first_responded_at means answered, resolved or closed needs no answer", async () => {
    const freshdesk = createFreshdeskForwarder({ baseUrl: base, apiKey: "fd-key", groupIds: {} });
    reply({ status: 200, body: { id: 1, status: 2, fr_due_by: "2025-07-14T15:00:00Z", stats: { first_responded_at: null, agent_responded_at: null } } });
    reply({ status: 200, body: { id: 1, status: 3, stats: { first_responded_at: "2025-07-14T14:10:00Z" } } });
    reply({ status: 200, body: { id: 1, status: 5, stats: { first_responded_at: null } } });
    expect(await freshdesk.readFirstResponse!({ externalId: "1", ...limits() })).toMatchObject({ responded: false });
    expect(await freshdesk.readFirstResponse!({ externalId: "1", ...limits() })).toMatchObject({ responded: true, at: "2025-07-14T14:10:00Z" });
    expect(await freshdesk.readFirstResponse!({ externalId: "1", ...limits() })).toMatchObject({ responded: true, at: null });
    expect(received[0]?.url).toBe("/api/v2/tickets/1?include=stats");
    expect(received[0]?.headers.authorization).toBe(`Basic ${Buffer.from("fd-key:X").toString("base64")}`);
  });

  test("Zoho Desk: the ticket's metrics with orgId and the cached access token; an empty firstResponseTime means not yet", async () => {
    const zoho = createZohoForwarder({
      apiBaseUrl: base,
      accountsBaseUrl: `${base}/accounts`,
      orgId: "60001280952",
      clientId: "c",
      clientSecret: "s",
      refreshToken: "r",
      departmentIds: {},
    });
    reply({ status: 200, body: { access_token: "access-1", expires_in: 3600 } });
    reply({ status: 200, body: { firstResponseTime: "", responseCount: "0", threadCount: "1" } });
    reply({ status: 200, body: { firstResponseTime: "01:50 hrs", responseCount: "1" } });
    expect(await zoho.readFirstResponse!({ externalId: "1892000000093005", ...limits() })).toMatchObject({ responded: false });
    expect(await zoho.readFirstResponse!({ externalId: "1892000000093005", ...limits() })).toMatchObject({
      responded: true,
      detail: "answered in Zoho Desk after 01:50 hrs",
    });
    // One token for both calls.
    expect(received.map((r) => r.url)).toEqual(["/accounts/oauth/v2/token", "/api/v1/tickets/1892000000093005/metrics", "/api/v1/tickets/1892000000093005/metrics"]);
    expect(received[1]?.headers.orgid).toBe("60001280952");
    expect(received[1]?.headers.authorization).toBe("Zoho-oauthtoken access-1");
  });

  test("a revoked token is a permanent failure and a 429 is retryable with its Retry-After", async () => {
    const zendesk = createZendeskForwarder({ baseUrl: base, email: "agent@example.com", apiToken: "old", groupIds: {} });
    reply({ status: 401, body: { error: "Couldn't authenticate you" } });
    reply({ status: 429, body: {}, headers: { "Retry-After": "20" } });
    expect(await forwardError(zendesk.readFirstResponse!({ externalId: "1", ...limits() }))).toMatchObject({ retryable: false, status: 401 });
    expect(await forwardError(zendesk.readFirstResponse!({ externalId: "1", ...limits() }))).toMatchObject({ retryable: true, status: 429, retryAfterMs: 20_000 });
  });
});
