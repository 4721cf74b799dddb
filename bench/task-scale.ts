/**
 * One point of the scale curve: writes a synthetic corpus of `n` chunks, ingests it with the real pipeline,
 * extracts its figures (timed: issue 11 found the scale runs left them out), builds the vector index the engine
 * would build at that size (synthetic clustered vectors), measures exact and HNSW search against each other, and
 * saves an engine snapshot, figures included, that a fresh process then loads and queries.
 */
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { readCorpus } from "../retrieval/corpus/ingest.ts";
import { LexicalIndex } from "../retrieval/lexical/bm25.ts";
import { writeSnapshot } from "../retrieval/store/index-store.ts";
import { silentLogger } from "../retrieval/types.ts";
import { defaultVectorIndexOptions, VectorIndex } from "../retrieval/vector/vector-index.ts";
import { extractFiguresTimed, type FigureTiming } from "./figure-timing.ts";
import { memorySample } from "./protocol.ts";
import type { Latency } from "./stats.ts";
import { generateCorpus, learnArticle, writeCorpus } from "./synthetic-corpus.ts";
import { ClusterModel, clusteredQueries, clusteredVectors, clustersFor } from "./synthetic-vectors.ts";
import type { Task } from "./tasks.ts";
import { bytesOnDisk, ENGINE_K, measureSearch, nativeBruteForce, recallAtK } from "./vector-bench.ts";

export interface ScaleBuildResult {
  n: number;
  documents: number;
  corpusBytes: number;
  corpusDir: string;
  indexDir: string;
  snapshotDir: string;
  generateMs: number;
  ingestMs: number;
  vectors: {
    dims: number;
    clusters: number;
    embedMs: number;
    engineKind: "exact" | "hnsw";
    params: typeof defaultVectorIndexOptions;
    exactJs: Latency;
    exactNative: Latency;
    hnsw: { buildMs: number; latency: Latency; recallAt10: number };
    efSweep: Array<{ ef: number; recallAt10: number; latency: Latency }>;
  };
  /** Figure extraction over the n chunks, as `npm run index` does it (CPU and wall); absent in older results. */
  figures?: FigureTiming;
  /** BM25 built from chunk text (the start-up cost before the lexical index was persisted). */
  lexicalBuildMs: number;
  snapshot: { writeMs: number; bytes: number; files: Record<string, number> };
  memory: ReturnType<typeof memorySample>;
}

async function readArticleText(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((f) => /\.(txt|md)$/i.test(f)).sort();
  const texts = await Promise.all(names.map((n) => readFile(path.join(dir, n), "utf8")));
  return texts.join("\n\n");
}

