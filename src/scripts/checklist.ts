// Remembers ticked checklist items in localStorage, keyed by stage and task, so the same task
// shows as done in an article and on the onboarding page, and progress survives a reload.
import { checklistKey, summariseProgress } from "../lib/checklist-progress.ts";

function read(key: string): boolean {
  try {
    return localStorage.getItem(key) === "done";
  } catch {
    return false;
  }
}

function write(key: string, done: boolean) {
  try {
    if (done) localStorage.setItem(key, "done");
    else localStorage.removeItem(key);
  } catch {
    // Storage can be unavailable (private mode); the tick still shows until the page is left.
  }
}

function renderProgress(list: HTMLElement) {
  const boxes = [...list.querySelectorAll<HTMLInputElement>("input[data-task]")];
  const output = list.querySelector<HTMLElement>("[data-checklist-progress]");
  if (output) output.textContent = summariseProgress(boxes.filter((b) => b.checked).length, boxes.length);
}

function syncAll() {
  for (const box of document.querySelectorAll<HTMLInputElement>("input[data-task]")) {
    box.checked = read(checklistKey(box.dataset.task ?? ""));
  }
  for (const list of document.querySelectorAll<HTMLElement>("[data-checklist]")) renderProgress(list);
  document.dispatchEvent(new CustomEvent("checklist:change"));
}

let started = false;
export function initChecklists() {
  if (started) return;
  started = true;
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.task) return;
    write(checklistKey(box.dataset.task), box.checked);
    // The same task can appear twice on a page (an article and its summary); keep both in step.
    syncAll();
  });
  // Another tab ticking an item updates this one too.
  window.addEventListener("storage", syncAll);
  syncAll();
}

export function resetChecklists(stageIds: string[]) {
  for (const box of document.querySelectorAll<HTMLInputElement>("input[data-task]")) {
    const task = box.dataset.task ?? "";
    if (stageIds.includes(task.split("/")[0] ?? "")) write(checklistKey(task), false);
  }
  syncAll();
}
