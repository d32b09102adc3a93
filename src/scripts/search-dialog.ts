// The search dialog: opened by the header's search link, by "/" and by Ctrl/Cmd+K.
import { HIGHLIGHT_PARAM, loadPagefindUi } from "./pagefind-ui.ts";
import { isTypingTarget, isSearchShortcut } from "../lib/search-keys.ts";

interface ModalElement extends HTMLElement {
  open(): void;
  isOpen: boolean;
}

let modal: ModalElement | undefined;

async function openDialog(trigger: HTMLElement | null) {
  try {
    await loadPagefindUi();
  } catch {
    window.location.href = "/search/";
    return;
  }
  if (!modal) {
    const config = document.createElement("pagefind-config");
    config.setAttribute("highlight-param", HIGHLIGHT_PARAM);
    config.setAttribute("excerpt-length", "24");
    document.body.append(config);
    modal = document.createElement("pagefind-modal") as ModalElement;
    modal.setAttribute("reset-on-close", "false");
    document.body.append(modal);
    const dialog = modal.querySelector("dialog");
    dialog?.addEventListener("close", () => trigger?.focus());
    await customElements.whenDefined("pagefind-modal");
  }
  modal.open();
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
    void openDialog(triggers[0] ?? null);
  });
}
