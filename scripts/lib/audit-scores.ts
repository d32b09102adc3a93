// Lighthouse scores for `npm run audit`: which categories count, the bar they must clear, and the
// table printed for each page. Kept apart from the script so the pass/fail rule is unit-tested.

export const AUDIT_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];
export const AUDIT_THRESHOLD = 0.95;

export interface PageScores {
  page: string;
  /** 0..1, or null when Lighthouse could not score the category (that counts as a failure). */
  scores: Record<AuditCategory, number | null>;
}

/** Reads the four category scores out of a Lighthouse result (lhr). */
export function scoresFromLighthouse(page: string, lhr: { categories: Record<string, { score: number | null } | undefined> }): PageScores {
  const scores = Object.fromEntries(AUDIT_CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as PageScores["scores"];
  return { page, scores };
}

export function failingScores(results: readonly PageScores[], threshold = AUDIT_THRESHOLD): { page: string; category: AuditCategory; score: number | null }[] {
  return results.flatMap((result) =>
    AUDIT_CATEGORIES.filter((c) => (result.scores[c] ?? 0) < threshold).map((category) => ({ page: result.page, category, score: result.scores[category] })),
  );
}

/**
 * One page's scores over several Lighthouse runs: the median of each category, as Lighthouse's
 * own guidance recommends, so one run slowed by a busy machine neither fails nor passes a page.
 */
export function medianScores(runs: readonly PageScores[]): PageScores {
  const first = runs[0];
  if (!first) throw new Error("medianScores needs at least one run");
  const median = (values: (number | null)[]) => {
    if (values.some((v) => v === null)) return null;
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const scores = Object.fromEntries(AUDIT_CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))])) as PageScores["scores"];
  return { page: first.page, scores };
}

const percent = (score: number | null) => (score === null ? "n/a" : String(Math.round(score * 100)));

/** A fixed-width table: one row per page, one column per category, scores out of 100. */
export function formatScoreTable(results: readonly PageScores[], threshold = AUDIT_THRESHOLD): string {
  const width = Math.max(4, ...results.map((r) => r.page.length));
  const header = ["page".padEnd(width), ...AUDIT_CATEGORIES.map((c) => c.padStart(14))].join("  ");
  const rows = results.map((r) =>
    [r.page.padEnd(width), ...AUDIT_CATEGORIES.map((c) => `${(r.scores[c] ?? 0) < threshold ? "✗ " : ""}${percent(r.scores[c])}`.padStart(14))].join("  "),
  );
  return [header, ...rows].join("\n");
}
