import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalQuestion, runBaselines, scoreEngine, summarize } from "../../cli/evaluation.ts";
import { readCorpus } from "../../retrieval/corpus/ingest.ts";
import { projectRoot, type TempEngine, tempEngine } from "../support/temp-engine.ts";

/** Quality floor on the development questions in lexical mode (no model), as the core issue demands. */
describe("dev-set quality (lexical mode)", () => {
  let ctx: TempEngine;
  let questions: EvalQuestion[];
  beforeAll(async () => {
    ctx = await tempEngine();
    questions = JSON.parse(
      await readFile(path.join(projectRoot, "test/fixtures/dev-questions.json"), "utf8"),
    ).questions;
  });
  afterAll(() => ctx.dispose());

  it("finds German gold passages in the top 3 and abstains on every out-of-scope question", async () => {
    const summary = summarize(await scoreEngine(ctx.engine, questions));
    expect(summary.de?.hit3).toBeGreaterThanOrEqual(0.9);
    expect(summary.all?.oosAbstained).toBe(1);
    expect(summary.all?.answerAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("scores the baselines over the same chunks", async () => {
    const corpus = await readCorpus(ctx.corpusDir);
    const baselines = await runBaselines(corpus.chunks, questions);
    expect(baselines.minisearch).toHaveLength(questions.length);
    expect(baselines.orama).toHaveLength(questions.length);
  });
});
