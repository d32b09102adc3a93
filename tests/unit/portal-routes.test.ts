import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { createTicketHandler } from "../../src/helpdesk/handler.ts";
import { createPortalRoutes } from "../../src/helpdesk/portal-routes.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import { startedAtAgeMs } from "../../src/helpdesk/time-trap.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";

const data = loadSupportData();
const SITE = "http://127.0.0.1:4321";
const SECRET = "portal-secret";

const PAGES: Record<string, string> = {
  "/tickets/new/": `<!doctype html><html><head><title>Open a ticket</title></head><body>
<form data-ticket-form method="post" action="/api/tickets">
  <div id="form-errors" data-error-summary hidden tabindex="-1"><h2>Fix these</h2><ul></ul></div>
  <input id="field-name" name="name"><p id="error-name" data-error-for="name" hidden></p>
  <input id="field-email" name="email"><p id="error-email" data-error-for="email" hidden></p>
  <input type="hidden" name="startedAt" value=""><input type="hidden" name="idempotencyKey" value="">
</form></body></html>`,
  "/tickets/thanks/": `<!doctype html><html><head><title>Ticket not shown</title></head><body>
<section data-ticket-unknown><h1>We cannot show this ticket here</h1></section>
<section data-ticket-found data-title="Ticket received" hidden><span data-ticket-reference></span>
<p data-confirmation="email" hidden>Confirmation emailed</p><p data-confirmation="none" hidden>No confirmation email</p></section></body></html>`,
};

function setup(pages = PAGES) {
  let now = new Date("2025-07-14T13:00:00Z");
  const store = new MemoryTicketStore();
  const handler = createTicketHandler({
    store,
    supportData: data,
    now: () => now,
    config: {
      allowedOrigins: [],
      maxBodyBytes: 64 * 1024,
      minFillMs: 3_000,
      rateLimit: { max: 10, windowMs: 60_000 },
      thanksPath: "/tickets/thanks/",
      formPath: "/tickets/new/",
      timeTrapSecret: SECRET,
    },
  });
  const routes = createPortalRoutes({
    handler,
    store,
    supportData: data,
    endpoint: "/api/tickets",
    formPath: "/tickets/new/",
    thanksPath: "/tickets/thanks/",
    timeTrapSecret: SECRET,
    minFillMs: 3_000,
    confirmationEmail: false,
    readPage: async (path) => pages[path] ?? null,
    now: () => now,
  });
  return { routes, store, advance: (ms: number) => (now = new Date(now.getTime() + ms)), now: () => now };
}

const get = (path: string, method = "GET") => new Request(`${SITE}${path}`, { method });
const field = (html: string, name: string) => parseHTML(html).document.querySelector(`[name="${name}"]`)?.getAttribute("value");

const ticket = {
  name: "Ana Souza",
  email: "ana@example.com",
  subject: "Nobody can sign in",
  description: "Since 9:00 every sign-in fails with a blank page.",
  plan: "pro",
  productArea: "sign-in",
};

