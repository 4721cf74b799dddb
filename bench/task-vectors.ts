/**
 * Vector workload on synthetic clustered vectors: where HNSW overtakes exact search (crossover by size), and
 * what HNSW build parameters cost and buy (build time, size on disk, recall@10 and latency per ef).
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { VectorIndex } from "../retrieval/vector/vector-index.ts";
import { type Latency, median } from "./stats.ts";
import { ClusterModel, clusteredQueries, clusteredVectors, clustersFor } from "./synthetic-vectors.ts";
import type { Task } from "./tasks.ts";
import { bytesOnDisk, ENGINE_K, measureSearch, nativeBruteForce, recallAtK } from "./vector-bench.ts";

export interface CrossoverRow {
  n: number;
  exactJs: Latency;
  exactNative: Latency;
  hnsw: Latency;
  hnswBuildMs: number;
  recallAt10: number;
}

function workload(n: number, dims: number, seed: number, queries: number) {
  const model = new ClusterModel({ dims, clusters: clustersFor(n), seed });
  return {
    vectors: clusteredVectors(model, n, seed + 1),
    queries: clusteredQueries(model, queries, seed + 2),
  };
}

export async function runCrossover(
  task: Extract<Task, { kind: "crossover" }>,
): Promise<{ rows: CrossoverRow[] }> {
  const rows: CrossoverRow[] = [];
  for (const n of task.sizes) {
    const { vectors, queries } = workload(n, task.dims, task.seed, task.queries);
    const exact = VectorIndex.build(vectors, task.dims, { exactBelow: Number.POSITIVE_INFINITY });
    const t0 = performance.now();
    const hnsw = VectorIndex.build(vectors, task.dims, { ...task.vector, exactBelow: 0 });
    const hnswBuildMs = performance.now() - t0;
    const native = nativeBruteForce(vectors, task.dims);
    const exactRun = measureSearch(exact, queries, task.k, task.rounds);
    const hnswRun = measureSearch(hnsw, queries, task.k, task.rounds);
    rows.push({
      n,
      exactJs: exactRun.latency,
      exactNative: measureSearch(native, queries, task.k, task.rounds).latency,
      hnsw: hnswRun.latency,
      hnswBuildMs,
      recallAt10: recallAtK(exactRun.ids, hnswRun.ids),
    });
  }
  return { rows };
}

export interface GridRow {
  M: number;
  efConstruction: number;
  buildMs: number;
  graphBytes: number;
  perEf: Array<{ ef: number; recallAt10: number; latency: Latency }>;
}

export async function runHnswGrid(
  task: Extract<Task, { kind: "hnsw-grid" }>,
): Promise<{ n: number; rows: GridRow[] }> {
  const { vectors, queries } = workload(task.n, task.dims, task.seed, task.queries);
  const exact = VectorIndex.build(vectors, task.dims, { exactBelow: Number.POSITIVE_INFINITY });
  const truth = measureSearch(exact, queries, ENGINE_K, 1).ids;
  const rows: GridRow[] = [];
  for (const { M, efConstruction } of task.grid) {
    const times: number[] = [];
    const t0 = performance.now();
    const built = VectorIndex.build(vectors, task.dims, { M, efConstruction, exactBelow: 0 });
    times.push(performance.now() - t0);
    const dir = path.join(task.workDir, `grid-${M}-${efConstruction}`);
    await mkdir(dir, { recursive: true });
    await built.save(dir);
    const bytes = await bytesOnDisk(dir);
    const perEf: GridRow["perEf"] = [];
    for (const ef of task.efs) {
      const index = await VectorIndex.load(dir, task.dims, vectors.length, {
        M,
        efConstruction,
        efSearch: ef,
        exactBelow: 0,
      });
      const run = measureSearch(index, queries, ENGINE_K, 3);
      perEf.push({ ef, recallAt10: recallAtK(truth, run.ids), latency: run.latency });
    }
    rows.push({
      M,
      efConstruction,
      buildMs: median(times),
      graphBytes: bytes.files["vectors.hnsw"] ?? 0,
      perEf,
    });
    await rm(dir, { recursive: true, force: true });
  }
  return { n: task.n, rows };
}
