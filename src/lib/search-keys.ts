// Which key presses open search. "/" only counts outside text fields, so people can still type it.
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
}

export function isSearchShortcut(event: KeyLike): boolean {
  if (event.altKey) return false;
  if (event.key === "/" && !event.ctrlKey && !event.metaKey) return true;
  return (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  return Boolean(element.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
}
