// While the customer types a subject, suggests help articles: the answer may already be written,
// and reading it is faster than waiting for a reply. The suggestions come from the same search
// pipeline as every other search surface (typos corrected, filler words ignored), and show the
// articles' own text, never their hidden keywords. Sending the ticket also tells the search-gap
// report which search, if any, this visit made before opening it.
import { readerAudience } from "../lib/search-audience.ts";
import { reportSearchGap, takeSearchBeforeTicket } from "./search-gap-report.ts";
import { searchClient } from "./search-client.ts";

const MAX_SUGGESTIONS = 3;
/** A pause in typing before suggesting: suggestions are a help beside the form, not a race. */
const PAUSE_MS = 300;
const EXCERPT_WORDS = 18;

export function initSuggestions(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('[name="subject"]');
  const panel = form.querySelector<HTMLElement>("[data-suggestions]");
  const list = form.querySelector<HTMLElement>("[data-suggestion-list]");
  const status = form.querySelector<HTMLElement>("[data-suggestions-status]");
  if (!input || !panel || !list || !status) return;

  // Counted once the ticket is complete enough to send, not at a first attempt the form refuses.
  const searchBefore = takeSearchBeforeTicket();
  if (searchBefore) {
    const report = () => {
      if (!form.checkValidity()) return;
      form.removeEventListener("submit", report);
      reportSearchGap(searchBefore, "ticket");
    };
    form.addEventListener("submit", report);
  }

  let pause: ReturnType<typeof setTimeout> | undefined;
  const render = async () => {
    const term = input.value.trim();
    if (term.length < 3) {
      panel.hidden = true;
      return;
    }
    const answer = await searchClient()
      .search({ query: term, reader: readerAudience(undefined, undefined), channel: "ticket-suggestions", excerptLength: EXCERPT_WORDS })
      .catch(() => null);
    if (!answer || input.value.trim() !== term) return;
    const data = await Promise.all(answer.results.slice(0, MAX_SUGGESTIONS).map((r) => r.data()));
    if (input.value.trim() !== term) return;
    list.replaceChildren(
      ...data.map((result) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = result.url;
        link.className = "font-semibold text-accent underline";
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement("span");
        excerpt.className = "block text-muted";
        // Built by the search index from the article's escaped text; only <mark> is added.
        excerpt.innerHTML = result.excerpt;
        item.append(link, excerpt);
        return item;
      }),
    );
    panel.hidden = data.length === 0;
    status.textContent = data.length ? `${data.length} help ${data.length === 1 ? "article" : "articles"} might answer this.` : "";
  };
  input.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(() => void render(), PAUSE_MS);
  });
  if (input.value) void render();
}
