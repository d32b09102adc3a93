import { describe, expect, test } from "vitest";
import { createTicketHandler, type TicketHandlerConfig } from "../../src/helpdesk/handler.ts";
import { MemoryTicketStore } from "../../src/helpdesk/store/memory.ts";
import type { TicketStore } from "../../src/helpdesk/store/ticket-store.ts";
import { issueStartedAt } from "../../src/helpdesk/time-trap.ts";
import { loadSupportData } from "../../src/lib/support-data.ts";
import { EXE_BYTES, PDF_BYTES, PNG_BYTES, ZIP_BYTES } from "../sample-files.ts";
import { ENTERPRISE_RECEIPT, PLAIN_HANDLER_CONFIG, SAMPLE_TICKET } from "../sample-ticket.ts";

const data = loadSupportData();
const SITE = "https://help.example.com";
const ENDPOINT = `${SITE}/api/tickets`;
const SECRET = "test-time-trap-secret";
const REFERENCE = /^PX-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
// Monday 14 July 2025, 10:00 in São Paulo.
const MONDAY_10_BRT = new Date("2025-07-14T13:00:00Z");

const ticket = SAMPLE_TICKET;

function setup(config: Partial<TicketHandlerConfig> = {}, store: TicketStore = new MemoryTicketStore()) {
  let now = MONDAY_10_BRT;
  let wakes = 0;
  const handler = createTicketHandler({
    store,
    supportData: data,
    now: () => now,
    wakeOutbox: () => wakes++,
    config: {
      allowedOrigins: ["https://www.example.com"],
      maxBodyBytes: 64 * 1024,
      minFillMs: 3_000,
      rateLimit: { max: 5, windowMs: 10 * 60_000 },
      thanksPath: "/tickets/thanks/",
      formPath: "/tickets/new/",
      timeTrapSecret: SECRET,
      supportEmail: "support@example.com",
      confirmationEmail: true,
      ...config,
    },
  });
  return {
    handler,
    store,
    wakes: () => wakes,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
  };
}

function postJson(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(ENDPOINT, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
  });
}

function formData(values: Record<string, string>, files: File[] = []): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  for (const file of files) form.append("attachments", file);
  return form;
}

/** A plain HTML form post, as a browser without JavaScript sends it. */
function postForm(body: FormData | URLSearchParams, headers: Record<string, string> = {}): Request {
  return new Request(ENDPOINT, {
    method: "POST",
    body,
    headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8", Origin: SITE, ...headers },
  });
}

describe("accepting a ticket", () => {
  test("a JSON client gets 201 with the reference, routing and first-response due time", async () => {
    const { handler, store, wakes } = setup();
    const response = await handler(postJson(ticket), { ip: "203.0.113.5" });
    expect(response.status).toBe(201);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    // 10 business hours left on Monday, the other 2 on Tuesday from 08:00.
    expect(body).toEqual({ ...ENTERPRISE_RECEIPT, reference: expect.stringMatching(REFERENCE), priority: "Medium" });
    const stored = await store.getTicket(body.reference);
    expect(stored).toMatchObject({
      channel: "Web",
      email: "ana@example.com",
      department: "paid-support",
      tier: "standard",
      createdAt: MONDAY_10_BRT.toISOString(),
      firstResponseTarget: { minutes: 720, clock: "business-hours" },
      firstResponseDueAt: "2025-07-15T13:00:00.000Z",
      forward: { status: "pending", attempts: 0 },
      suspension: null,
    });
    expect(wakes()).toBe(1);
  });

  test("a community plan ticket is stored with no due time and says there is no commitment", async () => {
    const { handler } = setup();
    const body = await (await handler(postJson({ ...ticket, plan: "community", priority: "High" }))).json();
    expect(body.department).toEqual({ id: "community", name: "Community" });
    expect(body.firstResponseDueAt).toBeNull();
    expect(body.firstResponseDueText).toBeNull();
    expect(body.firstResponseTarget).toBe("no response-time commitment");
  });

  test("a form post without JavaScript is answered 303 to the thank-you page, with its files stored", async () => {
    const { handler, store } = setup();
    const log = new File(["boot failed\n"], "server.log", { type: "" });
    const response = await handler(postForm(formData(ticket, [log])));
    expect(response.status).toBe(303);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const location = response.headers.get("Location") ?? "";
    const reference = new URL(location, SITE).searchParams.get("ref") ?? "";
    expect(location).toBe(`/tickets/thanks/?ref=${reference}`);
    expect(await store.getTicket(reference)).toMatchObject({ attachments: [{ name: "server.log", size: 12 }] });
    const [file] = await store.getAttachments(reference);
    expect(new TextDecoder().decode(file?.bytes)).toBe("boot failed\n");
  });

  test("a URL-encoded form post works the same way", async () => {
    const { handler } = setup();
    const response = await handler(postForm(new URLSearchParams(ticket)));
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^\/tickets\/thanks\/\?ref=PX-/);
  });
});

