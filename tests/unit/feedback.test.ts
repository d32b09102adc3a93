
import { describe, expect, it } from "vitest";
import { createFeedbackHandler } from "../../src/helpdesk/feedback.ts";
import { createMemoryRateLimiter } from "../../src/helpdesk/rate-limit.ts";
import { MemoryFeedbackStore, SqliteFeedbackStore } from "../../src/helpdesk/store/feedback-store.ts";
import { tempDir } from "../temp-dir.ts";

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://help.test/api/feedback", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

function setup(max = 100) {
  const store = new MemoryFeedbackStore();
  const handler = createFeedbackHandler({ store, rateLimiter: createMemoryRateLimiter({ max, windowMs: 60_000 }), allowedOrigins: [] });
  return { store, handler };
}

describe("article feedback endpoint", () => {
  it("records a yes and a no with a note, least helpful first", async () => {
    const { store, handler } = setup();
    expect((await handler(post({ article: "customer-help/opening-a-ticket", helpful: "yes" }))).status).toBe(201);
    expect((await handler(post({ article: "product-help/cant-sign-in", helpful: "no", comment: "  Nothing about SSO  " }))).status).toBe(201);
    const tally = await store.tally();
    expect(tally[0]).toMatchObject({ article: "product-help/cant-sign-in", notHelpful: 1, comments: [{ comment: "Nothing about SSO" }] });
    expect(tally[1]).toMatchObject({ article: "customer-help/opening-a-ticket", helpful: 1, notHelpful: 0 });
  });

  it("explains what is wrong with a bad answer and stores nothing", async () => {
    const { store, handler } = setup();
    const response = await handler(post({ article: "../etc/passwd", helpful: "maybe" }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["article", "helpful"]);
    expect(await store.tally()).toEqual([]);
  });

  it("refuses other methods, other content types, foreign pages and floods", async () => {
    const { handler } = setup(1);
    expect((await handler(new Request("http://help.test/api/feedback"))).status).toBe(405);
    expect((await handler(post("helpful=yes", { "Content-Type": "application/x-www-form-urlencoded" }))).status).toBe(415);
    expect((await handler(post({ article: "a/b", helpful: "yes" }, { Origin: "https://evil.example" }))).status).toBe(403);
    expect((await handler(post({ article: "a/b", helpful: "yes" }), { ip: "1.2.3.4" })).status).toBe(201);
    const limited = await handler(post({ article: "a/b", helpful: "yes" }), { ip: "1.2.3.4" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("keeps feedback in SQLite across restarts", async () => {
    const dir = tempDir("kb-feedback-");
    const first = new SqliteFeedbackStore(dir);
    await first.save({ article: "a/b", helpful: "no", comment: "Out of date" }, new Date("2026-11-01T10:00:00Z"));
    first.close();
    const second = new SqliteFeedbackStore(dir);
    expect(await second.tally()).toEqual([{ article: "a/b", helpful: 0, notHelpful: 1, comments: [{ at: "2026-11-01T10:00:00.000Z", comment: "Out of date" }] }]);
    second.close();
  });
});
