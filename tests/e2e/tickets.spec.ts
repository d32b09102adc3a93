import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { describeTarget } from "../../src/lib/support-text.ts";
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT, TICKET_LIMITS } from "../../src/lib/ticket.ts";
import { EXE_BYTES, PDF_BYTES } from "../sample-files.ts";
import { expectNoAxeViolations, ROOT, useTheme } from "./fixtures.ts";
import { startPortal, ticketsCommand, type PortalServer } from "./ticket-fixtures.ts";

interface Delivery {
  signatureValid: boolean;
  idempotencyKey: string | null;
  body: {
    ticket: { reference: string; subject: string; department: string; priority: string };
    attachments: { name: string; type: string; size: number; contentBase64: string }[];
  };
}

async function deliveriesFor(subject: string): Promise<Delivery[]> {
  const response = await fetch(`${process.env.E2E_HELPDESK_URL}/received`);
  const all = (await response.json()) as Delivery[];
  return all.filter((d) => d.body.ticket.subject === subject);
}

interface ChatDelivery {
  product: string;
  status: number;
  problem: string | null;
  body: { text?: string; attachments?: { title?: string }[] };
}

/** What the stand-in chat server received that mentions a ticket. */
async function chatMessagesAbout(reference: string): Promise<ChatDelivery[]> {
  const response = await fetch(`${process.env.E2E_HELPDESK_URL}/chat-received`);
  return ((await response.json()) as ChatDelivery[]).filter((d) => JSON.stringify(d.body).includes(reference));
}

async function fillValidTicket(page: Page, subject: string, plan = "Pro") {
  await page.getByLabel("Your name").fill("Jane Example");
  await page.getByLabel("Email").fill("jane@example.com");
  await page.getByLabel("Your plan").selectOption({ label: plan });
  await page.getByLabel("What is it about?").selectOption({ label: "Signing in and accounts" });
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("What happened?").fill("Since nine this morning nobody in the sales team can sign in.");
}

/** Sends a valid High ticket from the form with JavaScript; resolves with the reference the thank-you page shows. */
async function sendHighTicket(page: Page, subject: string): Promise<string> {
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByRole("radio", { name: /High/ }).check();
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/);
  return new URL(page.url()).searchParams.get("ref")!;
}

const uniqueSubject = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

const site = parse(readFileSync(resolve(ROOT, "content/site.yaml"), "utf8")) as { support: { email: string; hotline: string } };
const WEEKDAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)";
/** How the site writes a due time: "Thursday 3 December 2026 at 20:00, Sao Paulo time (GMT-3)". */
const dueTimeFormat = (zone: string) => new RegExp(`${WEEKDAY} \\d{1,2} ${MONTH} \\d{4} at \\d{2}:\\d{2}, ${zone} \\((GMT|UTC)([+-]\\d{1,2}(:\\d{2})?)?\\)`);

/** The wall clock an instant shows in a zone, as "20:00", computed here independently of the page. */
const clockIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));

/** The hue of a computed rgb() colour, in degrees. */
function hueOf(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

test("a High ticket from a paying customer is announced in the support team's chat within seconds", async ({ page }) => {
  const subject = uniqueSubject("Messages stopped for everyone");
  const reference = await sendHighTicket(page, subject);
  await expect.poll(() => chatMessagesAbout(reference), { timeout: 10_000 }).toHaveLength(1);
  const [message] = await chatMessagesAbout(reference);
  expect(message).toMatchObject({ product: "rocketchat", status: 200, problem: null });
  expect(message?.body.text).toContain(`New High ticket ${reference} (Pro)`);
  expect(message?.body.attachments?.[0]?.title).toBe(`${reference}: ${subject}`);
  // The customer's name, email and description stay out of the channel.
  expect(JSON.stringify(message?.body)).not.toMatch(/Jane Example|jane@example\.com|sales team can sign in/);
});

test("submits a ticket with JavaScript and shows its reference and expected first response", async ({ page }) => {
  const subject = uniqueSubject("Sign-in fails for the sales team");
  const reference = await sendHighTicket(page, subject);
  await expect(page.locator("[data-ticket-reference]")).toHaveText(reference);
  // The due time on the team's clock; the reader's own comes first where it differs (tested below).
  await expect(page.locator("[data-ticket-found]")).toContainText("Sao Paulo time");
  await expect(page.locator("[data-ticket-department]")).toHaveText("Paid Support");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
  await expect(page).toHaveTitle(/^Ticket received · /);
  // This server's webhook is not said to email customers, so no email is promised.
  await expect(page.locator('[data-confirmation="none"]')).toBeVisible();
  await expect(page.locator('[data-confirmation="email"]')).toBeHidden();
  // The helpdesk gets it once, signed.
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  const [delivery] = await deliveriesFor(subject);
  expect(delivery?.signatureValid).toBe(true);
  expect(delivery?.body.ticket).toMatchObject({ reference, priority: "High", department: "paid-support" });
});

test("submits a ticket without JavaScript and shows its reference", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const subject = uniqueSubject("Notifications stopped on Android");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject, "Cloud trial");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/);
  const reference = new URL(page.url()).searchParams.get("ref")!;
  await expect(page.locator("[data-ticket-reference]")).toHaveText(reference);
  await expect(page.locator("[data-first-response]")).toContainText("Sao Paulo time");
  await expect(page.locator("[data-first-response-target]")).toHaveText("Standard Support: within 1 business day");
  await expect(page.locator("[data-ticket-department]")).toHaveText("Trials");
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  await context.close();
});

