import { expect, test, type Locator, type Page, type Request } from "@playwright/test";
import { articleBody, articleFrontmatter, expectNoAxeViolations, useTheme } from "./fixtures.ts";

const results = (page: Page) => page.locator("pagefind-results [data-result-link]");
const status = (page: Page) => page.locator("[data-search-status]");

/** The total the status line reports ("12 results for ..."); results themselves render lazily. */
async function resultCount(page: Page): Promise<number> {
  const text = (await status(page).textContent()) ?? "";
  return Number(/(\d+) results?/.exec(text)?.[1] ?? 0);
}

async function searchOnPage(page: Page, query: string) {
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  await expect(results(page).first()).toBeVisible();
}

/** The result whose title is `title`, on the page or in `scope` (the dialog). */
const resultTitled = (page: Page, title: string, scope: Page | Locator = page) =>
  scope.locator("[data-search-result]").filter({ has: page.locator("[data-result-link]", { hasText: new RegExp(`^${title}$`) }) });

/** The first `n` result addresses, without their highlight parameters. */
async function topResults(page: Page, n = 5): Promise<string[]> {
  // The first few results are drawn at once and the rest as they scroll into view, as a reader
  // would see them: wait for the count to be known, then scroll down until the first n are drawn.
  await expect(status(page)).toContainText(/\d+ results? for/);
  const shown = Math.min(n, await resultCount(page));
  await expect
    .poll(async () => {
      await results(page).last().scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 400);
      return results(page).count();
    })
    .toBeGreaterThanOrEqual(shown);
  const hrefs = await results(page).evaluateAll((links, count) => links.slice(0, count).map((a) => a.getAttribute("href") ?? ""), n);
  return hrefs.map((href) => href.split("?")[0]!);
}

/**
 * Clicks the "Show more results" button once the entries above it that are on screen have loaded.
 * Each entry is a placeholder until its excerpt arrives, and the button moves when one is replaced,
 * so a click that starts before then can be released over another element and never click it.
 */
async function clickShowMore(more: Locator) {
  await more.scrollIntoViewIfNeeded();
  await expect
    .poll(() =>
      more.evaluate((button) => {
        const scroller = button.closest(".pf-modal-body")?.getBoundingClientRect();
        const top = Math.max(0, scroller?.top ?? 0);
        const bottom = Math.min(window.innerHeight, scroller?.bottom ?? window.innerHeight);
        const loading = [...document.querySelectorAll(".pf-skeleton")].filter((element) => {
          const box = element.getBoundingClientRect();
          return box.bottom > top && box.top < bottom;
        });
        return loading.length;
      }),
    )
    .toBe(0);
  await more.click();
}

