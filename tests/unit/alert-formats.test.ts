// Each chat format posted to a local stand-in that checks the payload as its product documents it,
// and how every kind of answer is read: delivered, try again later, or refused for good. No error
// message may contain the webhook's address, which is its credential.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AlertDeliveryError, postAlert, redactWebhook } from "../../src/helpdesk/alerts/chat-post.ts";
import { defuseMentions } from "../../src/helpdesk/alerts/customer-text.ts";
import { alertPayload } from "../../src/helpdesk/alerts/formats.ts";
import { buildAlertMessage, type AlertMessageInput } from "../../src/helpdesk/alerts/message.ts";
import type { StoredTicket } from "../../src/helpdesk/store/ticket-store.ts";
import { buildTicket } from "../../src/helpdesk/submission.ts";
import type { AlertDestination } from "../../src/lib/content-schemas.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { HOOK_PATHS, hookUrl, startChatServer, type ChatProduct, type ChatServer } from "../chat-servers.ts";

const data = loadSupportData();
const PRODUCTS: ChatProduct[] = ["rocketchat", "slack", "mattermost", "teams"];
// Monday 14 July 2025, 10:00 in São Paulo.
const MONDAY_10_BRT = new Date("2025-07-14T13:00:00Z");

function storedTicket(overrides: { description?: string; subject?: string; sent?: boolean } = {}): StoredTicket {
  const record = buildTicket({
    input: {
      name: "Ana Souza",
      email: "ana.souza@customer.example",
      subject: overrides.subject ?? "Nobody can sign in",
      description: overrides.description ?? "Since 9:00 every sign-in fails with a blank page.",
      priority: "High",
      plan: "enterprise-plus",
      productArea: "sign-in",
    },
    reference: "PX-7K4Q-2MZD",
    createdAt: MONDAY_10_BRT,
    idempotencyKey: null,
    attachments: [{ name: "server.log", type: "text/plain", size: 2_048, bytes: new Uint8Array(0) }],
    data,
  });
  const sent = overrides.sent ?? true;
  return {
    ...record,
    forward: {
      status: sent ? "sent" : "pending",
      target: sent ? "zendesk" : null,
      attempts: sent ? 1 : 0,
      nextAttemptAt: null,
      lastError: null,
      externalId: sent ? "35436" : null,
      externalUrl: sent ? "https://acme.zendesk.com/agent/tickets/35436" : null,
      sentAt: null,
    },
    suspension: null,
    firstResponse: null,
  };
}

function message(overrides: Partial<AlertMessageInput> = {}) {
  return buildAlertMessage({
    ticket: storedTicket(),
    kind: "new",
    rule: { includeDescription: false, includeAttachmentNames: false },
    data,
    helpdesk: "zendesk",
    ...overrides,
  });
}

const destination = (format: ChatProduct, channel?: string): AlertDestination => ({ id: "support-team", name: "#support-team", format, channel });
const limits = () => ({ signal: new AbortController().signal, timeoutMs: 2_000 });

let chat: ChatServer;
beforeEach(async () => {
  chat = await startChatServer();
});
afterEach(async () => {
  await chat.close();
});

async function post(product: ChatProduct, payload: object, url = hookUrl(chat, product)) {
  await postAlert(product, url, "ALERT_WEBHOOK_SUPPORT_TEAM", payload, limits());
  return chat.received.at(-1)!;
}

async function failure(product: ChatProduct, payload: object = alertPayload(message(), destination(product))): Promise<AlertDeliveryError> {
  const url = hookUrl(chat, product);
  const error = await postAlert(product, url, "ALERT_WEBHOOK_SUPPORT_TEAM", payload, limits()).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AlertDeliveryError);
  const message = (error as Error).message;
  // The address, its path, its query and its token never appear.
  expect(message).not.toContain(url);
  expect(message).not.toContain(HOOK_PATHS[product]);
  for (const segment of new URL(url).pathname.split("/").filter((s) => s.length >= 8)) expect(message).not.toContain(segment);
  expect(message).not.toContain("sig=");
  return error as AlertDeliveryError;
}

/** Every string in a payload, to look for what must not be there. */
const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];

