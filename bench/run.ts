/** Runs the benchmark sections in order, each measurement in its own child process, and collects the results. */
import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultVectorIndexOptions } from "../retrieval/vector/vector-index.ts";
import { measureColdStart } from "./cold-start.ts";
import { type CommandTiming, timeCommand, timeCommands } from "./commands.ts";
import type { Baseline } from "./issue11.ts";
import { machineInfo } from "./machine.ts";
import type { Plan } from "./plan.ts";
import type { BenchResults, ScalePoint, SwapPoint } from "./results.ts";
import { runChild } from "./spawn.ts";
import { generateCorpus, learnArticle, syntheticQuestions, writeCorpus } from "./synthetic-corpus.ts";
import type { EmbedResult } from "./task-embed.ts";
import type { LexicalPeersResult } from "./task-lexical-peers.ts";
import type { QueryResult } from "./task-queries.ts";
import type { ScaleBuildResult } from "./task-scale.ts";
import type { CrossoverRow, GridRow } from "./task-vectors.ts";
import { engineSetup, prepareWorkspace, type Workspace } from "./workspace.ts";

export interface RunOptions {
  plan: Plan;
  corpusDir: string;
  workDir: string;
  keepWork: boolean;
  questionsFile?: string;
  /** Sections to run (default: all). */
  only: Set<Section> | null;
  command: string;
  log: (line: string) => void;
  baseline: Baseline | null;
}

export const SECTIONS = [
  "cold",
  "cli",
  "article",
  "peers",
  "embed",
  "crossover",
  "swap",
  "scale",
  "grid",
] as const;
export type Section = (typeof SECTIONS)[number];

export async function runBench(options: RunOptions): Promise<BenchResults> {
  const started = performance.now();
  const { plan, log } = options;
  const wants = (s: Section) => !options.only || options.only.has(s);
  await rm(options.workDir, { recursive: true, force: true });
  const ws = await prepareWorkspace(options.workDir, options.corpusDir, process.env, options.questionsFile);
  log(`Workspace ${ws.root}; questions ${ws.questionsFile} (${ws.questions.length}); model ${ws.model.id}`);
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      command: options.command,
      plan,
      machine: machineInfo(),
      durationMs: 0,
      loadAverageAtEnd: 0,
      model: ws.model,
      scaleModel: ws.scaleModel,
      questionsFile: ws.questionsFile,
      questions: ws.questions.length,
      vectorDefaults: { ...defaultVectorIndexOptions },
    },
    baseline: options.baseline,
    coldStart: null,
    commands: null,
    swap: [],
    article: null,
    articlePeers: null,
    embedding: [],
    crossover: [],
    scale: [],
    grid: null,
  };
  try {
    if (wants("cold")) {
      log("Cold start (fresh processes) …");
      results.coldStart = await measureColdStart(ws, plan.coldRuns, log);
    }
    if (wants("cli")) {
      log("Commands as typed (npm run ask, npm start) against node -e 0 …");
      results.commands = await commandTimings(ws, plan, log);
    }
    if (wants("article")) {
      log("Article-scale queries, re-index and memory …");
      results.article = await articleQueries(ws, plan);
    }
    if (wants("peers")) {
      log("Lexical peers at article scale …");
      results.articlePeers = await lexicalPeers(ws, plan, ws.corpusDir);
    }
    if (wants("embed")) {
      log("Embedding throughput …");
      results.embedding = await embedding(ws, plan);
    }
    if (wants("crossover")) {
      log("Exact vs HNSW crossover …");
      results.crossover = await crossover(plan);
    }
    if (wants("swap")) {
      for (const n of plan.swapSizes) {
        log(`npm run index and an index swap at ${n} chunks …`);
        results.swap.push(await swapPoint(ws, plan, n, log));
      }
    }
    if (wants("scale")) {
      for (const n of plan.scaleSizes) {
        log(`Scale point ${n} chunks …`);
        results.scale.push(await scalePoint(ws, plan, n, results.embedding, log));
      }
    }
    if (wants("grid") && plan.grid.length > 0) {
      log(`HNSW parameter grid at ${plan.gridN} vectors …`);
      results.grid = (
        await runChild<{ n: number; rows: GridRow[] }>({
          kind: "hnsw-grid",
          n: plan.gridN,
          dims: plan.vectorDims,
          seed: plan.seed,
          workDir: path.join(ws.root, "grid"),
          grid: plan.grid,
          efs: plan.efSweep,
          queries: plan.scaleQueries,
        })
      ).result;
    }
  } finally {
    if (!options.keepWork) await rm(options.workDir, { recursive: true, force: true });
  }
  results.meta.durationMs = performance.now() - started;
  results.meta.loadAverageAtEnd = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  return results;
}