test("shows which fields are wrong, next to them, and keeps what was typed", async ({ page }) => {
  await page.goto("/tickets/new/");
  await page.getByLabel("Your name").fill("Jane Example");
  await page.getByLabel("Email").fill("jane@");
  await page.getByLabel("Subject").fill("Exports are empty");
  await page.getByLabel("What happened?").fill("short");
  await page.getByRole("button", { name: "Send ticket" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Please fix these before sending" });
  await expect(summary).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#error-email")).toHaveText(/email address like name@example.com/);
  await expect(page.locator("#error-description")).toBeVisible();
  await expect(page.locator("#error-plan")).toBeVisible();
  // The first field in error has focus, and nothing typed was lost.
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Subject")).toHaveValue("Exports are empty");
  await expect(page.getByLabel("Your name")).toHaveValue("Jane Example");
  // The error message is announced with the field.
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/email address like name@example.com/);
  await expectNoAxeViolations(page);
  // Fixing a field clears its message as the customer types.
  await page.getByLabel("Email").fill("jane@example.com");
  await expect(page.locator("#error-email")).toBeHidden();
});

test("without JavaScript, an invalid ticket comes back with its errors and the typed text", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/tickets/new/");
  await page.getByLabel("Your name").fill("Jane Example");
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByLabel("Your plan").selectOption({ label: "Enterprise" });
  await page.getByLabel("Subject").fill("Calls drop after a minute");
  await page.getByLabel("What happened?").fill("Every video call ends after about sixty seconds for everyone.");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/new\/\?draft=/);
  await expect(page.locator("#error-email")).toHaveText(/email address like name@example.com/);
  await expect(page.locator("#error-productArea")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-address");
  await expect(page.getByLabel("Subject")).toHaveValue("Calls drop after a minute");
  await expect(page.getByLabel("What happened?")).toHaveValue("Every video call ends after about sixty seconds for everyone.");
  await expect(page.getByLabel("Your plan")).toHaveValue("enterprise");
  await expect(page.locator("[data-error-summary] a").first()).toHaveAttribute("href", "#field-email");
  await context.close();
});

test("the priority picker shows each priority's target for the chosen plan, from the SLA data", async ({ page }) => {
  const tiers = parse(readFileSync(resolve(ROOT, "content/data/sla.yaml"), "utf8")) as { id: string; firstResponse: Record<string, { minutes: number; clock: "24x7" | "business-hours" } | null> }[];
  const site = parse(readFileSync(resolve(ROOT, "content/site.yaml"), "utf8"));
  const missionCritical = tiers.find((t) => t.id === "mission-critical")!;
  await page.goto("/tickets/new/");
  await page.getByLabel("Your plan").selectOption({ label: "Enterprise with Mission Critical" });
  const high = describeTarget(missionCritical.firstResponse.High ?? null, site.businessHours);
  await expect(page.locator('[data-priority-target="High"]')).toHaveText(`First response ${high}.`);
  await page.getByRole("radio", { name: /High/ }).check();
  await expect(page.locator("[data-response-preview]")).toContainText(`a High ticket gets a first response ${high}`);
  await expect(page.locator("[data-response-preview]").getByRole("link", { name: site.support.hotline })).toHaveAttribute("href", /^tel:/);
  // Each priority explains itself with its definition and an example.
  await expect(page.locator("#priority-desc-Low")).toContainText("For example");
});

