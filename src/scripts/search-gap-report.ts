// Tells the help center's own endpoint about searches that did not help: ones that ended with no
// results, and ones the reader followed by opening a ticket. Only the words searched are sent: no
// cookie, no page address, nothing about the reader. The endpoint's address is in the page when the
// report is switched on (SEARCH_GAP_REPORT, read when the site is built); without it, nothing is sent.
import type { SearchGapOutcome } from "../lib/search-gap.ts";

/** A search counts as ended with nothing once it has shown no results this long. */
export const SETTLED_MS = 2_500;
/** A ticket counts as following a search opened this recently. */
export const TICKET_FOLLOWS_WITHIN_MS = 30 * 60 * 1000;
const LAST_SEARCH_KEY = "kb-last-search";
const SENT_KEY = "kb-search-gaps-sent";

/** The endpoint, from the search trigger every page has; undefined when the report is off. */
export function searchGapEndpoint(): string | undefined {
  return document.querySelector<HTMLElement>("[data-search-gaps]")?.dataset.searchGaps || undefined;
}

function alreadySent(key: string): boolean {
  try {
    const sent = new Set(JSON.parse(sessionStorage.getItem(SENT_KEY) ?? "[]") as string[]);
    if (sent.has(key)) return true;
    sent.add(key);
    sessionStorage.setItem(SENT_KEY, JSON.stringify([...sent].slice(-50)));
  } catch {
    // Without session storage a repeated search may be counted twice; nothing else is lost.
  }
  return false;
}

export function reportSearchGap(query: string, outcome: SearchGapOutcome): void {
  const endpoint = searchGapEndpoint();
  const words = query.trim().replace(/\s+/g, " ");
  if (!endpoint || words.length < 2 || alreadySent(`${outcome}:${words.toLowerCase()}`)) return;
  void fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: words, outcome }),
    credentials: "omit",
    referrerPolicy: "no-referrer",
    // Still sent when the reader closes the tab or follows a link.
    keepalive: true,
  }).catch(() => undefined);
}

/**
 * Watches one search surface: a search that shows no results and is not changed within SETTLED_MS,
 * or is left that way (the dialog closed, the page hidden), is reported once.
 */
export function watchForNoResults(): { note(term: string, results: number): void; flush(): void } {
  let pending: { term: string; timer: ReturnType<typeof setTimeout> } | undefined;
  const send = () => {
    if (!pending) return;
    clearTimeout(pending.timer);
    reportSearchGap(pending.term, "no-results");
    pending = undefined;
  };
  const cancel = () => {
    if (pending) clearTimeout(pending.timer);
    pending = undefined;
  };
  window.addEventListener("pagehide", send);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") send();
  });
  return {
    note(term, results) {
      cancel();
      rememberSearch(term);
      if (results === 0 && term.trim()) pending = { term, timer: setTimeout(send, SETTLED_MS) };
    },
    flush: send,
  };
}

/** The latest search of this visit, so a ticket opened after it can be linked to it. */
export function rememberSearch(term: string): void {
  if (!term.trim()) return;
  try {
    sessionStorage.setItem(LAST_SEARCH_KEY, JSON.stringify({ term: term.trim(), at: Date.now() }));
  } catch {
    // Private browsing without storage: the ticket is simply not linked to the search.
  }
}

/** The search this visit made shortly before opening a ticket, if any; forgotten once read. */
export function takeSearchBeforeTicket(now = Date.now()): string | undefined {
  try {
    const stored = JSON.parse(sessionStorage.getItem(LAST_SEARCH_KEY) ?? "null") as { term: string; at: number } | null;
    sessionStorage.removeItem(LAST_SEARCH_KEY);
    return stored && now - stored.at <= TICKET_FOLLOWS_WITHIN_MS ? stored.term : undefined;
  } catch {
    return undefined;
  }
}
