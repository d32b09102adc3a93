// What the server does around every request, whoever answers it: a request id (in the response and
// in every log line written while answering), a 400 for an address that cannot be read, a logged 500
// instead of an empty one when something throws, the request id in every 5xx a person sees, and the
// security and caching headers of dist/_headers.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { headersForPath, type HeaderRule } from "./headers-file.ts";
import { REVALIDATE } from "./security-headers.ts";
import { escapeHtml, messagePage } from "../lib/message-page.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";

const requestIds = new AsyncLocalStorage<string>();

/** The id of the request being answered, for log lines; undefined outside a request. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** Short enough to read out on the phone to support, long enough not to repeat in practice. */
export function newRequestId(): string {
  return randomBytes(6).toString("hex");
}

export interface EnvelopeOptions {
  rules: readonly HeaderRule[];
  log(line: string): void;
}

type Next = () => Response | Promise<Response>;

function wantsJson(request: Request, url: URL | null): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json") || Boolean(url?.pathname.startsWith("/api/"));
}

function plainResponse(request: Request, url: URL | null, status: number, title: string, message: string): Response {
  const headers = { "Cache-Control": "no-store" };
  if (wantsJson(request, url)) return Response.json({ message }, { status, headers });
  const html = messagePage(title, message, { href: "/", text: "Go to the help center" });
  return new Response(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** Node's URL parser is stricter than srvx's Host check: a port over 65535 passes one, not the other. */
function readUrl(request: Request): URL | null {
  try {
    const url = new URL(request.url);
    // srvx puts this placeholder in place of a Host header that is not a host name.
    return url.hostname === "_invalid_" ? null : url;
  } catch {
    return null;
  }
}

/** Puts the request id where the person reading a 5xx sees it: in the JSON, or on the page. */
async function withRequestIdInBody(response: Response, id: string): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (!response.body || !/json|html|text\/plain/i.test(type)) return response;
  const text = await response.text();
  let body = text;
  if (/json/i.test(type)) {
    try {
      const data: unknown = JSON.parse(text);
      if (data && typeof data === "object" && !Array.isArray(data)) body = JSON.stringify({ ...data, requestId: id });
    } catch {
      // Not JSON after all: the header still carries the id.
    }
  } else if (/html/i.test(type)) {
    const line = `<p>If you contact support about this, quote the request id <code>${escapeHtml(id)}</code>.</p>\n`;
    const at = text.search(/<\/main>|<\/body>/i);
    body = at === -1 ? text + line : text.slice(0, at) + line + text.slice(at);
  } else {
    body = `${text}\nRequest id: ${id}\n`;
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** A response whose headers can be changed (Response.redirect() and fetch() give read-only ones). */
function mutable(response: Response): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, "");
    return response;
  } catch {
    return new Response(response.body, response);
  }
}

/**
 * Adds the rules' headers for the path where the response has not set its own (the thank-you page
 * keeps its no-referrer, the ticket pages their no-store). Cache lifetimes apply to what was found:
 * a missing /_astro/ file must not be cached for a year.
 */
function withSiteHeaders(response: Response, pathname: string, rules: readonly HeaderRule[], id: string): Response {
  const target = mutable(response);
  const found = target.status < 300 || target.status === 304;
  for (const [name, value] of Object.entries(headersForPath(rules, pathname))) {
    if (name.toLowerCase() === "cache-control" && !found) continue;
    if (!target.headers.has(name)) target.headers.set(name, value);
  }
  if (!target.headers.has("cache-control")) target.headers.set("Cache-Control", REVALIDATE);
  target.headers.set(REQUEST_ID_HEADER, id);
  return target;
}

export function createRequestEnvelope(options: EnvelopeOptions) {
  return async function requestEnvelope(request: Request, next: Next): Promise<Response> {
    const id = newRequestId();
    const url = readUrl(request);
    if (!url) {
      const response = plainResponse(request, null, 400, "Bad request", "The request's Host header is not a valid host name and port.");
      return withSiteHeaders(response, "/", options.rules, id);
    }
    let response: Response;
    let failure: unknown;
    try {
      response = await requestIds.run(id, next);
    } catch (error) {
      failure = error;
      response = plainResponse(
        request,
        url,
        500,
        "Something went wrong on our side",
        "Something went wrong on our side and your request was not completed. Try again in a minute.",
      );
    }
    if (response.status >= 500) {
      const reason = failure instanceof Error ? `: ${failure.stack ?? failure.message}` : failure === undefined ? "" : `: ${String(failure)}`;
      options.log(`${response.status} for ${request.method} ${url.pathname} (request ${id})${reason}`);
      response = await withRequestIdInBody(response, id);
    }
    return withSiteHeaders(response, url.pathname, options.rules, id);
  };
}
