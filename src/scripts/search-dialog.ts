// The search dialog: opened by the header's search link, by "/" and by Ctrl/Cmd+K. The search
// bundle loads on first use; whatever the reader types while it loads is kept and put in the box.
import { readerAudience } from "../lib/search-audience.ts";
import { isTypingTarget, isSearchShortcut } from "../lib/search-keys.ts";
import { HIGHLIGHT_PARAM, loadPagefindUi, searchSurfaceOr, useResultView, type PagefindInstance, type SurfaceAnswer } from "./pagefind-ui.ts";
import { searchAsYouType } from "./search-as-you-type.ts";
import { watchForNoResults } from "./search-gap-report.ts";
import { limitResults } from "./search-results-limit.ts";
import { renderStatus } from "./search-status.ts";

interface ModalElement extends HTMLElement {
  open(): void;
  close(): void;
  isOpen: boolean;
}

let modal: ModalElement | undefined;
let opening = false;
/** Where focus goes back to when the dialog closes: whatever opened it most recently. */
let returnFocusTo: HTMLElement | null = null;

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

function child(tag: string, ...children: HTMLElement[]): HTMLElement {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

function createModal(instance: PagefindInstance): ModalElement {
  const config = document.createElement("pagefind-config");
  config.setAttribute("highlight-param", HIGHLIGHT_PARAM);
  document.body.append(config);

  // On the search page, the dialog shares the page's search and its reader.
  const surface = searchSurfaceOr(instance, { reader: () => readerAudience(undefined, pageAudience()), verbatim: false, counts: false });

  // The dialog's own parts, so the line above the results is the site's (corrections, counts).
  const input = document.createElement("pagefind-input");
  const status = document.createElement("div");
  status.className = "px-4 pt-3 text-sm";
  status.dataset.searchStatus = "";
  status.hidden = true;
  const results = document.createElement("pagefind-results");
  const more = document.createElement("button");
  more.type = "button";
  more.hidden = true;
  more.className = "m-4 rounded-md border border-border px-4 py-2 text-sm font-semibold text-accent hover:border-accent";
  const element = document.createElement("pagefind-modal") as ModalElement;
  element.append(
    child("pagefind-modal-header", input),
    child("pagefind-modal-body", status, results, more),
    child("pagefind-modal-footer", document.createElement("pagefind-keyboard-hints")),
  );
  document.body.append(element);

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

/** Collects printable keys typed before the dialog's input exists. */
function bufferKeys(): () => string {
  let typed = "";
  const collect = (event: KeyboardEvent) => {
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      typed += event.key;
      event.preventDefault();
    } else if (event.key === "Backspace") {
      typed = typed.slice(0, -1);
      event.preventDefault();
    }
  };
  document.addEventListener("keydown", collect, true);
  return () => {
    document.removeEventListener("keydown", collect, true);
    return typed;
  };
}

async function openDialog(trigger: HTMLElement | null) {
  if (opening) return;
  opening = true;
  returnFocusTo = trigger;
  const stopBuffering = bufferKeys();
  try {
    const instance = await loadPagefindUi();
    modal ??= createModal(instance);
    await customElements.whenDefined("pagefind-modal");
    modal.open();
    // The dialog focuses its input on the next frame; keep buffering until then and hand the
    // buffered keys over in the same step, so no key lands before or between them.
    await new Promise(requestAnimationFrame);
    const typed = stopBuffering();
    const input = modal.querySelector<HTMLInputElement>("input");
    if (typed && input) {
      input.value += typed;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  } catch {
    stopBuffering();
    window.location.href = "/search/";
  } finally {
    opening = false;
  }
}

export function initSearchDialog() {
  const triggers = document.querySelectorAll<HTMLElement>("[data-search-trigger]");
  for (const trigger of triggers) {
    trigger.setAttribute("role", "button");
    trigger.setAttribute("aria-haspopup", "dialog");
    trigger.addEventListener("click", (event) => {
      event.preventDefault();
      void openDialog(trigger);
    });
  }
  document.addEventListener("keydown", (event) => {
    if (!isSearchShortcut(event)) return;
    if (event.key === "/" && isTypingTarget(event.target)) return;
    if (modal?.isOpen) return;
    event.preventDefault();
    // From the keyboard, focus comes back to where the reader was (a link, a field), else the button.
    const focused = document.activeElement;
    void openDialog(focused instanceof HTMLElement && focused !== document.body ? focused : (triggers[0] ?? null));
  });
}