test("a draft survives a reload and is cleared once the ticket is accepted", async ({ page }) => {
  const subject = uniqueSubject("Search misses old messages");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  // Reload straight away: the last keystrokes are saved as the page goes.
  await page.reload();
  await expect(page.getByLabel("Subject")).toHaveValue(subject);
  await expect(page.getByLabel("Your plan")).toHaveValue("pro");
  await expect(page.locator("[data-draft-status]")).toContainText("restored");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\//);
  await page.goto("/tickets/new/");
  await expect(page.getByLabel("Subject")).toHaveValue("");
});

test("when the endpoint is down during submit, the ticket is retried and arrives exactly once", async ({ page }) => {
  const subject = uniqueSubject("Uploads time out");
  const keys: string[] = [];
  let calls = 0;
  await page.route("**/api/tickets", async (route) => {
    calls += 1;
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    if (calls === 1) return route.abort("connectionrefused");
    if (calls === 2) return route.fulfill({ status: 503, body: "down for maintenance" });
    return route.continue();
  });
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.locator("[data-form-status]")).toContainText("Trying again");
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
  expect(calls).toBe(3);
  expect(new Set(keys).size).toBe(1);
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
});

test("a retry that reaches the server twice still creates one ticket", async ({ page }) => {
  const subject = uniqueSubject("Two requests, one ticket");
  let calls = 0;
  let lostAnswer: { reference?: string } | undefined;
  await page.route("**/api/tickets", async (route) => {
    calls += 1;
    // The first request reaches the server, but its answer is lost on the way back.
    if (calls === 1) {
      lostAnswer = (await (await route.fetch()).json()) as { reference?: string };
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
  // Both answers name the same stored ticket, so there is no second ticket to forward later.
  expect(calls).toBe(2);
  expect(new URL(page.url()).searchParams.get("ref")).toBe(lostAnswer?.reference);
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  expect(await deliveriesFor(subject)).toHaveLength(1);
});

test("offline, the ticket waits and is sent when the connection comes back", async ({ page, context }) => {
  const subject = uniqueSubject("Offline ticket");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.locator("[data-form-status]")).toContainText("You are offline");
  expect(await deliveriesFor(subject)).toHaveLength(0);
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
});

test("typing a subject suggests help articles that might answer it", async ({ page }) => {
  await page.goto("/tickets/new/");
  await page.getByLabel("Subject").fill("two-factor authentication code");
  const suggestions = page.getByRole("region", { name: "These articles might answer it" });
  await expect(suggestions).toBeVisible();
  await expect(suggestions.getByRole("link", { name: "Setting up two-factor authentication" })).toBeVisible();
});

test("a screenshot or log attached to the ticket reaches the helpdesk with it", async ({ page }) => {
  const subject = uniqueSubject("Crash log attached");
  const log = "2026-11-23 09:00:01 ERROR sign-in: token expired\n";
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByLabel(/Screenshots or logs/).setInputFiles({ name: "server.log", mimeType: "text/plain", buffer: Buffer.from(log) });
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\//);
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  const [delivery] = await deliveriesFor(subject);
  expect(delivery?.body.attachments).toEqual([{ name: "server.log", type: "text/plain", size: log.length, contentBase64: Buffer.from(log).toString("base64") }]);
});

test("a file of a kind we cannot open is refused before sending, with the reason", async ({ page }) => {
  await page.goto("/tickets/new/");
  await fillValidTicket(page, uniqueSubject("Wrong file"));
  await page.getByLabel(/Screenshots or logs/).setInputFiles({ name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") });
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.locator("#error-attachments")).toContainText("setup.exe");
  await expect(page).toHaveURL(/\/tickets\/new\//);
});

test("a file whose contents are not what its name says is refused by the endpoint, with the reason under the file input", async ({ page }) => {
  const subject = uniqueSubject("Invoice attached");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  // Passes the form's own check by name and type; only the endpoint sees that it is a program.
  await page.getByLabel(/Screenshots or logs/).setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from(EXE_BYTES) });
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.locator("#error-attachments")).toHaveText(
    '"invoice.pdf" is marked as a PDF document, but what is inside is EXE data (application/x-msdownload); check that you chose the right file',
  );
  await expect(page).toHaveURL(/\/tickets\/new\//);
  // Choosing the real document clears the message at once, and the ticket goes through to the helpdesk.
  await page.getByLabel(/Screenshots or logs/).setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF_BYTES) });
  await expect(page.locator("#error-attachments")).toBeHidden();
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\//);
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
});

