/**
 * Lexical workload, the engine's BM25 against MiniSearch and Orama with default settings, over the same
 * chunks in the same process: index build time, query latency (interleaved per question so noise hits all
 * three alike), heap held by the index, and — on the dev set — retrieval quality.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { create, insertMultiple, search } from "@orama/orama";
import MiniSearch from "minisearch";
import { runBaselines, summarize } from "../cli/evaluation.ts";
import { readCorpus } from "../retrieval/corpus/ingest.ts";
import type { Concept } from "../retrieval/lexical/bm25.ts";
import { LexicalIndex } from "../retrieval/lexical/bm25.ts";
import { buildConcepts } from "../retrieval/lexical/query.ts";
import { readSnapshot } from "../retrieval/store/index-store.ts";
import { detectLanguage } from "../retrieval/text/language.ts";
import { type Chunk, type DocumentMeta, type Lang, silentLogger } from "../retrieval/types.ts";
import { settledHeapMB } from "./heap.ts";
import { type Latency, latencyOverRounds, median } from "./stats.ts";
import type { Task } from "./tasks.ts";

/** The engine's lexical leg asks for this many candidates (engine.ts CANDIDATES). */
const K = 20;

export const LEXICAL_SYSTEMS = ["engine", "minisearch", "orama"] as const;
export type LexicalSystem = (typeof LEXICAL_SYSTEMS)[number];

export interface LexicalSystemResult {
  buildMs: number;
  heapMB: number;
  query: Latency;
}

export interface LexicalPeersResult {
  chunks: number;
  /** The engine's lexical leg split: question → concepts (variants, compounds), and the BM25 search itself. */
  engineSplit: { concepts: Latency; search: Latency };
  /** Mean share of chunks that hold a question's exact terms (long posting lists make BM25 slower). */
  meanQueryTermDf: number;
  /** Per question, means: index terms the concepts expand to, and postings BM25 walks through. */
  meanVariants: number;
  meanPostings: number;
  systems: Record<LexicalSystem, LexicalSystemResult>;
  quality: Record<"minisearch" | "orama", ReturnType<typeof summarize>> | null;
}

interface Built {
  query: (q: string) => unknown;
}

interface EngineBuilt extends Built {
  concepts: (q: string) => Concept[];
  search: (concepts: Concept[]) => unknown;
  df: (term: string) => number;
}

function buildEngine(chunks: Chunk[], langOf: (c: Chunk) => Lang): EngineBuilt {
  const index = new LexicalIndex(chunks.map((c) => ({ body: c.text, section: c.section, lang: langOf(c) })));
  const german = chunks.filter((c) => langOf(c) === "de").length;
  const corpusLang: Lang = german * 2 >= chunks.length ? "de" : "en";
  const concepts = (q: string) => buildConcepts(q, detectLanguage(q, corpusLang), corpusLang, index);
  const search = (c: Concept[]) => index.search(c, K);
  return {
    // What engine.ask does for its lexical leg: language, concepts (variants, compounds), BM25 top-k.
    query: (q) => search(concepts(q)),
    concepts,
    search,
    df: (term) => index.documentFrequency(term),
  };
}

function buildMiniSearch(chunks: Chunk[]): Built {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  mini.addAll(chunks.map((c, id) => ({ id, text: c.text })));
  return { query: (q) => mini.search(q).slice(0, K) };
}

async function buildOrama(chunks: Chunk[]): Promise<Built> {
  const db = create({ schema: { text: "string", pos: "number" } as const });
  await insertMultiple(
    db,
    chunks.map((c, pos) => ({ text: c.text, pos })),
  );
  return { query: (q) => search(db, { term: q, limit: K }) };
}

/** The chunks of a saved snapshot (`<indexDir>/snapshots/<version>`), read through the store. */
async function readSnapshotChunks(dir: string): Promise<{ chunks: Chunk[]; documents: DocumentMeta[] }> {
  const snapshot = await readSnapshot(path.dirname(path.dirname(dir)), silentLogger, { vectors: false });
  if (!snapshot) throw new Error(`no snapshot in ${dir}`);
  const { chunks, documents } = snapshot;
  return { chunks: Array.from({ length: chunks.length }, (_, i) => chunks.at(i) as Chunk), documents };
}