async function articleQueries(
  ws: Workspace,
  plan: Plan,
): Promise<{ lexical: QueryResult; hybrid: QueryResult }> {
  const questions = ws.questions.map((q) => q.q);
  const run = async (mode: "lexical" | "hybrid") =>
    (
      await runChild<QueryResult>({
        kind: "queries",
        engine: engineSetup(
          ws.corpusDir,
          path.join(ws.root, `article-index-${mode}`),
          mode === "hybrid" ? ws.model : null,
        ),
        questions,
        rounds: plan.queryRounds,
        reps: plan.queryReps,
        reindexRuns: plan.reindexRuns,
        evalQuestions: ws.questions,
      })
    ).result;
  return { lexical: await run("lexical"), hybrid: await run("hybrid") };
}

async function lexicalPeers(
  ws: Workspace,
  plan: Plan,
  corpusDir: string,
  limit?: number,
  questions?: string[],
  snapshotDir?: string,
) {
  const isArticle = limit === undefined;
  const run = await runChild<LexicalPeersResult>({
    kind: "lexical-peers",
    corpusDir,
    snapshotDir,
    limit,
    questions: questions ?? ws.questions.map((q) => q.q),
    rounds: isArticle ? plan.peerRounds : plan.scaleQueryRounds,
    reps: isArticle ? plan.peerReps : plan.scaleQueryReps,
    builds: isArticle ? plan.peerBuilds : Math.min(plan.peerBuilds, limit >= 50_000 ? 1 : 3),
    evalQuestions: isArticle ? ws.questions : undefined,
    budgetMs: isArticle ? undefined : plan.scaleBudgetMs,
  });
  return run.result;
}

async function embedding(ws: Workspace, plan: Plan): Promise<EmbedResult[]> {
  const models = [ws.model];
  if (plan.embedWide && ws.scaleModel.modelsDir !== ws.model.modelsDir) models.push(ws.scaleModel);
  const out: EmbedResult[] = [];
  for (const model of models) {
    const run = await runChild<EmbedResult>({
      kind: "embed",
      corpusDir: ws.corpusDir,
      modelsDir: model.modelsDir,
      modelId: model.id,
      texts: plan.embedTexts,
      batchSizes: plan.embedBatchSizes,
      rounds: plan.embedRounds,
    });
    out.push(run.result);
  }
  return out;
}

async function crossover(plan: Plan): Promise<CrossoverRow[]> {
  const run = await runChild<{ rows: CrossoverRow[] }>({
    kind: "crossover",
    sizes: plan.crossoverSizes,
    dims: plan.vectorDims,
    seed: plan.seed,
    queries: plan.crossoverQueries,
    rounds: plan.scaleRounds,
    k: 20,
    vector: {
      M: defaultVectorIndexOptions.M,
      efConstruction: defaultVectorIndexOptions.efConstruction,
      efSearch: defaultVectorIndexOptions.efSearch,
    },
  });
  return run.result.rows;
}

async function articleText(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((f) => /\.(txt|md)$/i.test(f)).sort();
  return (await Promise.all(names.map((n) => readFile(path.join(dir, n), "utf8")))).join("\n\n");
}

/** The project root: where `npm run …` finds package.json (bench/ → ..). */
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The environment of the commands a user types: no Discord token (console chat), this corpus and index. */
function userEnv(corpusDir: string, indexDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DISCORD_TOKEN: "", CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: "warn" };
}

async function commandTimings(
  ws: Workspace,
  plan: Plan,
  log: (line: string) => void,
): Promise<CommandTiming[]> {
  const question = ws.questions.find((q) => !q.oos)?.q ?? "Wie viel?";
  const env = userEnv(ws.corpusDir, path.join(ws.root, "cli-index"));
  const ask = ["--json", question];
  const tsx = fileURLToPath(import.meta.resolve("tsx/cli"));
  const banner = /^Fundstelle — /;
  return timeCommands(
    [
      { label: "npm run ask -- --json …", argv: ["npm", "run", "-s", "ask", "--", ...ask] },
      { label: "node dist/ask.js --json …", argv: [process.execPath, "dist/ask.js", ...ask] },
      { label: "npm start → ready", argv: ["npm", "start", "-s"], readyLine: banner },
      {
        label: "before: npm run ask:dev -- --json … (tsx)",
        argv: ["npm", "run", "-s", "ask:dev", "--", ...ask],
      },
      {
        label: "before: tsx scripts/ask.ts --json …",
        argv: [process.execPath, tsx, "scripts/ask.ts", ...ask],
      },
      {
        label: "before: npm run start:dev → ready (tsx)",
        argv: ["npm", "run", "-s", "start:dev"],
        readyLine: banner,
      },
    ],
    plan.coldRuns,
    env,
    ROOT,
    log,
  );
}

