// The staff review pages put overdue articles first so the owning team sees them before anything else.
import { describe, expect, it } from "vitest";
import { lastCheck, reviewStatus, sortForReview, summariseByTeam, type ReviewItem } from "../../src/lib/review-status.ts";

const today = new Date("2026-11-23T15:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const item = (id: string, reviewBy: string, owner = "support"): ReviewItem => ({ id, title: id, owner, reviewBy: day(reviewBy), lastCheck: { on: day("2026-01-01"), by: "change" } });

describe("review status", () => {
  it("is overdue from the day after the review date, due soon within 30 days, else ok", () => {
    expect(reviewStatus(day("2026-11-22"), today)).toBe("overdue");
    expect(reviewStatus(day("2026-11-23"), today)).toBe("due-soon");
    expect(reviewStatus(day("2026-12-23"), today)).toBe("due-soon");
    expect(reviewStatus(day("2026-12-24"), today)).toBe("ok");
  });

  it("lists overdue articles first, the longest overdue at the top, then by review date", () => {
    const rows = sortForReview([item("later", "2027-06-30"), item("soon", "2026-12-01"), item("overdue", "2026-10-01"), item("long-overdue", "2026-01-31"), item("also-later", "2027-06-30")], today);
    expect(rows.map((r) => `${r.id}:${r.status}`)).toEqual(["long-overdue:overdue", "overdue:overdue", "soon:due-soon", "also-later:ok", "later:ok"]);
  });

  it("counts each team's articles by status, teams with overdue articles first and teams with none last", () => {
    const items = [item("a", "2027-06-30"), item("b", "2026-10-01", "people-ops"), item("c", "2026-12-01", "people-ops")];
    const teams = [
      { id: "billing", name: "Billing" },
      { id: "support", name: "Customer Support" },
      { id: "people-ops", name: "People Operations" },
      { id: "mobile", name: "Mobile" },
    ];
    expect(summariseByTeam(items, teams, today)).toEqual([
      { team: "people-ops", name: "People Operations", overdue: 1, dueSoon: 1, ok: 0, total: 2 },
      { team: "support", name: "Customer Support", overdue: 0, dueSoon: 0, ok: 1, total: 1 },
      { team: "billing", name: "Billing", overdue: 0, dueSoon: 0, ok: 0, total: 0 },
      { team: "mobile", name: "Mobile", overdue: 0, dueSoon: 0, ok: 0, total: 0 },
    ]);
  });

  it("says whether the last check was a review (lastReviewed) or only a change", () => {
    expect(lastCheck({ lastReviewed: day("2026-03-01") }, day("2026-11-01"))).toEqual({ on: day("2026-03-01"), by: "review" });
    expect(lastCheck({}, day("2026-11-01"))).toEqual({ on: day("2026-11-01"), by: "change" });
  });
});
