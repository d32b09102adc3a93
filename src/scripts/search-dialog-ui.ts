// The search dialog itself, loaded the first time a reader opens search (search-dialog.ts), so
// pages that are only read carry none of it.
import { readerAudience } from "../lib/search-audience.ts";
import { HIGHLIGHT_PARAM, loadPagefindUi, searchSurfaceOr, useResultView, type PagefindInstance, type SurfaceAnswer } from "./pagefind-ui.ts";
import { searchAsYouType } from "./search-as-you-type.ts";
import { watchForNoResults } from "./search-gap-report.ts";
import { limitResults } from "./search-results-limit.ts";
import { renderStatus } from "./search-status.ts";

export { loadPagefindUi };

export interface ModalElement extends HTMLElement {
  open(): void;
  close(): void;
  isOpen: boolean;
}

/** Where focus goes back to when the dialog closes: whatever opened it most recently. */
let returnFocusTo: HTMLElement | null = null;

export function setReturnFocus(element: HTMLElement | null): void {
  returnFocusTo = element;
}

/**
 * Who the page is written for, as audience filter values: an article or category page names its
 * audience; pages without one (home, tickets) leave the reader to the default, a customer.
 */
export function pageAudience(root: ParentNode = document): string[] {
  const tagged = root.querySelector<HTMLElement>("[data-page-audience]")?.dataset.pageAudience;
  if (tagged) return tagged.split("|").filter(Boolean);
  return [...root.querySelectorAll<HTMLElement>('[data-pagefind-filter^="audience:"]')].map((span) =>
    (span.dataset.pagefindFilter ?? "").slice("audience:".length),
  );
}

export function createModal(instance: PagefindInstance): ModalElement {
  const config = document.createElement("pagefind-config");
  config.setAttribute("highlight-param", HIGHLIGHT_PARAM);
  document.body.append(config);

  // On the search page, the dialog shares the page's search and its reader.
  const surface = searchSurfaceOr(instance, { reader: () => readerAudience(undefined, pageAudience()), verbatim: false, counts: false });

  // The dialog builds its own parts (given parts of its own, it would set up its header twice);
  // the line above the results is then replaced by the site's, which says what was corrected.
  const element = document.createElement("pagefind-modal") as ModalElement;
  document.body.append(element);
  const input = element.querySelector<HTMLElement>("pagefind-input")!;
  const results = element.querySelector<HTMLElement>("pagefind-results")!;
  const status = document.createElement("div");
  status.className = "px-4 pt-3 text-sm";
  status.dataset.searchStatus = "";
  status.hidden = true;
  element.querySelector("pagefind-summary")?.replaceWith(status);
  const more = document.createElement("button");
  more.type = "button";
  more.hidden = true;
  more.className = "m-4 rounded-md border border-border px-4 py-2 text-sm font-semibold text-accent hover:border-accent";
  results.after(more);

  const gaps = watchForNoResults();
  element.querySelector("dialog")?.addEventListener("close", () => {
    gaps.flush();
    returnFocusTo?.focus();
  });
  searchAsYouType(instance, input);
  useResultView(instance, results);
  limitResults(instance, results, more);

  // Choosing "Search instead for ..." or the correction searches again here, in the dialog.
  const choose = (term: string, verbatim: boolean) => {
    const field = element.querySelector<HTMLInputElement>("pagefind-input input");
    if (field) field.value = term;
    surface.verbatim = verbatim;
    instance.triggerSearch(term);
    field?.focus();
  };
  // Typing a new search asks for corrections again.
  element.addEventListener("input", () => {
    surface.verbatim = false;
  });
  instance.on("results", (answer: SurfaceAnswer) => {
    const term = instance.searchTerm;
    renderStatus(status, { term, count: answer.results.length, summary: answer.summary, verbatim: surface.verbatim }, choose);
    if (answer.summary?.correctedQuery && !surface.verbatim) instance.announceRaw(`Showing results for ${answer.summary.correctedQuery}`);
    gaps.note(term, answer.results.length);
  });
  return element;
}

