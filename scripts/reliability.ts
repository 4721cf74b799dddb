/**
 * Reliability measurements that are too slow or too machine-dependent for timed tests.
 *
 *   npm run reliability                            event-loop delay during a re-index: in-process vs worker
 *   npm run reliability -- --chunks 20000          ... with a bigger synthetic corpus (default 10000 chunks)
 *   npm run reliability -- --load 5000             /ask interactions through the fake Discord against the real bot
 *   npm run reliability -- --burst 200             200 users ask at once: sent, answered, refused, p95 (default limits)
 *       [--concurrency 32]                         ... in flight at once (default 32)
 *   npm run reliability -- --out report.json       also save the figures as JSON
 *
 * The re-index run is hybrid with the generated test model (no download needed); the load run is lexical.
 * Each works in a temp folder it removes afterwards. The runs live in bench/reliability/.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ReindexLoopReport } from "../bench/reliability/event-loop.ts";
import {
  type BurstFigures,
  formatBurst,
  formatLoadReport,
  type LoadReport,
} from "../bench/reliability/load.ts";
import { burstRun, loadRun, reindexDelay } from "../bench/reliability/runs.ts";

const { values } = parseArgs({
  options: {
    chunks: { type: "string", default: "10000" },
    load: { type: "string" },
    burst: { type: "string" },
    concurrency: { type: "string", default: "32" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  process.stdout.write(
    "Usage: npm run reliability -- [--chunks N | --load N [--concurrency C] | --burst USERS] [--out FILE]\n",
  );
  process.exit(0);
}

function wholeNumber(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return n;
}

let results: {
  reindex?: ReindexLoopReport[];
  load?: LoadReport;
  burst?: { defaults: BurstFigures; oldQueueBound: BurstFigures };
};
if (values.burst !== undefined) {
  const users = wholeNumber("burst", values.burst, 1);
  const defaults = await burstRun(users, {});
  process.stdout.write(`burst of ${users}, default limits:        ${formatBurst(defaults)}\n`);
  const oldQueueBound = await burstRun(users, { MAX_QUEUED_ASKS: "100" });
  process.stdout.write(`burst of ${users}, MAX_QUEUED_ASKS=100 (old): ${formatBurst(oldQueueBound)}\n`);
  results = { burst: { defaults, oldQueueBound } };
} else if (values.load !== undefined) {
  const load = await loadRun(
    wholeNumber("load", values.load, 1),
    wholeNumber("concurrency", values.concurrency, 1),
  );
  process.stdout.write(`${formatLoadReport(load)}\n`);
  results = { load };
} else {
  const reindex = await reindexDelay(wholeNumber("chunks", values.chunks, 10));
  for (const r of reindex) {
    process.stdout.write(
      `${r.label.padEnd(14)} ${r.chunks} chunks in ${r.reindexMs} ms | event-loop delay p50 ${r.delayP50Ms} ms, ` +
        `p99 ${r.delayP99Ms} ms, max ${r.delayMaxMs} ms | ${r.asks} asks meanwhile: p95 ${r.askP95Ms} ms, max ${r.askMaxMs} ms\n`,
    );
  }
  results = { reindex };
}
if (values.out) await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
