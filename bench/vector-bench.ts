/** Shared measurements for the vector workload: search latency, recall against exact search, files on disk. */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import hnswlib from "hnswlib-node";
import { type Latency, latencyOverRounds } from "./stats.ts";

/** The engine asks the vector index for this many candidates (engine.ts CANDIDATES). */
export const ENGINE_K = 20;
export const RECALL_K = 10;

export interface Searchable {
  search(query: Float32Array, k: number): Array<{ id: number }>;
}

export interface SearchRun {
  latency: Latency;
  /** Ids found per query (last round). */
  ids: number[][];
}

export function measureSearch(
  index: Searchable,
  queries: Float32Array[],
  k: number,
  rounds: number,
): SearchRun {
  for (const q of queries.slice(0, 20)) index.search(q, k);
  const samples: number[][] = [];
  let ids: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    const times: number[] = [];
    ids = [];
    for (const q of queries) {
      const t0 = performance.now();
      const hits = index.search(q, k);
      times.push(performance.now() - t0);
      ids.push(hits.map((h) => h.id));
    }
    samples.push(times);
  }
  return { latency: latencyOverRounds(samples), ids };
}

/** Mean share of the true top-k found in the first k results. */
export function recallAtK(truth: number[][], found: number[][], k = RECALL_K): number {
  if (truth.length === 0) return Number.NaN;
  let sum = 0;
  truth.forEach((exact, i) => {
    const want = new Set(exact.slice(0, k));
    const got = (found[i] ?? []).slice(0, k);
    sum += want.size === 0 ? 1 : got.filter((id) => want.has(id)).length / want.size;
  });
  return sum / truth.length;
}

/** hnswlib's native brute force (SIMD distance loops) wrapped like a VectorIndex, as a peer for exact search. */
export function nativeBruteForce(vectors: Float32Array[], dims: number): Searchable {
  const index = new hnswlib.BruteforceSearch("cosine", dims);
  index.initIndex(Math.max(1, vectors.length));
  vectors.forEach((v, id) => {
    index.addPoint(Array.from(v), id);
  });
  return {
    search(query, k) {
      const { neighbors } = index.searchKnn(Array.from(query), Math.min(k, vectors.length));
      return neighbors.map((id) => ({ id }));
    },
  };
}

/** Bytes of every file under `dir` (recursive), by file name and in total. */
export async function bytesOnDisk(dir: string): Promise<{ total: number; files: Record<string, number> }> {
  const files: Record<string, number> = {};
  let total = 0;
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const { size } = await stat(full);
        files[path.relative(dir, full)] = size;
        total += size;
      }
    }
  };
  await walk(dir);
  return { total, files };
}