export async function runScaleBuild(task: Extract<Task, { kind: "scale-build" }>): Promise<ScaleBuildResult> {
  const corpusDir = path.join(task.workDir, `corpus-${task.n}`);
  const indexDir = path.join(task.workDir, `index-${task.n}`);
  const article = learnArticle(await readArticleText(task.articleDir));

  let t0 = performance.now();
  const files = generateCorpus(article, { targetChunks: task.n, seed: task.seed });
  await writeCorpus(corpusDir, files);
  const generateMs = performance.now() - t0;
  t0 = performance.now();
  const corpus = await readCorpus(corpusDir);
  const ingestMs = performance.now() - t0;
  if (corpus.chunks.length < task.n)
    throw new Error(`synthetic corpus gave ${corpus.chunks.length} chunks < ${task.n}`);
  const chunks = corpus.chunks.slice(0, task.n);
  const langOf = new Map(corpus.documents.map((d) => [d.id, d.language]));
  const titleOf = new Map(corpus.documents.map((d) => [d.id, d.title]));
  const extracted = extractFiguresTimed(
    chunks,
    (id) => langOf.get(id) ?? "de",
    (id) => titleOf.get(id) ?? id,
  );

  // Stand-in for embedding the chunks (see synthetic-vectors.ts for why and how).
  t0 = performance.now();
  const clusters = clustersFor(task.n);
  const model = new ClusterModel({ dims: task.dims, clusters, seed: task.seed });
  const vectors = clusteredVectors(model, task.n, task.seed + 1);
  const queries = clusteredQueries(model, task.queries, task.seed + 2);
  const embedMs = performance.now() - t0;

  const exact = VectorIndex.build(vectors, task.dims, { exactBelow: Number.POSITIVE_INFINITY });
  // Exact JS search takes ~65 ms a query at 100k: one round there is enough (it is also the recall truth).
  const exactRounds = task.n >= 50_000 ? 1 : task.rounds;
  const exactRun = measureSearch(exact, queries, ENGINE_K, exactRounds);
  const exactNative = measureSearch(
    nativeBruteForce(vectors, task.dims),
    queries,
    ENGINE_K,
    exactRounds,
  ).latency;

  // The index the engine builds at this size (default options); HNSW is measured on it when it is one.
  t0 = performance.now();
  const engineIndex = VectorIndex.build(vectors, task.dims);
  let hnswBuildMs = performance.now() - t0;
  let hnsw = engineIndex;
  if (engineIndex.kind !== "hnsw") {
    t0 = performance.now();
    hnsw = VectorIndex.build(vectors, task.dims, { exactBelow: 0 });
    hnswBuildMs = performance.now() - t0;
  }
  const hnswRun = measureSearch(hnsw, queries, ENGINE_K, task.rounds);

  // BM25 from chunk text: what every start did before the lexical index was saved in the snapshot.
  t0 = performance.now();
  const lexical = new LexicalIndex(
    chunks.map((c) => ({ body: c.text, section: c.section, lang: langOf.get(c.documentId) ?? "de" })),
  );
  const lexicalBuildMs = performance.now() - t0;

  t0 = performance.now();
  const manifest = await writeSnapshot(
    indexDir,
    {
      corpusHash: corpus.hash,
      // As the engine writes it: a start on the unchanged corpus then trusts the hash without reading the files.
      corpusFingerprint: corpus.fingerprint,
      documents: corpus.documents,
      chunks,
      figures: extracted.figures,
      lexical,
      vectors: engineIndex,
      model: { id: task.model.id, dims: task.dims, quantized: task.model.quantized },
    },
    silentLogger,
  );
  const writeMs = performance.now() - t0;
  const snapshotDir = path.join(indexDir, "snapshots", manifest.indexVersion);
  const disk = await bytesOnDisk(snapshotDir);

  // ef sweep on the saved graph (a separate graph when the engine's own index is exact).
  let graphDir = snapshotDir;
  if (engineIndex.kind !== "hnsw") {
    graphDir = path.join(task.workDir, `hnsw-${task.n}`);
    await mkdir(graphDir, { recursive: true });
    await hnsw.save(graphDir);
  }
  const efSweep: ScaleBuildResult["vectors"]["efSweep"] = [];
  for (const ef of task.efSweep) {
    const index = await VectorIndex.load(graphDir, task.dims, task.n, { efSearch: ef, exactBelow: 0 });
    const run = measureSearch(index, queries, ENGINE_K, task.rounds);
    efSweep.push({ ef, recallAt10: recallAtK(exactRun.ids, run.ids), latency: run.latency });
  }

  return {
    n: task.n,
    documents: corpus.documents.length,
    corpusBytes: files.reduce((s, f) => s + Buffer.byteLength(f.text), 0),
    corpusDir,
    indexDir,
    snapshotDir,
    generateMs,
    ingestMs,
    vectors: {
      dims: task.dims,
      clusters,
      embedMs,
      engineKind: engineIndex.kind,
      params: { ...defaultVectorIndexOptions },
      exactJs: exactRun.latency,
      exactNative,
      hnsw: {
        buildMs: hnswBuildMs,
        latency: hnswRun.latency,
        recallAt10: recallAtK(exactRun.ids, hnswRun.ids),
      },
      efSweep,
    },
    figures: extracted.timing,
    lexicalBuildMs,
    snapshot: { writeMs, bytes: disk.total, files: disk.files },
    memory: memorySample(),
  };
}
