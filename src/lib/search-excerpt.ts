// A result's excerpt and its section results, built from the page's indexed text and the positions
// of every word that found it. Pagefind builds them from one search's words; the pipeline searches
// each word on its own (search-ranking.ts), so it combines their positions and builds them here.
//
// Frontmatter keywords are indexed as the last words of a page so readers' own words find it, but
// they are for the index only: excerpts never show them, and when a page was found only through
// its keywords, its description is shown instead.

/** A position of a matched word in the page's text, as Pagefind reports it. */
export interface MatchedPosition {
  location: number;
  /** Pagefind's score for the word there: higher in headings, lower in code. */
  balanced_score: number;
}

export interface PageAnchor {
  element: string;
  id: string;
  text?: string;
  location: number;
}

/** What Pagefind's result data holds about the page, as far as excerpts need it. */
export interface IndexedPage {
  /** The indexed text, words separated by whitespace, with < and > escaped. */
  raw_content: string;
  /** The page's address without search parameters. */
  raw_url: string;
  anchors: readonly PageAnchor[];
  meta: Record<string, string | undefined>;
}

export interface SectionResult {
  title: string;
  url: string;
  excerpt: string;
  locations: number[];
}

export interface ExcerptOptions {
  /** Words in an excerpt: two lines on a phone show about fourteen. */
  length: number;
  /** Words of context kept before the first match, so it is on the first line. */
  leadIn: number;
  highlightParam: string;
  /** The words searched, added to links so the opened page highlights them. */
  highlight: readonly string[];
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The page's words; the last ones are its frontmatter keywords when it has any. */
function splitPage(page: IndexedPage): { words: string[]; keywordsFrom: number } {
  // Split exactly as Pagefind counts positions.
  const words = page.raw_content.split(/[\r\n\s]+/);
  const keywordCount = page.meta.keywords?.split(/\s+/).filter(Boolean).length ?? 0;
  return { words, keywordsFrom: words.length - keywordCount };
}

const wordCount = (text: string | undefined) => text?.split(/\s+/).filter(Boolean).length ?? 0;

// Pagefind ends a heading's text with a full stop in the indexed text; compare letters only.
const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** Where the text after a heading starts: the heading's own words are already its title. */
function textAfter(words: readonly string[], at: number, heading: string | undefined): number {
  const count = wordCount(heading);
  const same = count > 0 && letters(words.slice(at, at + count).join(" ")) === letters(heading ?? "");
  return same ? at + count : at;
}

/** Where the densest window of `length` words starts among positions in [from, to). */
export function densestWindow(positions: readonly MatchedPosition[], length: number, from: number, to: number): number {
  const inRange = positions.filter((p) => p.location >= from && p.location < to).sort((a, b) => a.location - b.location);
  let best = { start: from, sum: -1 };
  for (const first of inRange) {
    const sum = inRange.filter((p) => p.location >= first.location && p.location < first.location + length).reduce((s, p) => s + p.balanced_score, 0);
    if (sum > best.sum) best = { start: first.location, sum };
  }
  return best.start;
}

/** `length` words from `start` (moved back by `leadIn` for context), matched words marked. */
function excerptAt(words: readonly string[], marked: ReadonlySet<number>, start: number, options: ExcerptOptions, from: number, to: number): string {
  // Start just before the first match even near the end of a section: a shorter excerpt that
  // shows the match beats a full one that pushes it past the two lines a phone shows.
  const begin = Math.max(from, start - options.leadIn);
  const end = Math.min(to, begin + options.length);
  const shown = [];
  for (let i = begin; i < end; i++) {
    const word = words[i] ?? "";
    shown.push(marked.has(i) ? `<mark>${word}</mark>` : word);
  }
  const text = shown.join(" ").trim();
  return `${begin > from ? "…" : ""}${text}${end < to ? "…" : ""}`;
}

export function linkWithHighlight(url: string, anchor: string | undefined, options: Pick<ExcerptOptions, "highlight" | "highlightParam">): string {
  const link = new URL(url, "https://page.invalid");
  for (const term of options.highlight) link.searchParams.append(options.highlightParam, term);
  if (anchor) link.hash = anchor;
  return /^https?:\/\//.test(url) ? link.href : `${link.pathname}${link.search}${link.hash}`;
}

/**
 * The excerpt for a page and one result per section that has matches. Positions inside the
 * keywords are left out; without any others, the excerpt is the page's description.
 */
export function buildExcerpts(
  page: IndexedPage,
  positions: readonly MatchedPosition[],
  options: ExcerptOptions,
): { excerpt: string; sub_results: SectionResult[] } {
  const { words, keywordsFrom } = splitPage(page);
  const inText = positions.filter((p) => p.location < keywordsFrom);
  const marked = new Set(inText.map((p) => p.location));
  if (inText.length === 0) return { excerpt: escapeHtml(page.meta.description ?? ""), sub_results: [] };

  // The page's title is shown above its excerpt; the excerpt starts after it.
  const bodyFrom = textAfter(words, 0, page.meta.title);
  const excerptFrom = inText.some((p) => p.location >= bodyFrom) ? bodyFrom : 0;
  const excerpt = excerptAt(words, marked, densestWindow(inText, options.length, excerptFrom, keywordsFrom), options, excerptFrom, keywordsFrom);

  const anchors = page.anchors
    .filter((a) => /^h\d$/i.test(a.element) && a.text?.trim() && a.location < keywordsFrom)
    .sort((a, b) => a.location - b.location);
  const sections = [{ title: page.meta.title ?? "", anchor: undefined as string | undefined, from: 0 }].concat(
    anchors.map((a) => ({ title: a.text!.trim(), anchor: a.id, from: a.location })),
  );
  const sub_results: SectionResult[] = [];
  sections.forEach((section, index) => {
    const to = sections[index + 1]?.from ?? keywordsFrom;
    const here = inText.filter((p) => p.location >= section.from && p.location < to);
    if (here.length === 0) return;
    const textFrom = Math.min(to, textAfter(words, section.from, section.title));
    sub_results.push({
      title: section.title,
      url: linkWithHighlight(page.raw_url, section.anchor, options),
      excerpt: excerptAt(words, marked, densestWindow(here, options.length, textFrom, to), options, textFrom, to),
      locations: here.map((p) => p.location),
    });
  });
  return { excerpt, sub_results };
}
