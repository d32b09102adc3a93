// Reads the YAML files under content/ and validates them. Used by the Astro content config, the
// ticket endpoint (which needs plans, SLA targets and business hours at run time) and the checks.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import {
  ContentError,
  parseYamlWithLines,
  problemsFromZod,
  YamlSyntaxError,
  type ContentProblem,
} from "./content-errors.ts";

export const CONTENT_DIR = resolve(process.env.KB_CONTENT_DIR ?? "content");

export function contentPath(...parts: string[]): string {
  return resolve(CONTENT_DIR, ...parts);
}

/** A path as people read it in messages: relative to the project when inside it, else absolute. */
export function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown && !shown.startsWith("..") ? shown : resolve(file);
}

function readYaml(file: string) {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    throw new ContentError([{ file: displayPath(file), field: "", message: "file not found" }]);
  }
  try {
    return parseYamlWithLines(source);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      throw new ContentError([
        {
          file: displayPath(file),
          line: error.line,
          field: "",
          message: `${error.message}. Check the indentation and that text with a colon is in quotes.`,
        },
      ]);
    }
    throw error;
  }
}

/** Reads one YAML object and validates it against a schema. */
export function readYamlObject<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const parsed = readYaml(file);
  const result = schema.safeParse(parsed.data);
  if (!result.success) throw new ContentError(problemsFromZod(displayPath(file), result.error, parsed));
  return result.data;
}

/**
 * Reads a YAML list of entries, each with an `id`, validates every entry and checks the ids are
 * unique. All problems in the file are reported together, not only the first.
 */
export function readYamlList<S extends z.ZodType<{ id: string }>>(file: string, schema: S): z.output<S>[] {
  const parsed = readYaml(file);
  const shown = displayPath(file);
  if (!Array.isArray(parsed.data)) {
    throw new ContentError([
      { file: shown, line: 1, field: "", message: "expected a list of entries, each starting with '- id:'" },
    ]);
  }
  const problems: ContentProblem[] = [];
  const entries: z.output<S>[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((item: unknown, index: number) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      problems.push(...problemsFromZod(shown, result.error, parsed, [index]));
      return;
    }
    const id = result.data.id;
    if (seen.has(id)) {
      problems.push({
        file: shown,
        line: parsed.lineOf([index, "id"]),
        field: `[${index}].id`,
        message: `"${id}" is already used by entry ${seen.get(id)}; ids must be unique`,
      });
    }
    seen.set(id, index);
    entries.push(result.data);
  });
  if (problems.length) throw new ContentError(problems);
  return entries;
}

/** An article's id: its path under content/articles/ without the extension ("customer-help/choosing-a-priority"). */
export function articleIdFromPath(file: string, dir = contentPath("articles")): string {
  return relative(dir, file).replace(/\\/g, "/").replace(/\.mdx?$/, "");
}

/** Files under a folder as forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).replace(/\\/g, "/"));
    }
  };
  walk(dir);
  return files.sort();
}
