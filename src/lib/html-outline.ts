// Reads the tags the built-page checks care about (headings, images, links) out of a page Astro
// wrote, with the line each starts on, so a report can say "dist/x/index.html:120". A small
// scanner is enough because the input is our own generated HTML, not arbitrary markup.

export interface HtmlTag {
  name: string;
  attrs: ReadonlyMap<string, string>;
  line: number;
  /** Text between the opening and the closing tag, without markup; only for headings. */
  text?: string;
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1]?.toLowerCase() === "x" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Comments, scripts, styles and templates are not part of the page's outline; blank them, keeping line breaks. */
function blankNonContent(html: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  return html
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, blank);
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of source.matchAll(ATTR)) {
    attrs.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attrs;
}

/** Every opening tag whose name is in `names`, in document order. */
export function scanTags(html: string, names: readonly string[]): HtmlTag[] {
  const wanted = new Set(names);
  const source = blankNonContent(html);
  const tags: HtmlTag[] = [];
  let line = 1;
  let counted = 0;
  for (const match of source.matchAll(TAG)) {
    const name = match[1]!.toLowerCase();
    if (!wanted.has(name)) continue;
    for (let i = counted; i < match.index; i++) if (source.charCodeAt(i) === 10) line++;
    counted = match.index;
    const tag: HtmlTag = { name, attrs: parseAttributes(match[2] ?? ""), line };
    if (/^h[1-6]$/.test(name)) {
      const end = source.indexOf(`</${name}`, match.index + match[0].length);
      const inner = end === -1 ? "" : source.slice(match.index + match[0].length, end);
      tag.text = decodeEntities(inner.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
    }
    tags.push(tag);
  }
  return tags;
}

export const HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
