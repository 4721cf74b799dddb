/**
 * Runs a re-index (build + write snapshot) in a separate worker process and resolves with the written
 * manifest. Why a process and not a thread: see worker.ts. Compiled (dist/, scripts/build-dist.mjs) the worker
 * is dist/reindex-worker.js and runs on plain node; from the TypeScript sources it starts with tsx's loader
 * (resolved from this package, so neither the working directory nor the parent's flags matter).
 */
import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CorpusError, IndexIntegrityError, IndexWriteError } from "../errors.ts";
import type { EngineOptions } from "../options.ts";
import type { IndexManifest } from "../store/index-store.ts";
import { type Logger, type ReindexProgress, silentLogger } from "../types.ts";
import type { SerializedError, StartMessage, WorkerMessage } from "./protocol.ts";

/** dist/ is one flat folder of JavaScript; the sources are .ts files run by tsx. */
const COMPILED = !import.meta.url.endsWith(".ts");
const WORKER_ENTRY = fileURLToPath(
  new URL(COMPILED ? "./reindex-worker.js" : "./worker.ts", import.meta.url),
);

function workerExecArgv(): string[] {
  if (COMPILED) return [];
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
}

export async function buildSnapshotInWorker(
  options: EngineOptions,
  onProgress: (p: ReindexProgress) => void = () => {},
): Promise<IndexManifest> {
  const logger = options.logger ?? silentLogger;
  const worker = fork(WORKER_ENTRY, [], {
    execArgv: workerExecArgv(),
    // stdout stays clean for the CLI's JSON output: whatever the worker prints goes to stderr.
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  worker.stdout?.pipe(process.stderr, { end: false });
  try {
    const result = waitForResult(worker, logger, onProgress);
    const start: StartMessage = {
      type: "start",
      job: { corpusDir: options.corpusDir, indexDir: options.indexDir, embedding: options.embedding },
    };
    worker.send(start);
    return await result;
  } finally {
    // Normally it has exited already; after a failure on our side it must not keep running.
    if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  }
}

function waitForResult(
  worker: ChildProcess,
  logger: Logger,
  onProgress: (p: ReindexProgress) => void,
): Promise<IndexManifest> {
  return new Promise<IndexManifest>((resolve, reject) => {
    worker.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "progress":
          onProgress(message.progress);
          break;
        case "log":
          logger[message.level](message.obj, message.msg);
          break;
        case "done":
          resolve(message.manifest);
          break;
        case "failed":
          reject(reviveError(message.error));
          break;
      }
    });
    worker.on("error", (error) =>
      reject(new Error(`the re-index process failed to start: ${error.message}`)),
    );
    // "close", not "exit": it comes after the last IPC message, so a "done" sent just before exiting counts.
    worker.on("close", (code, signal) =>
      reject(new Error(`the re-index process ended (${signal ?? `exit code ${code}`}) before it finished`)),
    );
  });
}

/** Errors the engine's callers branch on keep their class; anything else becomes a plain Error. */
function reviveError(serialized: SerializedError): Error {
  const known: Record<string, new (message: string) => Error> = { CorpusError, IndexIntegrityError };
  const Known = known[serialized.name];
  const error = serialized.write
    ? new IndexWriteError(serialized.message, serialized.write)
    : Known
      ? new Known(serialized.message)
      : new Error(serialized.message);
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
