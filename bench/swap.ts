/**
 * Event-loop delay while a running engine swaps in a new index (issue 11): the figure that says whether a bot
 * on that thread keeps acknowledging interactions within Discord's 3 s. Measured on the path a bot takes when
 * another process (a /reindex worker, another shard, `npm run index`) has written a snapshot, next to the way
 * swaps worked before the lexical index was saved: the same snapshot with BM25 rebuilt from chunk text.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Engine } from "../retrieval/index.ts";
import { LexicalIndex } from "../retrieval/lexical/bm25.ts";
import { readSnapshot, writeSnapshot } from "../retrieval/store/index-store.ts";
import { type Chunk, silentLogger } from "../retrieval/types.ts";
import { type MemorySample, memorySample } from "./protocol.ts";
import { toTenths } from "./stats.ts";

export interface StallSample {
  /** Wall ms of the swap. */
  ms: number;
  delayMaxMs: number;
  delayP99Ms: number;
}

export interface SwapResult {
  chunks: number;
  /** `refreshFromDisk`: read, verify and link the finished snapshot in slices, then switch. */
  after: StallSample;
  /** The same snapshot read, plus BM25 rebuilt from chunk text in one go on this thread (the old swap). */
  before: StallSample;
  memoryAfterSwap: MemorySample;
}

async function measure(work: () => Promise<unknown>): Promise<StallSample> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  // One more turn, so a block at the very end is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 10));
  histogram.disable();
  return {
    ms: toTenths(ms),
    delayMaxMs: toTenths(histogram.max / 1e6),
    delayP99Ms: toTenths(histogram.percentile(99) / 1e6),
  };
}

export async function measureSwap(engine: Engine, indexDir: string): Promise<SwapResult> {
  // Another process's snapshot, as the engine would find it: the same data under a new version.
  const current = await readSnapshot(indexDir, silentLogger);
  if (!current) throw new Error(`no snapshot in ${indexDir} to swap`);
  const { manifest, documents, chunks, figures, lexical, vectors } = current;
  await writeSnapshot(
    indexDir,
    { corpusHash: manifest.corpusHash, documents, chunks, figures, lexical, vectors, model: manifest.model },
    silentLogger,
  );
  const after = await measure(async () => {
    if (!(await engine.refreshFromDisk())) throw new Error("the engine did not pick up the new snapshot");
  });
  const memoryAfterSwap = memorySample();
  const langOf = new Map(documents.map((d) => [d.id, d.language]));
  const before = await measure(async () => {
    const snapshot = await readSnapshot(indexDir, silentLogger);
    const read = snapshot?.chunks;
    const chunks = read ? Array.from({ length: read.length }, (_, i) => read.at(i) as Chunk) : [];
    return new LexicalIndex(
      chunks.map((c) => ({
        body: c.text,
        section: c.section,
        lang: langOf.get(c.documentId) ?? "de",
      })),
    );
  });
  return { chunks: chunks.length, after, before, memoryAfterSwap };
}
