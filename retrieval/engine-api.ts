import type {
  Answer,
  AskOptions,
  DocumentMeta,
  EngineStatus,
  Figure,
  FigureFilter,
  Passage,
  ReindexProgress,
  ReindexReport,
} from "./types.ts";

/** The engine's whole public surface: what the bot, the CLI and the benchmarks use. */
export interface Engine {
  /** Answers a question from the live index. Never throws for odd input: empty text gets an abstention. */
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Key figures of the corpus, optionally filtered by topic. */
  figures(filter?: FigureFilter): Figure[];
  /** Topic suggestions for figure filtering (entities and units), for autocomplete. */
  figureTopics(): string[];
  documents(): DocumentMeta[];
  /** A passage of the live index by chunk id (chunk ids are content hashes, stable across restarts). */
  passage(chunkId: string): Passage | undefined;
  status(): EngineStatus;
  /**
   * Re-reads the corpus, rebuilds the index and swaps it in atomically.
   * Throws ReindexInProgressError when one is running, CorpusError when the corpus is bad (old index keeps serving).
   */
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexReport>;
  /** Picks up an index that another process (another shard) wrote, if it is newer than the live one. */
  refreshFromDisk(): Promise<boolean>;
  close(): Promise<void>;
}
