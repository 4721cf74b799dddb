/**
 * Wraps an Engine to observe ask(): how many run at once, and optionally make each one slower or fail,
 * to stand in for a slow (hybrid, big corpus) or broken engine in bot tests.
 */
import type { Engine } from "../../retrieval/index.ts";

export interface AskObservation {
  calls: number;
  active: number;
  maxActive: number;
}

export interface AskBehaviour {
  /** Extra time each ask takes (an await, so other work runs meanwhile). */
  delayMs?: number;
  /** Throw this instead of answering. */
  fail?: Error;
}

export function observedEngine(
  real: Engine,
  behaviour: AskBehaviour = {},
): { engine: Engine; seen: AskObservation; behaviour: AskBehaviour } {
  const seen: AskObservation = { calls: 0, active: 0, maxActive: 0 };
  const engine: Engine = {
    ask: async (question, options) => {
      seen.calls++;
      seen.active++;
      seen.maxActive = Math.max(seen.maxActive, seen.active);
      try {
        if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (behaviour.fail) throw behaviour.fail;
        return await real.ask(question, options);
      } finally {
        seen.active--;
      }
    },
    figures: (filter) => real.figures(filter),
    figureTopics: () => real.figureTopics(),
    documents: () => real.documents(),
    passage: (id) => real.passage(id),
    status: () => real.status(),
    reindex: (onProgress) => real.reindex(onProgress),
    refreshFromDisk: () => real.refreshFromDisk(),
    close: () => real.close(),
  };
  return { engine, seen, behaviour };
}
