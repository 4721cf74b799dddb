/**
 * Reliability measurements that are too slow or too machine-dependent for timed tests.
 *
 *   npm run reliability                            event-loop delay during a re-index: in-process vs worker
 *   npm run reliability -- --chunks 20000          ... with a bigger synthetic corpus (default 10000 chunks)
 *   npm run reliability -- --load 5000             /ask interactions through the fake Discord against the real bot
 *   npm run reliability -- --burst 200             200 users ask at once: sent, answered, refused, p95 (default limits)
 *       [--concurrency 32]                         ... in flight at once (default 32)
 *   npm run reliability -- --out report.json       also save the figures as JSON
 *
 * The re-index run is hybrid with the generated test model (no download needed); the load run is lexical.
 * Both work in a temp folder they remove afterwards. With --load, only the load run is done.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultEmbeddingOptions, type EngineOptions, loadEngine } from "../retrieval/index.ts";
import { FakeDiscord } from "../tools/fake-discord/index.ts";
import { writeTestModel } from "../tools/test-model/index.ts";
import { measureReindex, type ReindexLoopReport } from "./lib/reliability/event-loop.ts";
import {
  type BurstFigures,
  formatBurst,
  formatLoadReport,
  type LoadReport,
  loadUsers,
  runLoad,
  startBotAgainst,
  summarizeBurst,
} from "./lib/reliability/load.ts";
import { writeSyntheticCorpus } from "./lib/reliability/synthetic-corpus.ts";

const QUESTION = "Wie viel hat OpenAI für Azure-Services zugesagt?";
const ARTICLE = path.resolve(import.meta.dirname, "../corpus/nvidia-openai-deal.de.txt");

const { values } = parseArgs({
  options: {
    chunks: { type: "string", default: "10000" },
    load: { type: "string" },
    burst: { type: "string" },
    concurrency: { type: "string", default: "32" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  process.stdout.write(
    "Usage: npm run reliability -- [--chunks N | --load N [--concurrency C] | --burst USERS] [--out FILE]\n",
  );
  process.exit(0);
}

async function reindexDelay(chunks: number): Promise<ReindexLoopReport[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-reliability-"));
  try {
    const corpusDir = path.join(dir, "corpus");
    await writeSyntheticCorpus(corpusDir, chunks, ARTICLE);
    const modelsDir = path.join(dir, "models");
    const { modelId } = await writeTestModel(modelsDir);
    const base: EngineOptions = {
      corpusDir,
      indexDir: path.join(dir, "index"),
      embedding: {
        ...defaultEmbeddingOptions,
        model: modelId,
        modelsDir,
        queryPrefix: "",
        passagePrefix: "",
      },
    };
    process.stderr.write(`building the initial index of ~${chunks} chunks (hybrid, test model)...\n`);
    const reports: ReindexLoopReport[] = [];
    for (const inWorker of [false, true]) {
      const engine = await loadEngine({ ...base, reindexInWorker: inWorker });
      if (engine.status().mode !== "hybrid")
        throw new Error(`expected hybrid mode: ${engine.status().modelError}`);
      const label = inWorker ? "worker process" : "in-process";
      process.stderr.write(`re-indexing ${label}...\n`);
      reports.push(await measureReindex(engine, label, { question: QUESTION, askEveryMs: 100 }));
      await engine.close();
    }
    return reports;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function loadRun(total: number, concurrency: number): Promise<LoadReport> {
  const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-load-"));
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
  const engine = await loadEngine({
    corpusDir: path.dirname(ARTICLE),
    indexDir: path.join(dir, "index"),
    embedding: { ...defaultEmbeddingOptions, enabled: false },
  });
  const bot = await startBotAgainst(fake, engine, {
    USER_COOLDOWN_MS: "60000",
    MAX_QUEUED_ASKS: String(total),
  });
  try {
    const questions = [
      QUESTION,
      "Wie viel Prozent von OpenAI besitzt Microsoft?",
      "What valuation might OpenAI reach?",
    ];
    process.stderr.write(`sending ${total} /ask interactions, ${concurrency} at a time...\n`);
    return await runLoad(fake, {
      total,
      concurrency,
      questions,
      users: loadUsers(total),
      warmup: Math.min(200, total),
    });
  } finally {
    await bot.stop();
    await engine.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * USERS different users send one /ask each, all at once, against the bot with its default limits (and, for
 * comparison, with extra environment such as the old queue bound).
 */
async function burstRun(users: number, env: Record<string, string>): Promise<BurstFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-burst-"));
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
  const engine = await loadEngine({
    corpusDir: path.dirname(ARTICLE),
    indexDir: path.join(dir, "index"),
    embedding: { ...defaultEmbeddingOptions, enabled: false },
  });
  const bot = await startBotAgainst(fake, engine, env);
  try {
    const questions = [
      QUESTION,
      "Wie viel Prozent von OpenAI besitzt Microsoft?",
      "What valuation might OpenAI reach?",
    ];
    const report = await runLoad(fake, {
      total: users,
      concurrency: users,
      questions,
      users: loadUsers(users),
      warmup: users,
    });
    return summarizeBurst(report);
  } finally {
    await bot.stop();
    await engine.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function wholeNumber(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return n;
}

let results: {
  reindex?: ReindexLoopReport[];
  load?: LoadReport;
  burst?: { defaults: BurstFigures; oldQueueBound: BurstFigures };
};
if (values.burst !== undefined) {
  const users = wholeNumber("burst", values.burst, 1);
  const defaults = await burstRun(users, {});
  process.stdout.write(`burst of ${users}, default limits:        ${formatBurst(defaults)}\n`);
  const oldQueueBound = await burstRun(users, { MAX_QUEUED_ASKS: "100" });
  process.stdout.write(`burst of ${users}, MAX_QUEUED_ASKS=100 (old): ${formatBurst(oldQueueBound)}\n`);
  results = { burst: { defaults, oldQueueBound } };
} else if (values.load !== undefined) {
  const load = await loadRun(
    wholeNumber("load", values.load, 1),
    wholeNumber("concurrency", values.concurrency, 1),
  );
  process.stdout.write(`${formatLoadReport(load)}\n`);
  results = { load };
} else {
  const reindex = await reindexDelay(wholeNumber("chunks", values.chunks, 10));
  for (const r of reindex) {
    process.stdout.write(
      `${r.label.padEnd(14)} ${r.chunks} chunks in ${r.reindexMs} ms | event-loop delay p50 ${r.delayP50Ms} ms, ` +
        `p99 ${r.delayP99Ms} ms, max ${r.delayMaxMs} ms | ${r.asks} asks meanwhile: p95 ${r.askP95Ms} ms, max ${r.askMaxMs} ms\n`,
    );
  }
  results = { reindex };
}
if (values.out) await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
