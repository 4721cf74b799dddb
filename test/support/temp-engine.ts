/** An engine on a private copy of the corpus and a fresh index folder, for tests that may change either. */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  defaultEmbeddingOptions,
  type Engine,
  type EngineOptions,
  loadEngine,
} from "../../retrieval/index.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export interface TempEngine {
  engine: Engine;
  options: EngineOptions;
  dir: string;
  corpusDir: string;
  indexDir: string;
  /** Closes the engine and deletes the folder. */
  dispose(): Promise<void>;
}

/** Lexical mode unless `embedding` says otherwise. */
export async function tempEngine(embedding: Partial<EngineOptions["embedding"]> = {}): Promise<TempEngine> {
  const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-test-"));
  const corpusDir = path.join(dir, "corpus");
  const indexDir = path.join(dir, "data");
  await cp(path.join(projectRoot, "corpus"), corpusDir, { recursive: true });
  const options: EngineOptions = {
    corpusDir,
    indexDir,
    embedding: { ...defaultEmbeddingOptions, enabled: false, ...embedding },
  };
  const engine = await loadEngine(options);
  return {
    engine,
    options,
    dir,
    corpusDir,
    indexDir,
    async dispose() {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
