/** Markdown helpers for the benchmark report: tables and number formatting. */

export function table(head: string[], rows: Array<Array<string | number>>, align?: Array<"l" | "r">): string {
  const a = align ?? head.map((_, i) => (i === 0 ? "l" : "r"));
  const sep = a.map((x) => (x === "r" ? "---:" : ":---"));
  const line = (cells: Array<string | number>) =>
    `| ${cells.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(head), line(sep), ...rows.map(line)].join("\n");
}

/** Milliseconds with sensible precision: 0.042, 0.42, 4.2, 42, 4 200. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  if (abs < 0.1) return value.toFixed(3);
  if (abs < 1) return value.toFixed(2);
  if (abs < 10) return value.toFixed(1);
  return Math.round(value).toLocaleString("en-US").replace(/,/g, " ");
}

export function seconds(msValue: number | null | undefined): string {
  if (msValue === null || msValue === undefined || !Number.isFinite(msValue)) return "–";
  const s = msValue / 1000;
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

export function mb(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value < 10 ? value.toFixed(1) : Math.round(value).toString();
}

export function bytesMB(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? "–" : mb(bytes / 1024 / 1024);
}

export function times(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value >= 10 ? `${Math.round(value)}×` : `${value.toFixed(value >= 1 ? 1 : 2)}×`;
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? "–"
    : `${Math.round(value * 100)}%`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US").replace(/,/g, " ");
}

/** A measured value with its unit, as the report and the console show it; unit-less ones (recall) keep 4 decimals. */
export function formatValue(value: number, unit: string): string {
  if (unit === "ms") return `${ms(value)} ms`;
  if (unit === "MB") return `${mb(value)} MB`;
  if (unit === "×") return times(value);
  if (unit === "points") return `${value >= 0 ? "+" : ""}${Math.round(value * 100)} pts`;
  return value.toFixed(4);
}

export function passMark(pass: boolean | null): string {
  return pass === null ? "n/a" : pass ? "✅ met" : "❌ missed";
}
