// Marks the words a reader searched for when they arrive from a search result (?highlight=...).
import { HIGHLIGHT_PARAM } from "../lib/search-url.ts";

export async function highlightSearchTerms() {
  if (!new URLSearchParams(window.location.search).has(HIGHLIGHT_PARAM)) return;
  const url = "/pagefind/pagefind-highlight.js";
  const module = (await import(/* @vite-ignore */ url)) as {
    default: new (options: Record<string, unknown>) => unknown;
  };
  new module.default({ highlightParam: HIGHLIGHT_PARAM, addStyles: false, markOptions: { className: "search-match" } });
}
