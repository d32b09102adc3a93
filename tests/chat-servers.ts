// Stand-ins for the four chat products' incoming webhooks, for unit, process and browser tests. Each
// checks a request the way its product documents it (shapes, limits, content type) and answers as
// the product does: Rocket.Chat {"success":true}, Slack and Mattermost "ok", Teams 202 with no body.
// A path can be set to answer as a revoked webhook, a server that is down, or a slow one.
// Sources: shared/reference/chat-and-readback-apis.md, sections 1 to 4.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export type ChatProduct = "rocketchat" | "slack" | "mattermost" | "teams";
export type Behaviour = "ok" | "revoked" | "down" | "rate-limited" | "hang" | "disabled";

export interface ChatDelivery {
  product: ChatProduct;
  path: string;
  contentType: string;
  body: unknown;
  /** The status the stand-in answered. */
  status: number;
  /** Why it refused the payload, when it did. */
  problem: string | null;
}

const text = (max: number) => z.string().min(1).max(max);
const field = z.strictObject({ title: z.string().min(1), value: z.string().min(1), short: z.boolean().optional() });
const url = z.string().regex(/^https?:\/\//);

/** Rocket.Chat: text (≤ 5,000 after trimming) plus attachments in chat.postMessage's shape; channel only if allowed. */
const rocketChat = z.strictObject({
  text: text(5_000).optional(),
  alias: z.string().optional(),
  emoji: z.string().optional(),
  channel: z.string().regex(/^[#@][^\s]+$/).optional(),
  attachments: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        title_link: url.optional(),
        text: z.string().optional(),
        color: z.string().regex(/^#[0-9a-f]{6}$/i),
        fields: z.array(field),
      }),
    )
    .optional(),
});

/** Slack Block Kit: a text fallback, ≤ 50 blocks, section text 1–3,000, ≤ 10 fields of ≤ 2,000, header plain_text ≤ 150. */
const textObject = (max: number) => z.strictObject({ type: z.enum(["plain_text", "mrkdwn"]), text: text(max), emoji: z.boolean().optional() });
const slackBlock = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), text: z.strictObject({ type: z.literal("plain_text"), text: text(150), emoji: z.boolean().optional() }) }),
  z.strictObject({ type: z.literal("section"), text: textObject(3_000).optional(), fields: z.array(textObject(2_000)).max(10).optional() }),
  z.strictObject({ type: z.literal("context"), elements: z.array(textObject(3_000)).min(1).max(10) }),
  z.strictObject({ type: z.literal("divider") }),
]);
// Channel and identity overrides are for legacy webhooks only; an app's webhook must not send them.
const slack = z.strictObject({ text: text(40_000), blocks: z.array(slackBlock).min(1).max(50) });

/** Mattermost: its Slack-compatible payload; text or attachments is required. */
const mattermost = z
  .strictObject({
    text: z.string().max(16_383).optional(),
    channel: z.string().regex(/^[@#]?[a-z0-9][a-z0-9._-]*$/).optional(),
    username: z.string().optional(),
    icon_url: z.string().optional(),
    attachments: z
      .array(
        z.strictObject({
          fallback: z.string().min(1),
          color: z.string().regex(/^#[0-9a-f]{6}$/i),
          title: z.string().min(1),
          title_link: url.optional(),
          text: z.string().optional(),
          fields: z.array(field),
        }),
      )
      .optional(),
  })
  .refine((p) => Boolean(p.text) || Boolean(p.attachments?.length), { message: "web.incoming_webhook.text.app_error" });

/** Teams Workflows: a message with one Adaptive Card attachment; webhook cards cannot use Action.Submit. */
const cardElement = z.union([
  z.object({ type: z.literal("TextBlock"), text: z.string().min(1), wrap: z.boolean().optional() }).passthrough(),
  z.object({ type: z.literal("RichTextBlock"), inlines: z.array(z.strictObject({ type: z.literal("TextRun"), text: z.string().min(1) })).min(1) }),
  z.object({ type: z.literal("FactSet"), facts: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })).min(1) }),
]);
const teams = z.strictObject({
  type: z.literal("message"),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal("application/vnd.microsoft.card.adaptive"),
        contentUrl: z.null().optional(),
        content: z
          .object({
            $schema: z.string().optional(),
            type: z.literal("AdaptiveCard"),
            version: z.string().regex(/^1\.[0-6]$/),
            body: z.array(cardElement).min(1),
            actions: z.array(z.strictObject({ type: z.enum(["Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility"]), title: z.string(), url })).optional(),
          })
          .passthrough(),
      }),
    )
    .length(1),
});

