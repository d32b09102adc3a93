// The search dialog: opened by the header's search link, by "/" and by Ctrl/Cmd+K. The search
// bundle loads on first use; whatever the reader types while it loads is kept and put in the box.
import { HIGHLIGHT_PARAM, loadPagefindUi, type PagefindInstance } from "./pagefind-ui.ts";
import { searchAsYouType } from "./search-as-you-type.ts";
import { limitResults } from "./search-results-limit.ts";
import { isTypingTarget, isSearchShortcut } from "../lib/search-keys.ts";

interface ModalElement extends HTMLElement {
  open(): void;
  isOpen: boolean;
}

let modal: ModalElement | undefined;
let opening = false;
/** Where focus goes back to when the dialog closes: whatever opened it most recently. */
let returnFocusTo: HTMLElement | null = null;

function createModal(instance: PagefindInstance): ModalElement {
  const config = document.createElement("pagefind-config");
  config.setAttribute("highlight-param", HIGHLIGHT_PARAM);
  config.setAttribute("excerpt-length", "24");
  document.body.append(config);
  const element = document.createElement("pagefind-modal") as ModalElement;
  document.body.append(element);
  element.querySelector("dialog")?.addEventListener("close", () => returnFocusTo?.focus());
  const input = element.querySelector<HTMLElement>("pagefind-input");
  if (input) searchAsYouType(instance, input);
  const results = element.querySelector<HTMLElement>("pagefind-results");
  if (results) {
    const more = document.createElement("button");
    more.type = "button";
    more.hidden = true;
    more.className = "m-4 rounded-md border border-border px-4 py-2 text-sm font-semibold text-accent hover:border-accent";
    results.after(more);
    limitResults(instance, results, more);
  }
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
