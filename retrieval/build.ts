/**
 * Builds an in-memory index from the corpus (chunks, figures, BM25, vectors) and turns saved snapshots
 * back into one. Pure of Discord and of process concerns; the engine decides when to call it.
 * All text analysis happens here, once per build: a snapshot carries the finished lexical index, so turning
 * one into a live index only links what was read (sentence analysis for answers stays lazy, per cited chunk;
 * chunk objects and figures of a snapshot are made when first asked for).
 */
import { readCorpus } from "./corpus/ingest.ts";
import { extractFigures } from "./figures/extract.ts";
import { LexicalIndex } from "./lexical/bm25.ts";
import { type ConfidenceOptions, calibrateDense, defaultConfidence } from "./search/hybrid.ts";
import { type ChunkList, chunkList } from "./store/chunk-table.ts";
import { FigureList } from "./store/figure-list.ts";
import type { IndexSnapshot } from "./store/index-store.ts";
import type { Chunk, DocumentMeta, Figure, Lang, ReindexProgress } from "./types.ts";
import type { Embedder } from "./vector/embedder.ts";
import { VectorIndex } from "./vector/vector-index.ts";

export interface LiveIndex {
  version: string;
  builtAt: string;
  corpusHash: string;
  documents: DocumentMeta[];
  documentById: Map<string, DocumentMeta>;
  chunks: ChunkList;
  figures: FigureList;
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
  /** Language most of the corpus is written in; questions in the other language get translated terms. */
  corpusLang: Lang;
  /** Abstention thresholds, the dense ones derived from this corpus's vectors when there are enough. */
  confidence: ConfidenceOptions;
}

/** Passage pairs sampled to calibrate the dense thresholds (a few ms even at 100k chunks). */
const CALIBRATION_PAIRS = 2000;

export interface BuiltCorpus {
  corpusHash: string;
  /** Names, sizes and times of the corpus files as read (lets a later start skip re-hashing them). */
  corpusFingerprint: string | null;
  documents: DocumentMeta[];
  chunks: Chunk[];
  figures: Figure[];
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
}

/** Text embedded for a chunk: its section heading gives a short passage the topic it belongs to. */
export function passageText(chunk: Chunk): string {
  return `${chunk.section}\n${chunk.text}`;
}

export async function buildFromCorpus(
  corpusDir: string,
  embedder: Embedder | null,
  onProgress: (p: ReindexProgress) => void = () => {},
): Promise<BuiltCorpus> {
  onProgress({ phase: "read", done: 0, total: 1 });
  const corpus = await readCorpus(corpusDir);
  onProgress({ phase: "chunk", done: corpus.chunks.length, total: corpus.chunks.length });
  const figures = figuresOf(corpus.chunks, corpus.documents);
  const langOf = languageLookup(corpus.documents);
  const lexical = new LexicalIndex(
    corpus.chunks.map((c) => ({ body: c.text, section: c.section, lang: langOf(c.documentId) })),
  );
  let vectors: VectorIndex | null = null;
  if (embedder) {
    const total = corpus.chunks.length;
    onProgress({ phase: "embed", done: 0, total });
    const embedded = await embedder.embedPassages(corpus.chunks.map(passageText), (done) =>
      onProgress({ phase: "embed", done, total }),
    );
    onProgress({ phase: "index", done: 0, total });
    vectors = VectorIndex.build(embedded, embedder.dims);
    onProgress({ phase: "index", done: total, total });
  }
  return {
    corpusHash: corpus.hash,
    corpusFingerprint: corpus.fingerprint,
    documents: corpus.documents,
    chunks: corpus.chunks,
    figures,
    lexical,
    vectors,
  };
}

function figuresOf(chunks: Chunk[], documents: DocumentMeta[]): Figure[] {
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  return extractFigures(chunks, languageLookup(documents), (id) => titles.get(id) ?? id);
}

function languageLookup(documents: DocumentMeta[]): (documentId: string) => Lang {
  const byId = new Map(documents.map((d) => [d.id, d.language]));
  return (id) => byId.get(id) ?? "de";
}

/** A fresh build, or what a snapshot holds (chunks and figures that materialize on demand). */
export interface IndexContent extends Omit<BuiltCorpus, "chunks" | "figures"> {
  chunks: readonly Chunk[] | ChunkList;
  figures: Figure[] | FigureList;
}

export function toLiveIndex(data: IndexContent, meta: { version: string; builtAt: string }): LiveIndex {
  const langOf = languageLookup(data.documents);
  const chunks = chunkList(data.chunks);
  let germanChunks = 0;
  for (let i = 0; i < chunks.length; i++) if (langOf(chunks.documentIdAt(i)) === "de") germanChunks++;
  return {
    ...meta,
    corpusHash: data.corpusHash,
    documents: data.documents,
    documentById: new Map(data.documents.map((d) => [d.id, d])),
    chunks,
    figures: data.figures instanceof FigureList ? data.figures : FigureList.of(data.figures),
    lexical: data.lexical,
    vectors: data.vectors,
    corpusLang: germanChunks * 2 >= chunks.length ? "de" : "en",
    confidence: {
      ...defaultConfidence,
      ...(data.vectors ? calibrateDense(data.vectors.pairSimilarities(CALIBRATION_PAIRS)) : null),
    },
  };
}

export function snapshotToLive(snapshot: IndexSnapshot, useVectors: boolean): LiveIndex {
  return toLiveIndex(
    {
      corpusHash: snapshot.manifest.corpusHash,
      corpusFingerprint: snapshot.manifest.corpusFingerprint,
      documents: snapshot.documents,
      chunks: snapshot.chunks,
      figures: snapshot.figures,
      lexical: snapshot.lexical,
      vectors: useVectors ? snapshot.vectors : null,
    },
    { version: snapshot.manifest.indexVersion, builtAt: snapshot.manifest.createdAt },
  );
}
