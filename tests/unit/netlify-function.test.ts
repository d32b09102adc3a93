// The serverless example: it answers the ticket pages itself, where Netlify does not apply
// dist/_headers (it applies them to static files only), so it must send the site's headers on its
// own; it keeps everything in PostgreSQL, because its instances share nothing; and it routes
// article feedback like tickets.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createTicketsFunction, type NetlifyContext } from "../../deploy/netlify/functions/tickets.ts";
import { PostgresFeedbackStore } from "../../src/helpdesk/store/feedback-store.ts";
import { PostgresDatabase } from "../../src/helpdesk/store/postgres-database.ts";
import { openPostgresStore } from "../../src/helpdesk/store/postgres.ts";
import { memoryStores } from "../../src/helpdesk/store/stores.ts";
import { writeHeadersFile } from "../../src/server/built-site-headers.ts";
import { headersForPath } from "../../src/server/headers-file.ts";
import { describePostgres, freshPostgresUrl } from "../postgres.ts";
import { writeSite } from "../served-site.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

const SITE = "https://help.example.com";
const ticket = {
  name: "Ana Souza",
  email: "ana@example.com",
  subject: "Nobody can sign in",
  description: "Since 9:00 every sign-in fails with a blank page.",
  priority: "High",
  plan: "enterprise",
  productArea: "sign-in",
};

/** A context as Netlify gives it; the forwarding each request starts is collected to be awaited. */
function netlifyContext(ip = "203.0.113.9"): NetlifyContext & { settled(): Promise<unknown> } {
  const pending: Promise<unknown>[] = [];
  return { ip, waitUntil: (promise) => pending.push(promise), settled: () => Promise.all(pending) };
}

const postJson = (path: string, body: unknown) =>
  new Request(`${SITE}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Origin: SITE }, body: JSON.stringify(body) });

describe("the Netlify ticket function", () => {
  test("sends the same security headers as the static files, and keeps no-referrer on the thank-you page", async () => {
    const dist = writeSite();
    const { rules } = await writeHeadersFile(dist);
    const tickets = createTicketsFunction({ env: { HELPDESK_TARGET: "local" }, distDir: dist, openStores: () => memoryStores() });
    const context = netlifyContext();

    const form = await tickets(new Request(`${SITE}/tickets/new/`), context);
    expect(form.status).toBe(200);
    for (const [name, value] of Object.entries(headersForPath(rules, "/tickets/new/"))) {
      expect(form.headers.get(name), name).toBe(value);
    }
    const thanks = await tickets(new Request(`${SITE}/tickets/thanks/?ref=PX-2222-2222`), context);
    expect(thanks.headers.get("referrer-policy")).toBe("no-referrer");
    expect(thanks.headers.get("content-security-policy")).toBe(headersForPath(rules, "/")["Content-Security-Policy"]);
  });

  test("without DATABASE_URL and a shared time-trap secret it takes no ticket, and its log names both variables", async () => {
    const lines: string[] = [];
    const tickets = createTicketsFunction({ env: { HELPDESK_TARGET: "local" }, distDir: writeSite(), log: (line) => lines.push(line) });
    const response = await tickets(postJson("/api/tickets", ticket), netlifyContext());
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    const log = lines.join("\n");
    expect(log).toContain("DATABASE_URL is not set");
    expect(log).toContain("TICKET_TIME_TRAP_SECRET is not set");
    // The customer is not told about the server's variables.
    expect(await response.text()).not.toContain("DATABASE_URL");
  });

  test("routes article feedback like tickets", async () => {
    const stores = memoryStores();
    const tickets = createTicketsFunction({ env: { HELPDESK_TARGET: "local" }, distDir: writeSite(), openStores: () => stores });
    const response = await tickets(postJson("/api/feedback", { article: "customer-help/opening-a-ticket", helpful: "no", comment: "No word on SSO" }), netlifyContext());
    expect(response.status).toBe(201);
    expect(await stores.feedback.tally()).toMatchObject([{ article: "customer-help/opening-a-ticket", notHelpful: 1, comments: [{ comment: "No word on SSO" }] }]);
  });
});

describePostgres("the Netlify ticket function on PostgreSQL", () => {
  test("a ticket taken by one instance is shown and forwarded by another, and feedback from both adds up in the database", async () => {
    const url = freshPostgresUrl();
    const dist = writeSite();
    const env = { HELPDESK_TARGET: "local", DATABASE_URL: url, TICKET_TIME_TRAP_SECRET: "shared-by-every-instance", TICKET_MIN_FILL_MS: "0" };
    // Two cold starts: nothing is shared between them but the database.
    const first = createTicketsFunction({ env, distDir: dist, log: () => {} });
    const second = createTicketsFunction({ env, distDir: dist, log: () => {} });

    const context = netlifyContext();
    const accepted = await first(postJson("/api/tickets", ticket), context);
    expect(accepted.status).toBe(201);
    const { reference } = (await accepted.json()) as { reference: string };
    await context.settled();

    const thanks = await second(new Request(`${SITE}/tickets/thanks/?ref=${reference}`), netlifyContext());
    expect(await thanks.text()).toContain(reference);

    for (const [instance, helpful] of [[first, "no"], [second, "yes"]] as const) {
      const answer = await instance(postJson("/api/feedback", { article: "customer-help/opening-a-ticket", helpful }), netlifyContext());
      expect(answer.status).toBe(201);
    }

    const store = openPostgresStore(url);
    const feedback = new PostgresFeedbackStore(new PostgresDatabase(url));
    try {
      expect((await store.getTicket(reference))?.forward.status).toBe("sent");
      expect(await feedback.tally()).toMatchObject([{ article: "customer-help/opening-a-ticket", helpful: 1, notHelpful: 1 }]);
    } finally {
      await Promise.all([store.close(), feedback.close(), first.close(), second.close()]);
    }
  });
});
