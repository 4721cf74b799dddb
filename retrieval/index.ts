/**
 * Fundstelle's retrieval library: load an engine, ask it questions, list key figures, re-index.
 * It knows nothing about Discord; `bot/` and `scripts/` adapt it.
 */

import { RetrievalEngine } from "./engine.ts";
import type { Engine } from "./engine-api.ts";
import type { EngineOptions } from "./options.ts";

export { spellValue } from "./answer/quantities.ts";
export type { Engine } from "./engine-api.ts";
export {
  CorpusError,
  IndexIntegrityError,
  IndexWriteError,
  type IndexWriteReason,
  ReindexInProgressError,
} from "./errors.ts";
export { defaultEmbeddingOptions, type EmbeddingOptions, type EngineOptions } from "./options.ts";
export { stripControlSequences, terminalSafe } from "./text/control.ts";
export { MAX_URL_LENGTH, safeWebUrl } from "./text/safe-url.ts";
export * from "./types.ts";

/** Loads the saved index (or builds it from the corpus) and, when available, the embedding model. */
export function loadEngine(options: EngineOptions): Promise<Engine> {
  return RetrievalEngine.load(options);
}

/** Builds the index from the corpus and saves it (`npm run index`), without loading an engine. */
export { buildIndex } from "./engine.ts";
