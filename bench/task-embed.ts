/** Embedding throughput through transformers.js at several batch sizes (what indexing pays per chunk). */
import { performance } from "node:perf_hooks";
import { passageText } from "../retrieval/build.ts";
import { readCorpus } from "../retrieval/corpus/ingest.ts";
import { defaultEmbeddingOptions } from "../retrieval/options.ts";
import { silentLogger as silent } from "../retrieval/types.ts";
import { loadEmbedder } from "../retrieval/vector/embedder.ts";
import { type Latency, latencyOf, median } from "./stats.ts";
import type { Task } from "./tasks.ts";

export interface EmbedResult {
  modelId: string;
  dims: number;
  loadMs: number;
  texts: number;
  meanChars: number;
  /** Chunks per second, median over rounds, by batch size. */
  throughput: Array<{ batchSize: number; chunksPerSec: number; msPerChunk: number }>;
  query: Latency;
}

export async function runEmbed(task: Extract<Task, { kind: "embed" }>): Promise<EmbedResult> {
  const corpus = await readCorpus(task.corpusDir);
  const source = corpus.chunks.map(passageText);
  const texts = Array.from({ length: task.texts }, (_, i) => source[i % source.length] as string);
  const options = {
    ...defaultEmbeddingOptions,
    model: task.modelId,
    modelsDir: task.modelsDir,
    loadTimeoutMs: 60_000,
  };
  const t0 = performance.now();
  const first = await loadEmbedder({ ...options, batchSize: 1 }, silent);
  const loadMs = performance.now() - t0;
  if (!first.embedder) throw new Error(`test model did not load: ${first.reason}`);
  const dims = first.embedder.dims;

  const throughput: EmbedResult["throughput"] = [];
  for (const batchSize of task.batchSizes) {
    // The model load is shared; only the batching differs between these embedders.
    const loaded = await loadEmbedder({ ...options, batchSize }, silent);
    if (!loaded.embedder) throw new Error(`test model did not load: ${loaded.reason}`);
    await loaded.embedder.embedPassages(texts.slice(0, batchSize * 2));
    const perSecond: number[] = [];
    for (let round = 0; round < task.rounds; round++) {
      const r0 = performance.now();
      await loaded.embedder.embedPassages(texts);
      perSecond.push((texts.length * 1000) / (performance.now() - r0));
    }
    const chunksPerSec = median(perSecond);
    throughput.push({ batchSize, chunksPerSec, msPerChunk: 1000 / chunksPerSec });
  }

  const questions = corpus.chunks.slice(0, 50).map((c) => c.sentences[0]?.text ?? c.text);
  for (const q of questions.slice(0, 5)) await first.embedder.embedQuery(q);
  const queryMs: number[] = [];
  for (const q of questions) {
    const q0 = performance.now();
    await first.embedder.embedQuery(q);
    queryMs.push(performance.now() - q0);
  }
  return {
    modelId: task.modelId,
    dims,
    loadMs,
    texts: texts.length,
    meanChars: Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length),
    throughput,
    query: latencyOf(queryMs),
  };
}
