// POST /api/feedback: records a "was this helpful?" answer. Anonymous: no name, email or address
// is stored, and nothing is sent anywhere else.
import { articleFeedbackSchema } from "../lib/feedback.ts";
import { ticketFieldErrors } from "../lib/ticket.ts";
import { jsonResponse, readJsonPost, type JsonEndpointOptions } from "./json-post.ts";
import type { FeedbackStore } from "./store/feedback-store.ts";

export const FEEDBACK_PATH = "/api/feedback";
const MAX_BYTES = 4_096;

export interface FeedbackHandlerOptions extends JsonEndpointOptions {
  store: FeedbackStore;
}

const REFUSALS = {
  origin: "Feedback is only accepted from this help center's own pages.",
  tooMany: "Thanks, we have plenty from you for now. Try again later.",
  tooLong: "That note is too long to send.",
  unreadable: "The feedback could not be read; reload the page and try again.",
};

export function createFeedbackHandler(options: FeedbackHandlerOptions) {
  const now = options.now ?? (() => new Date());
  return async function feedback(request: Request, client: { ip?: string } = {}): Promise<Response> {
    const read = await readJsonPost(request, client.ip, { ...options, endpoint: "feedback", at: now(), maxBytes: MAX_BYTES, noun: "feedback", refusals: REFUSALS });
    if ("refused" in read) return read.refused;
    const result = articleFeedbackSchema.safeParse(read.body);
    if (!result.success) return jsonResponse(422, { message: "Please check your feedback.", errors: ticketFieldErrors(result.error) });
    await options.store.save(result.data, now());
    return jsonResponse(201, { message: "Thank you for your feedback." });
  };
}
