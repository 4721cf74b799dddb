/**
 * The reliability runs behind `npm run reliability` (scripts/reliability.ts parses the options): event-loop
 * delay during a re-index (in-process vs worker process), a load run and a burst of users against the fake
 * Discord. Each works in a temp folder it removes afterwards.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultEmbeddingOptions, type EngineOptions, loadEngine } from "../../retrieval/index.ts";
import { FakeDiscord } from "../../tools/fake-discord/index.ts";
import { writeTestModel } from "../../tools/test-model/index.ts";
import { measureReindex, type ReindexLoopReport } from "./event-loop.ts";
import {
  type BurstFigures,
  type LoadReport,
  loadUsers,
  runLoad,
  startBotAgainst,
  summarizeBurst,
} from "./load.ts";
import { writeSyntheticCorpus } from "./synthetic-corpus.ts";

const QUESTION = "Wie viel hat OpenAI für Azure-Services zugesagt?";
const ARTICLE = path.resolve(import.meta.dirname, "../../corpus/nvidia-openai-deal.de.txt");

export async function reindexDelay(chunks: number): Promise<ReindexLoopReport[]> {
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

export async function loadRun(total: number, concurrency: number): Promise<LoadReport> {
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
export async function burstRun(users: number, env: Record<string, string>): Promise<BurstFigures> {
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