test("pressing / opens the search dialog and finds an article as you type", async ({ page }) => {
  await page.goto("/customer-help/");
  await page.locator("body").press("/");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("searchbox").or(dialog.getByRole("textbox")).first();
  await expect(input).toBeFocused();
  await input.fill("priority");
  await expect(dialog.locator("[data-result-link]").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("what a reader types straight after / is kept while search loads", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  await page.keyboard.type("hotline");
  const input = page.getByRole("dialog").locator("input").first();
  await expect(input).toHaveValue("hotline");
  await expect(page.getByRole("dialog").locator("[data-result-link]").first()).toBeVisible();
});

test("Ctrl+K opens the search dialog from anywhere on the page", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeVisible();
});

test("the header search link opens the dialog instead of leaving the page", async ({ page }) => {
  await page.goto("/channels/");
  await page.getByRole("button", { name: "Search articles" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page).toHaveURL(/\/channels\/$/);
});

test("a customer's own words find the staff's article through its keywords, which are never shown", async ({ page }) => {
  const id = "product-help/cant-sign-in";
  const { title, keywords } = articleFrontmatter(id);
  const body = articleBody(id).toLowerCase();
  // Pick a keyword that appears only in the frontmatter, so only the alias index can match it.
  const alias = keywords.find((k) => !body.includes(k.toLowerCase()) && !title.toLowerCase().includes(k.toLowerCase()));
  expect(alias, `${id} needs a keyword that is not in its text`).toBeTruthy();
  await searchOnPage(page, alias!);
  await expect(results(page).filter({ hasText: title })).toHaveCount(1);
  await expect(page.locator("pagefind-results")).not.toContainText(keywords.join(", "));
});

test("a heading inside an article is offered as its own result, titled without a '#'", async ({ page }) => {
  await searchOnPage(page, "two-factor authentication backup codes");
  const section = page.locator("pagefind-results [data-section-link]").first();
  await expect(section).toBeVisible();
  await expect(section).toHaveAttribute("href", /#[a-z0-9-]+$/);
  await expect(section).not.toHaveText(/^#/);
});

test("the query lives in the address so a search can be shared", async ({ page }) => {
  await page.goto("/search/");
  const input = page.locator("pagefind-input input");
  await input.fill("hotline");
  await expect(results(page).first()).toBeVisible();
  await expect(page).toHaveURL(/\?q=hotline$/);
  await page.reload();
  await expect(page.locator("pagefind-input input")).toHaveValue("hotline");
  await expect(results(page).first()).toBeVisible();
});

test("filters by audience narrow the results and are kept in the address", async ({ page }) => {
  await searchOnPage(page, "channel");
  const before = await resultCount(page);
  expect(before).toBeGreaterThan(1);
  await page.getByRole("checkbox", { name: /Customers/ }).check();
  await expect.poll(() => resultCount(page)).toBeLessThan(before);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  await expect(page).toHaveURL(/audience=Customers/);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Customers/ })).toBeChecked();
});

test("filters by category narrow the results", async ({ page }) => {
  await searchOnPage(page, "ticket");
  const before = await resultCount(page);
  await page.getByRole("checkbox", { name: /Support handbook/ }).check();
  await expect.poll(() => resultCount(page)).toBeLessThan(before);
  await expect.poll(() => resultCount(page)).toBeGreaterThan(0);
  // Every result left is a support handbook page.
  for (const link of await results(page).all()) await expect(link).toHaveAttribute("href", /^\/support-handbook\//);
});

test("the filter counts are those of the current search, and change with it", async ({ page }) => {
  const categoryCounts = async () => {
    const pane = page.locator("pagefind-filter-pane");
    await expect(pane.getByRole("checkbox").first()).toBeVisible();
    const texts = await pane.locator("details").nth(1).locator("label").allTextContents();
    return texts.map((text) => Number(/(\d+)\s*$/.exec(text.trim())?.[1] ?? 0));
  };
  await searchOnPage(page, "hotline");
  // Every page has one category, so the category counts add up to the results.
  await expect.poll(async () => (await categoryCounts()).reduce((a, b) => a + b, 0)).toBe(await resultCount(page));
  const first = await categoryCounts();
  await page.locator("pagefind-input input").fill("webhooks");
  await expect(status(page)).toContainText("webhooks");
  await expect.poll(async () => (await categoryCounts()).reduce((a, b) => a + b, 0)).toBe(await resultCount(page));
  expect(await categoryCounts()).not.toEqual(first);
});

test("no results offers a ticket with the search words carried over", async ({ page }) => {
  await page.goto("/search/?q=zyxwvut%20qqqq");
  const offer = page.getByRole("link", { name: "Open a ticket about this" });
  await expect(offer).toBeVisible();
  await expect(offer).toHaveAttribute("href", "/tickets/new/?subject=zyxwvut+qqqq");
});

test("the words searched for are highlighted on the article a result opens", async ({ page }) => {
  await searchOnPage(page, "hotline");
  await results(page).first().click();
  await expect(page).toHaveURL(/highlight=hotline/);
  await expect(page.locator("main mark").first()).toBeVisible();
  await expect(page.locator("main mark").first()).toHaveText(/hotline/i);
});

test("the home page search box leads to results without any JavaScript", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search the help center" }).fill("priority");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/search\/\?q=priority/);
  await expect(results(page).first()).toBeVisible();
});

test("a common word shows a page of the best matches first, and more on request", async ({ page }) => {
  await searchOnPage(page, "support");
  const total = await resultCount(page);
  expect(total, "the query must match more than one page of results").toBeGreaterThan(20);
  // Each entry loads its title and excerpt as it scrolls into view; the list holds one per result shown.
  const entries = page.getByRole("list", { name: "Search results" }).locator(":scope > li");
  await expect(entries).toHaveCount(20);
  const more = page.getByRole("button", { name: /Show more results/ });
  await expect(more).toHaveText(`Show more results (20 of ${total} shown)`);
  await clickShowMore(more);
  await expect(entries).toHaveCount(Math.min(40, total));
  // Keyboard focus lands on the first new result, so a keyboard reader carries on from there.
  await expect(page.locator('[data-pf-result-index="20"] a').first()).toBeFocused();
});

test("the search dialog also offers more results for a common word", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  const dialog = page.getByRole("dialog");
  await dialog.locator("input").first().fill("support");
  const more = dialog.getByRole("button", { name: /Show more results/ });
  await expect(more).toBeVisible();
  const entries = dialog.getByRole("list", { name: "Search results" }).locator(":scope > li");
  await expect(entries).toHaveCount(20);
  await clickShowMore(more);
  await expect.poll(() => entries.count()).toBeGreaterThan(20);
});