const SCHEMAS: Record<ChatProduct, z.ZodType> = { rocketchat: rocketChat, slack, mattermost, teams };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** How each product answers a good post, a bad one, a revoked hook, an outage and a rate limit. */
function answerFor(product: ChatProduct, behaviour: Behaviour, problem: string | null, channelOverride: boolean, body: unknown): Answer {
  const json = (status: number, value: unknown): Answer => ({ status, body: JSON.stringify(value), contentType: "application/json" });
  const plain = (status: number, value: string): Answer => ({ status, body: value, contentType: "text/plain" });
  switch (product) {
    case "rocketchat":
      if (behaviour === "revoked") return json(404, { success: false, error: "Invalid integration id or token provided." });
      if (behaviour === "disabled") return plain(503, "Service Unavailable");
      if (behaviour === "down") return plain(502, "Bad Gateway");
      if (behaviour === "rate-limited") {
        return { ...json(429, { success: false, error: "error-too-many-requests" }), headers: { "X-RateLimit-Reset": String(Date.now() + 5_000) } };
      }
      if (problem) return json(400, { success: false, error: problem });
      if ((body as { channel?: string }).channel && !channelOverride) {
        return json(400, { success: false, error: "overriding destination channel is disabled for this integration" });
      }
      return json(200, { success: true });
    case "slack":
      if (behaviour === "revoked") return plain(404, "no_service");
      if (behaviour === "disabled") return plain(410, "channel_is_archived");
      if (behaviour === "down") return plain(500, "rollup_error");
      if (behaviour === "rate-limited") return { ...plain(429, "rate_limited"), headers: { "Retry-After": "30" } };
      if (problem) return plain(400, "invalid_payload");
      return plain(200, "ok");
    case "mattermost": {
      const error = (status: number, id: string) =>
        json(status, { id, message: "Unable to handle the request.", detailed_error: "", request_id: "req-1", status_code: status });
      if (behaviour === "revoked") return error(400, "web.incoming_webhook.invalid.app_error");
      if (behaviour === "disabled") return error(501, "web.incoming_webhook.disabled.app_error");
      if (behaviour === "down") return error(500, "api.post.create_webhook_post.creating.app_error");
      if (behaviour === "rate-limited") return { ...error(429, "api.context.rate_limit.app_error"), headers: { "Retry-After": "1" } };
      if (problem) return error(400, problem.startsWith("web.") ? problem : "api.webhook.incoming.error");
      return plain(200, "ok");
    }
    case "teams":
      if (behaviour === "revoked") return json(404, { error: { code: "WorkflowNotFound", message: "The workflow could not be found." } });
      if (behaviour === "disabled") return json(403, { error: { code: "WorkflowDisabled", message: "The workflow is turned off." } });
      if (behaviour === "down") return json(502, { error: { code: "BadGateway" } });
      if (behaviour === "rate-limited") return { ...json(429, { error: { code: "TooManyRequests" } }), headers: { "Retry-After": "10" } };
      if (problem === "Request Entity too large") return json(413, { error: { code: "RequestEntityTooLarge", message: problem } });
      if (problem) return json(400, { error: { code: "InvalidRequestContent", message: problem } });
      return { status: 202, body: "" };
  }
}