describe("sending a ticket back for corrections", () => {
  test("a JSON client gets 422 with one human message per field", async () => {
    const { handler, store } = setup();
    const response = await handler(postJson({ ...ticket, email: "ana@", subject: "", plan: "platinum" }));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.message).toBe("Check the 3 highlighted fields and send the ticket again");
    expect(body.errors).toEqual({
      email: "Enter an email address like name@example.com",
      subject: "Enter a subject: a few words that sum up the problem",
      plan: expect.stringMatching(/^Choose one of the plans in the list: Community edition/),
    });
    expect(await store.listTickets()).toEqual([]);
  });

  test("an unknown product area is a field error too", async () => {
    const { handler } = setup();
    const body = await (await handler(postJson({ ...ticket, productArea: "teleportation" }))).json();
    expect(Object.keys(body.errors)).toEqual(["productArea"]);
  });

  test("a form post without JavaScript goes back to the form with a draft token, not the typed text, in the URL", async () => {
    const { handler, store, now } = setup();
    const typed = { ...ticket, email: "not an email", website: "", startedAt: "123.abc", idempotencyKey: crypto.randomUUID() };
    const response = await handler(postForm(formData(typed, [new File([PNG_BYTES], "shot.png", { type: "image/png" })])));
    expect(response.status).toBe(303);
    const location = response.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/tickets\/new\/\?draft=[A-Za-z0-9_-]{20,}#form-errors$/);
    expect(location).not.toContain("ana");
    const token = new URL(location, SITE).searchParams.get("draft") ?? "";
    const draft = await store.readDraft(token, now());
    expect(draft?.values).toEqual({ ...ticket, email: "not an email", idempotencyKey: typed.idempotencyKey });
    expect(draft?.errors).toEqual({
      email: "Enter an email address like name@example.com",
      attachments: "Attach your files again: files are not kept when the form comes back for corrections",
    });
    expect(await store.listTickets()).toEqual([]);
  });

  test("a draft expires after an hour", async () => {
    const { handler, store, now } = setup();
    const location = (await handler(postForm(formData({ ...ticket, name: "" })))).headers.get("Location") ?? "";
    const token = new URL(location, SITE).searchParams.get("draft") ?? "";
    expect(await store.readDraft(token, new Date(now().getTime() + 59 * 60_000))).not.toBeNull();
    expect(await store.readDraft(token, new Date(now().getTime() + 61 * 60_000))).toBeNull();
  });

  test("too many or unsuitable attachments are a field error on attachments", async () => {
    const { handler } = setup({ maxBodyBytes: 1024 * 1024 });
    const response = await handler(
      postForm(formData(ticket, [new File(["MZ"], "setup.exe", { type: "application/x-msdownload" })]), { Accept: "application/json" }),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).errors.attachments).toMatch(/"setup.exe" is not a file type we accept/);
  });
});

