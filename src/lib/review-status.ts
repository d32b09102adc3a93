// Whether an article's owner needs to re-read it, and the order the staff review pages list them
// in: overdue first, then the soonest due. Dates are compared as calendar days in UTC, the same way
// formatDate prints them, so "due today" never flips with the build machine's time zone.

export const REVIEW_STATUSES = ["overdue", "due-soon", "ok"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  overdue: "Overdue",
  "due-soon": "Due soon",
  ok: "OK",
};

/** "Due soon" means within this many days. */
export const REVIEW_SOON_DAYS = 30;
/** Articles per page on a team's review list, so no page grows with the site. */
export const REVIEW_PAGE_SIZE = 25;

export const REVIEWS_URL = "/staff/reviews/";
export const reviewTeamUrl = (team: string, page = 1) =>
  page > 1 ? `${REVIEWS_URL}${team}/page/${page}/` : `${REVIEWS_URL}${team}/`;

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (date: Date) => Math.floor(date.getTime() / DAY_MS);

export function reviewStatus(reviewBy: Date, today: Date, soonDays = REVIEW_SOON_DAYS): ReviewStatus {
  const daysLeft = dayNumber(reviewBy) - dayNumber(today);
  if (daysLeft < 0) return "overdue";
  return daysLeft <= soonDays ? "due-soon" : "ok";
}

/**
 * The last time someone looked at the article: the owner's review when `lastReviewed` records one,
 * else its last change (a commit or the `updated` field). Pages must say which, because a change is
 * not a review: fixing a typo does not confirm the rest is still right.
 */
export interface LastCheck {
  on: Date;
  by: "review" | "change";
}

export function lastCheck(data: { lastReviewed?: Date | undefined }, updated: Date): LastCheck {
  return data.lastReviewed ? { on: data.lastReviewed, by: "review" } : { on: updated, by: "change" };
}

export interface ReviewItem {
  id: string;
  title: string;
  owner: string;
  reviewBy: Date;
  lastCheck: LastCheck;
}

export interface ReviewRow extends ReviewItem {
  status: ReviewStatus;
}

/** Overdue first, then by review date (most urgent first), then by title. */
export function sortForReview(items: readonly ReviewItem[], today: Date): ReviewRow[] {
  const rank = (status: ReviewStatus) => REVIEW_STATUSES.indexOf(status);
  return items
    .map((item) => ({ ...item, status: reviewStatus(item.reviewBy, today) }))
    .sort(
      (a, b) =>
        rank(a.status) - rank(b.status) ||
        a.reviewBy.getTime() - b.reviewBy.getTime() ||
        a.title.localeCompare(b.title, "en"),
    );
}

export interface TeamReviewSummary {
  team: string;
  name: string;
  overdue: number;
  dueSoon: number;
  ok: number;
  total: number;
}

/** One line per team; teams with the most overdue, then most due soon, come first; teams with no articles last. */
export function summariseByTeam(
  items: readonly ReviewItem[],
  teams: readonly { id: string; name: string }[],
  today: Date,
): TeamReviewSummary[] {
  return teams
    .map((team) => {
      const statuses = items.filter((item) => item.owner === team.id).map((item) => reviewStatus(item.reviewBy, today));
      const count = (status: ReviewStatus) => statuses.filter((s) => s === status).length;
      return { team: team.id, name: team.name, overdue: count("overdue"), dueSoon: count("due-soon"), ok: count("ok"), total: statuses.length };
    })
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.dueSoon - a.dueSoon ||
        Number(a.total === 0) - Number(b.total === 0) ||
        a.name.localeCompare(b.name, "en"),
    );
}
