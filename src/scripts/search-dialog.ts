// The search dialog: opened by the header's search link, by "/" and by Ctrl/Cmd+K. This part is on
// every page and stays small; the dialog and the search bundle load on first use
// (search-dialog-ui.ts), and whatever the reader types while they load is kept and put in the box.
import { isTypingTarget, isSearchShortcut } from "../lib/search-keys.ts";
import type { ModalElement } from "./search-dialog-ui.ts";

let modal: ModalElement | undefined;
let opening = false;

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
  const stopBuffering = bufferKeys();
  try {
    const ui = await import("./search-dialog-ui.ts");
    ui.setReturnFocus(trigger);
    const instance = await ui.loadPagefindUi();
    modal ??= ui.createModal(instance);
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
