// How one search result reads, in the dialog and on the search page: its category, who it is for
// when that is not the reader, a title that looks like the link it is, two lines of excerpt with
// the searched words marked, the words a partial match lacks, and its best sections.
import { audienceNote } from "../lib/search-audience.ts";
import type { ResultData } from "../lib/search-index.ts";
import type { SectionResult } from "../lib/search-excerpt.ts";

/** Sections shown under a result: the ones with the most matched words. */
export const MAX_SECTIONS = 3;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The sections worth listing: not the page's own top (its excerpt is already shown), most matches first. */
export function sectionsToShow(data: Pick<ResultData, "url" | "sub_results">, max = MAX_SECTIONS): SectionResult[] {
  const page = data.url.split("#")[0];
  const sections = data.sub_results.filter((section) => section.url.includes("#") || section.url !== page);
  const best = new Set([...sections].sort((a, b) => b.locations.length - a.locations.length).slice(0, max));
  return sections.filter((section) => best.has(section));
}

export function renderResult(data: ResultData, reader: readonly string[], options: { sections?: boolean } = {}): HTMLLIElement {
  const item = element("li", "rounded-card border border-border bg-bg p-4");
  item.dataset.searchResult = "";

  const about = element("p", "flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted");
  if (data.meta.category) about.append(element("span", "", data.meta.category));
  const note = audienceNote(data.filters.audience, reader);
  if (note) about.append(element("span", "rounded-full border border-border bg-surface px-2 py-0.5 font-semibold text-fg", note));
  if (about.childElementCount) item.append(about);

  const title = element("p", "mt-1 text-base font-semibold");
  const link = element("a", "text-accent underline decoration-1 underline-offset-2 hover:decoration-2", data.meta.title ?? data.url);
  link.href = data.url;
  link.dataset.resultLink = "";
  title.append(link);
  item.append(title);

  if (data.excerpt) {
    const excerpt = element("p", "mt-1 line-clamp-2 text-sm text-fg");
    // Built by the search index from the page's escaped text; only <mark> is added.
    excerpt.innerHTML = data.excerpt;
    item.append(excerpt);
  }

  if (data.missing.length) {
    const missing = element("p", "mt-1 text-xs text-muted", "Missing: ");
    data.missing.forEach((word, index) => {
      if (index) missing.append(", ");
      missing.append(element("s", "", word));
    });
    item.append(missing);
  }

  const sections = options.sections === false ? [] : sectionsToShow(data);
  if (sections.length) {
    const list = element("ul", "mt-3 space-y-2 border-l-2 border-border pl-3");
    for (const section of sections) {
      const entry = element("li", "");
      const sectionLink = element("a", "text-sm font-medium text-accent underline decoration-1 underline-offset-2 hover:decoration-2", section.title);
      sectionLink.href = section.url;
      sectionLink.dataset.sectionLink = "";
      entry.append(sectionLink);
      if (section.excerpt) {
        const excerpt = element("p", "line-clamp-2 text-sm text-muted [&_mark]:text-fg");
        excerpt.innerHTML = section.excerpt;
        entry.append(excerpt);
      }
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}
