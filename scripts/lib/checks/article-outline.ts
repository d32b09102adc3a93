// What the checks need to know about an article body, read from the syntax tree the MDX parser
// builds: its headings (with the ids Astro will give them), links, images, explicit ids and the
// components it uses.
import Slugger from "github-slugger";

export interface OutlineHeading {
  depth: number;
  text: string;
  /** The id Astro gives the heading: github-slugger over its text, numbered when repeated. */
  slug: string;
  line?: number | undefined;
}

export interface OutlineLink {
  url: string;
  line?: number | undefined;
}

export interface OutlineImage {
  src: string;
  /**
   * undefined when the image has no alt text: a Markdown image with empty brackets, or an <img>
   * without alt. alt="" on an <img> deliberately marks a decorative image; alt={x} counts as given.
   */
  alt: string | undefined;
  line?: number | undefined;
}

export interface ArticleOutline {
  headings: OutlineHeading[];
  links: OutlineLink[];
  images: OutlineImage[];
  /** id="..." written on elements in the body; a link may point at these as well as at headings. */
  ids: string[];
  /** Capitalised JSX elements, which MDX renders as components: <Callout>, <Steps>, ... */
  components: { name: string; line?: number | undefined }[];
  /** `{...}` in the text, which MDX runs as JavaScript when the page is built. */
  expressions: { code: string; line?: number | undefined }[];
}

/** The parts of an mdast/MDX node the outline reads. */
export interface MdastNode {
  type: string;
  name?: string | null;
  depth?: number;
  url?: string;
  alt?: string | null;
  value?: unknown;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start?: { line?: number } };
  children?: MdastNode[];
}

const TEXT_TYPES = new Set(["text", "inlineCode", "mdxTextExpression"]);

/** Heading text the way Astro's rehypeHeadingIds reads it: every text, code and expression value. */
export function headingText(node: MdastNode): string {
  if (TEXT_TYPES.has(node.type) && typeof node.value === "string") return node.value;
  return (node.children ?? []).map(headingText).join("");
}

function attribute(node: MdastNode, name: string): { present: boolean; value: string | undefined } {
  const attr = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  if (!attr) return { present: false, value: undefined };
  // alt={description} is an expression: present, but its text is only known at build time.
  return { present: true, value: typeof attr.value === "string" ? attr.value : attr.value == null ? "" : "{expression}" };
}

/** Walks an MDX syntax tree once; `toFileLine` turns a body line into a line of the whole file. */
export function outlineFromMdast(tree: MdastNode, toFileLine: (line?: number) => number | undefined = (l) => l): ArticleOutline {
  const outline: ArticleOutline = { headings: [], links: [], images: [], ids: [], components: [], expressions: [] };
  const slugger = new Slugger();
  const visit = (node: MdastNode) => {
    const line = toFileLine(node.position?.start?.line);
    if (node.type === "heading" && node.depth) {
      const text = headingText(node);
      outline.headings.push({ depth: node.depth, text, slug: slugger.slug(text), line });
    } else if ((node.type === "link" || node.type === "definition") && node.url !== undefined) {
      outline.links.push({ url: node.url, line });
    } else if (node.type === "image" && node.url !== undefined) {
      outline.images.push({ src: node.url, alt: node.alt ? node.alt : undefined, line });
    } else if (node.type === "mdxTextExpression" || node.type === "mdxFlowExpression") {
      outline.expressions.push({ code: typeof node.value === "string" ? node.value : "", line });
    } else if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      const href = attribute(node, "href");
      if (href.value) outline.links.push({ url: href.value, line });
      const id = attribute(node, "id");
      if (id.value) outline.ids.push(id.value);
      if (node.name && /^[A-Z]/.test(node.name)) outline.components.push({ name: node.name, line });
      if (node.name === "img") {
        const alt = attribute(node, "alt");
        outline.images.push({ src: attribute(node, "src").value ?? "", alt: alt.present ? alt.value : undefined, line });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return outline;
}
