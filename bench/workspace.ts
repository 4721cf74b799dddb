/** The benchmark's scratch space: generated test models, index folders, synthetic corpora, questions. */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { EvalQuestion } from "../cli/evaluation.ts";
import { defaultEmbeddingOptions, type EmbeddingOptions } from "../retrieval/options.ts";
import { TEST_MODEL_ID, writeTestModel } from "../tools/test-model/index.ts";
import type { EngineSetup } from "./tasks.ts";

export interface ModelRef {
  id: string;
  modelsDir: string;
  quantized: boolean;
  /** Known up front for generated models; a real model's size is learned when it loads. */
  dims: number | null;
  /** The generated bag-of-words test model, not a real sentence encoder. */
  generated: boolean;
}

export interface Workspace {
  root: string;
  corpusDir: string;
  questionsFile: string;
  questions: EvalQuestion[];
  /** The model of the hybrid measurements: the test model unless EMBEDDING_MODEL names a real one. */
  model: ModelRef;
  /** A test model with the dimensions of the default model (384), for the scale curve's engine queries. */
  scaleModel: ModelRef;
}

const QUESTION_FILES = ["../shared/eval/dev-questions.json", "test/fixtures/dev-questions.json"];

export async function prepareWorkspace(
  root: string,
  corpusDir: string,
  env: NodeJS.ProcessEnv = process.env,
  questionsFile?: string,
): Promise<Workspace> {
  await mkdir(root, { recursive: true });
  const file = [questionsFile, ...QUESTION_FILES].find((f): f is string => !!f && existsSync(f));
  if (!file) throw new Error(`no dev question file found (looked for ${QUESTION_FILES.join(", ")})`);
  const questions = (JSON.parse(await readFile(file, "utf8")) as { questions: EvalQuestion[] }).questions;

  const test64 = await writeTestModel(path.join(root, "models"));
  const test384 = await writeTestModel(path.join(root, "models-384"), { dims: 384 });
  const testModel: ModelRef = {
    id: TEST_MODEL_ID,
    modelsDir: path.join(root, "models"),
    quantized: true,
    dims: test64.dims,
    generated: true,
  };
  const scaleTest: ModelRef = { ...testModel, modelsDir: path.join(root, "models-384"), dims: test384.dims };
  const real = realModelFromEnv(env);
  return {
    root,
    corpusDir: path.resolve(corpusDir),
    questionsFile: file,
    questions,
    model: real ?? testModel,
    scaleModel: real ?? scaleTest,
  };
}

/** `EMBEDDING_MODEL=… npm run bench` measures that model (from MODELS_DIR) instead of the generated one. */
function realModelFromEnv(env: NodeJS.ProcessEnv): ModelRef | null {
  const id = env.EMBEDDING_MODEL?.trim();
  if (!id || id === TEST_MODEL_ID) return null;
  return {
    id,
    modelsDir: path.resolve(env.MODELS_DIR?.trim() || defaultEmbeddingOptions.modelsDir),
    quantized: !["false", "0", "no", "off"].includes((env.EMBEDDING_QUANTIZED ?? "").trim().toLowerCase()),
    dims: null,
    generated: false,
  };
}

export function embeddingOptions(model: ModelRef | null): EmbeddingOptions {
  if (!model) return { ...defaultEmbeddingOptions, enabled: false };
  return {
    ...defaultEmbeddingOptions,
    enabled: true,
    model: model.id,
    modelsDir: model.modelsDir,
    quantized: model.quantized,
    allowRemote: false,
    loadTimeoutMs: 120_000,
  };
}

export function engineSetup(corpusDir: string, indexDir: string, model: ModelRef | null): EngineSetup {
  return { corpusDir, indexDir, embedding: embeddingOptions(model) };
}
