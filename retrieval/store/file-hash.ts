/**
 * sha256 of a file that is not kept in memory (the HNSW graph, which native code reads by itself), computed
 * off the main thread: a short-lived worker thread streams the file through a hash. WebCrypto would need the
 * whole file in one buffer (180 MB at 100k chunks, garbage the moment the digest is done, but resident until a
 * collection happens to run); hashing it here on the main thread would cost a live bot ~0.4 s of its loop.
 * The worker only reads and hashes (no native add-on is loaded in it).
 */
import { Worker } from "node:worker_threads";

/** Plain JavaScript, evaluated by the worker: the same in the TypeScript sources and in dist/. */
const WORKER_SOURCE = `
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const hash = createHash("sha256");
let bytes = 0;
createReadStream(workerData.file, { highWaterMark: 4 * 1024 * 1024 })
  .on("data", (piece) => { hash.update(piece); bytes += piece.length; })
  .on("error", (error) => parentPort.postMessage({ error: error.code || error.message }))
  .on("end", () => parentPort.postMessage({ sha256: hash.digest("hex"), bytes }));
`;

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** Resolves with the file's digest and size; rejects with an Error whose message is the error code. */
export function hashFileOffThread(file: string): Promise<FileDigest> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file } });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.once("message", (message: FileDigest | { error: string }) =>
      finish(() => ("error" in message ? reject(new Error(message.error)) : resolve(message))),
    );
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) => finish(() => reject(new Error(`the hashing thread exited (${code})`))));
  });
}
