/** What `npm run bench` prints when it is done: issue 11's before → after rows, then issue 4's targets. */
import { issue11Rows } from "./issue11.ts";
import { formatValue } from "./md-format.ts";
import type { BenchResults } from "./results.ts";
import { targets } from "./summary.ts";

/** A number as the console shows it: the report's format; unit-less figures (recall) keep 4 decimals. */
export function consoleValue(value: number | null, unit: string): string {
  return value === null ? "–" : formatValue(value, unit);
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