test("a search of a few letters still shows results once the reader pauses", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("/");
  const dialog = page.getByRole("dialog");
  await dialog.locator("input").first().pressSequentially("ho");
  await expect(dialog.locator("[data-result-link]").first()).toBeVisible();
  await expect(dialog.locator("[data-search-status]")).toContainText("ho");
});

test("closing the search dialog puts keyboard focus back where it was", async ({ page }) => {
  await page.goto("/customer-help/");
  // Opened from the keyboard while on a link: Escape returns to that link.
  const link = page.locator("main a").first();
  await link.focus();
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(link).toBeFocused();
  // Opened with the header button: Escape returns to the button.
  const button = page.getByRole("button", { name: "Search articles" });
  await button.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
});

test("typing quickly shows the results for the whole word, not for letters typed on the way", async ({ page }) => {
  await page.goto("/search/");
  const input = page.locator("pagefind-input input");
  await input.pressSequentially("hotline", { delay: 15 });
  await expect(status(page)).toContainText("hotline");
  await expect(results(page).first()).toBeVisible();
  await expect(page).toHaveURL(/q=hotline$/);
});

test("opening search downloads Pagefind's entry file, metadata and WebAssembly once, in the site's own worker", async ({ page }) => {
  const requests: Request[] = [];
  page.context().on("request", (request) => requests.push(request));
  await page.goto("/");
  await page.keyboard.press("/");
  await page.getByRole("dialog").locator("input").first().fill("hotline");
  await expect(page.getByRole("dialog").locator("[data-result-link]").first()).toBeVisible();
  const fetched = (pattern: RegExp) => requests.filter((r) => pattern.test(new URL(r.url()).pathname));
  expect(fetched(/\/pagefind\/pagefind\.js$/)).toHaveLength(1);
  expect(fetched(/\.pf_meta$/)).toHaveLength(1);
  expect(fetched(/\/pagefind\/wasm\.[a-z]+\.pagefind$/)).toHaveLength(1);
  // Pagefind's own worker is never started: the site's worker runs the searches.
  expect(fetched(/pagefind-worker\.js$/)).toHaveLength(0);
  expect(page.workers().some((worker) => worker.url().includes("search-worker"))).toBe(true);
});