/** `npm run index` on a fresh folder (once: it is the slow part), then a lexical engine on it with a swap. */
async function swapPoint(
  ws: Workspace,
  plan: Plan,
  n: number,
  log: (line: string) => void,
): Promise<SwapPoint> {
  const corpusDir = path.join(ws.root, `swap-corpus-${n}`);
  const indexDir = path.join(ws.root, `swap-index-${n}`);
  const article = learnArticle(await articleText(ws.corpusDir));
  await writeCorpus(corpusDir, generateCorpus(article, { targetChunks: n, seed: plan.seed + n }));
  const indexMs = await timeCommand(
    { label: "npm run index", argv: ["npm", "run", "-s", "index"] },
    userEnv(corpusDir, indexDir),
    ROOT,
  );
  log(`  npm run index: ${Math.round(indexMs)} ms`);
  const engine = (
    await runChild<QueryResult>({
      kind: "queries",
      engine: engineSetup(corpusDir, indexDir, null),
      questions: ws.questions.map((q) => q.q),
      rounds: plan.scaleQueryRounds,
      reps: plan.scaleQueryReps,
      reindexRuns: 0,
      budgetMs: plan.scaleBudgetMs,
      swap: true,
    })
  ).result;
  log(
    `  swap: ${engine.swap?.after.delayMaxMs} ms max event-loop delay (BM25 on the thread: ${engine.swap?.before.delayMaxMs} ms)`,
  );
  await rm(corpusDir, { recursive: true, force: true });
  await rm(indexDir, { recursive: true, force: true });
  return { n, indexMs, engine };
}

async function scalePoint(
  ws: Workspace,
  plan: Plan,
  n: number,
  embeddings: EmbedResult[],
  log: (line: string) => void,
): Promise<ScalePoint> {
  // A real model's width is known once it has loaded (the embedding section); the test model's up front.
  const dims =
    ws.scaleModel.dims ?? embeddings.find((e) => e.modelId === ws.scaleModel.id)?.dims ?? plan.vectorDims;
  const build = (
    await runChild<ScaleBuildResult>({
      kind: "scale-build",
      n,
      dims,
      seed: plan.seed,
      articleDir: ws.corpusDir,
      workDir: path.join(ws.root, "scale"),
      model: { id: ws.scaleModel.id, quantized: ws.scaleModel.quantized },
      queries: plan.scaleQueries,
      rounds: plan.scaleRounds,
      efSweep: plan.efSweep,
    })
  ).result;
  const figures = build.figures
    ? `, figures ${build.figures.cpuMs} ms CPU (${build.figures.cpuMsPerChunk} ms/chunk)`
    : "";
  log(
    `  corpus, figures, vectors and snapshot built (${Math.round(build.vectors.hnsw.buildMs)} ms HNSW build${figures})`,
  );
  const article = learnArticle(await articleText(ws.corpusDir));
  const questions = [
    ...ws.questions.map((q) => q.q),
    ...syntheticQuestions(article, plan.scaleQuestions, plan.seed + n),
  ];
  // Orama needs over a second per query at 100k chunks: there the peers get the dev questions only.
  const peerQuestions = n >= 50_000 ? ws.questions.map((q) => q.q) : questions;
  const peers = await lexicalPeers(ws, plan, build.corpusDir, n, peerQuestions, build.snapshotDir);
  const engine = async (mode: "hybrid" | "lexical") =>
    (
      await runChild<QueryResult>({
        kind: "queries",
        engine: engineSetup(build.corpusDir, build.indexDir, mode === "hybrid" ? ws.scaleModel : null),
        questions,
        rounds: plan.scaleQueryRounds,
        reps: plan.scaleQueryReps,
        reindexRuns: 0,
        budgetMs: plan.scaleBudgetMs,
        // After queries and memory are measured: the swap doubles the memory for a moment.
        swap: true,
      })
    ).result;
  log("  lexical peers measured");
  const hybrid = await engine("hybrid");
  log(`  hybrid engine measured (load ${Math.round(hybrid.loadMs)} ms)`);
  const lexical = await engine("lexical");
  await rm(build.corpusDir, { recursive: true, force: true });
  await rm(build.indexDir, { recursive: true, force: true });
  return { n, build, peers, hybrid, lexical };
}