describe("attachments are checked by what is inside them", () => {
  const asJson = { Accept: "application/json" };

  test("a program sent as invoice.pdf is refused with the reason, and nothing is stored", async () => {
    const { handler, store } = setup({ maxBodyBytes: 1024 * 1024 });
    const response = await handler(postForm(formData(ticket, [new File([EXE_BYTES], "invoice.pdf", { type: "application/pdf" })]), asJson));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual({
      attachments:
        '"invoice.pdf" is marked as a PDF document, but what is inside is EXE data (application/x-msdownload); check that you chose the right file',
    });
    expect(await store.listTickets()).toEqual([]);
  });

  test("a ZIP sent as a PNG image, and text files that are not text, are refused file by file", async () => {
    const { handler } = setup({ maxBodyBytes: 1024 * 1024 });
    const files = [
      new File([PNG_BYTES], "fine.png", { type: "image/png" }),
      new File([ZIP_BYTES], "photo.png", { type: "image/png" }),
      new File([new Uint8Array([0x6c, 0x6f, 0x67, 0x00, 0x00, 0x01])], "server.log", { type: "" }),
      new File([new Uint8Array([0x6e, 0x61, 0xef, 0xbf, 0x28])], "export.csv", { type: "text/csv" }),
    ];
    const body = await (await handler(postForm(formData(ticket, files), asJson))).json();
    expect(body.errors.attachments.split(". ")).toEqual([
      '"photo.png" is marked as a PNG image, but what is inside is ZIP data (application/zip); check that you chose the right file',
      '"server.log" is marked as a text file, but what is inside is not text (UTF-8 or UTF-16, without NUL characters); check that you chose the right file',
      '"export.csv" is marked as a CSV file, but what is inside is not text (UTF-8 or UTF-16, without NUL characters); check that you chose the right file',
    ]);
  });

  test("real images, documents, archives and logs (UTF-8, or UTF-16 as Windows writes them) are stored as they came", async () => {
    const { handler, store } = setup({ maxBodyBytes: 1024 * 1024 });
    const utf16Log = Uint8Array.from([0xff, 0xfe, ...[..."Sign-in failed\r\n"].flatMap((c) => [c.charCodeAt(0), 0])]);
    const files = [
      new File([PNG_BYTES], "screen.png", { type: "image/png" }),
      new File([PDF_BYTES], "invoice.pdf", { type: "application/pdf" }),
      new File([ZIP_BYTES], "logs.zip", { type: "application/zip" }),
      new File(["2025-07-14 ERROR sign-in: token expired\nÄrger über Umlaute\n"], "server.log", { type: "" }),
      new File([utf16Log], "powershell.log", { type: "" }),
    ];
    const response = await handler(postForm(formData(ticket, files), asJson));
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    const stored = await store.getAttachments(reference);
    expect(stored.map(({ name, type }) => [name, type])).toEqual([
      ["screen.png", "image/png"],
      ["invoice.pdf", "application/pdf"],
      ["logs.zip", "application/zip"],
      // A type the browser left out is the kind's.
      ["server.log", "text/plain"],
      ["powershell.log", "text/plain"],
    ]);
    expect(stored[0]?.bytes).toEqual(PNG_BYTES);
  });

  test("a long file name is shortened to 200 bytes, keeping its extension", async () => {
    const { handler, store } = setup({ maxBodyBytes: 1024 * 1024 });
    const name = `${"Quarterly report for the board, final version ".repeat(8)}.pdf`;
    const { reference } = await (await handler(postForm(formData(ticket, [new File([PDF_BYTES], name, { type: "application/pdf" })]), asJson))).json();
    const [stored] = await store.getAttachments(reference);
    expect(stored?.name).toMatch(/^Quarterly report for the board, final version Quarterly .*…\.pdf$/);
    expect(new TextEncoder().encode(stored?.name).length).toBeLessThanOrEqual(200);
  });

  test("a name of only invisible characters is treated like an empty one: replaced by one from the file's position and kind", async () => {
    const { handler, store } = setup({ maxBodyBytes: 1024 * 1024 });
    const files = [
      new File([PNG_BYTES], "\u200b\u200b\u3000", { type: "image/png" }),
      new File([PNG_BYTES], "\u202e\u2066\u200d.png", { type: "image/png" }),
      new File([PNG_BYTES], "\u200bscreen\u200b.png\u00a0", { type: "image/png" }),
    ];
    const { reference } = await (await handler(postForm(formData(ticket, files), asJson))).json();
    expect((await store.getAttachments(reference)).map((f) => f.name)).toEqual(["attachment-1.png", "attachment-2.png", "screen\u200b.png"]);

    // Without a type that names a kind, an invisible name is refused, as an empty one is (see attachment-name.test.ts).
    const refused = await handler(postForm(formData(ticket, [new File([PNG_BYTES], "\u200b\u2060", { type: "" })]), asJson));
    expect((await refused.json()).errors.attachments).toMatch(/^"File 1" is not a file type we accept; attach PNG/);
  });
});