test("a community ticket is told there is no response-time commitment", async ({ page }) => {
  const subject = uniqueSubject("Question about themes");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject, "Community edition");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page.locator("[data-first-response]")).toContainText("no response-time commitment");
  await expect(page.locator("[data-ticket-department]")).toHaveText("Community");
});

test("the subject carried over from a search is filled in", async ({ page }) => {
  await page.goto("/tickets/new/?subject=export+channel+history");
  await expect(page.getByLabel("Subject")).toHaveValue("export channel history");
});

test("the form's length limits, file types and attachment limits are the ticket schema's", async ({ page }) => {
  await page.goto("/tickets/new/");
  const limits: [string | RegExp, string, number][] = [
    ["Your name", "maxlength", TICKET_LIMITS.name],
    ["Email", "maxlength", TICKET_LIMITS.email],
    ["Subject", "minlength", TICKET_LIMITS.subjectMin],
    ["Subject", "maxlength", TICKET_LIMITS.subjectMax],
    ["What happened?", "minlength", TICKET_LIMITS.descriptionMin],
    ["What happened?", "maxlength", TICKET_LIMITS.descriptionMax],
    [/Workspace address/, "maxlength", TICKET_LIMITS.workspaceUrl],
    [/Version/, "maxlength", TICKET_LIMITS.version],
  ];
  for (const [label, attribute, value] of limits) await expect(page.getByLabel(label)).toHaveAttribute(attribute, String(value));
  const files = page.getByLabel(/Screenshots or logs/);
  await expect(files).toHaveAttribute("accept", ATTACHMENT_ACCEPT);
  await expect(files).toHaveAccessibleDescription(ATTACHMENT_HINT);
});

for (const [what, address] of [
  ["an unknown reference", "/tickets/thanks/?ref=PX-2222-2222"],
  ["no reference", "/tickets/thanks/"],
] as const) {
  test(`the thank-you page for ${what} says it cannot show the ticket and what to do, never that it was received`, async ({ browser }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(address);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot show this ticket here");
      await expect(page).toHaveTitle(/^Ticket not shown · /);
      await expect(page.getByText(/ticket received|we have (received )?your ticket/i).filter({ visible: true })).toHaveCount(0);
      const site = parse(readFileSync(resolve(ROOT, "content/site.yaml"), "utf8"));
      await expect(page.getByRole("main").getByRole("link", { name: site.support.email })).toHaveAttribute("href", `mailto:${site.support.email}`);
      await expect(page.getByRole("main").getByRole("link", { name: "Open the ticket form" })).toHaveAttribute("href", "/tickets/new/");
      await context.close();
    }
  });
}

