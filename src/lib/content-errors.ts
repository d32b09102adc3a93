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

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}  ${p.field || "(file)"}: ${p.message}`;
}

export interface ParsedYaml {
  data: unknown;
  /** Line of the value at a path, or of the nearest parent that exists; 1-based. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML keeping positions, so a problem can name the line it is on. */
export function parseYamlWithLines(source: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = (firstError.linePos?.[0]?.line ?? 0) + lineOffset;
    throw new YamlSyntaxError(firstError.message.split("\n")[0] ?? "invalid YAML", line);
  }
  return {
    data: doc.toJS(),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(doc, path.slice(0, depth));
        const offset = node?.range?.[0];
        if (offset !== undefined) return lineCounter.linePos(offset).line + lineOffset;
      }
      return undefined;
    },
  };
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
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    return {
      file,
      line: parsed?.lineOf(path),
      field: fieldName(path),
      message: issue.message + (parsed ? describeReceived(parsed.data, path) : ""),
    };
  });
}