export async function runLexicalPeers(
  task: Extract<Task, { kind: "lexical-peers" }>,
): Promise<LexicalPeersResult> {
  const corpus = task.snapshotDir
    ? await readSnapshotChunks(task.snapshotDir)
    : await readCorpus(task.corpusDir);
  const chunks = task.limit ? corpus.chunks.slice(0, task.limit) : corpus.chunks;
  const docLang = new Map(corpus.documents.map((d) => [d.id, d.language]));
  const langOf = (c: Chunk): Lang => docLang.get(c.documentId) ?? "de";
  const builders: Record<LexicalSystem, () => Built | Promise<Built>> = {
    engine: () => buildEngine(chunks, langOf),
    minisearch: () => buildMiniSearch(chunks),
    orama: () => buildOrama(chunks),
  };

  const built = {} as Record<LexicalSystem, Built | EngineBuilt>;
  const buildMs = {} as Record<LexicalSystem, number>;
  const heapMB = {} as Record<LexicalSystem, number>;
  for (const system of LEXICAL_SYSTEMS) {
    const times: number[] = [];
    for (let i = 0; i < task.builds; i++) {
      const before = settledHeapMB();
      const t0 = performance.now();
      const index = await builders[system]();
      times.push(performance.now() - t0);
      heapMB[system] = settledHeapMB() - before;
      built[system] = index;
    }
    buildMs[system] = median(times);
  }

  // Warm-up, then rounds; within a round the three systems take turns per question.
  for (const q of task.questions) for (const system of LEXICAL_SYSTEMS) await built[system].query(q);
  const samples = Object.fromEntries(LEXICAL_SYSTEMS.map((s) => [s, [] as number[][]])) as Record<
    LexicalSystem,
    number[][]
  >;
  const budget = task.budgetMs ?? Number.POSITIVE_INFINITY;
  let loopStart = performance.now();
  for (let round = 0; round < task.rounds; round++) {
    if (round > 0 && performance.now() - loopStart > budget) break;
    const roundSamples = Object.fromEntries(LEXICAL_SYSTEMS.map((s) => [s, [] as number[]])) as Record<
      LexicalSystem,
      number[]
    >;
    for (let rep = 0; rep < task.reps; rep++) {
      for (const q of task.questions) {
        for (const system of LEXICAL_SYSTEMS) {
          const t0 = performance.now();
          await built[system].query(q);
          roundSamples[system].push(performance.now() - t0);
        }
      }
    }
    for (const system of LEXICAL_SYSTEMS) samples[system].push(roundSamples[system]);
  }

  // The engine's leg in two parts, same questions.
  const engine = built.engine as EngineBuilt;
  const conceptSamples: number[][] = [];
  const searchSamples: number[][] = [];
  const dfShares: number[] = [];
  const prepared = task.questions.map((q) => engine.concepts(q));
  let variants = 0;
  let postings = 0;
  for (const concepts of prepared) {
    for (const c of concepts) {
      dfShares.push(engine.df(c.variants[0]?.term ?? "") / Math.max(1, chunks.length));
      variants += c.variants.length;
      for (const v of c.variants) postings += engine.df(v.term);
    }
  }
  loopStart = performance.now();
  for (let round = 0; round < task.rounds; round++) {
    if (round > 0 && performance.now() - loopStart > budget / 2) break;
    const c: number[] = [];
    const s: number[] = [];
    for (let rep = 0; rep < task.reps; rep++) {
      task.questions.forEach((q, i) => {
        let t0 = performance.now();
        engine.concepts(q);
        c.push(performance.now() - t0);
        t0 = performance.now();
        engine.search(prepared[i] as Concept[]);
        s.push(performance.now() - t0);
      });
    }
    conceptSamples.push(c);
    searchSamples.push(s);
  }

  let quality: LexicalPeersResult["quality"] = null;
  if (task.evalQuestions) {
    const baselines = await runBaselines(chunks, task.evalQuestions);
    quality = { minisearch: summarize(baselines.minisearch), orama: summarize(baselines.orama) };
  }
  const systems = Object.fromEntries(
    LEXICAL_SYSTEMS.map((s) => [
      s,
      { buildMs: buildMs[s], heapMB: heapMB[s], query: latencyOverRounds(samples[s]) },
    ]),
  ) as Record<LexicalSystem, LexicalSystemResult>;
  return {
    chunks: chunks.length,
    engineSplit: { concepts: latencyOverRounds(conceptSamples), search: latencyOverRounds(searchSamples) },
    meanQueryTermDf: dfShares.length ? dfShares.reduce((a, b) => a + b, 0) / dfShares.length : 0,
    meanVariants: variants / Math.max(1, prepared.length),
    meanPostings: postings / Math.max(1, prepared.length),
    systems,
    quality,
  };
}
