/**
 * Fundstelle's retrieval library: load an engine, ask it questions, list key figures, re-index.
 * It knows nothing about Discord; `bot/` and `scripts/` adapt it.
 */

import { RetrievalEngine } from "./engine.ts";
import type { Engine } from "./engine-api.ts";
import type { EngineOptions } from "./options.ts";

export { spellValue } from "./answer/quantities.ts";
export { ANSWER_TEXT, type AnswerText, formatArticleDate } from "./answer/text.ts";
export { CorpusBusyError, CorpusChangeRefused } from "./corpus-admin/errors.ts";
// Corpus administration (add/list/remove/refresh documents) for /corpus and /reindex. Its HTML extraction
// (linkedom, Readability, turndown) costs about 250 ms of CPU to import, which `npm run ask` must not pay:
// the types, errors and limits come from here, the CorpusAdmin itself through loadCorpusAdmin().
export type {
  ChangeReport,
  CorpusAdmin,
  DocumentChange,
  DocumentInput,
  ListedDocument,
} from "./corpus-admin/index.ts";
export { defaultFetchLimits } from "./corpus-admin/limits.ts";
export type { Engine } from "./engine-api.ts";
export {
  CorpusError,
  IndexIntegrityError,
  IndexWriteError,
  type IndexWriteReason,
  ReindexInProgressError,
} from "./errors.ts";

/** The corpus administration module, imported on first use. */
export function loadCorpusAdmin(): Promise<typeof import("./corpus-admin/index.ts")> {
  return import("./corpus-admin/index.ts");
}

export { defaultEmbeddingOptions, type EmbeddingOptions, type EngineOptions } from "./options.ts";
export { stripControlSequences, terminalSafe } from "./text/control.ts";
export { MAX_URL_LENGTH, safeWebUrl } from "./text/safe-url.ts";
export { TimeoutError, withTimeout } from "./timeout.ts";
export * from "./types.ts";

/** Loads the saved index (or builds it from the corpus) and, when available, the embedding model. */
export function loadEngine(options: EngineOptions): Promise<Engine> {
  return RetrievalEngine.load(options);
}

/** Builds the index from the corpus and saves it (`npm run index`), without loading an engine. */
export { buildIndex } from "./engine.ts";
