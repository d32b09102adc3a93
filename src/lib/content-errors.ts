// Turns zod issues into messages a support person can act on: file, line, field and what is allowed.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";

export interface ContentProblem {
  file: string;
  line?: number;
  field: string;
  message: string;
}

export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(`\n${problems.map(formatProblem).join("\n")}\n`);
    this.name = "ContentError";
    this.problems = problems;
  }
}

/**
 * Runs one read; a ContentError's problems are added to `problems` and undefined returned, so a
 * caller reads every file and one run lists the problems of all of them.
 */
export function collectProblems<T>(problems: ContentProblem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}  ${p.field || "(file)"}: ${p.message}`;
}

export interface ParsedYaml {
  data: unknown;
  /** Line of the value at a path, or of the nearest parent that exists; 1-based. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** Line of the key at the end of a path ("keyword:"), where its value may start lines later. */
  lineOfKey?(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML keeping positions, so a problem can name the line it is on. */
export function parseYamlWithLines(source: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  lastPositioned = { source, doc, lines: lineCounter };
  const firstError = doc.errors[0];
  if (firstError) {
    const line = (firstError.linePos?.[0]?.line ?? 0) + lineOffset;
    throw new YamlSyntaxError(firstError.message.split("\n")[0] ?? "invalid YAML", line);
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    const { doc: positioned, lines } = positionedDocument(source);
    for (let depth = path.length; depth >= 0; depth--) {
      const node = nodeAt(positioned, path.slice(0, depth));
      const offset = node?.range?.[0];
      if (offset !== undefined) return lines.linePos(offset).line + lineOffset;
    }
    return undefined;
  };
  return {
    data: doc.toJS(),
    lineOf,
    lineOfKey(path) {
      const { doc: positioned, lines } = positionedDocument(source);
      const parent = nodeAt(positioned, path.slice(0, -1));
      const last = path.at(-1);
      if (isMap(parent) && last !== undefined) {
        const key = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === String(last))?.key as
          | { range?: [number, number, number] }
          | undefined;
        const offset = key?.range?.[0];
        if (offset !== undefined) return lines.linePos(offset).line + lineOffset;
      }
      return lineOf(path);
    },
  };
}

// A document with positions is parsed again when a line is asked for (only for a problem or a
// warning) instead of kept with the data: at 50,000 articles the kept documents took 0.4 GiB.
// The last one is remembered, since the questions about one file come together.
let lastPositioned: { source: string; doc: Document; lines: LineCounter } | undefined;
function positionedDocument(source: string): { doc: Document; lines: LineCounter } {
  if (lastPositioned?.source !== source) {
    const lines = new LineCounter();
    lastPositioned = { source, doc: parseDocument(source, { lineCounter: lines, prettyErrors: false }), lines };
  }
  return lastPositioned;
}

export class YamlSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

function nodeAt(doc: Document, path: readonly PropertyKey[]) {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value) === String(key));
      node = pair?.value ?? pair?.key;
    } else if (isSeq(node)) {
      node = node.items[Number(key)];
    } else {
      return undefined;
    }
  }
  return node as { range?: [number, number, number] } | undefined;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === "number") return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, "");
}

/** The value written at a path, or undefined when it (or a parent) is not there. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Describes the value that was found, so "must be one of" can say what was written instead. */
function describeReceived(data: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return "";
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return " (it is missing)";
  if (value instanceof Date) return "";
  if (typeof value === "object") return "";
  return ` (found ${JSON.stringify(value)})`;
}

export function problemsFromZod(
  file: string,
  error: z.ZodError,
  parsed?: ParsedYaml,
  prefix: readonly PropertyKey[] = [],
): ContentProblem[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") return unknownFieldProblems(file, issue.keys, issue.message, path, parsed);
    // zod's own wording for a missing field ("Invalid input: expected string, received undefined")
    // says the opposite of what happened to a person; the schemas' own messages are kept.
    if (issue.code === "invalid_type" && parsed && valueAt(parsed.data, path) === undefined && issue.message.startsWith("Invalid input")) {
      return [{ file, line: parsed.lineOf(path), field: fieldName(path), message: `this field is required and missing (${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected})` }];
    }
    return [
      {
        file,
        line: parsed?.lineOf(path),
        field: fieldName(path),
        message: issue.message + (parsed ? describeReceived(parsed.data, path) : ""),
      },
    ];
  });
}

/**
 * One problem per unknown field, on the line of its key. The schemas word the issue as one line
 * per key (see closedObject in content-schemas.ts); any other wording is repeated for each key.
 */
function unknownFieldProblems(
  file: string,
  keys: readonly string[],
  message: string,
  path: readonly PropertyKey[],
  parsed?: ParsedYaml,
): ContentProblem[] {
  const lines = message.split("\n");
  return keys.map((key, index) => {
    const keyPath = [...path, key];
    return {
      file,
      line: parsed?.lineOfKey?.(keyPath) ?? parsed?.lineOf(keyPath),
      field: fieldName(keyPath),
      // The field is already named before the message, so the message need not repeat it.
      message: (lines.length === keys.length ? (lines[index] ?? message) : "unknown field; remove it or correct its name").replace(
        `unknown field "${key}"`,
        "unknown field",
      ),
    };
  });
}