test("search still works on the page itself, with the same corrections, when the site's worker cannot start", async ({ page }) => {
  await page.route(/search-worker[^/]*\.js$/, (route) => route.abort());
  await searchOnPage(page, "hotine");
  await expect(status(page).getByRole("link", { name: "hotline" })).toBeVisible();
  await expect(results(page).first()).toHaveAttribute("href", /^\/.*highlight=hotline/);
});

test("results stay on screen while the next letter's search runs, instead of flickering", async ({ page }) => {
  await searchOnPage(page, "hotl");
  await page.evaluate(() => {
    const list = document.querySelector("pagefind-results")!;
    const state = window as unknown as { listEmptied: boolean };
    state.listEmptied = false;
    new MutationObserver(() => {
      if (!list.querySelector("li")) state.listEmptied = true;
    }).observe(list, { childList: true, subtree: true });
  });
  const input = page.locator("pagefind-input input");
  await input.press("End");
  await input.pressSequentially("ine", { delay: 50 });
  await expect(status(page)).toContainText("hotline");
  await expect(results(page).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { listEmptied: boolean }).listEmptied)).toBe(false);
});

test("on a phone the filters start folded, so the first results are on the first screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await searchOnPage(page, "priority");
  const audience = page.locator("pagefind-filter-pane details").first();
  await expect(audience).not.toHaveAttribute("open", /.*/);
  const box = await results(page).first().boundingBox();
  expect(box && box.y + box.height).toBeLessThan(800);
  // One tap opens a group.
  await audience.locator("summary").click();
  await expect(page.getByRole("checkbox", { name: /Customers/ })).toBeVisible();
});

test("on a phone, a filter chosen in the address keeps its group open", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/search/?q=ticket&audience=Customers");
  const customers = page.getByRole("checkbox", { name: /Customers/ });
  await expect(customers).toBeVisible();
  await expect(customers).toBeChecked();
});