for (const theme of ["light", "dark"] as const) {
  test(`the thank-you page has no accessibility violations in either state (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto("/tickets/thanks/?ref=PX-2222-2222");
    await expectNoAxeViolations(page);
    await page.goto("/tickets/new/");
    await fillValidTicket(page, uniqueSubject("Accessible thanks"));
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
    await expectNoAxeViolations(page);
  });
}

test("a submission the honeypot catches looks sent, waits in the suspended queue, and reaches the helpdesk once released", async ({ page }) => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const subject = uniqueSubject("Caught by the honeypot");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  // What a form-filling bot does, or a browser that autofills every field it finds.
  await page.locator('input[name="website"]').evaluate((input: HTMLInputElement) => (input.value = "https://example.net"));
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/);
  const reference = new URL(page.url()).searchParams.get("ref")!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
  await expect(page.locator("[data-ticket-reference]")).toHaveText(reference);

  const queue = await ticketsCommand(dataDir, "--suspended");
  const row = queue.stdout.split("\n").find((line) => line.startsWith(reference));
  expect(row, queue.stdout).toContain(subject);
  expect(row).toContain("honeypot");
  expect((await ticketsCommand(dataDir, "show", reference)).stdout).toMatch(/^Status:\s+suspended: honeypot/m);
  expect((await ticketsCommand(dataDir)).stdout).not.toContain(reference);
  expect(await deliveriesFor(subject)).toHaveLength(0);

  const released = await ticketsCommand(dataDir, "release", reference);
  expect(released.stdout).toContain(`${reference} sent to webhook`);
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  expect((await deliveriesFor(subject))[0]?.body.ticket.reference).toBe(reference);
});

test.describe("with the time trap on", () => {
  let portal: PortalServer;
  test.beforeAll(async () => {
    // Longer than the default 3 s, so filling the form in a test never takes as long as the trap wants.
    portal = await startPortal({ TICKET_MIN_FILL_MS: "5000" });
  });
  test.afterAll(async () => {
    await portal?.stop();
  });

  test("a draft restored and sent within a second keeps its start, and is stored and forwarded as a normal ticket", async ({ page }) => {
    const subject = uniqueSubject("Restored draft sent at once");
    await page.goto(`${portal.url}/tickets/new/`);
    const started = await page.locator('input[name="startedAt"]').inputValue();
    await fillValidTicket(page, subject);
    await expect(page.locator("[data-draft-status]")).toContainText("Draft saved");
    // The person leaves and comes back: the page arrives with a new token, the draft keeps the first.
    await page.reload();
    await expect(page.locator("[data-draft-status]")).toContainText("restored");
    await expect(page.locator('input[name="startedAt"]')).toHaveValue(started);
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
    const reference = new URL(page.url()).searchParams.get("ref")!;
    await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
    expect((await ticketsCommand(portal.dataDir, "--suspended")).stdout).not.toContain(reference);
  });

  test("a form filled and sent at once says it is sending, waits out the time trap, and is forwarded", async ({ page }) => {
    const subject = uniqueSubject("Sent straight away");
    await page.goto(`${portal.url}/tickets/new/`);
    await fillValidTicket(page, subject);
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.locator("[data-form-status]")).toHaveText("Sending your ticket…");
    await expect(page.getByRole("button", { name: "Send ticket" })).toBeDisabled();
    await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
    await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  });
});

test("the hotline and email beside the form look like links", async ({ page }) => {
  await page.goto("/tickets/new/");
  const contacts = page.getByRole("main").locator('a[href^="tel:"], a[href^="mailto:"]');
  await expect(contacts.filter({ hasText: site.support.hotline }).first()).toBeVisible();
  await expect(contacts.filter({ hasText: site.support.email }).first()).toBeVisible();
  for (const link of await contacts.all()) {
    const look = await link.evaluate((a) => ({
      underline: getComputedStyle(a).textDecorationLine,
      color: getComputedStyle(a).color,
      textColor: getComputedStyle(a.parentElement!).color,
    }));
    expect(look.underline, `${await link.textContent()} is underlined`).toContain("underline");
    expect(look.color, `${await link.textContent()} has the link colour`).not.toBe(look.textColor);
  }
});

test("on a phone, the number to call when everything is down comes before the Send button", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/tickets/new/");
  const call = page.getByRole("main").getByRole("link", { name: site.support.hotline });
  const send = page.getByRole("button", { name: "Send ticket" });
  await expect(call).toBeVisible();
  const [callBox, sendBox] = [await call.boundingBox(), await send.boundingBox()];
  expect(callBox!.y + callBox!.height).toBeLessThan(sendBox!.y);
  // Keyboard and screen reader users meet it in the same order.
  expect(await call.evaluate((a, button) => Boolean(a.compareDocumentPosition(button!) & Node.DOCUMENT_POSITION_FOLLOWING), await send.elementHandle())).toBe(true);
});

test("on a phone, the tips for a good ticket come before the form, where they can still help", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/tickets/new/");
  const tips = page.getByRole("complementary", { name: "A good ticket gets a faster answer" });
  const description = page.getByLabel("What happened?");
  await expect(tips).toBeVisible();
  const [tipsBox, fieldBox] = [await tips.boundingBox(), await description.boundingBox()];
  expect(tipsBox!.y + tipsBox!.height).toBeLessThan(fieldBox!.y);
});

for (const theme of ["light", "dark"] as const) {
  test(`the focus ring is clearly a different colour from the error colour (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto("/tickets/new/");
    await page.getByRole("button", { name: "Send ticket" }).click();
    const name = page.getByLabel("Your name");
    await expect(name).toBeFocused();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    const ring = await name.evaluate((input) => getComputedStyle(input).outlineColor);
    const error = await page.locator("#error-name").evaluate((p) => getComputedStyle(p).color);
    const errorBorder = await page.locator("[data-error-summary]").evaluate((box) => getComputedStyle(box).borderTopColor);
    expect(hueDistance(hueOf(ring), hueOf(error)), `focus ${ring} against error ${error}`).toBeGreaterThanOrEqual(90);
    expect(hueDistance(hueOf(ring), hueOf(errorBorder)), `focus ${ring} against the summary's border ${errorBorder}`).toBeGreaterThanOrEqual(90);
  });
}

