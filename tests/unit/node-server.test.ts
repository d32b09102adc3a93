// The Node server (`npm start`) as a browser and an attacker meet it: scripts/serve.ts serving a
// tiny built site whose dist/_headers the build's own function wrote.
import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeHeadersFile } from "../../src/server/built-site-headers.ts";
import { headersForPath, type HeaderRule } from "../../src/server/headers-file.ts";
import { sha256 } from "../../src/server/inline-hashes.ts";
import { INLINE_THEME_SCRIPT, startServer, writeSite, type ServedSite } from "../served-site.ts";
import { tempDir } from "../temp-dir.ts";
import { SAMPLE_TICKET } from "../sample-ticket.ts";

const ticket = { ...SAMPLE_TICKET, plan: "pro" };

/** A raw HTTP request, for what fetch() will not send (a Host header of our choosing). */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers, setHost: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

let site: ServedSite;
let rules: HeaderRule[];

beforeAll(async () => {
  const dist = writeSite();
  ({ rules } = await writeHeadersFile(dist));
  site = await startServer({ KB_DIST_DIR: dist, KB_DATA_DIR: tempDir("kb-server-data-") });
});
afterAll(() => site?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${site.origin}${path}`, { headers, redirect: "manual" });

describe("security headers", () => {
  const SECURITY = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy"];

  test("every kind of response carries them: pages, files, 404s, ticket pages, the endpoints' JSON and redirects", async () => {
    const responses = {
      page: await get("/"),
      file: await get("/_astro/app.B1x2c3D4.js"),
      "not modified": await get("/", { "If-None-Match": (await get("/")).headers.get("etag")! }),
      "missing page": await get("/no-such-page/"),
      "ticket form": await get("/tickets/new/"),
      "thank-you page": await get("/tickets/thanks/?ref=PX-2222-2222"),
      "endpoint JSON": await fetch(`${site.origin}/api/tickets`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...ticket, email: "ana@" }),
      }),
      "endpoint redirect": await fetch(`${site.origin}/api/tickets`, { method: "POST", body: new URLSearchParams(ticket), redirect: "manual" }),
      "feedback JSON": await fetch(`${site.origin}/api/feedback`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, r.status]))).toEqual({
      page: 200,
      file: 200,
      "not modified": 304,
      "missing page": 404,
      "ticket form": 200,
      "thank-you page": 200,
      "endpoint JSON": 422,
      "endpoint redirect": 303,
      "feedback JSON": 422,
    });
    for (const [name, response] of Object.entries(responses)) {
      for (const header of SECURITY) expect(response.headers.get(header), `${header} on the ${name}`).toBeTruthy();
      expect(response.headers.get("content-security-policy"), name).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-frame-options"), name).toBe("DENY");
      expect(response.headers.get("x-content-type-options"), name).toBe("nosniff");
    }
    expect(responses.page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // The reference is in the thank-you page's address: it is never sent on as a referrer.
    expect(responses["thank-you page"].headers.get("referrer-policy")).toBe("no-referrer");
  });

  test("the CSP allows the pages' inline code by hash, never 'unsafe-inline'", async () => {
    const policy = (await get("/")).headers.get("content-security-policy")!;
    const scriptSrc = /script-src ([^;]+)/.exec(policy)![1]!;
    expect(scriptSrc).toContain(`'sha256-${sha256(INLINE_THEME_SCRIPT)}'`);
    expect(scriptSrc).toContain("'wasm-unsafe-eval'");
    expect(/style-src ([^;]+)/.exec(policy)![1]).toContain(`'sha256-${sha256("--shiki-light:#D73A49;--shiki-dark:#F97583")}'`);
    expect(policy).not.toContain("unsafe-inline");
  });

  test("the server sends exactly the headers dist/_headers gives static hosts", async () => {
    for (const path of ["/", "/_astro/app.B1x2c3D4.js", "/pagefind/index/en_1cd0c2b.pf_index", "/pagefind/shard-1/index/en_4f9a1e2.pf_index", "/tickets/thanks/"]) {
      const response = await get(path);
      for (const [name, value] of Object.entries(headersForPath(rules, path))) {
        expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
      }
    }
  });
});

describe("caching", () => {
  test("content-hashed files are cached for a year and never revalidated", async () => {
    for (const path of ["/_astro/app.B1x2c3D4.js", "/pagefind/index/en_1cd0c2b.pf_index", "/pagefind/shard-1/index/en_4f9a1e2.pf_index"]) {
      expect((await get(path)).headers.get("cache-control"), path).toBe("public, max-age=31536000, immutable");
    }
  });

  test("pages and files that keep their name are revalidated with their ETag", async () => {
    for (const path of ["/", "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json"]) {
      const response = await get(path);
      expect(response.headers.get("cache-control"), path).toBe("no-cache");
      const etag = response.headers.get("etag");
      expect(etag, path).toBeTruthy();
      expect((await get(path, { "If-None-Match": etag! })).status, path).toBe(304);
    }
  });

  test("a missing hashed file is not cached for a year", async () => {
    const response = await get("/_astro/gone.A1b2C3d4.js");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).not.toContain("immutable");
  });
});

describe("compression", () => {
  test("the ticket pages and the 404 page are compressed like the static pages", async () => {
    for (const [encoding, decode] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      for (const path of ["/", "/tickets/new/", "/tickets/thanks/", "/no-such-page/"]) {
        const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          const url = new URL(path, site.origin);
          httpRequest({ host: url.hostname, port: url.port, path, headers: { "Accept-Encoding": encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
            .on("error", reject)
            .end();
        });
        expect(response.headers["content-encoding"], `${path} with ${encoding}`).toBe(encoding);
        expect(response.headers.vary, path).toMatch(/Accept-Encoding/i);
        expect(decode(response.body).toString(), path).toMatch(/^<!doctype html>/i);
      }
    }
  });
});

describe("requests the server cannot read", () => {
  test("a Host header with an invalid port is a 400 that says so, not an empty 500", async () => {
    const response = await rawGet(site.origin, "/", { Host: "localhost:99999" });
    expect(response.status).toBe(400);
    expect(response.body).toContain("Host header is not a valid host name and port");
  });

  test("a Host header that is not a host name at all is a 400 too", async () => {
    expect((await rawGet(site.origin, "/", { Host: "exa mple/com" })).status).toBe(400);
  });

  test("JSON nested thousands of levels deep is a 400 with a reason, and the server goes on answering", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const response = await fetch(`${site.origin}/api/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...ticket, plan: "@" }).replace('"@"', deep),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/nested more than \d+ levels deep/);
    expect((await get("/")).status).toBe(200);
  });
});

describe("behind a trusted proxy", () => {
  test("feedback is limited per reader (X-Forwarded-For), not per proxy address", async () => {
    const proxied = await startServer({ KB_DIST_DIR: writeSite(), KB_DATA_DIR: tempDir("kb-proxy-data-"), TRUST_PROXY: "true" });
    try {
      const send = (reader: string) =>
        fetch(`${proxied.origin}/api/feedback`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Forwarded-For": reader },
          body: JSON.stringify({ article: "customer-help/opening-a-ticket", helpful: "yes" }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await send("203.0.113.7")).status);
      expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true);
      expect(statuses[30]).toBe(429);
      expect((await send("198.51.100.4")).status).toBe(201);
    } finally {
      await proxied.stop();
    }
  });
});
