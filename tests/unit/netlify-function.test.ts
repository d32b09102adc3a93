// The serverless example answers the ticket pages itself, where Netlify does not apply dist/_headers
// (it applies them to static files only), so it must send the site's headers on its own.
import { afterEach, describe, expect, test, vi } from "vitest";
import { writeHeadersFile } from "../../src/server/built-site-headers.ts";
import { headersForPath } from "../../src/server/headers-file.ts";
import { writeSite } from "../served-site.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the Netlify ticket function", () => {
  test("sends the same security headers as the static files, and keeps no-referrer on the thank-you page", async () => {
    const dist = writeSite();
    const { rules } = await writeHeadersFile(dist);
    vi.stubEnv("KB_DIST_DIR", dist);
    vi.stubEnv("HELPDESK_TARGET", "local");
    const { default: tickets } = await import("../../deploy/netlify/functions/tickets.ts");
    const context = { ip: "203.0.113.9", waitUntil: () => {} };

    const form = await tickets(new Request("https://help.example.com/tickets/new/"), context);
    expect(form.status).toBe(200);
    for (const [name, value] of Object.entries(headersForPath(rules, "/tickets/new/"))) {
      expect(form.headers.get(name), name).toBe(value);
    }
    const thanks = await tickets(new Request("https://help.example.com/tickets/thanks/?ref=PX-2222-2222"), context);
    expect(thanks.headers.get("referrer-policy")).toBe("no-referrer");
    expect(thanks.headers.get("content-security-policy")).toBe(headersForPath(rules, "/")["Content-Security-Policy"]);
  });
});
