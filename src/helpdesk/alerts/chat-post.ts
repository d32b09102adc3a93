// Posts one alert to a chat webhook and sorts every answer, in one place, into "delivered", "try
// again later" and "will not work as sent". A webhook's address is its credential (the token is in
// the path, Teams' in the `sig` query), so no message made here contains it: errors name the
// product, the host, the status and the product's error id, and anything the server echoes is
// scrubbed of the address too.
import type { AlertFormat } from "../../lib/content-schemas.ts";
import { productName } from "./formats.ts";

export class AlertDeliveryError extends Error {
  readonly retryable: boolean;
  readonly status: number | null;
  /** The product's own error id or message ("channel_not_found", "web.incoming_webhook.invalid.app_error"). */
  readonly errorId: string | null;
  readonly retryAfterMs: number | null;
  /** Fewer attempts than usual for failures that may hide a permanent cause or a post that happened. */
  readonly maxAttempts: number | null;
  constructor(
    message: string,
    options: { retryable: boolean; status?: number | null; errorId?: string | null; retryAfterMs?: number | null; maxAttempts?: number | null },
  ) {
    super(message);
    this.name = "AlertDeliveryError";
    this.retryable = options.retryable;
    this.status = options.status ?? null;
    this.errorId = options.errorId ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.maxAttempts = options.maxAttempts ?? null;
  }
}

/** Every form in which a webhook address could show up in a message, longest first. */
function secretParts(url: string): string[] {
  const parsed = new URL(url);
  const parts = [url, `${parsed.origin}${parsed.pathname}`, parsed.pathname + parsed.search, parsed.search];
  if (parsed.pathname.length > 1) parts.push(parsed.pathname);
  for (const value of parsed.searchParams.values()) if (value.length >= 8) parts.push(value, encodeURIComponent(value));
  for (const segment of parsed.pathname.split("/")) if (segment.length >= 8) parts.push(segment);
  return [...new Set(parts.filter((p) => p.length > 1))].sort((a, b) => b.length - a.length);
}

/** The text with the webhook's address, path, query and token-like segments replaced. */
export function redactWebhook(text: string, url: string): string {
  let scrubbed = text;
  for (const part of secretParts(url)) scrubbed = scrubbed.split(part).join("[webhook address]");
  return scrubbed;
}

interface Answer {
  status: number;
  body: string;
  headers: Headers;
}

/** When to try again, from Retry-After (seconds or a date) or Rocket.Chat's X-RateLimit-Reset (epoch ms). */
function retryAfter(headers: Headers, now: number): number | null {
  const header = headers.get("retry-after");
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  return Number.isFinite(reset) && reset > now ? reset - now : null;
}

/** The product's error id: Slack's body word, Mattermost's `id`, Rocket.Chat's `error`, Power Automate's `error.code`. */
function errorIdOf(body: string): string | null {
  const text = body.trim();
  if (!text) return null;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const nested = json.error && typeof json.error === "object" ? (json.error as Record<string, unknown>).code : undefined;
    const id = json.id ?? nested ?? json.error ?? json.errorCode ?? json.message;
    return typeof id === "string" && id ? id.slice(0, 200) : null;
  } catch {
    return text.length <= 200 && !/\s{2,}|<html/i.test(text) ? text : null;
  }
}

type Verdict =
  | { delivered: true }
  | { delivered: false; retryable: boolean; why: string; maxAttempts?: number };

/**
 * What an answer means, per the products' documented behaviour (docs/reference: chat and read-back
 * APIs, section 8.1). `variable` is the environment variable holding this destination's address.
 */
