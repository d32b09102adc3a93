// Response shapes of the ticket endpoint. Script clients get JSON with a human `message`; plain
// form posts get a small HTML page (or a redirect) they can act on without JavaScript.
import { messagePage } from "../lib/message-page.ts";
export type ResponseMode = "json" | "html";

export interface ResponseContext {
  mode: ResponseMode;
  /** Extra headers every response carries (CORS for an allowed cross origin). */
  headers: Record<string, string>;
  formPath: string;
}

function baseHeaders(context: ResponseContext, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ "Cache-Control": "no-store", ...context.headers, ...extra });
  return headers;
}

export function jsonResponse(context: ResponseContext, status: number, body: object, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: baseHeaders(context, { "Content-Type": "application/json; charset=utf-8", ...extra }),
  });
}

export function redirectResponse(context: ResponseContext, location: string): Response {
  return new Response(null, { status: 303, headers: baseHeaders(context, { Location: location }) });
}

const TITLES: Record<number, string> = {
  400: "We could not read your ticket",
  403: "This page cannot send tickets here",
  405: "Tickets are sent with the ticket form",
  409: "This form was already sent",
  413: "Your ticket is too large",
  415: "We could not read your ticket",
  422: "Some fields need your attention",
  429: "Please wait before sending another ticket",
  500: "Your ticket was not saved",
  503: "Your ticket was not saved",
};

/** An error the person can act on: JSON `{ message, ...extra }`, or a short HTML page for form posts. */
export function errorResponse(
  context: ResponseContext,
  status: number,
  message: string,
  options: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  if (context.mode === "json") return jsonResponse(context, status, { message, ...options.body }, options.headers);
  const title = TITLES[status] ?? "Your ticket was not sent";
  const html = messagePage(title, message, { href: context.formPath, text: "Go to the ticket form" });
  return new Response(html, {
    status,
    headers: baseHeaders(context, { "Content-Type": "text/html; charset=utf-8", ...options.headers }),
  });
}
