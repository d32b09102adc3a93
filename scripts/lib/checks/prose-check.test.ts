import { describe, expect, it } from "vitest";
import { checkProse } from "./prose-check.ts";

const check = (body: string, frontmatter = {}) => checkProse("a.mdx", body, 10, frontmatter);

describe("placeholder text and empty sections", () => {
  it("passes finished prose", () => {
    expect(check("Intro.\n\n## Steps\n\nDo this.\n\n### Detail\n\nMore.\n")).toEqual([]);
  });

  it("flags lorem, TODO and TBD with their line", () => {
    const problems = check("Intro.\n\n## Steps\n\nLorem ipsum dolor.\n\nTBD: decide.\n");
    expect(problems.map((p) => [p.line, p.message.slice(0, 14)])).toEqual([
      [14, '"Lorem ipsum" '],
      [16, '"TBD" looks li'],
    ]);
  });

  it("flags placeholder titles and descriptions", () => {
    expect(check("Text.", { description: "TODO write this" })[0]).toMatchObject({ field: "description" });
  });

  it("ignores the words inside code", () => {
    expect(check("Use `TODO` markers.\n\n```\n// TODO: example\n```\n")).toEqual([]);
  });

  it("flags a heading with nothing under it, including at the end", () => {
    const problems = check("Intro.\n\n## Empty\n\n## Full\n\nText.\n\n## Last\n");
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [12, 'the section "Empty" is empty; write its content or remove the heading'],
      [18, 'the section "Last" is empty; write its content or remove the heading'],
    ]);
  });

  it("counts a sub-section as content of its parent", () => {
    expect(check("## Parent\n\n### Child\n\nText.\n")).toEqual([]);
  });
});
