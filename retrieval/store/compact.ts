/**
 * How chunks and figures are stored in a snapshot: text that repeats what the chunk already holds (each
 * sentence, a figure's quote, section and document) is saved as a reference to the chunk instead. That halves
 * chunks.json and figures.json, halves the parsing a load does, and the rebuilt strings are slices that share
 * the chunk text's memory. Anything that is not a verbatim part of its chunk is stored as it is.
 */
import type { Chunk, Figure, SentenceSpan } from "../types.ts";

/** A sentence as [offset in chunk text, length, start, end]. */
type SentenceRef = [number, number, number, number];

export type StoredChunk = Omit<Chunk, "sentences"> & {
  sentences?: SentenceSpan[];
  sentenceRefs?: SentenceRef[];
};

export type StoredFigure = Omit<Figure, "quote" | "section" | "documentId"> & {
  quote?: string;
  /** [offset, length] of the quote in its chunk's text. */
  quoteRef?: [number, number];
  section?: string;
  documentId?: string;
};

export function compactChunk(chunk: Chunk): StoredChunk {
  const refs: SentenceRef[] = [];
  let from = 0;
  for (const sentence of chunk.sentences) {
    let at = chunk.text.indexOf(sentence.text, from);
    if (at < 0) at = chunk.text.indexOf(sentence.text);
    if (at < 0) return chunk;
    refs.push([at, sentence.text.length, sentence.start, sentence.end]);
    from = at + sentence.text.length;
  }
  const { sentences: _, ...rest } = chunk;
  return { ...rest, sentenceRefs: refs };
}

export function expandChunk(stored: StoredChunk): Chunk {
  const refs = stored.sentenceRefs;
  if (!refs) return stored as Chunk;
  const text = String(stored.text);
  const sentences: SentenceSpan[] = new Array(refs.length);
  for (let i = 0; i < refs.length; i++) {
    const [at, length, start, end] = refs[i] as SentenceRef;
    sentences[i] = { text: text.slice(at, at + length), start, end };
  }
  // Built field by field: much faster than rest-destructuring, which the loader does for every chunk.
  const chunk: Chunk = {
    id: stored.id,
    documentId: stored.documentId,
    section: stored.section,
    kind: stored.kind,
    text: stored.text,
    start: stored.start,
    end: stored.end,
    sentences,
  };
  copyOtherFields(stored, chunk, CHUNK_FIELDS);
  return chunk;
}

const CHUNK_FIELDS = new Set([
  "id",
  "documentId",
  "section",
  "kind",
  "text",
  "start",
  "end",
  "sentences",
  "sentenceRefs",
]);
const FIGURE_FIELDS = new Set([
  "label",
  "text",
  "value",
  "unit",
  "quote",
  "quoteRef",
  "chunkId",
  "documentId",
  "section",
  "topics",
]);

/** Fields added to Chunk or Figure later survive the round trip without being listed here. */
function copyOtherFields(from: object, to: object, known: Set<string>): void {
  for (const key in from) {
    if (!known.has(key)) (to as Record<string, unknown>)[key] = (from as Record<string, unknown>)[key];
  }
}

export function compactFigure(figure: Figure, chunkById: Map<string, Chunk>): StoredFigure {
  const chunk = chunkById.get(figure.chunkId);
  if (!chunk) return figure;
  const { quote, section, documentId, ...rest } = figure;
  const at = chunk.text.indexOf(quote);
  return {
    ...rest,
    ...(at >= 0 ? { quoteRef: [at, quote.length] as [number, number] } : { quote }),
    ...(section === chunk.section ? {} : { section }),
    ...(documentId === chunk.documentId ? {} : { documentId }),
  };
}

export function expandFigure(stored: StoredFigure, chunkById: Map<string, Chunk>): Figure {
  if (stored.quote !== undefined && stored.section !== undefined && stored.documentId !== undefined) {
    return stored as Figure;
  }
  const chunk = chunkById.get(stored.chunkId);
  if (!chunk) throw new Error(`figure "${stored.label}" refers to a missing chunk ${stored.chunkId}`);
  const ref = stored.quoteRef;
  const quote = ref ? chunk.text.slice(ref[0], ref[0] + ref[1]) : stored.quote;
  if (quote === undefined) throw new Error(`figure "${stored.label}" has no quote`);
  const figure: Figure = {
    label: stored.label,
    text: stored.text,
    value: stored.value,
    unit: stored.unit,
    quote,
    chunkId: stored.chunkId,
    documentId: stored.documentId ?? chunk.documentId,
    section: stored.section ?? chunk.section,
    topics: stored.topics,
  };
  copyOtherFields(stored, figure, FIGURE_FIELDS);
  return figure;
}
