/** Plain-data descriptions of the work a benchmark child process does (sent as JSON in BENCH_TASK). */

import type { EvalQuestion } from "../cli/evaluation.ts";
import type { EmbeddingOptions } from "../retrieval/options.ts";

export interface EngineSetup {
  corpusDir: string;
  indexDir: string;
  embedding: EmbeddingOptions;
}

export interface VectorParams {
  M: number;
  efConstruction: number;
  efSearch: number;
}

export type Task =
  | { kind: "noop" }
  /** Process start → engine ready → first answer. */
  | { kind: "cold"; engine: EngineSetup; question: string }
  /** Query latency by stage over repeated questions, then re-index runs and memory. */
  | {
      kind: "queries";
      engine: EngineSetup;
      questions: string[];
      rounds: number;
      reps: number;
      reindexRuns: number;
      evalQuestions?: EvalQuestion[];
      /** Stop adding rounds once this much time went into them (at least one round always runs). */
      budgetMs?: number;
      /** Then measure the event-loop delay of an index swap (swap.ts). */
      swap?: boolean;
    }
  /** The engine's BM25 against MiniSearch and Orama over the same chunks. */
  | {
      kind: "lexical-peers";
      corpusDir: string;
      /** Read chunks from this saved snapshot instead of ingesting the corpus again (faster at 100k). */
      snapshotDir?: string;
      /** Use only the first `limit` chunks (synthetic corpora are cut to an exact size). */
      limit?: number;
      questions: string[];
      rounds: number;
      reps: number;
      builds: number;
      evalQuestions?: EvalQuestion[];
      budgetMs?: number;
    }
  /** transformers.js throughput with the generated test model. */
  | {
      kind: "embed";
      corpusDir: string;
      modelsDir: string;
      modelId: string;
      texts: number;
      batchSizes: number[];
      rounds: number;
    }
  /** One scale point: synthetic corpus, lexical and vector indexes, a saved engine snapshot. */
  | {
      kind: "scale-build";
      n: number;
      dims: number;
      seed: number;
      articleDir: string;
      workDir: string;
      model: { id: string; quantized: boolean };
      queries: number;
      rounds: number;
      efSweep: number[];
    }
  /** Exact (JS), exact (hnswlib native brute force) and HNSW search latency by index size. */
  | {
      kind: "crossover";
      sizes: number[];
      dims: number;
      seed: number;
      queries: number;
      rounds: number;
      k: number;
      vector: VectorParams;
    }
  /** HNSW build parameters: build time, size on disk, recall and latency per ef. */
  | {
      kind: "hnsw-grid";
      n: number;
      dims: number;
      seed: number;
      workDir: string;
      grid: Array<{ M: number; efConstruction: number }>;
      efs: number[];
      queries: number;
    };
