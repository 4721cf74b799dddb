/**
 * Keeps a running engine on the newest index on disk: one written by another shard's /reindex, by
 * `npm run index`, or by another host sharing the volume. A poll reads one small file (CURRENT); only a
 * new version is loaded, and a damaged one is refused while the live index keeps serving.
 */
import type { Engine } from "../retrieval/index.ts";
import type { BotLogger } from "./log.ts";

/** Starts polling every `intervalMs` (0 = off); returns a function that stops it. */
export function watchIndexOnDisk(engine: Engine, logger: BotLogger, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  let busy = false;
  let lastProblem = "";
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    engine
      .refreshFromDisk()
      .then(
        (changed) => {
          lastProblem = "";
          if (changed)
            logger.info({ indexVersion: engine.status().indexVersion }, "switched to the index on disk");
        },
        (err: unknown) => {
          // Say it once per problem, not once per poll.
          const problem = err instanceof Error ? err.message : String(err);
          if (problem !== lastProblem)
            logger.warn({ err }, "the index on disk was refused; the live one keeps serving");
          lastProblem = problem;
        },
      )
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  // Never the reason the process stays alive.
  timer.unref();
  return () => clearInterval(timer);
}
