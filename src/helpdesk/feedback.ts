// POST /api/feedback: records a "was this helpful?" answer. Anonymous: no name, email or address
// is stored, and nothing is sent anywhere else.
import { articleFeedbackSchema } from "../lib/feedback.ts";
import { ticketFieldErrors } from "../lib/ticket.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { FeedbackStore } from "./store/feedback-store.ts";

export const FEEDBACK_PATH = "/api/feedback";
const MAX_BYTES = 4_096;

export interface FeedbackHandlerOptions {
  store: FeedbackStore;
  rateLimiter: RateLimiter;
  allowedOrigins: readonly string[];
  now?: () => Date;
}

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

export function createFeedbackHandler(options: FeedbackHandlerOptions) {
  const now = options.now ?? (() => new Date());
  return async function feedback(request: Request, client: { ip?: string } = {}): Promise<Response> {
    if (request.method !== "POST") return json(405, { message: "Send feedback with POST." }, { Allow: "POST" });
    const origin = request.headers.get("Origin");
    if (origin && origin !== new URL(request.url).origin && !options.allowedOrigins.includes(origin)) {
      return json(403, { message: "Feedback is only accepted from this help center's own pages." });
    }
    if (!(request.headers.get("Content-Type") ?? "").includes("application/json")) {
      return json(415, { message: "Send feedback as JSON." });
    }
    const limit = await options.rateLimiter.hit([`feedback:${client.ip ?? "unknown"}`], now());
    if (!limit.allowed) {
      return json(429, { message: "Thanks, we have plenty from you for now. Try again later." }, { "Retry-After": String(limit.retryAfterSeconds) });
    }
    const text = await request.text();
    if (text.length > MAX_BYTES) return json(413, { message: "That note is too long to send." });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { message: "The feedback could not be read; reload the page and try again." });
    }
    const result = articleFeedbackSchema.safeParse(body);
    if (!result.success) return json(422, { message: "Please check your feedback.", errors: ticketFieldErrors(result.error) });
    await options.store.save(result.data, now());
    return json(201, { message: "Thank you for your feedback." });
  };
}
