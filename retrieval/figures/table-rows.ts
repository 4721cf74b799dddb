/**
 * Table rows as the chunker renders them ("Header: value; Header: value", optionally led by "Key — ", or raw
 * markdown "| a | b |"): their labels come from the row key and the column header.
 */
import { parseLocaleNumber, type Quantity } from "../quantity/index.ts";
import type { Lang } from "../types.ts";
import { entityOf } from "./entities.ts";
import { compose, headAfter, type LabelInput } from "./labels.ts";
import { wordsOf } from "./words.ts";

interface Cell {
  header?: string;
  value: string;
  start: number;
  end: number;
}

export interface Row {
  key: string;
  /** Index of the cell holding the key; -1 when the key leads the row ("Key — Header: value"). */
  keyCell: number;
  cells: Cell[];
}

/**
 * A table row as the chunker renders it, "Header: value; Header: value" (first cell first), optionally led by
 * "Key — ", or raw markdown "| a | b |". Undefined for ordinary sentences.
 */
export function parseRow(sentence: string): Row | undefined {
  if (/^\s*\|.*\|\s*$/.test(sentence)) {
    const cells: Cell[] = [];
    for (const m of sentence.matchAll(/[^|]+/g)) {
      const value = m[0].trim();
      const start = (m.index ?? 0) + m[0].indexOf(value);
      if (value) cells.push({ value, start, end: start + value.length });
    }
    return cells.length > 1 ? { key: (cells[0] as Cell).value, keyCell: 0, cells } : undefined;
  }
  const segments = [...sentence.matchAll(/[^;]+/g)];
  if (segments.length < 2) return undefined;
  let key: string | undefined;
  const cells: Cell[] = [];
  for (const seg of segments) {
    let text = seg[0];
    let offset = seg.index ?? 0;
    const led = /^\s*([^:—–]+?)\s+[—–]\s+/.exec(text);
    if (led && key === undefined) {
      key = led[1];
      offset += led[0].length;
      text = text.slice(led[0].length);
    }
    const colon = /^\s*([^:]{1,60}?):\s+/.exec(text);
    if (!colon) return undefined;
    const value = text.slice(colon[0].length).trim();
    const start = offset + colon[0].length;
    cells.push({ header: colon[1], value, start, end: start + value.length });
  }
  return key === undefined
    ? { key: (cells[0] as Cell).value, keyCell: 0, cells }
    : { key, keyCell: -1, cells };
}

/** "Microsoft: Rechenkapazität (Verpflichtung)": row key, the column's name (or the name in it), the unit noun. */
export function tableLabel(row: Row, input: LabelInput): string {
  const { sentence, q, lang, entities } = input;
  const index = row.cells.findIndex((c) => q.start >= c.start && q.end <= c.end);
  const cell = row.cells[index];
  const head = cell ? headAfter(wordsOf(sentence.slice(q.end, cell.end)), lang, entities).head : undefined;
  const owner = wordsOf(cell?.header ?? "")
    .map((w) => entityOf(w.text, entities))
    .find(Boolean);
  let base: string;
  if (index < 0 || index === row.keyCell) base = cell?.header ?? row.key;
  else if (owner) base = row.key;
  else base = cell?.header ? `${row.key} – ${cell.header}` : row.key;
  return compose(owner, base, head ? `(${head})` : "");
}

/** Cells that hold a bare number ("2024: 312.000") state a count of what the row is about. */
export function bareCellQuantities(row: Row, found: Quantity[], lang: Lang): Quantity[] {
  const out: Quantity[] = [];
  for (const cell of row.cells) {
    if (!/^[+-]?\d[\d.,]*$/.test(cell.value) || found.some((q) => q.start < cell.end && q.end > cell.start))
      continue;
    const value = parseLocaleNumber(cell.value.replace(/^\+/, ""), lang);
    if (value === undefined) continue;
    const year = /^(19|20)\d\d$/.test(cell.value);
    out.push({ text: cell.value, value, unit: year ? "year" : "count", start: cell.start, end: cell.end });
  }
  return out;
}
