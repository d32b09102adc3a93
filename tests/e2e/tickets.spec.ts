import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { describeTarget } from "../../src/lib/support-text.ts";
import { expectNoAxeViolations, ROOT } from "./fixtures.ts";

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

async function fillValidTicket(page: Page, subject: string, plan = "Pro") {
  await page.getByLabel("Your name").fill("Jane Example");
  await page.getByLabel("Email").fill("jane@example.com");
  await page.getByLabel("Your plan").selectOption({ label: plan });
  await page.getByLabel("What is it about?").selectOption({ label: "Signing in and accounts" });
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("What happened?").fill("Since nine this morning nobody in the sales team can sign in.");
}

const uniqueSubject = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

test("submits a ticket with JavaScript and shows its reference and expected first response", async ({ page }) => {
  const subject = uniqueSubject("Sign-in fails for the sales team");
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByRole("radio", { name: /High/ }).check();
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/);
  const reference = new URL(page.url()).searchParams.get("ref")!;
  await expect(page.locator("[data-ticket-reference]")).toHaveText(reference);
  await expect(page.locator("[data-first-response]")).toContainText("Sao Paulo time");
  await expect(page.locator("[data-ticket-department]")).toHaveText("Paid Support");
  await expect(page.locator("[data-first-response-time]")).toContainText("where you are");
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
  await expect(page.locator('[data-priority-target="High"]')).toHaveText(`First response ${high}`);
  await page.getByRole("radio", { name: /High/ }).check();
  await expect(page.locator("[data-response-preview]")).toContainText(`a High ticket gets a first response ${high}`);
  await expect(page.locator("[data-response-preview]")).toContainText("hotline");
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
  await page.route("**/api/tickets", async (route) => {
    calls += 1;
    // The first request reaches the server, but its answer is lost on the way back.
    if (calls === 1) {
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.goto("/tickets/new/");
  await fillValidTicket(page, subject);
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/, { timeout: 15_000 });
  await expect.poll(() => deliveriesFor(subject)).toHaveLength(1);
  await page.waitForTimeout(500);
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
