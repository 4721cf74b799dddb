/** Messages between the engine and its re-index worker process (plain JSON data only). */

import type { IndexWriteReason } from "../errors.ts";
import type { EngineOptions } from "../options.ts";
import type { IndexManifest } from "../store/index-store.ts";
import type { ReindexProgress } from "../types.ts";

/** EngineOptions without the logger (functions do not cross processes). */
export type WorkerJob = Omit<EngineOptions, "logger" | "reindexInWorker">;

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** For IndexWriteError: why the index folder could not be written. */
  write?: { reason: IndexWriteReason; indexDir: string; code: string };
}

/** Engine → worker: the one job it runs. */
export interface StartMessage {
  type: "start";
  job: WorkerJob;
}

/** Worker → engine. */
export type WorkerMessage =
  | { type: "progress"; progress: ReindexProgress }
  | { type: "log"; level: LogLevel; obj: object | string; msg?: string }
  | { type: "done"; manifest: IndexManifest }
  | { type: "failed"; error: SerializedError };