/** The fields the error summary links to, and the same fields in the order the form shows them (top to bottom, left to right). */
async function summaryAndFormOrder(page: Page): Promise<{ summary: string[]; form: string[] }> {
  const summary = await page.locator("[data-error-summary] li a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!.slice(1)));
  const form = await page.evaluate((ids) => {
    const place = (id: string) => document.getElementById(id)!.getBoundingClientRect();
    return [...ids].sort((a, b) => Math.round(place(a).top) - Math.round(place(b).top) || place(a).left - place(b).left);
  }, summary);
  return { summary, form };
}

for (const javaScriptEnabled of [true, false]) {
  test(`the error summary lists the fields in the form's order (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto("/tickets/new/");
    await page.getByLabel("Subject").fill("Exports");
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.locator("[data-error-summary]")).toBeVisible();
    const { summary, form } = await summaryAndFormOrder(page);
    expect(summary.length).toBeGreaterThanOrEqual(5);
    expect(summary).toEqual(form);
    await context.close();
  });
}

test("on a plan without targets, each priority says so in a sentence", async ({ page }) => {
  await page.goto("/tickets/new/");
  await page.getByLabel("Your plan").selectOption({ label: "Community edition" });
  const slots = page.locator("[data-priority-target]");
  await expect(slots).toHaveCount(3);
  for (const slot of await slots.all()) {
    await expect(slot).toHaveText(/no response-time commitment/i);
    await expect(slot).toHaveText(/^[A-Z].*\.$/);
    await expect(slot).not.toHaveText(/first response no/i);
  }
  // A plan with targets reads the same way: one sentence per priority.
  await page.getByLabel("Your plan").selectOption({ label: "Pro" });
  for (const slot of await slots.all()) await expect(slot).toHaveText(/^First response within .*\.$/);
});

test.describe("the due time on the thank-you page", () => {
  test.use({ locale: "en-US", timezoneId: "Asia/Tokyo" });

  test("is given in the reader's time zone and the team's, written the same way", async ({ page }) => {
    await page.goto("/tickets/new/");
    await fillValidTicket(page, uniqueSubject("Due time in two zones"));
    // The form's preview writes the time the same way.
    await expect(page.locator("[data-response-preview]")).toContainText(dueTimeFormat("your time"));
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
    const due = (await page.locator("[data-first-response-time]").getAttribute("datetime"))!;
    const yours = page.locator("[data-first-response]");
    await expect(yours).toHaveText(dueTimeFormat("your time"));
    await expect(yours).toContainText(`at ${clockIn(due, "Asia/Tokyo")}, your time (GMT+9)`);
    const team = page.locator("[data-first-response-time]");
    await expect(team).toContainText(dueTimeFormat("Sao Paulo time"));
    await expect(team).toContainText(`at ${clockIn(due, "America/Sao_Paulo")}, Sao Paulo time`);
    await expect(team).toContainText("support team");
  });

  test("without JavaScript, is given in the team's zone only, in the same format", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-US", timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    await page.goto("/tickets/new/");
    await fillValidTicket(page, uniqueSubject("Due time without script"));
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
    await expect(page.locator("[data-first-response]")).toHaveText(dueTimeFormat("Sao Paulo time"));
    await expect(page.locator("[data-ticket-found]")).not.toContainText("your time");
    await context.close();
  });
});

test.describe("the due time for a reader in the team's own zone", () => {
  test.use({ locale: "en-US", timezoneId: "America/Sao_Paulo" });

  test("is given once and said to be the reader's time too", async ({ page }) => {
    await page.goto("/tickets/new/");
    await fillValidTicket(page, uniqueSubject("Due time in one zone"));
    await page.getByRole("button", { name: "Send ticket" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you, we have your ticket");
    await expect(page.locator("[data-first-response]")).toHaveText(dueTimeFormat("Sao Paulo time"));
    await expect(page.locator("[data-first-response-time]")).toHaveText(/your time too/);
  });
});

for (const theme of ["light", "dark"] as const) {
  for (const width of [375, 1280]) {
    test(`the ticket form has no accessibility violations with a plan chosen and with errors showing (${theme}, ${width} px)`, async ({ page }) => {
      await useTheme(page, theme);
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/tickets/new/");
      await page.getByLabel("Your plan").selectOption({ label: "Community edition" });
      await expectNoAxeViolations(page);
      await page.getByLabel("Your plan").selectOption({ index: 0 });
      await page.getByRole("button", { name: "Send ticket" }).click();
      await expect(page.locator("[data-error-summary]")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
}
