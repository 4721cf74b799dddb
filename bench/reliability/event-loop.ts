/**
 * Event-loop delay while an engine re-indexes: the figure that says whether a bot on the same thread
 * could still acknowledge interactions within Discord's 3 seconds.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { Engine } from "../../retrieval/index.ts";
import { percentile, toTenths } from "../stats.ts";

export interface ReindexLoopReport {
  label: string;
  chunks: number;
  reindexMs: number;
  /** Event-loop delay during the re-index, ms. */
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** A question asked every `askEveryMs` during the re-index: how long users waited. */
  asks: number;
  askP95Ms: number;
  askMaxMs: number;
}

const nsToMs = (ns: number) => toTenths(ns / 1e6);

export async function measureReindex(
  engine: Engine,
  label: string,
  options: { question: string; askEveryMs: number },
): Promise<ReindexLoopReport> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const askMs: number[] = [];
  let running = true;
  const asking = (async () => {
    while (running) {
      const started = performance.now();
      await engine.ask(options.question);
      askMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, options.askEveryMs));
    }
  })();
  histogram.enable();
  const started = performance.now();
  let report: Awaited<ReturnType<Engine["reindex"]>>;
  try {
    report = await engine.reindex();
  } finally {
    histogram.disable();
    running = false;
    await asking;
  }
  return {
    label,
    chunks: report.chunks,
    reindexMs: Math.round(performance.now() - started),
    delayP50Ms: nsToMs(histogram.percentile(50)),
    delayP99Ms: nsToMs(histogram.percentile(99)),
    delayMaxMs: nsToMs(histogram.max),
    asks: askMs.length,
    askP95Ms: askMs.length ? toTenths(percentile(askMs, 95)) : 0,
    askMaxMs: askMs.length ? toTenths(percentile(askMs, 100)) : 0,
  };
}
