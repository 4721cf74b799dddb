/** Public data types of the retrieval library. Nothing here knows about Discord. */

export type Lang = "de" | "en";

/** "hybrid" = dense (embeddings + HNSW) and lexical (BM25) fused; "lexical" = BM25 only (no model loaded). */
export type RetrievalMode = "hybrid" | "lexical";

export interface SourceLink {
  title: string;
  url: string;
}

/** One corpus file (`corpus/*.txt|md`) after ingestion. */
export interface DocumentMeta {
  /** File name without extension, e.g. `nvidia-openai-deal.de`. */
  id: string;
  /** Path relative to the corpus directory. */
  path: string;
  title: string;
  /**
   * The document's one canonical address (front matter `url`); absent when the document names none.
   * Citations link the document here, never to one of its `sources` (the references it cites).
   */
  url?: string;
  /** Article date as ISO `yyyy-mm-dd`, when the document states one. */
  date?: string;
  language: Lang;
  /** The references the document lists (its "Quellenangabe"): what it cites, not where it was published. */
  sources: SourceLink[];
  /** sha256 of the raw file content. */
  contentHash: string;
}

export interface SentenceSpan {
  text: string;
  /** Character offsets into the document's raw text. */
  start: number;
  end: number;
}

export type ChunkKind = "prose" | "table" | "list";

export interface Chunk {
  /** Stable id: short content hash of document id, section and text. */
  id: string;
  documentId: string;
  /** Heading of the section the chunk sits in (the document title before the first heading). */
  section: string;
  kind: ChunkKind;
  /** Text shown as the passage (table rows carry their column headers). */
  text: string;
  /** Character offsets of the chunk's source span in the document's raw text. */
  start: number;
  end: number;
  /** The chunk's sentences (for tables and lists: one per row/item), quotable on their own. */
  sentences: SentenceSpan[];
}

/**
 * Base units of figures. Currencies stay as they are (no exchange rate is applied); lengths are metres,
 * areas m², volumes m³, masses kg, durations seconds ("fünf Jahre" → 5 × 365.25 days), speeds m/s,
 * temperatures °C, data bytes. "year" is a calendar year; "quarter" values are `year + (q - 1) / 4`
 * (Q1 2026 → 2026, Q3 2026 → 2026.5); "m" for a size "150 x 150 x 50,5mm" is its longest edge.
 */
export type FigureUnit =
  | "USD"
  | "EUR"
  | "GBP"
  | "CHF"
  | "JPY"
  | "W"
  | "Wh"
  | "FLOPS"
  | "%"
  | "year"
  | "count"
  | "quarter"
  | "m"
  | "m2"
  | "m3"
  | "kg"
  | "s"
  | "m/s"
  | "°C"
  | "B"
  | "times";

/** One sentence that states a figure. */
export interface FigureStatement {
  label: string;
  /** The amount as written in this sentence. */
  text: string;
  quote: string;
  chunkId: string;
  section: string;
}

/** One quantitative fact stated in the corpus. */
export interface Figure {
  /** Short human label naming what is measured and whose it is, e.g. "OpenAI: Zusage für Azure-Services". */
  label: string;
  /** The amount as written in the article, e.g. "$250 Milliarden". */
  text: string;
  /** Value in base units: USD, W, m, s, %, year, count, ... */
  value: number;
  unit: FigureUnit;
  /** The sentence that states it, verbatim. */
  quote: string;
  chunkId: string;
  documentId: string;
  /** Title of the document, for lists grouped by document. */
  documentTitle: string;
  section: string;
  /** Free-text topic words used for filtering (entities, section words). */
  topics: string[];
  /**
   * How central the figure is to its document, 0–1: the kind of amount (money, sizes and shares over a year
   * mentioned in passing), whether the label names what is measured and whose it is, where the document
   * states it and how often.
   */
  keyScore: number;
  /** A key figure of its document (a high `keyScore`; every document with figures has at least one). */
  key: boolean;
  /** Shared by every statement of the same fact: same document, same value and unit, same actors. */
  factId: string;
  /** The first statement of its fact; a list with one entry per fact keeps only these. */
  primary: boolean;
  /**
   * Evidence: on the primary entry, every other sentence that states the same fact (empty when it is stated
   * once); on a repeat, the primary statement.
   */
  alternates: FigureStatement[];
}

/** A chunk of the live index with the document it belongs to. */
export interface Passage {
  chunk: Chunk;
  document: DocumentMeta;
}

export interface Citation {
  n: number;
  chunkId: string;
  documentId: string;
  section: string;
  /** The supporting sentence, verbatim from the article. */
  quote: string;
  /** The full chunk text. */
  passage: string;
  score: number;
  sources: SourceLink[];
  /** True when shown only as "closest passage" for an abstention. */
  weak?: boolean;
}

export interface AnswerTimings {
  embedMs: number;
  vectorMs: number;
  lexicalMs: number;
  fusionMs: number;
  composeMs: number;
  totalMs: number;
}

export interface Answer {
  question: string;
  lang: Lang;
  abstained: boolean;
  /** Short answer with `[n]` markers that refer to `citations[n-1]`. */
  answer: string;
  mode: RetrievalMode;
  citations: Citation[];
  timings: AnswerTimings;
}

export interface AskOptions {
  /** Earlier questions of the same conversation (oldest first), used to resolve follow-ups. */
  context?: string[];
  /** Number of citations at most (default 3). */
  maxCitations?: number;
}

export interface FigureFilter {
  /** Topic or free-text query; figures whose label/quote/topics match are kept. */
  topic?: string;
  unit?: FigureUnit;
  /** Only key figures (`Figure.key`). */
  keyOnly?: boolean;
  /** One entry per fact: only the primary statement, which lists the others as `alternates`. */
  distinct?: boolean;
  /** Only figures of this document. */
  documentId?: string;
}

export interface EngineStatus {
  mode: RetrievalMode;
  documents: number;
  chunks: number;
  figures: number;
  /** Short id of the live index (corpus hash prefix + build time). */
  indexVersion: string;
  builtAt: string;
  modelId: string | null;
  /** Why the engine runs lexical-only, when it does. */
  modelError?: string;
  reindexing: boolean;
}

export interface FigureChange {
  label: string;
  text: string;
}

export interface ReindexReport {
  documents: number;
  chunks: number;
  figures: number;
  chunksAdded: number;
  chunksRemoved: number;
  figuresAdded: FigureChange[];
  figuresRemoved: FigureChange[];
  figuresChanged: FigureChange[];
  durationMs: number;
  indexVersion: string;
}

export type ProgressPhase = "read" | "chunk" | "embed" | "index" | "write" | "swap";

export interface ReindexProgress {
  phase: ProgressPhase;
  done: number;
  total: number;
}

/** Minimal logger contract (pino-compatible) so the library never writes to the console itself. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
