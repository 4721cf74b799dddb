/** Query latency of a loaded engine, stage by stage, then re-index time and resident memory. */
import { performance } from "node:perf_hooks";
import { scoreEngine, summarize } from "../cli/evaluation.ts";
import type { Answer } from "../retrieval/index.ts";
import { emit, memorySample } from "./protocol.ts";
import { type Latency, latencyOverRounds, median } from "./stats.ts";
import { measureSwap, type SwapResult } from "./swap.ts";
import type { Task } from "./tasks.ts";

export const STAGES = ["embedMs", "vectorMs", "lexicalMs", "fusionMs", "composeMs", "totalMs"] as const;
export type Stage = (typeof STAGES)[number];

export interface QueryResult {
  mode: string;
  modelError: string | null;
  chunks: number;
  loadMs: number;
  /** Wall time of `ask` as the caller sees it. */
  ask: Latency;
  /** `ask` without the query embedding: what the index and answer composition cost. */
  askWithoutEmbed: Latency;
  stages: Record<Stage, Latency>;
  reindexMs: number[];
  reindexMedianMs: number | null;
  /** Event-loop delay during an index swap (when the task asked for it). */
  swap?: SwapResult;
  memory: {
    afterLoad: ReturnType<typeof memorySample>;
    afterQueries: ReturnType<typeof memorySample>;
    afterReindex: ReturnType<typeof memorySample> | null;
  };
  quality: ReturnType<typeof summarize> | null;
  /** The slowest questions by median wall time (where a p95 comes from). */
  slowest: Array<{ question: string; p50: number; lexicalP50: number; composeP50: number }>;
}

export async function runQueries(task: Extract<Task, { kind: "queries" }>): Promise<QueryResult> {
  const { loadEngine } = await import("../retrieval/index.ts");
  const t0 = performance.now();
  const engine = await loadEngine({ ...task.engine });
  const loadMs = performance.now() - t0;
  emit("ready");
  const afterLoad = memorySample();
  // Warm-up: first calls pay for JIT compilation and lazy initialization.
  for (const q of task.questions) await engine.ask(q);

  const perQuestion = new Map<string, { wall: number[]; lexical: number[]; compose: number[] }>(
    task.questions.map((q) => [q, { wall: [], lexical: [], compose: [] }]),
  );
  const wall: number[][] = [];
  const withoutEmbed: number[][] = [];
  const stages = Object.fromEntries(STAGES.map((s) => [s, [] as number[][]])) as Record<Stage, number[][]>;
  const loopStart = performance.now();
  for (let round = 0; round < task.rounds; round++) {
    if (round > 0 && performance.now() - loopStart > (task.budgetMs ?? Number.POSITIVE_INFINITY)) break;
    const roundWall: number[] = [];
    const roundNoEmbed: number[] = [];
    const roundStages = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
    for (let rep = 0; rep < task.reps; rep++) {
      for (const q of task.questions) {
        const a0 = performance.now();
        const answer: Answer = await engine.ask(q);
        const ms = performance.now() - a0;
        roundWall.push(ms);
        roundNoEmbed.push(ms - answer.timings.embedMs);
        for (const s of STAGES) roundStages[s].push(answer.timings[s]);
        const own = perQuestion.get(q);
        own?.wall.push(ms);
        own?.lexical.push(answer.timings.lexicalMs);
        own?.compose.push(answer.timings.composeMs);
      }
    }
    wall.push(roundWall);
    withoutEmbed.push(roundNoEmbed);
    for (const s of STAGES) stages[s].push(roundStages[s]);
  }
  const afterQueries = memorySample();
  const quality = task.evalQuestions ? summarize(await scoreEngine(engine, task.evalQuestions)) : null;

  const reindexMs: number[] = [];
  for (let i = 0; i < task.reindexRuns; i++) {
    const r0 = performance.now();
    await engine.reindex();
    reindexMs.push(performance.now() - r0);
  }
  const swap = task.swap ? await measureSwap(engine, task.engine.indexDir) : undefined;
  const status = engine.status();
  await engine.close();
  return {
    mode: status.mode,
    modelError: status.modelError ?? null,
    chunks: status.chunks,
    loadMs,
    ask: latencyOverRounds(wall),
    askWithoutEmbed: latencyOverRounds(withoutEmbed),
    stages: Object.fromEntries(STAGES.map((s) => [s, latencyOverRounds(stages[s])])) as Record<
      Stage,
      Latency
    >,
    reindexMs,
    reindexMedianMs: reindexMs.length ? median(reindexMs) : null,
    ...(swap ? { swap } : {}),
    memory: { afterLoad, afterQueries, afterReindex: task.reindexRuns > 0 ? memorySample() : null },
    quality,
    slowest: [...perQuestion]
      .map(([question, t]) => ({
        question,
        p50: median(t.wall),
        lexicalP50: median(t.lexical),
        composeP50: median(t.compose),
      }))
      .sort((a, b) => b.p50 - a.p50)
      .slice(0, 5),
  };
}
