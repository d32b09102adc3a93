// Every data file shows up where readers look for it, rendered from the data rather than retyped.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { describePrice, describeYearlyOption } from "../../src/lib/plan-prices.ts";
import { describeBusinessHours, describeTarget } from "../../src/lib/support-text.ts";
import { ROOT } from "./fixtures.ts";

const data = <T>(file: string): T => parse(readFileSync(resolve(ROOT, "content", file), "utf8")) as T;
const site = data<{ name: string; support: { email: string; hotline: string }; businessHours: Parameters<typeof describeBusinessHours>[0] }>("site.yaml");
type Target = { minutes: number; clock: "24x7" | "business-hours" } | null;

test("the priorities page shows every priority's definition and examples", async ({ page }) => {
  await page.goto("/support/priorities/");
  for (const priority of data<{ id: string; definition: string; examples: string[] }[]>("data/priorities.yaml")) {
    const card = page.getByRole("region", { name: priority.id, exact: true });
    await expect(card).toContainText(priority.definition.replace(/\s+/g, " "));
    for (const example of priority.examples) await expect(card).toContainText(example);
  }
});

test("the SLA matrix shows every tier's target for every priority, and the business hours", async ({ page }) => {
  await page.goto("/support/priorities/");
  for (const tier of data<{ id: string; firstResponse: Record<string, Target> }[]>("data/sla.yaml")) {
    for (const [priority, target] of Object.entries(tier.firstResponse)) {
      await expect(page.locator(`[data-sla-cell="${tier.id}:${priority}"]`)).toHaveText(describeTarget(target, site.businessHours));
    }
  }
  await expect(page.locator("main")).toContainText(describeBusinessHours(site.businessHours));
  await expect(page.locator("main")).toContainText(site.support.hotline);
});

test("routing by plan lists every plan with its department", async ({ page }) => {
  const departments = new Map(data<{ id: string; name: string }[]>("data/departments.yaml").map((d) => [d.id, d.name]));
  await page.goto("/support/priorities/");
  for (const plan of data<{ id: string; name: string; department: string }[]>("data/plans.yaml")) {
    await expect(page.locator(`[data-route="${plan.id}"]`)).toContainText(plan.name);
    await expect(page.locator(`[data-route="${plan.id}"]`)).toContainText(departments.get(plan.department)!);
  }
});

test("the channel directory lists every channel and every naming rule", async ({ page }) => {
  await page.goto("/channels/");
  for (const channel of data<{ id: string; purpose: string }[]>("data/channels.yaml")) {
    await expect(page.locator(`[data-channel="${channel.id}"]`)).toContainText(`#${channel.id}`);
    await expect(page.locator(`[data-channel="${channel.id}"]`)).toContainText(channel.purpose);
  }
  for (const rule of data<{ example: string }[]>("data/channel-naming.yaml")) {
    await expect(page.locator("main table")).toContainText(rule.example);
  }
});

test("the support handbook shows every intake route and how to recognise it", async ({ page }) => {
  await page.goto("/support-handbook/intake-routes/");
  for (const route of data<{ id: string; name: string; channelField: string }[]>("data/intake.yaml")) {
    await expect(page.locator(`[data-intake="${route.id}"]`)).toContainText(route.name);
    await expect(page.locator(`[data-intake="${route.id}"]`)).toContainText(route.channelField);
  }
});

test("the onboarding path shows every stage and task as a checklist that remembers ticks", async ({ page }) => {
  await page.goto("/onboarding/");
  const stages = data<{ id: string; title: string; tasks: { id: string; text: string }[] }[]>("data/onboarding.yaml");
  for (const stage of stages) {
    await expect(page.getByRole("heading", { level: 2, name: stage.title })).toBeVisible();
    for (const task of stage.tasks) await expect(page.getByLabel(task.text)).toBeVisible();
  }
  const first = stages[0]!.tasks[0]!;
  await page.getByLabel(first.text).check();
  const total = stages.reduce((n, s) => n + s.tasks.length, 0);
  await expect(page.locator("[data-overall-progress]")).toHaveText(`Overall: 1 of ${total} done.`);
  // The same task ticked on the onboarding page is ticked in the article that embeds the stage.
  await page.goto("/getting-started/your-first-day/");
  await expect(page.getByLabel(first.text)).toBeChecked();
  await page.reload();
  await expect(page.getByLabel(first.text)).toBeChecked();
  await page.goto("/onboarding/");
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.getByLabel(first.text)).not.toBeChecked();
});

test("the ticket form offers every plan and product area", async ({ page }) => {
  await page.goto("/tickets/new/");
  for (const plan of data<{ id: string; name: string }[]>("data/plans.yaml")) {
    await expect(page.getByLabel("Your plan").locator(`option[value="${plan.id}"]`)).toHaveText(plan.name);
  }
  for (const area of data<{ id: string; name: string }[]>("data/product-areas.yaml")) {
    await expect(page.getByLabel("What is it about?").locator(`option[value="${area.id}"]`)).toHaveText(area.name);
  }
});

test("articles name their owning team, and the home page lists every category", async ({ page }) => {
  const teams = data<{ id: string; name: string }[]>("data/teams.yaml");
  await page.goto("/integrations/rest-api/");
  await expect(page.locator("main")).toContainText(`Owner: ${teams.find((t) => t.id === "engineering")!.name}`);
  await page.goto("/");
  for (const category of data<{ id: string; title: string }[]>("data/categories.yaml")) {
    await expect(page.getByRole("link", { name: category.title, exact: true })).toHaveAttribute("href", `/${category.id}/`);
  }
  await expect(page).toHaveTitle(site.name);
});