describe.each(PRODUCTS)("the %s format", (product) => {
  test("is accepted by the product's webhook and carries the reference, priority, plan, department, due time and link", async () => {
    const delivery = await post(product, alertPayload(message(), destination(product)));
    expect(delivery.problem).toBeNull();
    expect(delivery.status).toBeLessThan(300);
    const all = strings(delivery.body).join("\n");
    expect(all).toContain("PX-7K4Q-2MZD");
    expect(all).toContain("High");
    expect(all).toContain("Enterprise with Support Plus");
    expect(all).toContain("Paid Support");
    // Support Plus answers High tickets within two hours around the clock: due at 12:00 São Paulo time.
    expect(all).toContain("Monday 14 July 2025 at 12:00, Sao Paulo time (GMT-3)");
    expect(all).toContain("https://acme.zendesk.com/agent/tickets/35436");
    expect(all).toContain("Nobody can sign in");
  });

  test("leaves out the description, the attachments and the requester unless a rule asks, then lets them through without mentions", async () => {
    const plain = strings(await post(product, alertPayload(message(), destination(product)))).join("\n");
    for (const secret of ["blank page", "server.log", "Ana Souza", "ana.souza@customer.example"]) expect(plain).not.toContain(secret);

    const ticket = storedTicket({ description: "@here urgent <!channel> ping @channel and @ana.lima please", subject: "@all sign-in is down" });
    const withAll = message({ ticket, rule: { includeDescription: true, includeAttachmentNames: true } });
    const delivery = await post(product, alertPayload(withAll, destination(product)));
    expect(delivery.problem).toBeNull();
    const all = strings(delivery.body).join("\n");
    expect(all).toContain("urgent");
    expect(all).toContain("server.log (2 KB)");
    expect(all).not.toMatch(/@(here|channel|all)\b|<!channel>/);
    expect(all).not.toMatch(/(^|[^\w])@ana/);
    expect(all).not.toContain("ana.souza@customer.example");
  });

  test("without a helpdesk link it says where to find the ticket", async () => {
    const local = message({ ticket: storedTicket({ sent: false }), helpdesk: "local" });
    const delivery = await post(product, alertPayload(local, destination(product)));
    expect(delivery.problem).toBeNull();
    expect(strings(delivery.body).join("\n")).toContain("npm run tickets -- show PX-7K4Q-2MZD");
  });

  test("a very long description still makes a message the product accepts", async () => {
    const long = message({ ticket: storedTicket({ description: "Logs follow. ".repeat(3_000) }), rule: { includeDescription: true, includeAttachmentNames: false } });
    const delivery = await post(product, alertPayload(long, destination(product)));
    expect(delivery.problem).toBeNull();
    expect(delivery.status).toBeLessThan(300);
  });

  test("a revoked webhook is a permanent failure that names the product's error and the variable to fix, never the address", async () => {
    chat.behave(HOOK_PATHS[product], "revoked");
    const error = await failure(product);
    expect(error.retryable).toBe(false);
    expect(error.errorId).toBeTruthy();
    expect(error.message).toContain(error.errorId!);
    expect(error.message).toContain("ALERT_WEBHOOK_SUPPORT_TEAM");
  });

  test("a rate limit is tried again later", async () => {
    chat.behave(HOOK_PATHS[product], "rate-limited");
    const error = await failure(product);
    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
  });
});

