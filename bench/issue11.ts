/**
 * Issue 11's targets, before and after side by side. "Before" is measured in the same run where the old way
 * still exists (the TypeScript sources through tsx; BM25 rebuilt from chunk text on the swapping thread), and
 * otherwise read from docs/bench-baseline.json (the last full run before issue 11, or figures the issue gives).
 */
import type { BenchResults } from "./results.ts";

export interface Baseline {
  about: string;
  date: string;
  scale: Record<
    string,
    {
      hybridLoadMs: number;
      lexicalLoadMs: number;
      hybridRssMB: number;
      lexicalRssMB: number;
      hybridP95NoEmbedMs: number;
      lexicalP95Ms: number;
      recallAt10: number;
    }
  >;
  fromIssue11: {
    source: string;
    npmRunAskArticleMs: number;
    npmRunIndexAt28800Ms: number;
    swapStallAt32400Ms: number;
  };
}

export interface BeforeAfter {
  name: string;
  target: string;
  unit: string;
  before: number | null;
  /** Where the before figure comes from: "this run" or the baseline. */
  beforeFrom: string;
  after: number | null;
  pass: boolean | null;
  /** The command or child that produced the after figure. */
  how: string;
}

function row(
  name: string,
  target: string,
  unit: string,
  before: number | null | undefined,
  beforeFrom: string,
  after: number | null | undefined,
  ok: (after: number, before: number | null) => boolean,
  how: string,
): BeforeAfter {
  const a = after === undefined || after === null || !Number.isFinite(after) ? null : after;
  const b = before === undefined || before === null || !Number.isFinite(before) ? null : before;
  return { name, target, unit, before: b, beforeFrom, after: a, pass: a === null ? null : ok(a, b), how };
}

export function issue11Rows(results: BenchResults): BeforeAfter[] {
  const base = results.baseline;
  const baseFrom = base ? `baseline ${base.date.slice(0, 10)}` : "baseline missing";
  const issueFrom = "issue 11";
  const cmd = (label: string) => results.commands?.find((c) => c.label === label)?.medianMs;
  const rows: BeforeAfter[] = [];
  const floor = cmd("node -e 0");
  rows.push(
    row("`node -e 0` (floor, same rounds)", "–", "ms", null, "", floor, () => true, "node -e 0"),
    row(
      "`npm run ask` end to end, article",
      "≤ 500 ms",
      "ms",
      cmd("before: npm run ask:dev -- --json … (tsx)"),
      "this run (tsx)",
      cmd("npm run ask -- --json …"),
      (v) => v <= 500,
      "npm run -s ask -- --json Q",
    ),
    row(
      "compiled entry without npm",
      "≤ 350 ms",
      "ms",
      cmd("before: tsx scripts/ask.ts --json …"),
      "this run (tsx)",
      cmd("node dist/ask.js --json …"),
      (v) => v <= 350,
      "node dist/ask.js --json Q",
    ),
    row(
      "`npm start` → ready (console chat)",
      "–",
      "ms",
      cmd("before: npm run start:dev → ready (tsx)"),
      "this run (tsx)",
      cmd("npm start → ready"),
      () => true,
      "npm start, until the chat banner",
    ),
  );
  const inProcess = results.coldStart?.rows.find(
    (r) => r.mode === "lexical" && r.savedIndex && r.launcher === "node",
  );
  rows.push(
    row(
      "in-process: spawn → engine ready (saved index)",
      "–",
      "ms",
      base ? 546 : null,
      baseFrom,
      inProcess?.readyMs,
      () => true,
      "bench child, node --import tsx",
    ),
  );
  const big = results.scale.find((p) => p.n === 100_000);
  const big0 = base?.scale["100000"];
  rows.push(
    row(
      "engine load, 100k chunks (hybrid)",
      "≤ 2000 ms",
      "ms",
      big0?.hybridLoadMs,
      baseFrom,
      big?.hybrid.loadMs,
      (v) => v <= 2000,
      "scale point, fresh child",
    ),
    row(
      "engine load, 100k chunks (lexical)",
      "≤ 2000 ms",
      "ms",
      big0?.lexicalLoadMs,
      baseFrom,
      big?.lexical.loadMs,
      (v) => v <= 2000,
      "scale point, fresh child",
    ),
    row(
      "resident memory, 100k chunks (hybrid, after queries)",
      "≤ 1024 MB",
      "MB",
      big0?.hybridRssMB,
      baseFrom,
      big?.hybrid.memory.afterQueries.rssMB,
      (v) => v <= 1024,
      "scale point, fresh child",
    ),
  );
  for (const point of results.swap ?? []) {
    const s = point.engine.swap;
    rows.push(
      row(
        `swap stall, ${point.n} chunks (lexical): max event-loop delay`,
        "≤ 50 ms",
        "ms",
        s?.before.delayMaxMs,
        "this run (BM25 on the thread)",
        s?.after.delayMaxMs,
        (v) => v <= 50,
        "refreshFromDisk under monitorEventLoopDelay",
      ),
      row(
        `\`npm run index\`, ${point.n} chunks, fresh folder, figures included`,
        "≤ 18000 ms",
        "ms",
        point.n === 28_800 ? base?.fromIssue11.npmRunIndexAt28800Ms : null,
        point.n === 28_800 ? issueFrom : "",
        point.indexMs,
        (v) => v <= 18_000,
        "npm run -s index",
      ),
      row(
        `engine load, ${point.n} chunks (lexical)`,
        "–",
        "ms",
        s?.before.ms,
        "this run (snapshot + BM25 from text)",
        point.engine.loadMs,
        () => true,
        "fresh child",
      ),
    );
  }
  if (big) {
    for (const mode of ["hybrid", "lexical"] as const) {
      const s = big[mode].swap;
      rows.push(
        row(
          `swap stall, 100k chunks (${mode}): max event-loop delay`,
          "≤ 50 ms",
          "ms",
          s?.before.delayMaxMs,
          "this run (BM25 on the thread)",
          s?.after.delayMaxMs,
          (v) => v <= 50,
          "refreshFromDisk under monitorEventLoopDelay",
        ),
      );
    }
    const tolerance = 1.1;
    rows.push(
      row(
        "query p95 excl. embedding, 100k (hybrid)",
        "≤ before (+10 % noise)",
        "ms",
        big0?.hybridP95NoEmbedMs,
        baseFrom,
        big.hybrid.askWithoutEmbed.p95,
        (v, b) => b === null || v <= b * tolerance,
        "scale point",
      ),
      row(
        "query p95, 100k (lexical)",
        "≤ before (+10 % noise)",
        "ms",
        big0?.lexicalP95Ms,
        baseFrom,
        big.lexical.ask.p95,
        (v, b) => b === null || v <= b * tolerance,
        "scale point",
      ),
      row(
        "HNSW recall@10, 100k",
        "≥ 0.999",
        "",
        big0?.recallAt10,
        baseFrom,
        big.build.vectors.hnsw.recallAt10,
        (v) => v >= 0.999,
        "scale point",
      ),
    );
  }
  return rows;
}
