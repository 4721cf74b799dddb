import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultEmbeddingOptions, type EngineOptions, loadEngine } from "../../retrieval/index.ts";
import { writeTestModel } from "../../tools/test-model/index.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** The real transformers.js + hnswlib path, end to end, with the generated tiny model (no mocks). */
describe("engine in hybrid mode with the generated test model", () => {
  let dir: string;
  let options: EngineOptions;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-hybrid-"));
    await cp(path.join(root, "corpus"), path.join(dir, "corpus"), { recursive: true });
    const model = await writeTestModel(path.join(dir, "models"));
    options = {
      corpusDir: path.join(dir, "corpus"),
      indexDir: path.join(dir, "data"),
      embedding: {
        ...defaultEmbeddingOptions,
        model: model.modelId,
        modelsDir: path.join(dir, "models"),
        queryPrefix: "",
        passagePrefix: "",
      },
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("embeds the chunks, answers in hybrid mode and saves the vectors with the model id", async () => {
    const engine = await loadEngine(options);
    const status = engine.status();
    expect(status.mode).toBe("hybrid");
    expect(status.modelId).toBe("fundstelle-test-model");
    const answer = await engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?");
    expect(answer.mode).toBe("hybrid");
    expect(answer.answer).toContain("250");
    expect(answer.timings.embedMs).toBeGreaterThan(0);
    await engine.close();

    // Same corpus and model: the saved snapshot (with its vectors) is reused.
    const again = await loadEngine(options);
    expect(again.status().indexVersion).toBe(status.indexVersion);
    expect(again.status().mode).toBe("hybrid");
    await again.close();
  });

  it("rebuilds when the saved index was made without the model, and falls back to lexical when the model is gone", async () => {
    const lexical = await loadEngine({
      ...options,
      indexDir: path.join(dir, "data2"),
      embedding: { ...options.embedding, enabled: false },
    });
    const lexicalVersion = lexical.status().indexVersion;
    await lexical.close();
    const hybrid = await loadEngine({ ...options, indexDir: path.join(dir, "data2") });
    expect(hybrid.status().mode).toBe("hybrid");
    expect(hybrid.status().indexVersion).not.toBe(lexicalVersion);
    await hybrid.close();

    const missing = await loadEngine({
      ...options,
      embedding: { ...options.embedding, model: "no-such-model" },
    });
    expect(missing.status().mode).toBe("lexical");
    expect(missing.status().modelError).toMatch(/no-such-model/);
    expect((await missing.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).answer).toContain("250");
    await missing.close();
  });
});