export function classifyAnswer(format: AlertFormat, answer: Answer, errorId: string | null, variable: string): Verdict {
  const { status } = answer;
  const replace = `create a new incoming webhook (README: Chat alerts) and set ${variable} to its address`;
  const revoked = {
    delivered: false as const,
    retryable: false,
    why: `the webhook was refused: it was removed or disabled, its token changed, or a setting stops it posting; check it in ${productName(format)}, or ${replace}`,
  };
  const refused = {
    delivered: false as const,
    retryable: false,
    why: "the chat server refused the message as sent; report this error to the help center's maintainers",
  };
  const retry = { delivered: false as const, retryable: true, why: "trying again later" };
  if (status === 429 || status === 408) return { ...retry, why: "rate limited or timed out; trying again later" };

  switch (format) {
    case "slack":
      // Slack: treat 200 as success and anything else as failure.
      if (status === 200) return { delivered: true };
      if (status >= 500) return retry;
      if (status === 400 && errorId !== "no_service") return refused;
      if (status === 404 || status === 410) {
        if (errorId === "channel_not_found" || errorId === "channel_is_archived") {
          return { delivered: false, retryable: false, why: `the webhook's channel was deleted or archived; ${replace}` };
        }
      }
      return revoked;
    case "rocketchat":
      if (status >= 200 && status < 300) {
        return /"success"\s*:\s*false/.test(answer.body) ? { ...refused, why: "Rocket.Chat said the post did not succeed" } : { delivered: true };
      }
      // 503 means the integration exists but is disabled, not a passing outage.
      if (status === 503) {
        return { delivered: false, retryable: false, why: `the integration is disabled; enable it in Rocket.Chat (Administration → Integrations), or ${replace}` };
      }
      if (status >= 500) return retry;
      if (status === 400 && errorId && /overrid/i.test(errorId)) {
        return {
          delivered: false,
          retryable: false,
          why: "the integration may not post to other channels; allow it in the integration's settings, or remove channel from this destination in alerts.yaml",
        };
      }
      if (status === 400) return refused;
      return revoked;
    case "mattermost":
      if (status >= 200 && status < 300) return { delivered: true };
      if (status === 501) {
        return { delivered: false, retryable: false, why: "incoming webhooks are turned off on this Mattermost server; a system admin turns them on" };
      }
      // A 500 wraps any failure to create the post, permanent ones included, so it gets few tries.
      if (status >= 500) return { ...retry, maxAttempts: 3 };
      if (status === 400 && errorId === "web.incoming_webhook.invalid.app_error") return revoked;
      if (status === 400) return refused;
      if (status === 404) return { delivered: false, retryable: false, why: `the channel was deleted; ${replace}` };
      return revoked;
    case "teams":
      // 202 means Power Automate accepted the request and runs the flow; a flow that fails later is not seen here.
      if (status >= 200 && status < 300) return { delivered: true };
      if (status >= 500) return retry;
      if (status === 413) return { ...refused, why: "the card was too large for Teams" };
      if (status === 400) return refused;
      return { ...revoked, why: `the flow was deleted or switched off, or its address changed; ${replace}` };
  }
}

export interface PostLimits {
  signal: AbortSignal;
  timeoutMs: number;
  now?: () => Date;
}

/** Posts `payload` as JSON. Resolves once the product confirms it; throws AlertDeliveryError otherwise. */
export async function postAlert(format: AlertFormat, url: string, variable: string, payload: object, limits: PostLimits): Promise<void> {
  const product = productName(format);
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(payload),
      redirect: "error",
      signal: AbortSignal.any([limits.signal, AbortSignal.timeout(limits.timeoutMs)]),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      const stopped = limits.signal.aborted;
      // A timeout after the request went out may still have posted: one more try at most, so a
      // person sees at worst one duplicate (the reference in the text shows it is the same ticket).
      throw new AlertDeliveryError(
        stopped ? `The post to ${product} was stopped because the server is shutting down` : `${product} at ${host} did not answer within ${limits.timeoutMs / 1000} s`,
        { retryable: true, maxAttempts: stopped ? null : 2 },
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = redactWebhook(cause?.code ?? cause?.message ?? (error as Error).message, url);
    throw new AlertDeliveryError(`Could not reach ${product} at ${host} (${reason})`, { retryable: true });
  }
  const body = await response.text().catch(() => "");
  const errorId = errorIdOf(body);
  const verdict = classifyAnswer(format, { status: response.status, body, headers: response.headers }, errorId, variable);
  if (verdict.delivered) return;
  const said = errorId ? ` "${redactWebhook(errorId, url)}"` : "";
  const now = limits.now?.() ?? new Date();
  throw new AlertDeliveryError(`${product} at ${host} answered ${response.status}${said}: ${verdict.why}`, {
    retryable: verdict.retryable,
    status: response.status,
    errorId: errorId ? redactWebhook(errorId, url) : null,
    retryAfterMs: verdict.retryable ? retryAfter(response.headers, now.getTime()) : null,
    maxAttempts: verdict.maxAttempts ?? null,
  });
}
