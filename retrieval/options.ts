import type { Logger } from "./types.ts";

export interface EmbeddingOptions {
  /** false = lexical-only, never try to load a model. */
  enabled: boolean;
  /** Hugging Face model id or a folder name under `modelsDir`. */
  model: string;
  /** Folder with local model copies (`<modelsDir>/<model>/config.json`, `onnx/model_quantized.onnx`, ...). */
  modelsDir: string;
  /** Allow downloading from the Hugging Face Hub when the model is not in `modelsDir`. */
  allowRemote: boolean;
  quantized: boolean;
  /** Bound on loading the model; past it the engine runs lexical-only. */
  loadTimeoutMs: number;
  /** Prefixes the model expects (e5: `query: ` / `passage: `). */
  queryPrefix: string;
  passagePrefix: string;
  batchSize: number;
}

export interface EngineOptions {
  corpusDir: string;
  indexDir: string;
  embedding: EmbeddingOptions;
  logger?: Logger;
  /**
   * Re-index in a child process (default true; see reindex/worker.ts for why not a worker thread): embedding
   * blocks the thread it runs on, and the bot's event loop must keep acknowledging interactions. false builds
   * in-process (tests, debugging).
   */
  reindexInWorker?: boolean;
}

export const defaultEmbeddingOptions: EmbeddingOptions = {
  enabled: true,
  model: "Xenova/multilingual-e5-small",
  modelsDir: "models",
  allowRemote: false,
  quantized: true,
  loadTimeoutMs: 20_000,
  queryPrefix: "query: ",
  passagePrefix: "passage: ",
  batchSize: 16,
};
