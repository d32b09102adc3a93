// Turns a benchmark result into the table printed at the end of `npm run bench`.

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const secs = (s: number) => `${s.toFixed(1)} s`;

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Row {
  label: string;
  value: string;
  target?: string;
  ok?: boolean | undefined;
}

export function table(title: string, rows: readonly Row[]): string {
  const width = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  const lines = rows.map((r) => {
    const verdict = r.ok === undefined ? "" : r.ok ? "  ok  " : "  MISS";
    const target = r.target ? `${verdict} (target ${r.target})` : "";
    return `  ${r.label.padEnd(width)}  ${r.value.padStart(valueWidth)}${target}`;
  });
  return [title, "", ...lines].join("\n");
}
