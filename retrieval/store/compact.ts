/**
 * How figures are stored in a snapshot: text that repeats what the figure's chunk already holds (its quote,
 * section and document) is saved as a reference to the chunk instead, which halves figures.json and the parsing
 * of it. Anything that is not a verbatim part of its chunk is stored as it is. (Chunks have their own columnar
 * file, chunk-table.ts.)
 *
 * References take the place of the values they stand for (same keys, same order) and are replaced in place on
 * load: no object is rebuilt, and fields added to Figure later pass through untouched.
 */
import type { Chunk, Figure } from "../types.ts";

/** quote: [offset, length] in the chunk text; section and documentId: null when they are the chunk's. */
export type StoredFigure = Omit<Figure, "quote" | "section" | "documentId"> & {
  quote: string | [number, number];
  section: string | null;
  documentId: string | null;
};

/** `chunkOf` finds a chunk by id (undefined when there is none). */
export function compactFigure(figure: Figure, chunkOf: (id: string) => Chunk | undefined): StoredFigure {
  const chunk = chunkOf(figure.chunkId);
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
export function expandFigure(stored: StoredFigure, chunkOf: (id: string) => Chunk | undefined): Figure {
  const { quote, section, documentId } = stored;
  if (typeof quote === "string" && section !== null && documentId !== null) return stored as Figure;
  const chunk = chunkOf(stored.chunkId);
  if (!chunk) throw new Error(`figure "${stored.label}" refers to a missing chunk ${stored.chunkId}`);
  const figure = stored as unknown as Figure;
  if (Array.isArray(quote)) figure.quote = chunk.text.slice(quote[0], quote[0] + quote[1]);
  if (section === null) figure.section = chunk.section;
  if (documentId === null) figure.documentId = chunk.documentId;
  return figure;
}
