import { describe, expect, it } from "vitest";
import { failingScores, formatScoreTable, medianScores, scoresFromLighthouse, type PageScores } from "./audit-scores.ts";

const lhr = (performance: number | null, rest = 1) => ({
  categories: { performance: { score: performance }, accessibility: { score: rest }, "best-practices": { score: rest }, seo: { score: rest } },
});

describe("audit scores", () => {
  it("fails a page when any category is below 0.95, or could not be scored", () => {
    const results = [scoresFromLighthouse("/", lhr(0.95)), scoresFromLighthouse("/search/", lhr(0.94)), scoresFromLighthouse("/x/", lhr(null))];
    expect(failingScores(results)).toEqual([
      { page: "/search/", category: "performance", score: 0.94 },
      { page: "/x/", category: "performance", score: null },
    ]);
  });

  it("keeps the median of several runs for each category", () => {
    const runs: PageScores[] = [0.8, 0.99, 0.97].map((p) => scoresFromLighthouse("/", lhr(p)));
    expect(medianScores(runs).scores.performance).toBe(0.97);
    expect(medianScores(runs.slice(0, 2)).scores.performance).toBeCloseTo(0.895);
  });

  it("prints one row per page with the four scores out of 100, marking failures", () => {
    const table = formatScoreTable([scoresFromLighthouse("/", lhr(1)), scoresFromLighthouse("/search/?q=ticket", lhr(0.81))]);
    const [header, home, search] = table.split("\n");
    expect(header).toMatch(/^page +performance +accessibility +best-practices +seo$/);
    expect(home).toMatch(/^\/ +100 +100 +100 +100$/);
    expect(search).toMatch(/^\/search\/\?q=ticket +✗ 81 +100 +100 +100$/);
  });
});
