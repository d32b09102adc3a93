// The `_headers` file that Netlify and Cloudflare Pages read from the published folder: a path
// pattern on its own line, then its headers indented below it. The Node server reads the same file,
// matching paths the way those hosts do, so every way of serving the site sends the same headers.

export interface HeaderRule {
  /**
   * "/exact/path", or a prefix ending in "*" that matches anything after it ("/_astro/*"); a
   * ":name" segment matches any one segment.
   */
  path: string;
  headers: Record<string, string>;
}

export class HeadersFileError extends Error {}

export function formatHeadersFile(rules: readonly HeaderRule[], comment: string): string {
  const lines = comment.split("\n").map((line) => `# ${line}`.trimEnd());
  for (const rule of rules) {
    lines.push("", rule.path);
    for (const [name, value] of Object.entries(rule.headers)) lines.push(`  ${name}: ${value}`);
  }
  return `${lines.join("\n")}\n`;
}

export function parseHeadersFile(text: string, file = "_headers"): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.trim();
    if (!content || content.startsWith("#")) return;
    if (!/^\s/.test(line)) {
      if (!content.startsWith("/")) throw new HeadersFileError(`${file}:${index + 1}: a rule starts with a path like /* or /_astro/*`);
      rules.push({ path: content, headers: {} });
      return;
    }
    const colon = content.indexOf(":");
    const rule = rules.at(-1);
    if (!rule || colon < 1) throw new HeadersFileError(`${file}:${index + 1}: expected "Name: value" indented under a path`);
    rule.headers[content.slice(0, colon).trim()] = content.slice(colon + 1).trim();
  });
  return rules;
}

export function pathMatches(pattern: string, pathname: string): boolean {
  // A ":name" segment stands for any one segment ("/pagefind/:shard/index/*"), as on both hosts.
  if (pattern.includes("/:")) {
    const segments = pathname.split("/");
    const fixed = pattern.split("/").map((part, i) => (part.startsWith(":") && segments[i] ? segments[i] : part));
    return !fixed.some((part) => part.startsWith(":")) && pathMatches(fixed.join("/"), pathname);
  }
  if (!pattern.endsWith("*")) return pattern === pathname;
  const prefix = pattern.slice(0, -1);
  // "/tickets/thanks/*" also covers "/tickets/thanks" (no slash), as the hosts' matchers do.
  return pathname.startsWith(prefix) || (prefix.endsWith("/") && pathname === prefix.slice(0, -1));
}

/** Headers of every rule matching `pathname`; a later rule's value replaces an earlier one's. */
export function headersForPath(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) if (pathMatches(rule.path, pathname)) Object.assign(headers, rule.headers);
  return headers;
}
