// Reads an article's frontmatter and validates it against the article schema, keeping line numbers,
// so the content check and the build's article loader report a bad field the same way: file, line,
// field and the fix.
import type { z } from "zod";
import { parseYamlWithLines, problemsFromZod, YamlSyntaxError, type ContentProblem, type ParsedYaml } from "./content-errors.ts";

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function splitFrontmatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const match = FRONTMATTER.exec(source);
  if (!match) return undefined;
  const yaml = match[1] ?? "";
  return { yaml, body: source.slice(match[0].length), bodyLine: match[0].split("\n").length };
}

export interface FrontmatterResult<T> {
  data?: T;
  parsed?: ParsedYaml;
  problems: ContentProblem[];
}

/** Validates the YAML between the `---` lines; `shown` is the file as messages name it. */
export function checkFrontmatter<S extends z.ZodType>(shown: string, yaml: string, schema: S): FrontmatterResult<z.output<S>> {
  let parsed: ParsedYaml;
  try {
    // The YAML starts on the file's second line, after the opening ---.
    parsed = parseYamlWithLines(yaml, 1);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    return {
      problems: [{ file: shown, line: error.line, field: "", message: `${error.message}. Check indentation, and put text containing a colon in quotes.` }],
    };
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) return { parsed, problems: problemsFromZod(shown, result.error, parsed) };
  return { data: result.data, parsed, problems: [] };
}
