/** `npm run figures [-- --topic Azure] [-- --json]`: the corpus's key figures as a table or JSON array. */
import { parseArgs } from "node:util";
import { type Figure, terminalSafe } from "../retrieval/index.ts";
import { runWithEngine } from "./lib/engine-cli.ts";

const { values, positionals } = parseArgs({
  options: { json: { type: "boolean", default: false }, topic: { type: "string" } },
  allowPositionals: true,
});
const topic = values.topic ?? (positionals.length > 0 ? positionals.join(" ") : undefined);

function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    terminalSafe(f.label, { multiline: false }),
    terminalSafe(f.text, { multiline: false }),
    `${formatValue(f.value)} ${f.unit}`,
    f.chunkId.slice(0, 8),
  ]);
  const header = ["Label", "As written", "Value (base unit)", "Chunk"];
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i] as number)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function formatValue(value: number): string {
  return Math.abs(value) >= 1e6 ? value.toExponential(3).replace(/\.?0+e/, "e") : String(value);
}

await runWithEngine(async ({ engine }) => {
  const figures = engine.figures(topic ? { topic } : undefined);
  if (values.json) {
    const out = figures.map(({ label, text, value, unit, quote, chunkId }) => ({
      label,
      text,
      value,
      unit,
      quote,
      chunkId,
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${table(figures)}\n\n${figures.length} figures${topic ? ` matching "${topic}"` : ""}.\n`,
  );
});