describe("refusing requests", () => {
  test("a GET is 405 with Allow: POST, OPTIONS", async () => {
    const { handler } = setup();
    const response = await handler(new Request(ENDPOINT, { headers: { Accept: "application/json" } }));
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST, OPTIONS");
    expect((await response.json()).message).toMatch(/ticket form/);
  });

  test("a body larger than the limit is 413 even when Content-Length claims it is small", async () => {
    const { handler, store } = setup({ maxBodyBytes: 2_000 });
    const lying = new Request(ENDPOINT, {
      method: "POST",
      body: JSON.stringify({ ...ticket, description: "x".repeat(5_000) }),
      headers: { "Content-Type": "application/json", "Content-Length": "100" },
    });
    expect(lying.headers.get("Content-Length")).toBe("100");
    const response = await handler(lying);
    expect(response.status).toBe(413);
    expect((await response.json()).message).toBe(
      "Your ticket is larger than 2 KB. Attach fewer or smaller files (zip them, or leave out large logs) and send it again.",
    );
    expect(await store.listTickets()).toEqual([]);
  });

  test("an honest Content-Length over the limit is refused before reading the body", async () => {
    const { handler } = setup({ maxBodyBytes: 2_000 });
    const response = await handler(postJson({ ...ticket, description: "x".repeat(5_000) }));
    expect(response.status).toBe(413);
  });

  test("a body that is not JSON or form data is 415", async () => {
    const { handler } = setup();
    const response = await handler(
      new Request(ENDPOINT, { method: "POST", body: "hello", headers: { "Content-Type": "text/plain", Accept: "application/json" } }),
    );
    expect(response.status).toBe(415);
    expect((await response.json()).message).toMatch(/multipart\/form-data/);
  });

  test("malformed JSON is 400 with a message", async () => {
    const { handler } = setup();
    const response = await handler(
      new Request(ENDPOINT, { method: "POST", body: "{name:", headers: { "Content-Type": "application/json" } }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/not valid JSON/);
  });

  test("a post from a page on another site is 403", async () => {
    const { handler, store } = setup();
    const response = await handler(postJson(ticket, { Origin: "https://evil.example.net" }));
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/own pages/);
    expect(await store.listTickets()).toEqual([]);
  });

  test("an allow-listed origin may post, and its preflight is answered with CORS headers", async () => {
    const { handler } = setup();
    const preflight = await handler(
      new Request(ENDPOINT, {
        method: "OPTIONS",
        headers: { Origin: "https://www.example.com", "Access-Control-Request-Method": "POST" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("https://www.example.com");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("Idempotency-Key");
    const response = await handler(postJson(ticket, { Origin: "https://www.example.com" }));
    expect(response.status).toBe(201);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://www.example.com");
  });

  test("a preflight from a foreign origin gets no CORS headers", async () => {
    const { handler } = setup();
    const response = await handler(new Request(ENDPOINT, { method: "OPTIONS", headers: { Origin: "https://evil.example.net" } }));
    expect(response.status).toBe(403);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  test("a refused form post gets a readable HTML page rather than JSON", async () => {
    const { handler } = setup();
    const response = await handler(postForm(formData(ticket), { Origin: "https://evil.example.net" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain("<h1>This page cannot send tickets here</h1>");
    expect(html).toContain('href="/tickets/new/"');
  });
});

describe("spam is kept, suspended, and answered like a person's ticket", () => {
  const REPLY_KEYS = [
    "confirmationEmail",
    "department",
    "firstResponseDueAt",
    "firstResponseDueText",
    "firstResponseTarget",
    "plan",
    "priority",
    "productArea",
    "reference",
    "tier",
  ];

  test("a filled honeypot gets the same 201 with a real reference, stored suspended with its files and why, never forwarded", async () => {
    const store = new MemoryTicketStore();
    const lines: string[] = [];
    const logged = createTicketHandler({
      store,
      supportData: data,
      now: () => MONDAY_10_BRT,
      wakeOutbox: () => {
        throw new Error("a suspended ticket must not wake the outbox");
      },
      log: (line) => lines.push(line),
      config: { allowedOrigins: [], maxBodyBytes: 1024 * 1024, minFillMs: 3_000, rateLimit: { max: 5, windowMs: 60_000 }, thanksPath: "/tickets/thanks/", formPath: "/tickets/new/", timeTrapSecret: SECRET, confirmationEmail: true },
    });
    const file = new File(["boot failed\n"], "server.log", { type: "text/plain" });
    const response = await logged(postForm(formData({ ...ticket, website: "https://cheap-pills.example" }, [file]), { Accept: "application/json" }));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(REPLY_KEYS);
    expect(body.reference).toMatch(REFERENCE);

    const stored = await store.getTicket(body.reference);
    expect(stored).toMatchObject({
      subject: ticket.subject,
      email: ticket.email,
      department: "paid-support",
      forward: { status: "suspended", attempts: 0, nextAttemptAt: null },
      suspension: { reason: expect.stringMatching(/^honeypot: /), at: MONDAY_10_BRT.toISOString(), releasedAt: null },
      attachments: [{ name: "server.log", size: 12 }],
    });
    expect(new TextDecoder().decode((await store.getAttachments(body.reference))[0]?.bytes)).toBe("boot failed\n");
    expect(await store.dueForForwarding(new Date(8.64e15), 10)).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^ticket ${body.reference} .*suspended \\(honeypot\\)`))]);
    expect(lines.join("\n")).not.toContain("ana@example.com");
  });

  test("the reply to a suspended ticket is the reply a person gets for the same ticket, apart from the reference", async () => {
    const person = await (await setup().handler(postJson(ticket))).json();
    const bot = await (await setup().handler(postJson({ ...ticket, website: "x" }))).json();
    expect({ ...bot, reference: "" }).toEqual({ ...person, reference: "" });
  });

  test("a honeypot form post is redirected to its own thank-you page, like a real one", async () => {
    const { handler, store } = setup();
    const response = await handler(postForm(formData({ ...ticket, website: "x" })));
    expect(response.status).toBe(303);
    const reference = new URL(response.headers.get("Location") ?? "", SITE).searchParams.get("ref") ?? "";
    expect(response.headers.get("Location")).toBe(`/tickets/thanks/?ref=${reference}`);
    expect((await store.getTicket(reference))?.forward.status).toBe("suspended");
  });

  test("a form sent back faster than a person can type is suspended with how fast it was; a normal pace is a normal ticket", async () => {
    const { handler, store, advance, now, wakes } = setup();
    const startedAt = await issueStartedAt(SECRET, now());
    advance(1_200);
    const tooFast = await (await handler(postJson({ ...ticket, startedAt }))).json();
    expect((await store.getTicket(tooFast.reference))?.suspension?.reason).toBe(
      "time trap: sent 1.2 s after the form was opened; the minimum is 3.0 s",
    );
    expect(wakes()).toBe(0);

    advance(10_000);
    const human = await (await handler(postJson({ ...ticket, subject: "Another problem", startedAt }))).json();
    expect(await store.getTicket(human.reference)).toMatchObject({ forward: { status: "pending" }, suspension: null });
    expect(wakes()).toBe(1);
  });

  test("a flagged submission with invalid fields is sent back with its errors, as a person's would be", async () => {
    const { handler, store } = setup();
    const json = await handler(postJson({ ...ticket, email: "ana@", website: "x" }));
    expect(json.status).toBe(422);
    expect((await json.json()).errors).toEqual({ email: "Enter an email address like name@example.com" });

    const form = await handler(postForm(formData({ ...ticket, email: "ana@", website: "x" })));
    expect(form.headers.get("Location")).toMatch(/^\/tickets\/new\/\?draft=/);
    expect(await store.listTickets()).toEqual([]);
  });

  test("a suspended ticket is replayed by its idempotency key and still counts toward the rate limit", async () => {
    const { handler, store } = setup({ rateLimit: { max: 1, windowMs: 60_000 } });
    const key = crypto.randomUUID();
    const first = await (await handler(postJson({ ...ticket, website: "x" }, { "Idempotency-Key": key }), { ip: "192.0.2.9" })).json();
    const replay = await handler(postJson({ ...ticket, website: "x" }, { "Idempotency-Key": key }), { ip: "192.0.2.9" });
    expect((await replay.json()).reference).toBe(first.reference);
    expect((await handler(postJson({ ...ticket, email: "b@example.com", website: "x" }), { ip: "192.0.2.9" })).status).toBe(429);
    expect(await store.listTickets({ status: "suspended" })).toHaveLength(1);
  });

  test("a startedAt token we did not sign is ignored rather than punished", async () => {
    const { handler, store, now } = setup();
    const forged = `${now().getTime()}.${"A".repeat(43)}`;
    expect((await handler(postJson({ ...ticket, startedAt: forged }))).status).toBe(201);
    expect((await store.listTickets({ status: "pending" }))).toHaveLength(1);
  });
});

describe("rate limits", () => {
  test("the sixth ticket from one address in ten minutes is 429 with Retry-After, and allowed again later", async () => {
    const { handler, advance } = setup();
    for (let i = 0; i < 5; i++) {
      advance(60_000);
      const response = await handler(postJson({ ...ticket, email: `person${i}@example.com` }), { ip: "198.51.100.7" });
      expect(response.status).toBe(201);
    }
    const limited = await handler(postJson({ ...ticket, email: "another@example.com" }), { ip: "198.51.100.7" });
    expect(limited.status).toBe(429);
    // The first of the five was 4 minutes ago; it leaves the 10-minute window in 6 minutes.
    expect(limited.headers.get("Retry-After")).toBe("360");
    expect((await limited.json()).message).toMatch(/Try again in 6 minutes/);

    const otherClient = await handler(postJson({ ...ticket, email: "another@example.com" }), { ip: "198.51.100.8" });
    expect(otherClient.status).toBe(201);

    advance(359_000);
    expect((await handler(postJson({ ...ticket, email: "later@example.com" }), { ip: "198.51.100.7" })).status).toBe(429);
    advance(1_000);
    expect((await handler(postJson({ ...ticket, email: "later@example.com" }), { ip: "198.51.100.7" })).status).toBe(201);
  });

  test("one email address is limited even when it comes from many addresses", async () => {
    const { handler } = setup({ rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await handler(postJson(ticket), { ip: "192.0.2.1" })).status).toBe(201);
    expect((await handler(postJson(ticket), { ip: "192.0.2.2" })).status).toBe(201);
    const limited = await handler(postJson({ ...ticket, email: "ANA@example.com" }), { ip: "192.0.2.3" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  test("X-Forwarded-For is ignored unless the proxy is trusted", async () => {
    const spoofing = setup({ rateLimit: { max: 1, windowMs: 60_000 } });
    await spoofing.handler(postJson({ ...ticket, email: "a@example.com" }), { ip: "10.0.0.1" });
    const again = await spoofing.handler(postJson({ ...ticket, email: "b@example.com" }, { "X-Forwarded-For": "192.0.2.99" }), {
      ip: "10.0.0.1",
    });
    expect(again.status).toBe(429);

    const proxied = setup({ rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: true });
    await proxied.handler(postJson({ ...ticket, email: "a@example.com" }, { "X-Forwarded-For": "192.0.2.10" }), { ip: "10.0.0.1" });
    const otherClient = await proxied.handler(postJson({ ...ticket, email: "b@example.com" }, { "X-Forwarded-For": "192.0.2.11" }), {
      ip: "10.0.0.1",
    });
    expect(otherClient.status).toBe(201);
  });
});

describe("idempotency", () => {
  test("the same key and body replays the first answer with the same reference and stores one ticket", async () => {
    const { handler, store } = setup();
    const key = crypto.randomUUID();
    const first = await handler(postJson(ticket, { "Idempotency-Key": key }));
    const retry = await handler(postJson({ ...ticket, email: " ANA@example.com" }, { "Idempotency-Key": key }));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await retry.json()).reference).toBe((await first.json()).reference);
    expect(await store.listTickets()).toHaveLength(1);
  });

  test("the key can come from the form field, and a no-JavaScript double submit lands on the same thank-you page", async () => {
    const { handler, store } = setup();
    const values = { ...ticket, idempotencyKey: crypto.randomUUID() };
    const first = await handler(postForm(formData(values)));
    const second = await handler(postForm(formData(values)));
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await store.listTickets()).toHaveLength(1);
  });

  test("a replay is not stopped by the rate limit", async () => {
    const { handler } = setup({ rateLimit: { max: 1, windowMs: 60_000 } });
    const key = crypto.randomUUID();
    expect((await handler(postJson(ticket, { "Idempotency-Key": key }), { ip: "192.0.2.1" })).status).toBe(201);
    expect((await handler(postJson(ticket, { "Idempotency-Key": key }), { ip: "192.0.2.1" })).status).toBe(201);
  });

  test("the same key with a different body is 409 with a clear message", async () => {
    const { handler, store } = setup();
    const key = crypto.randomUUID();
    const first = await (await handler(postJson(ticket, { "Idempotency-Key": key }))).json();
    const conflict = await handler(postJson({ ...ticket, subject: "Something else entirely" }, { "Idempotency-Key": key }));
    expect(conflict.status).toBe(409);
    const body = await conflict.json();
    expect(body.message).toContain(`already used to send ticket ${first.reference}`);
    expect(body.message).toMatch(/open a fresh ticket form/);
    expect(await store.listTickets()).toHaveLength(1);
  });
});

describe("when the store fails", () => {
  test("the customer is told nothing was saved and to try again, with Retry-After", async () => {
    const broken = new MemoryTicketStore();
    broken.saveTicket = async () => {
      throw new Error("disk full");
    };
    const lines: string[] = [];
    const handler = createTicketHandler({
      store: broken,
      supportData: data,
      log: (line) => lines.push(line),
      config: { ...PLAIN_HANDLER_CONFIG, timeTrapSecret: SECRET, supportEmail: "support@example.com" },
    });
    const response = await handler(postJson(ticket));
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("60");
    expect((await response.json()).message).toMatch(/could not save your ticket.*email support@example\.com/);
    expect(lines.join("\n")).not.toContain("ana@example.com");
  });
});
