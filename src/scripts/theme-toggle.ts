// The theme toggle: shows the theme the page is in now, and on press pins the other one.
const STORAGE_KEY = "kb-theme";
type Theme = "light" | "dark";

function systemTheme(): Theme {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function currentTheme(): Theme {
  const pinned = document.documentElement.dataset.theme;
  return pinned === "light" || pinned === "dark" ? pinned : systemTheme();
}

function render(button: HTMLButtonElement) {
  const theme = currentTheme();
  document.documentElement.dataset.themeResolved = theme;
  button.setAttribute("aria-label", theme === "dark" ? "Use light theme" : "Use dark theme");
}

export function initThemeToggle() {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-theme-toggle]")) {
    button.hidden = false;
    render(button);
    button.addEventListener("click", () => {
      const next: Theme = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private browsing can refuse storage; the choice still applies to this page.
      }
      render(button);
    });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => render(button));
  }
}
