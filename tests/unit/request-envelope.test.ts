import { describe, expect, test } from "vitest";
import { createRequestEnvelope, currentRequestId } from "../../src/server/request-envelope.ts";
import { headerRules } from "../../src/server/security-headers.ts";

function setup() {
  const lines: string[] = [];
  const envelope = createRequestEnvelope({ rules: headerRules({ scripts: [], styles: [] }), log: (line) => lines.push(line) });
  return { envelope, lines };
}

const page = (path: string, accept = "text/html") => new Request(`http://127.0.0.1:4321${path}`, { headers: { Accept: accept } });

describe("request envelope", () => {
  test("an error nobody caught becomes a 500 page with the request id, logged with its stack", async () => {
    const { envelope, lines } = setup();
    const response = await envelope(page("/tickets/new/"), () => {
      throw new Error("readPage exploded");
    });
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const html = await response.text();
    expect(html).toContain("Something went wrong on our side");
    expect(html).toContain(`quote the request id <code>${id}</code>`);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`500 for GET /tickets/new/ (request ${id}): Error: readPage exploded`);
    expect(lines[0]).toMatch(/\n\s+at /);
  });

  test("a script client gets the 500 as JSON with the request id", async () => {
    const { envelope } = setup();
    const response = await envelope(page("/api/feedback", "application/json"), async () => {
      throw new Error("no");
    });
    const body = (await response.json()) as { message: string; requestId: string };
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
    expect(body.message).toMatch(/Try again in a minute/);
  });

  test("a 5xx a handler sends itself keeps its message and gains the request id, in JSON and on a page", async () => {
    const { envelope, lines } = setup();
    const json = await envelope(page("/api/tickets"), () =>
      Response.json({ message: "We could not save your ticket just now" }, { status: 503, headers: { "Retry-After": "60" } }),
    );
    const id = json.headers.get("x-request-id");
    expect(await json.json()).toEqual({ message: "We could not save your ticket just now", requestId: id });
    expect(json.headers.get("retry-after")).toBe("60");
    expect(lines).toEqual([`503 for GET /api/tickets (request ${id})`]);

    const html = await envelope(page("/api/tickets"), () =>
      new Response("<!doctype html><html><body><main><h1>Your ticket was not saved</h1></main></body></html>", {
        status: 503,
        headers: { "Content-Type": "text/html; charset=utf-8" },
      }),
    );
    // The page keeps its own heading and gains, inside its main content, the id its header carries.
    const text = await html.text();
    const requestId = html.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(text).toContain("<h1>Your ticket was not saved</h1>");
    expect(text.replace(/<[^>]+>/g, "")).toContain(`If you contact support about this, quote the request id ${requestId}.`);
    expect(text.indexOf(requestId)).toBeLessThan(text.indexOf("</main>"));
  });

  test("log lines written while answering carry the request's id", async () => {
    const { envelope } = setup();
    let seen: string | undefined;
    const response = await envelope(page("/"), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen = currentRequestId();
      return new Response("ok");
    });
    expect(seen).toBe(response.headers.get("x-request-id"));
    expect(currentRequestId()).toBeUndefined();
  });

  test("read-only headers (a Response.redirect) still get the site's headers", async () => {
    const { envelope } = setup();
    const response = await envelope(page("/old/"), () => Response.redirect("http://127.0.0.1:4321/new/", 301));
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("http://127.0.0.1:4321/new/");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
