// The ticket endpoint: one Web-standard function (Request -> Response) that runs under the Node
// server, in tests and on serverless platforms unchanged. It stores every valid ticket before it
// answers and leaves forwarding to the outbox, so a slow or broken helpdesk never loses a ticket.
// What a spam rule flags is stored too, suspended, and answered exactly like a person's ticket.
import type { SupportData } from "../lib/support-data.ts";
import {
  attachmentName,
  attachmentsErrorMessage,
  attachmentType,
  formatFileSize,
  ticketFieldErrors,
  ticketSchema,
  type TicketInput,
} from "../lib/ticket.ts";
import { checkAttachmentFiles } from "./attachment-content.ts";
import { DEFAULT_MAX_DRAFTS, draftContents } from "./drafts.ts";
import { clientAddress, createMemoryRateLimiter, type RateLimiter } from "./rate-limit.ts";
import { newReference } from "./reference.ts";
import { bodyKindOf, parseSubmission, readBodyWithLimit, UnreadableBodyError, type ParsedSubmission } from "./request-body.ts";
import { errorResponse, jsonResponse, redirectResponse, type ResponseContext } from "./responses.ts";
import type { PlannedAlert } from "../lib/alert-rules.ts";
import type { AttachmentData, IdempotencyRecord, TicketRecord, TicketStore } from "./store/ticket-store.ts";
import { buildTicket, checkTicketChoices, submissionHash } from "./submission.ts";
import { spamVerdict } from "./spam.ts";
import { ticketReceipt, type TicketReceipt } from "./ticket-summary.ts";

export interface TicketHandlerConfig {
  /** Other origins whose pages may post tickets (the request's own origin is always allowed). */
  allowedOrigins: string[];
  maxBodyBytes: number;
  /** A form sent back sooner than this after it was served is treated as a bot. */
  minFillMs: number;
  /** Applied separately per client address and per email address. */
  rateLimit: { max: number; windowMs: number };
  thanksPath: string;
  formPath: string;
  timeTrapSecret: string;
  /** Take the client address from X-Forwarded-For; only behind a proxy you control. */
  trustProxy?: boolean;
  /** How long a no-JavaScript draft (what was typed, sent back with errors) is kept. */
  draftTtlMs?: number;
  /** Drafts kept at once (default 500); past this, the ones that would expire first are removed. */
  maxDrafts?: number;
  /** Named in the message shown when a ticket cannot be saved. */
  supportEmail?: string;
  /** Whether the helpdesk emails the customer a confirmation (see config.ts); said in the reply. */
  confirmationEmail?: boolean;
}

export interface TicketHandlerDeps {
  store: TicketStore;
  supportData: SupportData;
  config: TicketHandlerConfig;
  now?: () => Date;
  /** Called after a ticket is committed for forwarding (not a suspended one); must not wait for the helpdesk. */
  wakeOutbox?: () => void;
  /** The chat alerts to queue with a new ticket, in the same transaction (the store ignores them for a suspended one). */
  alertsFor?: (ticket: TicketRecord) => PlannedAlert[];
  rateLimiter?: RateLimiter;
  /** One line per ticket; never given bodies or email addresses. */
  log?: (line: string) => void;
}

export interface ClientInfo {
  /** The socket's remote address, as the server saw it. */
  ip?: string | null;
}

export type TicketHandler = (request: Request, client?: ClientInfo) => Promise<Response>;

