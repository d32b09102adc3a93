// What the small anonymous endpoints (feedback, search reports) check before they read a request:
// a POST, from the help center's own pages (or an allowed origin), sent as JSON, within the
// reader's rate limit, short enough, and readable. Each endpoint words its own refusals.
import type { RateLimiter } from "./rate-limit.ts";

export const jsonResponse = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

/** What each of these endpoints is set up with, besides its store. */
export interface JsonEndpointOptions {
  rateLimiter: RateLimiter;
  allowedOrigins: readonly string[];
  now?: () => Date;
}

export interface JsonPostRules {
  allowedOrigins: readonly string[];
  rateLimiter: RateLimiter;
  /** Names the endpoint in the rate limiter's keys. */
  endpoint: string;
  at: Date;
  maxBytes: number;
  /** What the endpoint takes, as in "Send feedback with POST." */
  noun: string;
  refusals: { origin: string; tooMany: string; tooLong: string; unreadable: string };
}

/** The request's parsed JSON, or the response that refuses it. */
export async function readJsonPost(request: Request, clientIp: string | undefined, rules: JsonPostRules): Promise<{ body: unknown } | { refused: Response }> {
  const { refusals } = rules;
  const refuse = (status: number, message: string, headers?: Record<string, string>) => ({ refused: jsonResponse(status, { message }, headers) });
  if (request.method !== "POST") return refuse(405, `Send ${rules.noun} with POST.`, { Allow: "POST" });
  const origin = request.headers.get("Origin");
  if (origin && origin !== new URL(request.url).origin && !rules.allowedOrigins.includes(origin)) return refuse(403, refusals.origin);
  if (!(request.headers.get("Content-Type") ?? "").includes("application/json")) return refuse(415, `Send ${rules.noun} as JSON.`);
  const limit = await rules.rateLimiter.hit([`${rules.endpoint}:${clientIp ?? "unknown"}`], rules.at);
  if (!limit.allowed) return refuse(429, refusals.tooMany, { "Retry-After": String(limit.retryAfterSeconds) });
  const text = await request.text();
  if (text.length > rules.maxBytes) return refuse(413, refusals.tooLong);
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return refuse(400, refusals.unreadable);
  }
}
