/**
 * `npm run model:test [-- --out <dir>] [-- --dims <n>]`: writes the tiny generated test model to
 * `<MODELS_DIR>/fundstelle-test-model`, so `EMBEDDING_MODEL=fundstelle-test-model npm start` runs hybrid
 * retrieval offline (its vectors are a bag of words: fine for plumbing, not for answer quality).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/index.ts";
import { writeTestModel } from "../tools/test-model/index.ts";

const { values } = parseArgs({ options: { out: { type: "string" }, dims: { type: "string" } } });

let modelsDir = values.out ? path.resolve(values.out) : undefined;
if (!modelsDir) {
  try {
    modelsDir = loadConfig().engine.embedding.modelsDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
const dims = values.dims === undefined ? undefined : Number(values.dims);
const started = performance.now();
const model = await writeTestModel(modelsDir, { dims });
process.stdout.write(
  `Test model (${model.dims} dims) written to ${model.modelDir} in ${Math.round(performance.now() - started)} ms.\n` +
    `Use it with EMBEDDING_MODEL=${model.modelId} MODELS_DIR=${modelsDir}\n`,
);
