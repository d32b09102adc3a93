// While the customer types a subject, suggests help articles from the Pagefind index: the answer
// may already be written, and reading it is faster than waiting for a reply.
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface PagefindApi {
  debouncedSearch(term: string, options?: object, wait?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
  options(options: object): Promise<void>;
}

let api: Promise<PagefindApi | null> | undefined;

function loadPagefind(): Promise<PagefindApi | null> {
  const url = "/pagefind/pagefind.js";
  api ??= import(/* @vite-ignore */ url)
    .then(async (module: PagefindApi) => {
      await module.options({ excerptLength: 18 });
      return module;
    })
    .catch(() => null);
  return api;
}

const MAX_SUGGESTIONS = 3;

export function initSuggestions(form: HTMLFormElement) {
  const input = form.querySelector<HTMLInputElement>('[name="subject"]');
  const panel = form.querySelector<HTMLElement>("[data-suggestions]");
  const list = form.querySelector<HTMLElement>("[data-suggestion-list]");
  const status = form.querySelector<HTMLElement>("[data-suggestions-status]");
  if (!input || !panel || !list || !status) return;

  const render = async () => {
    const term = input.value.trim();
    if (term.length < 3) {
      panel.hidden = true;
      return;
    }
    const pagefind = await loadPagefind();
    const search = await pagefind?.debouncedSearch(term, {}, 300);
    if (!search || input.value.trim() !== term) return;
    const data = await Promise.all(search.results.slice(0, MAX_SUGGESTIONS).map((r) => r.data()));
    list.replaceChildren(
      ...data.map((result) => {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = result.url;
        link.className = "font-semibold text-accent underline";
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement("span");
        excerpt.className = "block text-muted";
        excerpt.textContent = result.excerpt.replace(/<[^>]+>/g, "");
        item.append(link, excerpt);
        return item;
      }),
    );
    panel.hidden = data.length === 0;
    status.textContent = data.length ? `${data.length} help ${data.length === 1 ? "article" : "articles"} might answer this.` : "";
  };
  input.addEventListener("input", () => void render());
  if (input.value) void render();
}