test.describe("customers' own words", () => {
  test("a question finds what its meaningful words find", async ({ page }) => {
    await searchOnPage(page, "reset password");
    const plain = await topResults(page);
    await searchOnPage(page, "how do I reset my password?");
    expect(await topResults(page)).toEqual(plain);
    expect(plain[0]).toBe("/product-help/cant-sign-in/");
  });

  test("a query of filler words alone is still searched", async ({ page }) => {
    await searchOnPage(page, "how do I");
    expect(await resultCount(page)).toBeGreaterThan(0);
  });

  test("when few pages have every word, pages with most of them follow and say which words they lack", async ({ page }) => {
    // Nothing has all three; each named article has two of them.
    await searchOnPage(page, "hotline webhooks outage");
    await expect(status(page)).toContainText("No page has all of these words");
    const partial = resultTitled(page, "When to call the hotline");
    await expect(partial).toContainText("Missing: webhooks");
  });

  test("a misspelt word is corrected: 'Showing results for', with the words as typed one link away", async ({ page }) => {
    await page.goto("/search/?q=hotine");
    const corrected = status(page).getByRole("link", { name: "hotline", exact: true });
    const asTyped = status(page).getByRole("link", { name: "hotine", exact: true });
    await expect(status(page)).toContainText("Showing results for hotline. Search instead for hotine.");
    expect((await topResults(page, 1))[0]).toBe("/customer-help/when-to-call-the-hotline/");
    await expect(corrected).toHaveAttribute("href", "/search/?q=hotline");
    await expect(asTyped).toHaveAttribute("href", "/search/?q=hotine&verbatim=1");
    // Both are reachable from the keyboard; the words as typed are searched as typed.
    await corrected.focus();
    await page.keyboard.press("Tab");
    await expect(asTyped).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\?q=hotine&verbatim=1$/);
    await expect(page.getByRole("link", { name: "Open a ticket about this" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("link", { name: "Open a ticket about this" })).toBeVisible();
  });

  test("a misspelt word never matches through a one-letter word it begins with, such as a curl flag", async ({ page }) => {
    // Searched as typed, "hotine" has no match; Pagefind alone matched the "h" of "curl -H".
    await page.goto("/search/?q=hotine&verbatim=1");
    await expect(status(page)).toContainText("0 results");
    await expect(page.locator("[data-search-result]")).toHaveCount(0);
  });

  test("the dialog corrects too, and choosing the words as typed searches them in place", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog");
    await dialog.locator("input").first().fill("priorty");
    await expect(dialog.locator("[data-search-status]")).toContainText("Showing results for priority");
    await dialog.getByRole("link", { name: "priorty", exact: true }).click();
    await expect(dialog.locator("[data-search-status]")).toContainText("0 results for “priorty”");
    await expect(dialog).toBeVisible();
  });

  test("a reader's word from synonyms.yaml finds the article that uses the site's word", async ({ page }) => {
    // "disappeared" is on no page; synonyms.yaml maps it to "missing".
    expect(articleBody("product-help/exporting-channel-history").toLowerCase()).not.toContain("disappeared");
    await searchOnPage(page, "my messages disappeared");
    expect(await topResults(page, 3)).toContain("/product-help/exporting-channel-history/");
  });

  test("a staff-only result says so to a customer, and ranks after the customer article with the same match", async ({ page }) => {
    await searchOnPage(page, "hotline");
    const customer = resultTitled(page, "When to call the hotline");
    const staff = resultTitled(page, "Working a hotline shift");
    await expect(staff).toContainText("For support staff");
    await expect(customer).not.toContainText("For support staff");
    const order = await topResults(page, 10);
    expect(order.indexOf("/customer-help/when-to-call-the-hotline/")).toBeLessThan(order.indexOf("/support-handbook/hotline-shifts/"));
  });

  test("opened from a support handbook page, search takes the reader for staff", async ({ page }) => {
    await page.goto("/support-handbook/");
    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog");
    await dialog.locator("input").first().fill("hotline");
    await expect(dialog.locator("[data-result-link]").first()).toHaveText("Working a hotline shift");
    await expect(resultTitled(page, "Working a hotline shift", dialog)).not.toContainText("For support staff");
    await expect(resultTitled(page, "When to call the hotline", dialog)).toContainText("For customers");
  });

  test("each result shows its category, a link-like title and two lines of excerpt with the words marked", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await searchOnPage(page, "backup codes");
    const result = page.locator("[data-search-result]").first();
    await expect(result).toContainText("Using Parley");
    const title = result.locator("[data-result-link]");
    expect(await title.evaluate((a) => getComputedStyle(a).textDecorationLine)).toContain("underline");
    const excerpt = result.locator("p", { has: page.locator("mark") }).first();
    await expect(excerpt.locator("mark").first()).toBeVisible();
    const lines = await excerpt.evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)));
    expect(lines).toBe(2);
    // The first marked word is on the excerpt's first line, where a phone shows it.
    const [box, mark] = await Promise.all([excerpt.boundingBox(), excerpt.locator("mark").first().boundingBox()]);
    expect(mark!.y - box!.y).toBeLessThan(parseFloat(await excerpt.evaluate((p) => getComputedStyle(p).lineHeight)) * 2);
  });
});