/** Checks a request as its product would; null when it is fine. */
export function payloadProblem(product: ChatProduct, contentType: string, raw: string): string | null {
  if (!/^application\/json\b/.test(contentType)) return `content type ${contentType || "(none)"}, expected application/json`;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return "invalid JSON";
  }
  if (product === "teams" && Buffer.byteLength(raw) > 28 * 1024) return "Request Entity too large";
  const result = SCHEMAS[product].safeParse(body);
  return result.success ? null : describeIssues(result.error);
}

function productOf(path: string): ChatProduct | null {
  const first = path.split("/")[1];
  return first === "rocketchat" || first === "slack" || first === "mattermost" || first === "teams" ? first : null;
}

export interface ChatServer {
  base: string;
  /** Everything posted, in order. */
  received: ChatDelivery[];
  /** How a path (without the query) answers from now on; "ok" unless set. */
  behave(path: string, behaviour: Behaviour): void;
  /** Rocket.Chat hooks whose integration allows a channel override. */
  allowChannelOverride(path: string): void;
  close(): Promise<void>;
}

export interface ChatHandler {
  received: ChatDelivery[];
  behave(path: string, behaviour: Behaviour): void;
  allowChannelOverride(path: string): void;
  /** Answers a chat webhook request, or GET /chat-received; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

/** The stand-in's request handling, for a server of its own or inside another stand-in. */
export function createChatHandler(): ChatHandler {
  const received: ChatDelivery[] = [];
  const behaviours = new Map<string, Behaviour>();
  const overrides = new Set<string>();
  return {
    received,
    behave: (path, behaviour) => behaviours.set(path, behaviour),
    allowChannelOverride: (path) => overrides.add(path),
    handle(request, response) {
      const path = (request.url ?? "").split("?")[0]!;
      if (request.method === "GET" && path === "/chat-received") {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
        return true;
      }
      const product = productOf(path);
      if (request.method !== "POST" || !product) return false;
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const behaviour = behaviours.get(path) ?? "ok";
        if (behaviour === "hang") return;
        const raw = Buffer.concat(chunks).toString("utf8");
        const contentType = String(request.headers["content-type"] ?? "");
        const problem = payloadProblem(product, contentType, raw);
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // Kept as text; the problem says why.
        }
        const answer = answerFor(product, behaviour, problem, overrides.has(path), body);
        received.push({ product, path, contentType, body, status: answer.status, problem });
        response.writeHead(answer.status, { ...(answer.contentType ? { "content-type": answer.contentType } : {}), ...answer.headers });
        response.end(answer.body);
      });
      return true;
    },
  };
}

/** Starts the stand-in on `port` (0: any free port). */
export async function startChatServer(port = 0): Promise<ChatServer> {
  const chat = createChatHandler();
  const server: Server = createServer((request, response) => {
    if (!chat.handle(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: chat.received,
    behave: chat.behave,
    allowChannelOverride: chat.allowChannelOverride,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Webhook paths shaped like each product's (the token parts are made up). */
export const HOOK_PATHS: Record<ChatProduct, string> = {
  rocketchat: "/rocketchat/hooks/6a5Fq2nGkHr4kX3Yb/Bx7vT9pQzL2mN8cR4sW1yE6uA3dK5fJ0hG",
  slack: "/slack/services/T024BE7LD/B08FQ2H3K9P/xoxbUq9ZrW4tY7mK2nP5sD8f",
  mattermost: "/mattermost/hooks/xr8d4kq1jpfm7b3wz6c9tn2ys5",
  teams: "/teams/powerautomate/automations/direct/workflows/7f3c1a9e2b4d4c6e8a0b1c2d3e4f5a6b/triggers/manual/paths/invoke",
};

/** A hook's full address on the stand-in; Teams' carries its `sig` credential in the query, as the real one does. */
export function hookUrl(server: Pick<ChatServer, "base">, product: ChatProduct): string {
  const query = product === "teams" ? "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Q2hhdFNpZ25hdHVyZVNlY3JldDEyMzQ1Njc4OTA" : "";
  return `${server.base}${HOOK_PATHS[product]}${query}`;
}
