/**
 * Key figures as rows for a reader: one row per fact (the same value stated twice in one document is one
 * row, with every quote kept as evidence), grouped by document and by the section (topic) where the fact
 * first appears, in article order. Pure; the row ids are stable across restarts for the same index.
 */
import { createHash } from "node:crypto";
import type { DocumentMeta, Figure } from "../../retrieval/index.ts";

export interface FigureEvidence {
  label: string;
  text: string;
  quote: string;
  section: string;
  chunkId: string;
}

export interface FigureRow {
  /** Stable id: chunk id of the first mention plus a short hash of its label and text (≤ 30 chars). */
  id: string;
  label: string;
  /** The value as written, every distinct spelling (e.g. "$250 Milliarden", "$250B"). */
  texts: string[];
  value: number;
  unit: Figure["unit"];
  documentId: string;
  topic: string;
  /** A key figure of its document (the library's judgement). */
  key: boolean;
  evidence: FigureEvidence[];
}

export interface FigureGroup {
  documentId: string;
  documentTitle: string;
  topic: string;
  rows: FigureRow[];
}

/** One fact = the library's fact id (same document, value and unit, same actors). */
export function factKey(f: Figure): string {
  return f.factId || `${f.documentId}\u0000${f.section}\u0000${f.unit}\u0000${f.value}`;
}

export function rowId(f: Figure): string {
  const hash = createHash("sha256").update(`${f.label}\u0000${f.text}`).digest("hex").slice(0, 8);
  return `${f.chunkId.slice(0, 20)}.${hash}`;
}

export function figureRows(figures: Figure[]): FigureRow[] {
  const rows = new Map<string, FigureRow>();
  for (const f of figures) {
    const key = factKey(f);
    const evidence: FigureEvidence = {
      label: f.label,
      text: f.text,
      quote: f.quote,
      section: f.section,
      chunkId: f.chunkId,
    };
    // A list with one entry per fact carries the fact's other statements as alternates.
    const statements: FigureEvidence[] = [evidence, ...(f.alternates ?? [])];
    const row = rows.get(key);
    if (row) {
      row.key ||= f.key === true;
      for (const st of statements) addEvidence(row, st);
      continue;
    }
    const fresh: FigureRow = {
      id: rowId(f),
      label: f.label,
      texts: [f.text.trim()],
      value: f.value,
      unit: f.unit,
      documentId: f.documentId,
      key: f.key === true,
      topic: f.section,
      evidence: [],
    };
    for (const st of statements) addEvidence(fresh, st);
    rows.set(key, fresh);
  }
  return [...rows.values()];
}

function addEvidence(row: FigureRow, st: FigureEvidence): void {
  const text = st.text.trim();
  if (!row.texts.includes(text)) row.texts.push(text);
  if (!row.evidence.some((e) => e.quote === st.quote)) {
    row.evidence.push({
      label: st.label,
      text: st.text,
      quote: st.quote,
      section: st.section,
      chunkId: st.chunkId,
    });
  }
}

/** Rows grouped by document (in the order documents are listed) and topic (in order of first mention). */
export function groupFigures(figures: Figure[], documents: DocumentMeta[]): FigureGroup[] {
  const order = new Map(documents.map((d, i) => [d.id, i]));
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  for (const f of figures)
    if (f.documentTitle && !titles.has(f.documentId)) titles.set(f.documentId, f.documentTitle);
  const groups = new Map<string, FigureGroup>();
  for (const row of figureRows(figures)) {
    const key = `${row.documentId}\u0000${row.topic}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        documentId: row.documentId,
        documentTitle: titles.get(row.documentId) ?? row.documentId,
        topic: row.topic,
        rows: [],
      };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  // A stable sort keeps first-mention order inside each document.
  return [...groups.values()].sort(
    (a, b) => (order.get(a.documentId) ?? 1e9) - (order.get(b.documentId) ?? 1e9),
  );
}
