// Reads the tags the built-page checks care about (headings, images, links) out of a page Astro
// wrote, with the line each starts on, so a report can say "dist/x/index.html:120". parse5 is the
// HTML standard's parsing algorithm with source locations, so what it finds is what a browser sees.
import { parse, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

export interface HtmlTag {
  name: string;
  attrs: ReadonlyMap<string, string>;
  line: number;
  /** Text between the opening and the closing tag, without markup; only for headings. */
  text?: string;
}

/** Scripts, styles and templates are not part of the page's outline. */
const SKIPPED = new Set(["script", "style", "template"]);

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function textOf(node: Node): string {
  if (node.nodeName === "#text" && "value" in node) return node.value;
  if (!("childNodes" in node) || (isElement(node) && SKIPPED.has(node.tagName))) return "";
  return node.childNodes.map(textOf).join("");
}

/** Every element whose name is in `names`, in document order (a script is reported, not read into). */
export function scanTags(html: string, names: readonly string[]): HtmlTag[] {
  const wanted = new Set(names);
  const tags: HtmlTag[] = [];
  const visit = (node: Node): void => {
    if (isElement(node) && wanted.has(node.tagName)) {
      const tag: HtmlTag = {
        name: node.tagName,
        attrs: new Map(node.attrs.map((a) => [a.name, a.value])),
        line: node.sourceCodeLocation?.startLine ?? 1,
      };
      if (/^h[1-6]$/.test(node.tagName)) tag.text = textOf(node).replace(/\s+/g, " ").trim();
      tags.push(tag);
    }
    if (isElement(node) && SKIPPED.has(node.tagName)) return;
    if ("childNodes" in node) node.childNodes.forEach(visit);
  };
  // Parsed as with scripting off, so what <noscript> shows readers without JavaScript is checked too.
  visit(parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false }));
  return tags;
}

export const HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
