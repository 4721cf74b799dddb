/**
 * `npm run figures [-- --topic Azure] [-- --json] [-- --key] [-- --distinct] [-- --chart out.png [--lang de|en]]`:
 * the corpus's figures as a table grouped by document (key figures marked ★) or as a JSON array; `--chart`
 * also writes the PNG chart that /figures attaches.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { renderFigureChart } from "../bot/figures/chart.ts";
import { figureRows } from "../bot/figures/group.ts";
import { runWithEngine } from "../cli/engine-cli.ts";
import { type Figure, terminalSafe } from "../retrieval/index.ts";

/** What `--json` prints of a figure, in this order (internal fields such as topics stay out). */
const JSON_FIELDS = [
  "label",
  "text",
  "value",
  "unit",
  "quote",
  "chunkId",
  "documentId",
  "documentTitle",
  "keyScore",
  "key",
  "factId",
  "primary",
  "alternates",
] as const satisfies ReadonlyArray<keyof Figure>;

const { values, positionals } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    topic: { type: "string" },
    key: { type: "boolean", default: false },
    distinct: { type: "boolean", default: false },
    chart: { type: "string" },
    lang: { type: "string", default: "de" },
  },
  allowPositionals: true,
});
const topic = values.topic ?? (positionals.length > 0 ? positionals.join(" ") : undefined);

function table(figures: Figure[]): string {
  const header = ["", "Label", "As written", "Value (base unit)", "Score", "Chunk"];
  const rows = figures.map((f) => [
    f.key ? "★" : "",
    terminalSafe(f.label, { multiline: false }),
    terminalSafe(f.text, { multiline: false }),
    `${formatValue(f.value)} ${f.unit}`,
    f.keyScore.toFixed(2),
    f.chunkId.slice(0, 8),
  ]);
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] as string).length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.slice(0, widths[i]).padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  let document: string | undefined;
  figures.forEach((f, i) => {
    if (f.documentId !== document) {
      document = f.documentId;
      out.push(
        "",
        `## ${f.documentTitle} (${f.documentId})`,
        line(header),
        widths.map((w) => "-".repeat(w)).join("  "),
      );
    }
    out.push(line(rows[i] as string[]));
  });
  return out.join("\n").trimStart();
}

function formatValue(value: number): string {
  const abs = Math.abs(value);
  return abs >= 1e6 || (abs > 0 && abs < 1e-3)
    ? value.toExponential(3).replace(/\.?0+e/, "e")
    : String(value);
}

await runWithEngine(async ({ engine }) => {
  const figures = engine.figures({
    ...(topic ? { topic } : {}),
    ...(values.key ? { keyOnly: true } : {}),
    ...(values.distinct ? { distinct: true } : {}),
  });
  if (values.chart) {
    const lang = values.lang === "en" ? "en" : "de";
    const chart = await renderFigureChart(figureRows(figures), lang);
    if (!chart) {
      process.stderr.write("No amounts of money or power to chart.\n");
      process.exitCode = 1;
      return;
    }
    await writeFile(values.chart, chart.png);
    process.stderr.write(`Chart written to ${values.chart} (${chart.width}×${chart.height} px).\n`);
  }
  if (values.json) {
    const out = figures.map((figure) =>
      Object.fromEntries(JSON_FIELDS.map((field) => [field, figure[field]])),
    );
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const facts = new Set(figures.map((f) => f.factId)).size;
  const keys = figures.filter((f) => f.key).length;
  process.stdout.write(
    `${table(figures)}\n\n${figures.length} figures (${facts} facts, ${keys} key)${topic ? ` matching "${topic}"` : ""}.\n`,
  );
});
