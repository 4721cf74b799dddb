/**
 * Child process for the crash-safety test: loads an engine, then re-indexes in a loop until it is killed.
 * Prints on stdout: `ready` once loaded, `write` when a re-index starts writing its snapshot, and
 * `wrote <version>` after every completed re-index.
 *
 * env: CORPUS_DIR, INDEX_DIR; CHILD_IN_WORKER=1 re-indexes in the worker thread (the production path);
 * CHILD_MODELS_DIR + CHILD_MODEL embed with that model (hybrid). The loop and the lifetime are bounded so an
 * orphaned child ends on its own.
 */
import { defaultEmbeddingOptions, loadEngine } from "../../retrieval/index.ts";

const MAX_CYCLES = 1_000;
const MAX_LIFETIME_MS = 60_000;

setTimeout(() => process.exit(4), MAX_LIFETIME_MS).unref();

const env = process.env;
const engine = await loadEngine({
  corpusDir: env.CORPUS_DIR ?? "corpus",
  indexDir: env.INDEX_DIR ?? "data",
  embedding: {
    ...defaultEmbeddingOptions,
    enabled: Boolean(env.CHILD_MODEL),
    model: env.CHILD_MODEL ?? defaultEmbeddingOptions.model,
    modelsDir: env.CHILD_MODELS_DIR ?? "models",
    queryPrefix: "",
    passagePrefix: "",
  },
  reindexInWorker: env.CHILD_IN_WORKER === "1",
});
process.stdout.write("ready\n");
for (let cycle = 0; cycle < MAX_CYCLES; cycle++) {
  const report = await engine.reindex((p) => {
    if (p.phase === "write") process.stdout.write("write\n");
  });
  process.stdout.write(`wrote ${report.indexVersion}\n`);
}
await engine.close();
