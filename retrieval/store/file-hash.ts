/**
 * sha256 of snapshot files, computed off the main thread: a snapshot at 100k chunks is half a gigabyte, and
 * hashing it here would hold a live bot's event loop for over a second (WebCrypto's digest is no way out in
 * Node 20: it copies its input on the calling thread first). A short-lived worker thread per file does it:
 *  - a file the caller keeps (chunks, the lexical index, vectors) is handed over without a copy (its memory is
 *    transferred to the worker and back), so the bytes checked are the bytes used;
 *  - a file native code reads by itself (the HNSW graph) is streamed through the hash, never held whole.
 * The workers only read and hash (no native add-on is loaded in them), and one runs at a time: on a two-core
 * machine several hashing threads at once would take the core the event loop needs.
 */
import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";

/** Plain JavaScript, evaluated by the worker: the same in the TypeScript sources and in dist/. */
const WORKER_SOURCE = `
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const hash = createHash("sha256");
if (workerData.file) {
  let bytes = 0;
  createReadStream(workerData.file, { highWaterMark: 4 * 1024 * 1024 })
    .on("data", (piece) => { hash.update(piece); bytes += piece.length; })
    .on("error", (error) => parentPort.postMessage({ error: error.code || error.message }))
    .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex"), bytes }));
} else {
  hash.update(new Uint8Array(workerData.memory));
  parentPort.postMessage({ sha256: hash.digest("hex"), memory: workerData.memory }, [workerData.memory]);
}
`;

/** Below this a buffer is hashed right here: a worker costs more than it saves. */
const INLINE_BYTES = 4 * 1024 * 1024;

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** Streams a file through sha256 in a worker; rejects with an Error whose message is the error code. */
export async function hashFileOffThread(file: string): Promise<FileDigest> {
  const result = await runWorker({ file }, []);
  return { sha256: result.sha256, bytes: result.bytes ?? 0 };
}

/**
 * The sha256 of `content` and the content itself, which the caller must use from here on: its memory went to
 * the worker and came back (the `content` passed in is empty afterwards when it owned its memory).
 */
export async function hashBufferOffThread(content: Buffer): Promise<{ sha256: string; content: Buffer }> {
  const memory = content.buffer;
  const ownsMemory =
    memory instanceof ArrayBuffer && content.byteOffset === 0 && content.byteLength === memory.byteLength;
  if (content.byteLength < INLINE_BYTES || !ownsMemory) {
    return { sha256: createHash("sha256").update(content).digest("hex"), content };
  }
  const result = await runWorker({ memory }, [memory]);
  return { sha256: result.sha256, content: Buffer.from(result.memory as ArrayBuffer) };
}

interface WorkerReply {
  sha256: string;
  bytes?: number;
  memory?: ArrayBuffer;
  error?: string;
}

/** The end of the queue of hashing jobs (one worker at a time). */
let queue: Promise<unknown> = Promise.resolve();

function runWorker(
  workerData: { file: string } | { memory: ArrayBuffer },
  transferList: ArrayBuffer[],
): Promise<WorkerReply> {
  const job = queue.then(() => startWorker(workerData, transferList));
  queue = job.catch(() => {});
  return job;
}

function startWorker(
  workerData: { file: string } | { memory: ArrayBuffer },
  transferList: ArrayBuffer[],
): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData, transferList });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once("message", (reply: WorkerReply) =>
      finish(() => (reply.error ? reject(new Error(reply.error)) : resolve(reply))),
    );
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) => finish(() => reject(new Error(`the hashing thread exited (${code})`))));
  });
}
