// The header's menu is a <details> element, so it opens and closes without JavaScript. With it,
// the menu also closes the way people expect a menu to: Escape (focus returns to the menu button),
// a tap or click anywhere outside it, or moving keyboard focus out of it.

export function initSiteMenu() {
  for (const menu of document.querySelectorAll<HTMLDetailsElement>("details[data-menu]")) {
    const button = menu.querySelector("summary");
    const close = (returnFocus: boolean) => {
      if (!menu.open) return;
      menu.open = false;
      if (returnFocus) button?.focus();
    };
    menu.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && menu.open) {
        event.preventDefault();
        close(true);
      }
    });
    // pointerdown rather than click: a tap on the page behind closes the menu before anything else reacts.
    document.addEventListener("pointerdown", (event) => {
      if (menu.open && !menu.contains(event.target as Node)) close(false);
    });
    menu.addEventListener("focusout", (event) => {
      const next = event.relatedTarget as Node | null;
      if (next && !menu.contains(next)) close(false);
    });
  }
}
