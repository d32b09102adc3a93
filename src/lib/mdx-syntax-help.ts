// The MDX parser explains a syntax error in its own terms ("Unexpected end of file in expression,
// expected a corresponding closing brace for `{`"). An editor needs to hear first, in plain words,
// what in their text caused it and how to write it instead; the parser's words follow for detail.

interface Explanation {
  pattern: RegExp;
  explain: (match: RegExpExecArray) => string;
}

const EXPLANATIONS: Explanation[] = [
  {
    pattern: /Expected a closing tag for `<([\w.]+)>`/,
    explain: ([, name]) => `<${name}> is opened but never closed; add </${name}> after its content, or end the tag with /> if it has none`,
  },
  {
    pattern: /Unexpected closing tag `<\/([\w.]*)>`, expected corresponding closing tag for `<([\w.]+)>`/,
    explain: ([, closing, open]) => `</${closing}> does not match the tag that is open here, <${open}>; spell both tags the same`,
  },
  {
    pattern: /Unexpected closing tag `<\/([\w.]*)>`/,
    explain: ([, closing]) => `</${closing}> closes a tag that was never opened; remove it or add the opening tag`,
  },
  {
    pattern: /closing brace for `\{`|in expression|parse expression/,
    explain: () =>
      'a "{" in the text starts a piece of code, and what follows is not code; to show a brace, write \\{ or put the text in backticks',
  },
  {
    pattern: /after `<`|before name|expected a valid JSX tag/,
    explain: () => 'a "<" in the text starts a tag; to show the sign itself, write &lt; or put the text in backticks',
  },
];

/** A plain-words lead for an MDX parser message, followed by the parser's own words. */
export function explainMdxSyntaxError(reason: string): string {
  for (const { pattern, explain } of EXPLANATIONS) {
    const match = pattern.exec(reason);
    if (match) return `${explain(match)} (the MDX parser says: ${reason})`;
  }
  return `MDX could not read this: ${reason}. Check for an unclosed tag, or a stray { or < in the text (write \\{ or &lt;, or put the text in backticks)`;
}

/** `{...}` that is only a comment or a quoted string is harmless; anything else runs as code. */
export function isHarmlessExpression(code: string): boolean {
  const trimmed = code.trim();
  return trimmed === "" || /^\/\*[\s\S]*\*\/$/.test(trimmed) || /^(["'])(?:(?!\1)[^\\]|\\.)*\1$/.test(trimmed);
}
