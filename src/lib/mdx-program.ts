// Articles are compiled to JavaScript when their page is rendered, not imported as modules (see
// src/article-body.ts for why). The MDX compiler writes an ES module; this turns it into the body of
// a function that receives Astro's JSX runtime as an argument, so it can run with `new Function`.

/** The only import an article's compiled code may have: Astro's JSX runtime. */
const RUNTIME_IMPORT = /^import \{([^}]*)\} from "astro\/jsx-runtime";$/gm;
/** The two exports the compiler appends; anything else was written by the author. */
const COMPILER_EXPORT = /^export (const frontmatter =|function getHeadings\(\))/gm;

export class ArticleCodeError extends Error {}

/**
 * `import { jsx as _jsx } from "astro/jsx-runtime";` becomes `const { jsx: _jsx } = runtime;`, the
 * compiler's exports become local, and the body returns `{ MDXContent, getHeadings }`. An article that
 * imports or exports anything itself is rejected: components are available without importing them,
 * and an article is content, not code.
 */
export function mdxProgramToFunctionBody(code: string): string {
  let body = code.replace(RUNTIME_IMPORT, (_, names: string) => `const {${names.replace(/\b(\w+) as (\w+)\b/g, "$1: $2")}} = runtime;`);
  body = body.replace(COMPILER_EXPORT, "$1");
  const authored = /^(?:import|export)\b.*$/m.exec(body);
  if (authored) {
    throw new ArticleCodeError(
      `articles cannot import or export (found "${authored[0].slice(0, 60)}"); the article components are available by name without an import`,
    );
  }
  if (!/^function MDXContent\(/m.test(body)) throw new ArticleCodeError("the compiled article has no MDXContent function");
  return `${body}\nreturn { MDXContent, getHeadings };`;
}

/** The MDX compiler (Sätteri) starts its error messages with "line:column: "; this splits that off. */
export function splitMdxMessage(text: string): { line?: number; reason: string } {
  const at = /^(\d+):\d+:\s*/.exec(text);
  return at ? { line: Number(at[1]), reason: text.slice(at[0].length) } : { reason: text };
}
