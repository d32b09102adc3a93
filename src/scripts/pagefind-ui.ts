// Loads Pagefind's component UI from the search bundle the build wrote, once, on first use, so
// pages that are only read never download it.
const BUNDLE = "/pagefind/";
let loading: Promise<void> | undefined;

export function loadPagefindUi(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = `${BUNDLE}pagefind-component-ui.css`;
    document.head.prepend(css);
    const script = document.createElement("script");
    script.type = "module";
    script.src = `${BUNDLE}pagefind-component-ui.js`;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = undefined;
      reject(new Error("The search index could not be loaded."));
    };
    document.head.append(script);
  });
  return loading;
}

/** Options shared by every search surface: matched words are highlighted on the page opened. */
export const HIGHLIGHT_PARAM = "highlight";
