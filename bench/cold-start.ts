/**
 * Cold start as a user meets it: a fresh process from spawn to "engine ready" and to the first answer, with a
 * saved index and without one, lexical-only and hybrid. Runs are interleaved and medians reported; a first
 * round is thrown away (it warms the OS file cache for node_modules, as any second start would find it).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import type { MemorySample } from "./protocol.ts";
import { type Launcher, runChild, wallAt } from "./spawn.ts";
import { median } from "./stats.ts";
import { engineSetup, type ModelRef, type Workspace } from "./workspace.ts";

export interface ColdRow {
  mode: "lexical" | "hybrid";
  savedIndex: boolean;
  launcher: Launcher;
  runs: number;
  /** Median wall ms from spawn to the retrieval modules being loaded. */
  importedMs: number;
  /** Median wall ms from spawn to engine ready. */
  readyMs: number;
  /** Median wall ms from spawn to the first answer. */
  firstAnswerMs: number;
  /** Median ms of the first `ask` inside the process. */
  firstAskMs: number;
  /** Mode the engine actually ran in (hybrid falls back to lexical when the model fails). */
  actualMode: string;
  memory: MemorySample | null;
}

export interface ColdStartResult {
  /** spawn → exit of a child that does nothing: the runtime's own floor, by launcher. */
  floorMs: Record<Launcher, number>;
  rows: ColdRow[];
}

interface ColdChildResult {
  mode: string;
  timings: { totalMs: number };
  memory: MemorySample;
}

type Scenario = { mode: "lexical" | "hybrid"; savedIndex: boolean; launcher: Launcher };

export async function measureColdStart(
  ws: Workspace,
  runs: number,
  log: (line: string) => void,
): Promise<ColdStartResult> {
  const floorMs = { node: [] as number[], tsx: [] as number[] };
  for (let i = 0; i <= runs; i++) {
    for (const launcher of ["node", "tsx"] as const) {
      const run = await runChild({ kind: "noop" }, { launcher });
      if (i > 0) floorMs[launcher].push(run.exitMs);
    }
  }
  const scenarios: Scenario[] = [
    { mode: "lexical", savedIndex: false, launcher: "tsx" },
    { mode: "lexical", savedIndex: true, launcher: "tsx" },
    { mode: "lexical", savedIndex: true, launcher: "node" },
    { mode: "hybrid", savedIndex: false, launcher: "tsx" },
    { mode: "hybrid", savedIndex: true, launcher: "tsx" },
  ];
  const question = ws.questions.find((q) => !q.oos)?.q ?? "Wie viel?";
  const samples = new Map<
    Scenario,
    Array<{ imported: number; ready: number; answered: number; result: ColdChildResult }>
  >(scenarios.map((s) => [s, []]));
  for (let i = 0; i <= runs; i++) {
    for (const scenario of scenarios) {
      const indexDir = path.join(ws.root, `cold-index-${scenario.mode}`);
      if (!scenario.savedIndex) await rm(indexDir, { recursive: true, force: true });
      const model: ModelRef | null = scenario.mode === "hybrid" ? ws.model : null;
      const run = await runChild<ColdChildResult>(
        { kind: "cold", engine: engineSetup(ws.corpusDir, indexDir, model), question },
        { launcher: scenario.launcher },
      );
      if (i === 0) continue;
      samples.get(scenario)?.push({
        imported: wallAt(run, "imported"),
        ready: wallAt(run, "ready"),
        answered: wallAt(run, "answered"),
        result: run.result,
      });
    }
    log(`  cold start round ${i}/${runs}${i === 0 ? " (warm-up, discarded)" : ""}`);
  }
  const rows: ColdRow[] = scenarios.map((scenario) => {
    const list = samples.get(scenario) ?? [];
    return {
      ...scenario,
      runs: list.length,
      importedMs: median(list.map((s) => s.imported)),
      readyMs: median(list.map((s) => s.ready)),
      firstAnswerMs: median(list.map((s) => s.answered)),
      firstAskMs: median(list.map((s) => s.result.timings.totalMs)),
      actualMode: list[0]?.result.mode ?? "unknown",
      memory: list.at(-1)?.result.memory ?? null,
    };
  });
  return { floorMs: { node: median(floorMs.node), tsx: median(floorMs.tsx) }, rows };
}
