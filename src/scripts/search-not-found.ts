// The 404 page searches for the words of the address that was not found ("open-a-tikcet" ->
// "open a tikcet", corrected by the pipeline to "open a ticket") and lists the best matches, so a
// reader following an old or mistyped link is one click from the page they wanted.
import { readerAudience } from "../lib/search-audience.ts";
import { searchTermsFromPath } from "../lib/not-found.ts";
import { searchPageUrl } from "../lib/search-url.ts";
import { searchClient } from "./search-client.ts";
import { renderResult } from "./search-result-view.ts";

const SUGGESTIONS = 5;

export async function initNotFoundSearch(): Promise<void> {
  const input = document.querySelector<HTMLInputElement>("main input[name=q]");
  const section = document.querySelector<HTMLElement>("[data-not-found-suggestions]");
  const list = section?.querySelector<HTMLElement>("[data-suggestion-list]");
  const more = section?.querySelector<HTMLAnchorElement>("[data-more-results]");
  const term = searchTermsFromPath(window.location.pathname);
  if (input && !input.value) input.value = term;
  if (!term || !section || !list) return;
  const reader = readerAudience(undefined, undefined);
  const answer = await searchClient()
    .search({ query: term, reader, channel: "not-found", excerptLength: 20 })
    .catch(() => null);
  if (!answer?.results.length) return;
  const data = await Promise.all(answer.results.slice(0, SUGGESTIONS).map((result) => result.data()));
  list.replaceChildren(...data.map((result) => renderResult(result, reader, { sections: false })));
  if (more) {
    more.href = searchPageUrl(answer.summary.correctedQuery ?? term);
    more.hidden = answer.results.length <= SUGGESTIONS;
  }
  section.hidden = false;
}
