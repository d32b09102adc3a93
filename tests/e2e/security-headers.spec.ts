// Every kind of page works under the site's Content-Security-Policy: no script, style, worker or
// WebAssembly it needs is refused, and nothing it does logs an error. The policy comes from the
// server's headers (dist/_headers), so these tests fail when the build adds inline code the policy
// does not allow.
import { randomUUID } from "node:crypto";
import { expect, test, type Page, type Response } from "@playwright/test";

interface PageProblems {
  violations: string[];
  errors: string[];
}

/** Records CSP violation reports, console errors and uncaught exceptions on every page the test opens. */
async function watch(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { violations: [], errors: [] };
  // A binding survives navigations, so a violation on the form is still counted on the thank-you page.
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => problems.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
    });
  });
  page.on("console", (message) => {
    // A header the browser cannot read (an unknown Permissions-Policy feature) is only a warning.
    if (message.type() === "warning" && /Permissions-Policy|Content-Security-Policy|Referrer-Policy/.test(message.text())) {
      problems.errors.push(`header: ${message.text()}`);
      return;
    }
    if (message.type() !== "error") return;
    // The 404 page's own status is reported as a failed load; that is the page doing its job.
    if (/status of 404/.test(message.text()) && message.location().url === page.url()) return;
    problems.errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.errors.push(`uncaught: ${error.message}`));
  return problems;
}

function expectPolicy(response: Response | null) {
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"], "the page is served with a CSP").toMatch(/script-src 'self'/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
}

async function expectClean(page: Page, problems: PageProblems) {
  // Reports are delivered as tasks; let the last ones arrive before reading them.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(problems.violations, "Content-Security-Policy violations").toEqual([]);
  expect(problems.errors, "console errors").toEqual([]);
}

const STATIC_PAGES = [
  ["home", "/"],
  ["category", "/customer-help/"],
  // Highlighted code (Shiki's style attributes) and the Steps component's inline style.
  ["priorities and response times", "/support/priorities/"],
  ["channel directory", "/channels/"],
  ["onboarding", "/onboarding/"],
  ["staff review", "/staff/reviews/"],
  ["ticket form", "/tickets/new/"],
] as const;

for (const [name, path] of STATIC_PAGES) {
  test(`the ${name} page runs under the Content-Security-Policy`, async ({ page }) => {
    const problems = await watch(page);
    expectPolicy(await page.goto(path));
    await page.waitForLoadState("networkidle");
    await expectClean(page, problems);
  });
}

test("an article with highlighted code and steps runs under the Content-Security-Policy, feedback included", async ({ page }) => {
  const problems = await watch(page);
  // Shiki writes code colours into style attributes; the Steps component brings an inline style.
  expectPolicy(await page.goto("/support-handbook/editing-the-knowledge-base/"));
  const coloured = page.locator('pre.astro-code span[style]:not([style*="#24292e" i])').first();
  await expect(coloured).toBeVisible();
  const [token, block] = await coloured.evaluate((span) => [getComputedStyle(span).color, getComputedStyle(span.closest("pre")!).color]);
  expect(token, "code keeps its highlighting colours").not.toBe(block);
  // The feedback widget validates with zod, which must not try eval under the policy.
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByText("Thanks for letting us know.")).toBeVisible();
  await expectClean(page, problems);
});

test("the 404 page runs under the Content-Security-Policy and offers the missing words as a search", async ({ page }) => {
  const problems = await watch(page);
  const response = await page.goto("/no-such-page-about-billing/");
  expect(response?.status()).toBe(404);
  expectPolicy(response);
  // Its inline script ran: the words of the address are in the search box.
  await expect(page.locator("main input[name=q]")).toHaveValue(/billing/);
  await expectClean(page, problems);
});

test("searching on the search page shows results under the Content-Security-Policy", async ({ page }) => {
  const problems = await watch(page);
  expectPolicy(await page.goto("/search/?q=priority"));
  // Results need the site's search worker and Pagefind's WebAssembly, both governed by the policy.
  await expect(page.locator("pagefind-results [data-result-link]").first()).toBeVisible();
  await page.locator("#search-page-input input").fill("hotline");
  await expect(page.locator("pagefind-results [data-result-link]").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectClean(page, problems);
});

test("the search dialog opens and finds articles under the Content-Security-Policy", async ({ page }) => {
  const problems = await watch(page);
  expectPolicy(await page.goto("/customer-help/"));
  await page.locator("body").press("/");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.locator("input").first().fill("priority");
  await expect(dialog.locator("[data-result-link]").first()).toBeVisible();
  // The result's page highlights the words searched for with Pagefind's highlight script.
  await dialog.locator("[data-result-link]").first().click();
  await expect(page).toHaveURL(/highlight=/);
  await page.waitForLoadState("networkidle");
  await expectClean(page, problems);
});

test("the theme toggle works under the Content-Security-Policy", async ({ page }) => {
  const problems = await watch(page);
  await page.emulateMedia({ colorScheme: "light" });
  expectPolicy(await page.goto("/"));
  await page.getByRole("button", { name: "Use dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // The inline script that applies the saved theme before first paint runs on the next page.
  await page.goto("/channels/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectClean(page, problems);
});

test("sending a ticket and reading the thank-you page work under the Content-Security-Policy", async ({ page }) => {
  const problems = await watch(page);
  expectPolicy(await page.goto("/tickets/new/"));
  await page.getByLabel("Your name").fill("Jane Example");
  await page.getByLabel("Email").fill("jane@example.com");
  await page.getByLabel("Your plan").selectOption({ label: "Pro" });
  await page.getByLabel("What is it about?").selectOption({ label: "Signing in and accounts" });
  await page.getByLabel("Subject").fill(`Sign-in fails under the policy ${randomUUID().slice(0, 8)}`);
  await page.getByLabel("What happened?").fill("Since nine this morning nobody in the sales team can sign in.");
  const thanks = page.waitForResponse((r) => r.url().includes("/tickets/thanks/") && r.request().resourceType() === "document");
  await page.getByRole("button", { name: "Send ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/thanks\/\?ref=PX-/);
  const response = await thanks;
  expectPolicy(response);
  // The reference is in the address, so the page never sends it on as a referrer.
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.locator("[data-ticket-reference]")).toHaveText(/^PX-/);
  await page.waitForLoadState("networkidle");
  await expectClean(page, problems);
});
