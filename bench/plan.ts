/** How much work each benchmark section does: `--quick` for development, the full run for the docs. */

export interface Plan {
  name: "quick" | "full";
  coldRuns: number;
  queryRounds: number;
  queryReps: number;
  reindexRuns: number;
  peerRounds: number;
  peerReps: number;
  peerBuilds: number;
  embedTexts: number;
  embedRounds: number;
  embedBatchSizes: number[];
  /** Also measure the pipeline at the default model's width (384) with a generated model. */
  embedWide: boolean;
  scaleSizes: number[];
  /** `npm run index` and an index swap on a synthetic corpus of this many chunks (issue 11: 28.8k). */
  swapSizes: number[];
  scaleQueries: number;
  scaleRounds: number;
  /** Engine queries at scale: synthetic questions besides the dev set. */
  scaleQuestions: number;
  scaleQueryRounds: number;
  scaleQueryReps: number;
  /** Time budget per measurement loop at scale (more rounds only while within it). */
  scaleBudgetMs: number;
  efSweep: number[];
  crossoverSizes: number[];
  crossoverQueries: number;
  grid: Array<{ M: number; efConstruction: number }>;
  gridN: number;
  vectorDims: number;
  seed: number;
}

const common = {
  embedBatchSizes: [1, 8, 16, 32],
  vectorDims: 384,
  seed: 20260201,
};

export const quickPlan: Plan = {
  ...common,
  name: "quick",
  coldRuns: 1,
  queryRounds: 3,
  queryReps: 5,
  reindexRuns: 2,
  peerRounds: 3,
  peerReps: 5,
  peerBuilds: 1,
  embedTexts: 96,
  embedRounds: 2,
  embedWide: false,
  scaleSizes: [1_000, 10_000],
  swapSizes: [28_800],
  scaleQueries: 100,
  scaleRounds: 2,
  scaleQuestions: 15,
  scaleQueryRounds: 2,
  scaleQueryReps: 1,
  scaleBudgetMs: 4_000,
  efSweep: [20, 64, 100],
  crossoverSizes: [1_000, 4_000],
  crossoverQueries: 100,
  grid: [],
  gridN: 0,
};

export const fullPlan: Plan = {
  ...common,
  name: "full",
  coldRuns: 5,
  queryRounds: 5,
  queryReps: 20,
  reindexRuns: 5,
  peerRounds: 5,
  peerReps: 10,
  peerBuilds: 5,
  embedTexts: 384,
  embedRounds: 3,
  embedWide: true,
  scaleSizes: [1_000, 10_000, 100_000],
  swapSizes: [28_800],
  scaleQueries: 200,
  scaleRounds: 3,
  scaleQuestions: 35,
  scaleQueryRounds: 5,
  scaleQueryReps: 2,
  scaleBudgetMs: 20_000,
  efSweep: [20, 32, 48, 64, 100, 150, 200],
  crossoverSizes: [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000],
  crossoverQueries: 200,
  grid: [
    { M: 8, efConstruction: 100 },
    { M: 16, efConstruction: 100 },
    { M: 16, efConstruction: 200 },
    { M: 32, efConstruction: 200 },
  ],
  gridN: 10_000,
};
