/** The shape of docs/bench-results.json. */
import type { ColdStartResult } from "./cold-start.ts";
import type { CommandTiming } from "./commands.ts";
import type { Baseline } from "./issue11.ts";
import type { MachineInfo } from "./machine.ts";
import type { Plan } from "./plan.ts";
import type { EmbedResult } from "./task-embed.ts";
import type { LexicalPeersResult } from "./task-lexical-peers.ts";
import type { QueryResult } from "./task-queries.ts";
import type { ScaleBuildResult } from "./task-scale.ts";
import type { CrossoverRow, GridRow } from "./task-vectors.ts";
import type { ModelRef } from "./workspace.ts";

export interface ScalePoint {
  n: number;
  build: ScaleBuildResult;
  peers: LexicalPeersResult;
  /** Engine loaded from the saved snapshot in a fresh process: hybrid (query model) and lexical-only. */
  hybrid: QueryResult;
  lexical: QueryResult;
}

/** `npm run index` on a fresh folder, then a lexical engine on that index: load, queries, a swap. */
export interface SwapPoint {
  n: number;
  indexMs: number;
  engine: QueryResult;
}

export interface BenchResults {
  meta: {
    date: string;
    command: string;
    plan: Plan;
    machine: MachineInfo;
    durationMs: number;
    loadAverageAtEnd: number;
    model: ModelRef;
    scaleModel: ModelRef;
    questionsFile: string;
    questions: number;
    vectorDefaults: { M: number; efConstruction: number; efSearch: number; exactBelow: number };
  };
  coldStart: ColdStartResult | null;
  /** The numbers before issue 11 (docs/bench-baseline.json), for the before/after table. */
  baseline: Baseline | null;
  /** The commands a user types, timed from outside (issue 11). */
  commands: CommandTiming[] | null;
  swap: SwapPoint[];
  article: { lexical: QueryResult; hybrid: QueryResult } | null;
  articlePeers: LexicalPeersResult | null;
  embedding: EmbedResult[];
  crossover: CrossoverRow[];
  scale: ScalePoint[];
  grid: { n: number; rows: GridRow[] } | null;
}