describe("what each product's answers mean", () => {
  test("Rocket.Chat: 404 'Invalid integration id or token' and 503 (integration disabled) are permanent; 502 is not", async () => {
    chat.behave(HOOK_PATHS.rocketchat, "revoked");
    expect(await failure("rocketchat")).toMatchObject({ retryable: false, status: 404, errorId: "Invalid integration id or token provided." });
    chat.behave(HOOK_PATHS.rocketchat, "disabled");
    const disabled = await failure("rocketchat");
    expect(disabled).toMatchObject({ retryable: false, status: 503 });
    expect(disabled.message).toContain("the integration is disabled");
    chat.behave(HOOK_PATHS.rocketchat, "down");
    expect(await failure("rocketchat")).toMatchObject({ retryable: true, status: 502 });
  });

  test("Rocket.Chat: a channel override is refused unless the integration allows it, and then it posts there", async () => {
    const payload = alertPayload(message(), destination("rocketchat", "#support-escalations"));
    const refused = await failure("rocketchat", payload);
    expect(refused).toMatchObject({ retryable: false, status: 400 });
    expect(refused.message).toContain("remove channel from this destination in alerts.yaml");
    chat.allowChannelOverride(HOOK_PATHS.rocketchat);
    expect((await post("rocketchat", payload)).body).toMatchObject({ channel: "#support-escalations" });
  });

  test("Mattermost: a 400 is a revoked hook only with its id; 501 (webhooks off) is permanent; a 500 gets few tries", async () => {
    chat.behave(HOOK_PATHS.mattermost, "revoked");
    const revoked = await failure("mattermost");
    expect(revoked).toMatchObject({ retryable: false, status: 400, errorId: "web.incoming_webhook.invalid.app_error" });
    expect(revoked.message).toContain("create a new incoming webhook");
    chat.behave(HOOK_PATHS.mattermost, "disabled");
    expect(await failure("mattermost")).toMatchObject({ retryable: false, status: 501 });
    chat.behave(HOOK_PATHS.mattermost, "down");
    expect(await failure("mattermost")).toMatchObject({ retryable: true, status: 500, maxAttempts: 3 });
    chat.behave(HOOK_PATHS.mattermost, "ok");
    const withChannel = await post("mattermost", alertPayload(message(), destination("mattermost", "#support-team")));
    expect(withChannel.body).toMatchObject({ channel: "support-team" });
  });

  test("Slack: only 200 is success; a bad payload is refused for good, an archived channel too, a 500 is retried", async () => {
    const error = await failure("slack", { text: "x", blocks: [], channel: "#general" });
    expect(error).toMatchObject({ retryable: false, status: 400, errorId: "invalid_payload" });
    chat.behave(HOOK_PATHS.slack, "disabled");
    expect(await failure("slack")).toMatchObject({ retryable: false, status: 410, errorId: "channel_is_archived" });
    chat.behave(HOOK_PATHS.slack, "down");
    expect(await failure("slack")).toMatchObject({ retryable: true, status: 500 });
  });

  test("Teams: 202 is accepted; a card that is not an Adaptive Card envelope is refused; a switched-off flow is permanent", async () => {
    expect((await post("teams", alertPayload(message(), destination("teams")))).status).toBe(202);
    expect(await failure("teams", { text: "a MessageCard-era body" })).toMatchObject({ retryable: false, status: 400 });
    chat.behave(HOOK_PATHS.teams, "disabled");
    expect(await failure("teams")).toMatchObject({ retryable: false, status: 403 });
  });

  test("a chat server that does not answer in time is retried at most once more, since the post may have gone through", async () => {
    chat.behave(HOOK_PATHS.slack, "hang");
    const url = hookUrl(chat, "slack");
    const error = await postAlert("slack", url, "ALERT_WEBHOOK_SUPPORT_TEAM", alertPayload(message(), destination("slack")), {
      signal: new AbortController().signal,
      timeoutMs: 300,
    }).catch((e: unknown) => e as AlertDeliveryError);
    expect(error).toMatchObject({ retryable: true, maxAttempts: 2 });
    expect((error as Error).message).not.toContain(HOOK_PATHS.slack);
  });

  test("an unreachable chat server is retried, and the message names only the host", async () => {
    await chat.close();
    const url = hookUrl(chat, "mattermost");
    const error = await postAlert("mattermost", url, "ALERT_WEBHOOK_SUPPORT_TEAM", { text: "x" }, limits()).catch((e: unknown) => e as AlertDeliveryError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toContain(`Mattermost at ${new URL(url).host}`);
    expect((error as Error).message).not.toContain("/hooks/");
    chat = await startChatServer();
  });
});

describe("customer text in a team channel", () => {
  test("channel-wide mentions are removed and personal ones defused; email addresses are left alone", () => {
    expect(defuseMentions("@here look <!channel> and <!subteam^S123|support> now @Channel")).toBe("here look  and  now Channel");
    expect(defuseMentions("ask @ana.lima or mail ana@example.com")).toBe("ask @\u200bana.lima or mail ana@example.com");
    expect(defuseMentions("<@U024BE7LH> saw it")).toBe(" saw it");
  });

  test("a webhook's address is scrubbed from any text, whole or in parts", () => {
    const url = "https://prod.westeurope.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc123def456/triggers/manual/paths/invoke?api-version=1&sig=SECRETsignature0123";
    const text = `failed for ${url}; path ${new URL(url).pathname}; sig SECRETsignature0123`;
    const scrubbed = redactWebhook(text, url);
    expect(scrubbed).not.toContain("SECRETsignature0123");
    expect(scrubbed).not.toContain("abc123def456");
    expect(scrubbed).toContain("[webhook address]");
  });
});
