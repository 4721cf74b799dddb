/**
 * How chunks and figures are stored in a snapshot: text that repeats what the chunk already holds (each
 * sentence, a figure's quote, section and document) is saved as a reference to the chunk instead. That halves
 * chunks.json and figures.json, halves the parsing a load does, and the rebuilt strings are slices that share
 * the chunk text's memory. Anything that is not a verbatim part of its chunk is stored as it is.
 *
 * References take the place of the values they stand for (same keys, same order) and are replaced in place on
 * load: no object is rebuilt, and fields added to Chunk or Figure later pass through untouched.
 */
import type { Chunk, Figure, SentenceSpan } from "../types.ts";

/** A sentence as [offset in chunk text, length, start, end]. */
type SentenceRef = [number, number, number, number];

export type StoredChunk = Omit<Chunk, "sentences"> & { sentences: Array<SentenceSpan | SentenceRef> };

/** quote: [offset, length] in the chunk text; section and documentId: null when they are the chunk's. */
export type StoredFigure = Omit<Figure, "quote" | "section" | "documentId"> & {
  quote: string | [number, number];
  section: string | null;
  documentId: string | null;
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
  return { ...chunk, sentences: refs };
}

/** Turns a parsed stored chunk into a Chunk, in place. */
export function expandChunk(stored: StoredChunk): Chunk {
  const { sentences, text } = stored;
  if (!Array.isArray(sentences) || typeof text !== "string")
    throw new Error("a chunk without text or sentences");
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (Array.isArray(s)) {
      const [at, length, start, end] = s;
      sentences[i] = { text: text.slice(at, at + length), start, end };
    }
  }
  return stored as Chunk;
}

export function compactFigure(figure: Figure, chunkById: Map<string, Chunk>): StoredFigure {
  const chunk = chunkById.get(figure.chunkId);
  if (!chunk) return figure;
  const at = chunk.text.indexOf(figure.quote);
  return {
    ...figure,
    quote: at >= 0 ? [at, figure.quote.length] : figure.quote,
    section: figure.section === chunk.section ? null : figure.section,
    documentId: figure.documentId === chunk.documentId ? null : figure.documentId,
  };
}

/** Turns a parsed stored figure into a Figure, in place. */
export function expandFigure(stored: StoredFigure, chunkById: Map<string, Chunk>): Figure {
  const { quote, section, documentId } = stored;
  if (typeof quote === "string" && section !== null && documentId !== null) return stored as Figure;
  const chunk = chunkById.get(stored.chunkId);
  if (!chunk) throw new Error(`figure "${stored.label}" refers to a missing chunk ${stored.chunkId}`);
  const figure = stored as unknown as Figure;
  if (Array.isArray(quote)) figure.quote = chunk.text.slice(quote[0], quote[0] + quote[1]);
  if (section === null) figure.section = chunk.section;
  if (documentId === null) figure.documentId = chunk.documentId;
  return figure;
}
