// A misspelt field name in frontmatter or a data file would be dropped without a word (`darft: true`
// publishes a draft; `keyword:` loses the keywords), so the schemas reject fields they do not know
// and say which known field was probably meant.

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
 * because "darft" for "draft" is one slip of the fingers, not two.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Ignores case, hyphens and underscores, so `Review_By` is as close to `reviewBy` as `reviewby`. */
const normalise = (key: string) => key.toLowerCase().replace(/[-_\s]/g, "");

/** The known field closest to `key`, when it is close enough to be a typo of it. */
export function closestField(key: string, known: readonly string[]): string | undefined {
  const typed = normalise(key);
  // About one slip per three letters, and at least one: "ownr" is owner, "foo" is nothing.
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(typed, normalise(field));
    if (distance <= allowed && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** The message for one unknown field, naming the field that was probably meant or listing them all. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const guess = closestField(key, known);
  if (guess) return `unknown field "${key}"; did you mean ${guess}?`;
  return `unknown field "${key}"; the fields here are: ${known.join(", ")}`;
}