const DEFAULT_DRAFT_TTL_MS = 60 * 60 * 1000;

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function createTicketHandler(deps: TicketHandlerDeps): TicketHandler {
  const { store, supportData: data, config } = deps;
  const now = deps.now ?? (() => new Date());
  const limiter = deps.rateLimiter ?? createMemoryRateLimiter(config.rateLimit);
  const log = deps.log ?? (() => {});
  const allowedOrigins = new Set(config.allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  const contact = config.supportEmail ? `, or email ${config.supportEmail}` : "";

  function success(context: ResponseContext, receipt: TicketReceipt, replayed = false): Response {
    const thanks = `${config.thanksPath}?ref=${encodeURIComponent(receipt.reference)}`;
    if (context.mode === "html") return redirectResponse(context, thanks);
    return jsonResponse(context, 201, receipt, { Location: thanks, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) });
  }

  async function replayOrConflict(context: ResponseContext, existing: IdempotencyRecord, bodyHash: string): Promise<Response> {
    if (existing.bodyHash === bodyHash) {
      // Built again from the stored ticket, so a replay says what the thank-you page says today.
      const ticket = await store.getTicket(existing.reference);
      const receipt = ticket ? ticketReceipt(ticket, data, config.confirmationEmail ?? false) : (JSON.parse(existing.response) as TicketReceipt);
      return success(context, receipt, true);
    }
    return errorResponse(
      context,
      409,
      `This form was already used to send ticket ${existing.reference}, with different details. To send a new ticket, open a fresh ticket form; to add to ${existing.reference}, reply to our email about it.`,
      { body: { reference: existing.reference } },
    );
  }

  async function validate(
    parsed: ParsedSubmission,
  ): Promise<{ input: TicketInput | null; errors: Record<string, string>; attachments: AttachmentData[] }> {
    const result = ticketSchema.safeParse(parsed.input);
    const errors = result.success ? {} : ticketFieldErrors(result.error);
    const choices = checkTicketChoices(
      { plan: String(parsed.input.plan ?? ""), productArea: String(parsed.input.productArea ?? "") },
      data,
    );
    for (const [field, message] of Object.entries(choices)) errors[field] ??= message;
    const sent = await Promise.all(
      parsed.files.map(async (file) => ({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    const attachmentProblems = attachmentsErrorMessage(await checkAttachmentFiles(sent));
    if (attachmentProblems) errors.attachments = attachmentProblems;
    // As they are kept: the name a person sees, and a type even when the browser gave none.
    const attachments = sent.map((file, index) => ({
      name: attachmentName(file, index),
      type: attachmentType(file),
      size: file.bytes.length,
      bytes: file.bytes,
    }));
    return { input: result.success && !Object.keys(errors).length ? result.data : null, errors, attachments };
  }

  async function sendBack(
    request: Request,
    client: ClientInfo,
    context: ResponseContext,
    parsed: ParsedSubmission,
    errors: Record<string, string>,
    at: Date,
  ) {
    const count = Object.keys(errors).length;
    const message = `Check ${count === 1 ? "the highlighted field" : `the ${count} highlighted fields`} and send the ticket again`;
    if (context.mode === "json") return errorResponse(context, 422, message, { body: { errors } });
    // A draft is stored, so it counts toward the client's rate limit like a ticket does.
    const ip = clientAddress(request, client, config.trustProxy ?? false);
    const limited = await rateLimited(context, ip ? [`ip:${ip}`] : [], at);
    if (limited) return limited;
    // Without JavaScript the browser drops chosen files on the way back, so say so next to the file input.
    if (parsed.files.length) errors.attachments ??= "Attach your files again: files are not kept when the form comes back for corrections";
    const token = randomToken();
    const expiresAt = new Date(at.getTime() + (config.draftTtlMs ?? DEFAULT_DRAFT_TTL_MS)).toISOString();
    await store.saveDraft({ token, ...draftContents(parsed.input, errors), expiresAt }, at, {
      maxDrafts: config.maxDrafts ?? DEFAULT_MAX_DRAFTS,
    });
    return redirectResponse(context, `${config.formPath}?draft=${token}#form-errors`);
  }

  async function rateLimited(context: ResponseContext, keys: string[], at: Date): Promise<Response | null> {
    if (!keys.length) return null;
    const decision = await limiter.hit(keys, at);
    if (decision.allowed) return null;
    const seconds = decision.retryAfterSeconds;
    return errorResponse(
      context,
      429,
      `You have sent several tickets in a short time. Try again in ${waitText(seconds)}; to add details to a ticket you already sent, reply to our email about it.`,
      { headers: { "Retry-After": String(seconds) }, body: { retryAfterSeconds: seconds } },
    );
  }

  async function acceptSubmission(request: Request, client: ClientInfo, context: ResponseContext, parsed: ParsedSubmission) {
    const at = now();
    // The spam verdict changes only where the ticket is kept, never the answer: an invalid
    // submission goes back with its errors whether or not a rule flagged it (a person whose browser
    // filled the hidden field can correct it; a bot learns nothing it could not learn anyway), and a
    // valid one is stored, suspended if flagged, and answered with its real reference.
    const spam = await spamVerdict(parsed.input, { timeTrapSecret: config.timeTrapSecret, minFillMs: config.minFillMs, now: at });
    const { input, errors, attachments } = await validate(parsed);
    if (!input) return sendBack(request, client, context, parsed, errors, at);

    const headerKey = request.headers.get("idempotency-key")?.trim();
    if (headerKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(headerKey)) {
      return errorResponse(context, 400, "The Idempotency-Key header must be 1 to 255 visible characters, such as a UUID");
    }
    const key = headerKey || input.idempotencyKey || null;
    const bodyHash = await submissionHash(input, attachments);
    // A replay is checked before the rate limit: retrying a ticket that already went through must always work.
    const earlier = key ? await store.findIdempotency(key) : null;
    if (earlier) return replayOrConflict(context, earlier, bodyHash);

    const ip = clientAddress(request, client, config.trustProxy ?? false);
    const limited = await rateLimited(context, [...(ip ? [`ip:${ip}`] : []), `email:${input.email}`], at);
    if (limited) return limited;

    let reference = newReference();
    while (await store.getTicket(reference)) reference = newReference();
    const ticket = buildTicket({ input, reference, createdAt: at, idempotencyKey: key, attachments, data });
    const receipt = ticketReceipt(ticket, data, config.confirmationEmail ?? false);
    const saved = await store.saveTicket({
      ticket,
      attachments,
      idempotency: key ? { key, bodyHash, response: JSON.stringify(receipt) } : null,
      suspendedBecause: spam?.reason ?? null,
      alerts: deps.alertsFor?.(ticket) ?? [],
    });
    if (!saved.saved) return replayOrConflict(context, saved.existing, bodyHash);

    const facts = `department=${ticket.department} priority=${ticket.priority} due=${ticket.firstResponseDueAt ?? "none"}`;
    if (spam) {
      log(`ticket ${ticket.reference} ${facts} suspended (${spam.rule}); see npm run tickets -- --suspended`);
    } else {
      log(`ticket ${ticket.reference} ${facts} forward=pending`);
      deps.wakeOutbox?.();
    }
    return success(context, receipt);
  }

  return async function handleTicketRequest(request: Request, client: ClientInfo = {}): Promise<Response> {
    const origin = request.headers.get("origin");
    const ownOrigin = new URL(request.url).origin;
    const foreign = origin !== null && origin !== ownOrigin;
    const corsAllowed = foreign && allowedOrigins.has(origin);
    const kind = bodyKindOf(request.headers.get("content-type"));
    const wantsJson = kind === "json" || (request.headers.get("accept") ?? "").includes("application/json");
    const context: ResponseContext = {
      mode: wantsJson ? "json" : "html",
      formPath: config.formPath,
      headers: corsAllowed
        ? {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Expose-Headers": "Retry-After, Location, Idempotent-Replayed",
            Vary: "Origin",
          }
        : {},
    };

    if (request.method === "OPTIONS") {
      if (corsAllowed) {
        return new Response(null, {
          status: 204,
          headers: {
            ...context.headers,
            "Access-Control-Allow-Methods": "POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept, Idempotency-Key",
            "Access-Control-Max-Age": "600",
            "Cache-Control": "no-store",
          },
        });
      }
      if (foreign) return errorResponse(context, 403, "This site does not accept tickets from pages on other sites");
      return new Response(null, { status: 204, headers: { Allow: "POST, OPTIONS", "Cache-Control": "no-store" } });
    }
    if (request.method !== "POST") {
      return errorResponse(context, 405, `Tickets are sent with the ticket form: open ${config.formPath} and send it from there`, {
        headers: { Allow: "POST, OPTIONS" },
      });
    }
    if (foreign && !corsAllowed) {
      return errorResponse(
        context,
        403,
        `Tickets can only be sent from this help center's own pages. Open the ticket form at ${ownOrigin}${config.formPath} and send it from there.`,
      );
    }
    const tooLarge = `Your ticket is larger than ${formatFileSize(config.maxBodyBytes)}. Attach fewer or smaller files (zip them, or leave out large logs) and send it again.`;
    if (Number(request.headers.get("content-length")) > config.maxBodyBytes) return errorResponse(context, 413, tooLarge);
    if (!kind) {
      return errorResponse(
        context,
        415,
        "Send the ticket as form data (multipart/form-data or application/x-www-form-urlencoded) or as JSON (application/json)",
      );
    }

    try {
      const body = await readBodyWithLimit(request, config.maxBodyBytes);
      if (!body) return errorResponse(context, 413, tooLarge);
      const parsed = await parseSubmission(body, kind, request.headers.get("content-type") ?? "");
      return await acceptSubmission(request, client, context, parsed);
    } catch (error) {
      if (error instanceof UnreadableBodyError) return errorResponse(context, 400, error.message);
      log(`error while accepting a ticket: ${(error as Error).message}`);
      return errorResponse(
        context,
        503,
        `We could not save your ticket just now, so it was not sent. Go back to keep what you typed and try again in a minute${contact}.`,
        { headers: { "Retry-After": "60" } },
      );
    }
  };
}
