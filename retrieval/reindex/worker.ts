/**
 * Entry of the re-index worker process: loads its own embedder, builds the index and writes a snapshot.
 * Embedding is a blocking native call per batch; here it blocks this process only, not the bot's event loop.
 * The engine reads the written snapshot back and swaps it in.
 *
 * A process, not a worker thread: onnxruntime-node 1.14 (transformers.js 2.17) corrupts the heap when
 * worker threads that load it come and go next to a main thread that uses it (the bot aborted with
 * "free(): invalid pointer" after 2–5 re-indexes), and a native crash here must never take the bot down.
 */
import { buildFromCorpus } from "../build.ts";
import { IndexWriteError } from "../errors.ts";
import { type IndexManifest, writeSnapshot } from "../store/index-store.ts";
import { explainWriteError } from "../store/write-errors.ts";
import type { Logger } from "../types.ts";
import { type Embedder, loadEmbedder } from "../vector/embedder.ts";
import type { LogLevel, StartMessage, WorkerJob, WorkerMessage } from "./protocol.ts";

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Forwards log lines to the engine's logger; fields are made JSON-safe first. */
const logger: Logger = {
  debug: (obj, msg) => forward("debug", obj, msg),
  info: (obj, msg) => forward("info", obj, msg),
  warn: (obj, msg) => forward("warn", obj, msg),
  error: (obj, msg) => forward("error", obj, msg),
};

function forward(level: LogLevel, obj: object | string, msg?: string): void {
  let safe: object | string = obj;
  try {
    safe = typeof obj === "string" ? obj : (JSON.parse(JSON.stringify(obj)) as object);
  } catch {
    safe = { note: "log fields could not be serialized" };
  }
  void send({ type: "log", level, obj: safe, msg });
}

async function loadJobEmbedder(job: WorkerJob): Promise<Embedder | null> {
  if (!job.embedding.enabled) return null;
  const loaded = await loadEmbedder(job.embedding, logger);
  // The engine has a model: a snapshot without vectors would silently drop it to lexical mode.
  if (!loaded.embedder)
    throw new Error(`the re-index process could not load the embedding model: ${loaded.reason}`);
  return loaded.embedder;
}

async function run(job: WorkerJob): Promise<void> {
  const embedder = await loadJobEmbedder(job);
  const built = await buildFromCorpus(job.corpusDir, embedder, (progress) => {
    void send({ type: "progress", progress });
  });
  await send({ type: "progress", progress: { phase: "write", done: 0, total: 1 } });
  const model = embedder
    ? { id: embedder.modelId, dims: embedder.dims, quantized: embedder.quantized }
    : null;
  let manifest: IndexManifest;
  try {
    manifest = await writeSnapshot(job.indexDir, { ...built, model }, logger);
  } catch (error) {
    // A full or read-only disk is said in plain words (the engine keeps serving the old index).
    throw explainWriteError(error, job.indexDir) ?? error;
  }
  await send({ type: "done", manifest });
}

if (!process.send) {
  process.stderr.write(
    "retrieval/reindex/worker.ts is started by the engine (buildSnapshotInWorker), not by hand.\n",
  );
  process.exit(2);
}
// The engine went away (crashed or was killed): nobody waits for this index any more.
process.on("disconnect", () => process.exit(1));
process.once("message", (message: StartMessage) => {
  run(message.job)
    .catch(async (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      const write =
        e instanceof IndexWriteError ? { reason: e.reason, indexDir: e.indexDir, code: e.code } : undefined;
      await send({
        type: "failed",
        error: { name: e.name, message: e.message, stack: e.stack, ...(write ? { write } : {}) },
      });
    })
    // Exit at once: native libraries may keep the event loop alive, and the job is over either way.
    .finally(() => process.exit(0));
});
