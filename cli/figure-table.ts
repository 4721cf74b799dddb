/** What `npm run figures` prints: the figures as a table grouped by document, or as JSON. */
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

/** The figures as `--json` prints them: the public fields, in JSON_FIELDS order. */
export function figuresJson(figures: Figure[]): Array<Record<string, unknown>> {
  return figures.map((figure) => Object.fromEntries(JSON_FIELDS.map((field) => [field, figure[field]])));
}

/** A plain-text table per document (key figures marked ★), cells cut at 60 characters, terminal-safe. */
export function figureTable(figures: Figure[]): string {
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
        // Titles come from front matter or fetched pages: untrusted, like the labels and quotes.
        terminalSafe(`## ${f.documentTitle} (${f.documentId})`, { multiline: false }),
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
