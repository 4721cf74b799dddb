import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../retrieval/corpus/ingest.ts";
import { defaultEmbeddingOptions, type Engine, loadEngine } from "../../retrieval/index.ts";
import { type EvalQuestion, runBaselines, scoreEngine, summarize } from "../../scripts/lib/evaluation.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** Quality floor on the development questions in lexical mode (no model), as the core issue demands. */
describe("dev-set quality (lexical mode)", () => {
  let engine: Engine;
  let dir: string;
  let questions: EvalQuestion[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-eval-"));
    await cp(path.join(root, "corpus"), path.join(dir, "corpus"), { recursive: true });
    engine = await loadEngine({
      corpusDir: path.join(dir, "corpus"),
      indexDir: path.join(dir, "data"),
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    questions = JSON.parse(
      await readFile(path.join(root, "test/fixtures/dev-questions.json"), "utf8"),
    ).questions;
  });
  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("finds German gold passages in the top 3 and abstains on every out-of-scope question", async () => {
    const summary = summarize(await scoreEngine(engine, questions));
    expect(summary.de?.hit3).toBeGreaterThanOrEqual(0.9);
    expect(summary.all?.oosAbstained).toBe(1);
    expect(summary.all?.answerAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("scores the baselines over the same chunks", async () => {
    const corpus = await readCorpus(path.join(dir, "corpus"));
    const baselines = await runBaselines(corpus.chunks, questions);
    expect(baselines.minisearch).toHaveLength(questions.length);
    expect(baselines.orama).toHaveLength(questions.length);
  });
});