test.describe("the search-gap report", () => {
  /** Every search report the page sends, as the page sends it. */
  async function watchReports(page: Page) {
    const reports: Request[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/search-gaps") reports.push(request);
    });
    return reports;
  }

  test("a search that ends with nothing sends its words and nothing else", async ({ page }) => {
    const reports = await watchReports(page);
    await page.goto("/customer-help/");
    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog");
    await dialog.locator("input").first().fill("zyxwvut gizmo");
    await expect(dialog.locator("[data-search-status]")).toContainText("0 results");
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/search-gaps");
    await page.keyboard.press("Escape");
    const request = await sent;
    expect(request.postDataJSON()).toEqual({ query: "zyxwvut gizmo", outcome: "no-results" });
    const headers = await request.allHeaders();
    expect(headers.cookie).toBeUndefined();
    expect(headers.referer).toBeUndefined();
    expect((await request.response())?.status()).toBe(202);
    expect(reports).toHaveLength(1);
  });

  test("a search followed by a ticket is reported when the ticket is sent", async ({ page }) => {
    await page.goto("/search/?q=karaoke%20night%20zzqx");
    await expect(status(page)).toContainText("0 results");
    await page.getByRole("link", { name: "Open a ticket about this" }).click();
    await expect(page.getByLabel("Subject")).toHaveValue("karaoke night zzqx");
    await page.getByLabel("Your name").fill("Jane Example");
    await page.getByLabel("Email").fill("jane@example.com");
    await page.getByLabel("Your plan").selectOption({ label: "Pro" });
    await page.getByLabel("What is it about?").selectOption({ label: "Signing in and accounts" });
    await page.getByLabel("What happened?").fill("I searched the help center and found nothing about cancelling.");
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === "/api/search-gaps");
    await page.getByRole("button", { name: /Send/ }).click();
    expect((await sent).postDataJSON()).toEqual({ query: "karaoke night zzqx", outcome: "ticket" });
  });

  test("pages built with the report switched off send nothing", async ({ page }) => {
    // A site built with SEARCH_GAP_REPORT=off has no report address on its pages.
    await page.route(/\/customer-help\/$/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/ data-search-gaps="[^"]*"/g, "");
      await route.fulfill({ response, body: html });
    });
    await page.addInitScript(() => {
      const sent: string[] = [];
      (window as unknown as { reportsSent: string[] }).reportsSent = sent;
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes("/api/search-gaps")) sent.push(String(init?.body));
        return original(input, init);
      };
    });
    await page.goto("/customer-help/");
    await page.keyboard.press("/");
    const dialog = page.getByRole("dialog");
    await dialog.locator("input").first().fill("zyxwvut qqqqxz");
    await expect(dialog.locator("[data-search-status]")).toContainText("0 results");
    // Closing the dialog is when a pending report would be sent, at once.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { reportsSent: string[] }).reportsSent)).toEqual([]);
  });
});

test.describe("search pages look right", () => {
  for (const theme of ["light", "dark"] as const) {
    test(`a corrected search with partial matches has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await searchOnPage(page, "incident outage workaroud");
      await expect(status(page).getByRole("link").first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`the dialog with a correction has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto("/support-handbook/");
      await page.keyboard.press("/");
      await page.getByRole("dialog").locator("input").first().fill("hotine");
      await expect(page.getByRole("dialog").locator("[data-search-status] a").first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`the 404 page's suggestions have no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto("/customer-help/open-a-tikcet/");
      await expect(page.getByRole("heading", { name: "Were you looking for one of these?" })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`the privacy page has no accessibility violations (${theme})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto("/privacy/");
      await expectNoAxeViolations(page);
    });
  }
});

test("the 404 page searches for the words of the missing address, corrected, and lists the best matches", async ({ page }) => {
  await page.goto("/customer-help/open-a-tikcet/");
  const suggestions = page.locator("[data-not-found-suggestions]");
  await expect(suggestions.locator("[data-result-link]").first()).toHaveText("Opening a ticket");
  await expect(page.locator("main input[name=q]")).toHaveValue("open a tikcet");
});

test("the privacy note says which searches are counted and what is kept", async ({ page }) => {
  await searchOnPage(page, "hotline");
  await page.getByRole("link", { name: "What we record" }).click();
  await expect(page).toHaveURL(/\/privacy\/$/);
  await expect(page.getByRole("heading", { name: "Searches" })).toBeVisible();
  await expect(page.locator("main")).toContainText("Only the words you searched are sent");
});
