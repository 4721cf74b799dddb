/**
 * Cuts parsed blocks into retrieval chunks: a few sentences of one section with one sentence of overlap,
 * one chunk per (small) table with the column headers repeated in every row, one per list with its intro.
 */
import { createHash } from "node:crypto";
import type { Chunk, ChunkKind, SentenceSpan } from "../types.ts";
import type { Block, TextLine } from "./parse.ts";
import { splitSentences } from "./sentences.ts";

export interface ChunkingOptions {
  /** Sentences per prose chunk at most. */
  maxSentences: number;
  /** Characters per prose chunk at most (a longer single sentence still forms a chunk). */
  maxChars: number;
  /** Sentences shared by neighbouring prose chunks. */
  overlap: number;
  /** Table rows or list items per chunk at most. */
  maxRows: number;
}

export const defaultChunking: ChunkingOptions = { maxSentences: 3, maxChars: 600, overlap: 1, maxRows: 6 };

export function chunkId(documentId: string, section: string, text: string): string {
  return createHash("sha256").update(`${documentId}\u0000${section}\u0000${text}`).digest("hex").slice(0, 16);
}

function makeChunk(
  documentId: string,
  section: string,
  kind: ChunkKind,
  sentences: SentenceSpan[],
  text: string,
): Chunk {
  const first = sentences[0] as SentenceSpan;
  const last = sentences.at(-1) as SentenceSpan;
  return {
    id: chunkId(documentId, section, text),
    documentId,
    section,
    kind,
    text,
    start: first.start,
    end: last.end,
    sentences,
  };
}

/** "Header: cell; Header: cell" so a row stays intelligible on its own. */
export function renderTableRow(header: string[], cells: string[]): string {
  return cells
    .map((cell, i) => {
      const name = header[i]?.trim();
      return name ? `${name}: ${cell}` : cell;
    })
    .filter((part) => part.trim() !== "")
    .join("; ");
}

function windows<T>(items: T[], size: number, overlap: number, fits: (slice: T[]) => boolean): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (i < items.length) {
    let j = i + 1;
    while (j < items.length && j - i < size && fits(items.slice(i, j + 1))) j++;
    out.push(items.slice(i, j));
    if (j >= items.length) break;
    i = j - i > overlap ? j - overlap : j;
  }
  return out;
}

export function chunkBlocks(
  documentId: string,
  title: string,
  blocks: Block[],
  raw: string,
  options: ChunkingOptions = defaultChunking,
): Chunk[] {
  const chunks: Chunk[] = [];
  let section = title;
  let prose: SentenceSpan[] = [];

  const flushProse = () => {
    const fits = (slice: SentenceSpan[]) =>
      (slice.at(-1) as SentenceSpan).end - (slice[0] as SentenceSpan).start <= options.maxChars;
    for (const group of windows(prose, options.maxSentences, options.overlap, fits)) {
      const text = raw.slice((group[0] as SentenceSpan).start, (group.at(-1) as SentenceSpan).end);
      chunks.push(makeChunk(documentId, section, "prose", group, text));
    }
    prose = [];
  };

  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
        flushProse();
        section = block.line.text;
        break;
      case "paragraph":
        prose.push(...splitSentences(block.line.text, block.line.start));
        break;
      case "list": {
        flushProse();
        const intro: SentenceSpan[] = block.intro ? [lineSpan(block.intro)] : [];
        for (const group of windows(block.items, options.maxRows, 0, () => true)) {
          const sentences = [...intro, ...group.map(lineSpan)];
          const text = [block.intro?.text, ...group.map((item) => `- ${item.text}`)]
            .filter(Boolean)
            .join("\n");
          chunks.push(makeChunk(documentId, section, "list", sentences, text));
        }
        break;
      }
      case "table": {
        flushProse();
        for (const group of windows(block.rows, options.maxRows, 0, () => true)) {
          const sentences = group.map((row) => ({
            text: renderTableRow(block.header, row.cells),
            start: row.line.start,
            end: row.line.start + row.line.text.length,
          }));
          chunks.push(
            makeChunk(documentId, section, "table", sentences, sentences.map((s) => s.text).join("\n")),
          );
        }
        break;
      }
    }
  }
  flushProse();
  return dedupeIds(chunks);
}

function lineSpan(line: TextLine): SentenceSpan {
  return { text: line.text, start: line.start, end: line.start + line.text.length };
}

/** Identical text in the same section would collide on id: suffix repeats so ids stay unique and stable. */
function dedupeIds(chunks: Chunk[]): Chunk[] {
  const seen = new Map<string, number>();
  for (const chunk of chunks) {
    const count = seen.get(chunk.id) ?? 0;
    seen.set(chunk.id, count + 1);
    if (count > 0) chunk.id = `${chunk.id}-${count}`;
  }
  return chunks;
}
