// Support staff keep synonyms in content/data/synonyms.yaml; a mistake there fails the content check
// with the file, the line and what to do, like every data file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findSynonyms, phraseKey, synonymPairs, synonymTable } from "../../src/lib/search-synonyms.ts";
import { queryWords } from "../../src/lib/search-text.ts";
import { FIXTURE_CONTENT, makeContentDir, runContentCheck } from "../fixture-content.ts";

function checkSynonyms(yaml: string) {
  const dir = makeContentDir({ "customer-help/valid.mdx": "valid.mdx" }, { "data/synonyms.yaml": yaml });
  return runContentCheck(dir);
}

describe("synonyms.yaml in the content check", () => {
  it("accepts a well-formed synonyms file", () => {
    const { status, output } = checkSynonyms(readFileSync(join(FIXTURE_CONTENT, "data/synonyms.yaml"), "utf8"));
    expect(output).toContain("Content OK");
    expect(status).toBe(0);
  });

  it("names the file and line of a reader's word listed for two different things", () => {
    const yaml = "- id: two-factor\n  readersSay: [2fa, mfa]\n\n- id: billing\n  readersSay:\n    - invoice\n    - MFA\n";
    const { status, output } = checkSynonyms(yaml);
    expect(status).toBe(1);
    expect(output).toMatch(/data\/synonyms\.yaml:7 +\[1\]\.readersSay\[1\]: "MFA" is already listed for "two-factor" \(entry 0\); a reader's word can lead to one place only/);
  });

  it("names the line of a missing list and of a word that is not a word", () => {
    const yaml = "- id: billing\n- id: outage\n  readersSay: [down!]\n";
    const { status, output } = checkSynonyms(yaml);
    expect(status).toBe(1);
    expect(output).toMatch(/synonyms\.yaml:1 +\[0\]\.readersSay: list the words readers type/);
    expect(output).toMatch(/synonyms\.yaml:3 +\[1\]\.readersSay\[0\]: write a word or a short phrase: letters, digits, spaces, hyphens and apostrophes \(found "down!"\)/);
  });

  it("rejects a reader's word that is the entry's own words", () => {
    const { status, output } = checkSynonyms("- id: sign in\n  readersSay: [Sign In]\n");
    expect(status).toBe(1);
    expect(output).toContain(`"Sign In" is the entry's own id; list only other words readers type`);
  });
});

describe("finding readers' words in a query", () => {
  const table = synonymTable([
    { id: "two-factor", readersSay: ["2FA", "two step"] },
    { id: "single sign-on", readersSay: ["sso"] },
  ]);

  it("compares phrases the way the index is searched: case, hyphens and apostrophes do not count", () => {
    expect(phraseKey("Two-Step  Login")).toBe("twostep login");
    expect(phraseKey("can't")).toBe("cant");
  });

  it("takes the longest reader phrase at each position and leaves other words alone", () => {
    const segments = findSynonyms(queryWords("turn on two step for sso"), table);
    expect(segments.map((s) => [s.words.map((w) => w.text).join(" "), s.siteWords])).toEqual([
      ["turn", undefined],
      ["on", undefined],
      ["two step", "two-factor"],
      ["for", undefined],
      ["sso", "single sign-on"],
    ]);
  });

  it("is sent to the search worker as pairs of reader phrase and site words", () => {
    expect(synonymPairs([{ id: "two-factor", readersSay: ["2FA"] }])).toEqual([["2fa", "two-factor"]]);
  });
});