describe("portal routes", () => {
  test("serves the ticket form with a fresh signed time-trap token and idempotency key, never cached", async () => {
    const { routes, now } = setup();
    const response = (await routes(get("/tickets/new/")))!;
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(await startedAtAgeMs(field(html, "startedAt") ?? "", SECRET, now())).toBe(0);
    expect(field(html, "idempotencyKey")).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseHTML(html).document.querySelector("form")!.getAttribute("data-min-fill-ms")).toBe("3000");
    const other = await (await routes(get("/tickets/new")))!.text();
    expect(field(other, "idempotencyKey")).not.toBe(field(html, "idempotencyKey"));
  });

  test("HEAD gets the headers without a body", async () => {
    const { routes } = setup();
    const response = (await routes(get("/tickets/new/", "HEAD")))!;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  test("a no-JavaScript post with errors comes back to the form with what was typed and the errors", async () => {
    const { routes, advance } = setup();
    const form = await (await routes(get("/tickets/new/")))!.text();
    advance(20_000);
    const body = new URLSearchParams({ ...ticket, email: "ana@", startedAt: field(form, "startedAt") ?? "" });
    const posted = (await routes(new Request(`${SITE}/api/tickets`, { method: "POST", body }), { ip: "127.0.0.1" }))!;
    expect(posted.status).toBe(303);
    const back = await (await routes(get(posted.headers.get("Location")!)))!.text();
    const document = parseHTML(back).document;
    expect(field(back, "name")).toBe("Ana Souza");
    expect(field(back, "email")).toBe("ana@");
    expect(document.getElementById("error-email")!.textContent).toBe("Enter an email address like name@example.com");
    expect(document.querySelector("[data-error-summary] a")!.getAttribute("href")).toBe("#field-email");
  });

  test("an unknown or expired draft gives the empty form", async () => {
    const { routes } = setup();
    const html = await (await routes(get("/tickets/new/?draft=nonsense")))!.text();
    expect(field(html, "name")).toBeNull();
    expect(parseHTML(html).document.querySelector("[data-error-summary]")!.hasAttribute("hidden")).toBe(true);
  });

  test("the thank-you page shows a ticket's details only for its exact reference", async () => {
    const { routes, advance } = setup();
    advance(5_000);
    const posted = (await routes(new Request(`${SITE}/api/tickets`, { method: "POST", body: new URLSearchParams(ticket) })))!;
    const location = posted.headers.get("Location")!;
    const reference = new URL(location, SITE).searchParams.get("ref")!;

    const page = (await routes(get(location)))!;
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    const html = await page.text();
    const document = parseHTML(html).document;
    expect(document.querySelector("[data-ticket-reference]")!.textContent).toBe(reference);
    expect(document.querySelector("[data-ticket-unknown]")!.hasAttribute("hidden")).toBe(true);
    // This helpdesk sends no email, and the page says so rather than promise one.
    expect(document.querySelector('[data-confirmation="none"]')!.hasAttribute("hidden")).toBe(false);
    expect(document.querySelector('[data-confirmation="email"]')!.hasAttribute("hidden")).toBe(true);

    // Typed in lower case, it is still the same reference.
    const typedLower = await (await routes(get(`/tickets/thanks/?ref=${reference.toLowerCase()}`)))!.text();
    expect(typedLower).toContain(reference);

    const generic = PAGES["/tickets/thanks/"];
    expect(await (await routes(get("/tickets/thanks/?ref=PX-2222-2222")))!.text()).toBe(generic);
    expect(await (await routes(get(`/tickets/thanks/?ref=${reference.slice(0, -1)}`)))!.text()).toBe(generic);
    expect(await (await routes(get("/tickets/thanks/")))!.text()).toBe(generic);
  });

  test("a suspended ticket's thank-you page looks like any other, so a bot cannot tell", async () => {
    const { routes, store } = setup();
    const posted = (await routes(new Request(`${SITE}/api/tickets`, { method: "POST", body: new URLSearchParams({ ...ticket, website: "x" }) })))!;
    const reference = new URL(posted.headers.get("Location")!, SITE).searchParams.get("ref")!;
    expect((await store.getTicket(reference))?.forward.status).toBe("suspended");
    const document = parseHTML(await (await routes(get(posted.headers.get("Location")!)))!.text()).document;
    expect(document.querySelector("[data-ticket-reference]")!.textContent).toBe(reference);
    expect(document.querySelector("[data-ticket-found]")!.hasAttribute("hidden")).toBe(false);
  });

  test("other paths, and pages that were not built, fall through to the static files", async () => {
    const { routes } = setup({});
    expect(await routes(get("/tickets/new/"))).toBeNull();
    expect(await setup().routes(get("/search/"))).toBeNull();
    expect(await setup().routes(new Request(`${SITE}/tickets/new/`, { method: "POST" }))).toBeNull();
  });

  test("the endpoint answers every method itself, so a GET is a 405 rather than a 404", async () => {
    const { routes } = setup();
    const response = (await routes(get("/api/tickets")))!;
    expect(response.status).toBe(405);
  });
});
