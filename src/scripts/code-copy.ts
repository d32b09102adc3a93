// A "Copy" button on each code block of an article. The buttons are added here rather than written
// into the page, so a reader without JavaScript never meets a button that does nothing; the code
// itself reads and selects the same either way. One polite status region announces the result.

const COPIED_FOR_MS = 2000;

export function initCodeCopy(root: ParentNode = document) {
  const blocks = [...root.querySelectorAll<HTMLPreElement>(".prose-kb pre")];
  if (blocks.length === 0) return;
  const status = document.createElement("div");
  status.setAttribute("role", "status");
  status.className = "sr-only";
  status.dataset.codeCopyStatus = "";
  document.body.append(status);

  blocks.forEach((pre, index) => {
    // A bar above the code holds the language and the button, so the button never covers code.
    const wrapper = document.createElement("div");
    wrapper.className = "code-block";
    const bar = document.createElement("div");
    bar.className = "code-block-bar";
    const language = document.createElement("span");
    language.textContent = languageName(pre.dataset.language);
    pre.replaceWith(wrapper);
    wrapper.append(bar, pre);

    const button = document.createElement("button");
    button.type = "button";
    button.dataset.codeCopy = "";
    button.className = "rounded-md border border-border bg-surface-raised px-2.5 py-0.5 text-xs font-semibold text-fg hover:border-accent";
    button.textContent = "Copy";
    // Several blocks on a page get names a screen reader user can tell apart in a list of buttons.
    button.setAttribute("aria-label", blocks.length > 1 ? `Copy code example ${index + 1}` : "Copy code example");
    bar.append(language, button);

    let reset: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener("click", async () => {
      const text = (pre.querySelector("code") ?? pre).textContent ?? "";
      clearTimeout(reset);
      if (await writeToClipboard(text)) {
        button.textContent = "Copied";
        announce(status, "Code copied to the clipboard.");
        reset = setTimeout(() => (button.textContent = "Copy"), COPIED_FOR_MS);
      } else {
        // The clipboard can be refused (permissions, an old browser): select the code so one
        // keyboard shortcut copies it.
        selectContents(pre);
        announce(status, "Copying is blocked in this browser. The code is selected: press Ctrl+C, or Command+C on a Mac, to copy it.");
      }
    });
  });
}

const LANGUAGE_NAMES: Record<string, string> = {
  sh: "Shell",
  bash: "Shell",
  shell: "Shell",
  json: "JSON",
  js: "JavaScript",
  javascript: "JavaScript",
  ts: "TypeScript",
  typescript: "TypeScript",
  yaml: "YAML",
  yml: "YAML",
  html: "HTML",
  css: "CSS",
  mdx: "MDX",
  md: "Markdown",
  http: "HTTP",
};

function languageName(language: string | undefined): string {
  if (!language || language === "plaintext" || language === "text") return "";
  return LANGUAGE_NAMES[language] ?? language.toUpperCase();
}

async function writeToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function selectContents(element: HTMLElement) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** Screen readers announce a change of text; the same message twice in a row needs clearing first. */
function announce(status: HTMLElement, message: string) {
  status.textContent = "";
  requestAnimationFrame(() => (status.textContent = message));
}
