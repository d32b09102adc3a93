import { describe, expect, it } from "vitest";
import { closestField, editDistance, unknownFieldMessage } from "../../src/lib/unknown-fields.ts";
import { explainMdxSyntaxError, isHarmlessExpression } from "../../src/lib/mdx-syntax-help.ts";
import { articleSchema, channelSchema } from "../../src/lib/content-schemas.ts";

const ARTICLE_FIELDS = Object.keys(articleSchema({ categories: ["a"], teams: ["t"] }).shape);

describe("unknown field suggestions", () => {
  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(editDistance("darft", "draft")).toBe(1);
    expect(editDistance("ownr", "owner")).toBe(1);
    expect(editDistance("keyword", "keywords")).toBe(1);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests the article field a typo was meant to be", () => {
    expect(closestField("darft", ARTICLE_FIELDS)).toBe("draft");
    expect(closestField("keyword", ARTICLE_FIELDS)).toBe("keywords");
    expect(closestField("ownr", ARTICLE_FIELDS)).toBe("owner");
    expect(closestField("Title", ARTICLE_FIELDS)).toBe("title");
    expect(closestField("review_by", ARTICLE_FIELDS)).toBe("reviewBy");
    expect(closestField("last-reviewed", ARTICLE_FIELDS)).toBe("lastReviewed");
  });

  it("suggests nothing for a word that is not close to any field, and lists the fields instead", () => {
    expect(closestField("colour", ARTICLE_FIELDS)).toBeUndefined();
    expect(closestField("foo", ARTICLE_FIELDS)).toBeUndefined();
    expect(unknownFieldMessage("colour", ["title", "draft"])).toBe('unknown field "colour"; the fields here are: title, draft');
    expect(unknownFieldMessage("darft", ["title", "draft"])).toBe('unknown field "darft"; did you mean draft?');
  });

  it("makes every schema reject fields it does not define, one message per field", () => {
    const result = channelSchema.safeParse({ id: "x", kind: "team", visibility: "public", purpose: "p", owner: "o", joinOnDayone: true, purpse: "q" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: "unrecognized_keys",
        message: 'unknown field "joinOnDayone"; did you mean joinOnDayOne?\nunknown field "purpse"; did you mean purpose?',
      }),
    ]);
  });
});

describe("MDX syntax errors in plain words", () => {
  it("leads with what a stray brace or angle bracket means, then the parser's words", () => {
    expect(explainMdxSyntaxError("Unexpected end of file in expression, expected a corresponding closing brace for `{`")).toMatch(
      /^a "\{" in the text starts a piece of code.*write \\\{ .*\(the MDX parser says: Unexpected end of file/,
    );
    expect(explainMdxSyntaxError("Unexpected character after `<`, expected a valid JSX tag")).toMatch(/^a "<" in the text starts a tag; .*&lt;/);
    expect(explainMdxSyntaxError("Expected a closing tag for `<Steps>` (4:1) before the end of `paragraph`")).toMatch(
      /^<Steps> is opened but never closed; add <\/Steps>/,
    );
    expect(explainMdxSyntaxError("Unexpected closing tag `</Callout>`, expected corresponding closing tag for `<Callot>` (3:1)")).toMatch(
      /^<\/Callout> does not match the tag that is open here, <Callot>/,
    );
  });

  it("keeps the parser's message for errors it has no plain words for", () => {
    expect(explainMdxSyntaxError("Something new")).toMatch(/^MDX could not read this: Something new\./);
  });

  it("treats comments and quoted strings in braces as harmless, anything else as code", () => {
    expect(isHarmlessExpression("/* a note */")).toBe(true);
    expect(isHarmlessExpression('" "')).toBe(true);
    expect(isHarmlessExpression("'text'")).toBe(true);
    expect(isHarmlessExpression("workspace")).toBe(false);
    expect(isHarmlessExpression('"a" + b')).toBe(false);
  });
});
