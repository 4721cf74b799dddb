/** What `npm run bench` prints when it is done: issue 11's before → after rows, then issue 4's targets. */
import { issue11Rows } from "./issue11.ts";
import type { BenchResults } from "./results.ts";
import { targets } from "./summary.ts";

/** A number as the console shows it: unit-less figures (recall) keep 4 decimals, 0.9995 must not print as 1. */
export function consoleValue(value: number | null, unit: string): string {
  if (value === null) return "–";
  if (unit === "") return value.toFixed(4);
  return `${Math.round(value * 100) / 100} ${unit}`;
}

function mark(pass: boolean | null): string {
  return pass === null ? "  -  " : pass ? " ok  " : "MISS ";
}

export function consoleSummary(results: BenchResults): string {
  const lines = ["Issue 11, before → after:"];
  for (const r of issue11Rows(results)) {
    const from = r.beforeFrom ? ` (${r.beforeFrom})` : "";
    lines.push(
      `${mark(r.pass)} ${r.name}: ${consoleValue(r.before, r.unit)}${from} → ${consoleValue(r.after, r.unit)} (want ${r.target})`,
    );
  }
  lines.push("", "Issue 4 targets:");
  for (const t of targets(results))
    lines.push(`${mark(t.pass)} ${t.name}: ${consoleValue(t.value, t.unit)} (want ${t.target})`);
  return `${lines.join("\n")}\n`;
}
