import { describe, expect, it } from "vitest";
import { paginate } from "../../src/lib/pagination.ts";
import { parseGitLog } from "../../src/lib/git-dates.ts";
import { checklistKey, summariseProgress } from "../../src/lib/checklist-progress.ts";
import { editUrl, readSiteConfig } from "../../src/lib/site-config.ts";

describe("category pagination", () => {
  it("splits long lists into pages of a fixed size", () => {
    const pages = paginate(Array.from({ length: 53 }, (_, i) => i), 25);
    expect(pages.map((p) => p.items.length)).toEqual([25, 25, 3]);
    expect(pages[2]).toMatchObject({ page: 3, pages: 3, total: 53 });
  });

  it("still renders one (empty) page for an empty category", () => {
    expect(paginate([], 25)).toEqual([{ page: 1, pages: 1, total: 0, items: [] }]);
  });
});

describe("last-updated dates from git", () => {
  it("keeps the newest commit date for each file", () => {
    const log = ["date:2026-11-20T10:00:00Z", "", "content/a.mdx", "content/b.mdx", "date:2026-01-01T00:00:00Z", "", "content/a.mdx", "content/c.mdx"].join("\n");
    const dates = parseGitLog(log);
    expect(dates.get("content/a.mdx")?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    expect(dates.get("content/c.mdx")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("checklist progress", () => {
  it("stores each task under its stage", () => {
    expect(checklistKey("first-day/profile")).toBe("kb-checklist:first-day/profile");
  });
  it("says how far along the reader is", () => {
    expect(summariseProgress(2, 5)).toBe("2 of 5 done");
    expect(summariseProgress(5, 5)).toBe("All 5 done");
  });
});

describe("edit links", () => {
  it("point at the file in the repository's web editor", () => {
    const site = readSiteConfig();
    expect(editUrl(site, "content/articles/a/b.mdx")).toBe(`${site.repository.url}/edit/${site.repository.branch}/content/articles/a/b.mdx`);
  });
});