test("the support contacts come from the site config", async ({ page }) => {
  await page.goto("/tickets/new/");
  await expect(page.getByRole("main")).toContainText(site.support.email);
  await expect(page.getByRole("main")).toContainText(site.support.hotline);
});

test("search reads table cells and the hotline number as separate words", async ({ page }) => {
  // The plans sit under the tier name on their own line; without a space between them the search
  // index read "Mission CriticalEnterprise" as one word, and excerpts showed it that way.
  await page.goto("/support/priorities/");
  const indexed = await page.evaluate(async () => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    const search = await pagefind.search("response");
    for (const result of search.results) {
      const page = await result.data();
      if (page.url === "/support/priorities/") return page.content as string;
    }
    return "";
  });
  expect(indexed).not.toBe("");
  for (const tier of data<{ name: string }[]>("data/sla.yaml")) {
    expect(indexed).toContain(tier.name);
    expect(indexed).not.toMatch(new RegExp(`${tier.name}\\p{L}`, "u"));
  }
  // Column headings ran together too ("HighMediumLow"); they are left out of the index.
  expect(indexed).not.toContain("HighMediumLow");
  // And the hotline number sat right against the word before it, on screen as well.
  await expect(page.locator("main")).toContainText(`by phone at ${site.support.hotline},`);
});

test("the day-one checklist and the channels article agree: new hires are added to the company channels", async ({ page }) => {
  const channels = data<{ id: string; kind: string; joinOnDayOne?: boolean }[]>("data/channels.yaml").filter((c) => c.kind === "company");
  const stages = data<{ id: string; tasks: { text: string; article?: string }[] }[]>("data/onboarding.yaml");
  const task = stages.flatMap((s) => s.tasks).find((t) => t.article === "getting-started/channels-to-join");
  expect(task, "a day-one task links to the channels article").toBeDefined();
  // The checklist does not ask new hires to join what they are already in.
  await page.goto("/onboarding/");
  const label = page.getByLabel(task!.text);
  await expect(label).toBeVisible();
  expect(task!.text).not.toMatch(/^join\b/i);
  expect(task!.text).toMatch(/added to them automatically/);
  // The article says the same, and its channel list marks exactly the channels new hires are added to.
  await page.goto("/getting-started/channels-to-join/");
  await expect(page.locator("main .prose").first()).toContainText("People Operations adds you to the company channels");
  for (const channel of channels) {
    const entry = page.locator(`[data-channel="${channel.id}"]`);
    if (channel.joinOnDayOne) await expect(entry, channel.id).toContainText("new hires are added on their first day");
    else await expect(entry, channel.id).not.toContainText("first day");
  }
  // No channel list claims everyone is a member: some company channels are joined by choice.
  if (channels.some((c) => !c.joinOnDayOne)) await expect(page.locator("[data-channel-directory]")).not.toContainText("Everyone in the company is a member");
});

test("every onboarding stage with a guide links to it, the first month included", async ({ page }) => {
  const stages = data<{ id: string; title: string; article?: string }[]>("data/onboarding.yaml");
  expect(stages.find((s) => s.id === "first-month")?.article).toBe("getting-started/your-first-month");
  await page.goto("/onboarding/");
  for (const stage of stages) {
    const guide = page.locator(`[data-stage="${stage.id}"]`).getByRole("link", { name: `Read the guide for ${stage.title.toLowerCase()}` });
    await expect(guide, stage.id).toHaveAttribute("href", `/${stage.article}/`);
  }
});

test("the plans and prices article shows every plan's price from the data, and prices in sentences agree", async ({ page }) => {
  const plans = data<{ id: string; name: string; tier: string; price?: Parameters<typeof describePrice>[0] }[]>("data/plans.yaml");
  const tiers = new Map(data<{ id: string; name: string }[]>("data/sla.yaml").map((t) => [t.id, t.name]));
  await page.goto("/billing-and-account/plans-and-prices/");
  for (const plan of plans) {
    const row = page.locator(`[data-plan="${plan.id}"]`);
    if (!plan.price) {
      await expect(row, `${plan.id} has no price and is left out`).toHaveCount(0);
      continue;
    }
    await expect(row.getByRole("rowheader")).toContainText(plan.name);
    await expect(row.locator("[data-plan-price]")).toHaveText(describePrice(plan.price));
    const yearly = describeYearlyOption(plan.price);
    if (yearly) await expect(row).toContainText(yearly);
    await expect(row).toContainText(tiers.get(plan.tier)!);
  }
  const pro = plans.find((p) => p.id === "pro")!;
  await expect(page.locator('main [data-plan-price="pro"]')).toHaveText(`${describePrice(pro.price!, true)}, ${describeYearlyOption(pro.price!)}`);
});

test("the billing topic is listed with the customer topics and leads to each billing article", async ({ page }) => {
  await page.goto("/billing-and-account/");
  await expect(page.getByRole("heading", { level: 1, name: "Billing and your account" })).toBeVisible();
  for (const title of ["Plans and prices", "Invoices and receipts", "Changing or cancelling your plan", "Deleting your workspace and its data", "Who can manage billing and the account"]) {
    await expect(page.locator("main").getByRole("link", { name: title, exact: true })).toBeVisible();
  }
});
