/**
 * Issue 11's targets, before and after side by side. "Before" is measured in the same run where the old way
 * still exists (the TypeScript sources through tsx; BM25 rebuilt from chunk text on the swapping thread), and
 * otherwise read from docs/bench-baseline.json (the last full run before issue 11, or figures the issue gives).
 */
import type { BenchResults } from "./results.ts";

export interface Baseline {
  about: string;
  date: string;
  /** Spawn → engine ready by launcher, saved index or not, and mode (e.g. "node-saved-lexical"). */
  coldReadyMs?: Record<string, number>;
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
    /** Figure extraction per chunk (13.8 s of `npm run index` at 28.8k chunks); absent in older baselines. */
    figureMsPerChunk?: number;
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

/** The target column of a row that only gives context. */
const NO_TARGET = "–";

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
  // A row without a target (the floor, figures for context) is never marked ok or missed.
  const pass = a === null || target === NO_TARGET ? null : ok(a, b);
  return { name, target, unit, before: b, beforeFrom, after: a, pass, how };
}

export function issue11Rows(results: BenchResults): BeforeAfter[] {
  const base = results.baseline;
  const baseFrom = base ? `baseline ${base.date.slice(0, 10)}` : "baseline missing";
  const issueFrom = "issue 11";
  const cmd = (label: string) => results.commands?.find((c) => c.label === label)?.medianMs;
  const rows: BeforeAfter[] = [];
  const floor = cmd("node -e 0");
  rows.push(
    row("`node -e 0` (floor, same rounds)", NO_TARGET, "ms", null, "", floor, () => true, "node -e 0"),
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
      NO_TARGET,
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
      NO_TARGET,
      "ms",
      base?.coldReadyMs?.["node-saved-lexical"],
      baseFrom,
      inProcess?.readyMs,
      () => true,
      "bench child, node --import tsx",
    ),
  );
  rows.push(...scaleRows(results, baseFrom));
  for (const point of results.swap ?? []) {
    const s = point.engine.swap;
    rows.push(
      row(
        `swap stall, ${chunkCount(point.n)} chunks (lexical): max event-loop delay`,
        "≤ 50 ms",
        "ms",
        s?.before.delayMaxMs,
        "this run (BM25 on the thread)",
        s?.after.delayMaxMs,
        (v) => v <= 50,
        "refreshFromDisk under monitorEventLoopDelay",
      ),
      row(
        `\`npm run index\`, ${chunkCount(point.n)} chunks, fresh folder, figures included`,
        "≤ 18000 ms",
        "ms",
        point.n === 28_800 ? base?.fromIssue11.npmRunIndexAt28800Ms : null,
        point.n === 28_800 ? issueFrom : "",
        point.indexMs,
        (v) => v <= 18_000,
        "npm run -s index",
      ),
      row(
        `engine load, ${chunkCount(point.n)} chunks (lexical)`,
        NO_TARGET,
        "ms",
        s?.before.ms,
        "this run (snapshot + BM25 from text)",
        point.engine.loadMs,
        () => true,
        "fresh child",
      ),
    );
  }
  return rows;
}

/** The scale targets are set at 100k chunks: that point in a full run, the largest one measured otherwise. */
const TARGET_SCALE = 100_000;

/**
 * Rows at the largest scale point of this run, before from the baseline at the same size. `--quick` stops at
 * 10k chunks: its rows are filled there, and the targets set for 100k are shown but not judged.
 */
function scaleRows(results: BenchResults, baseFrom: string): BeforeAfter[] {
  const point = [...results.scale].sort((a, b) => b.n - a.n)[0];
  if (!point) return [];
  const before = results.baseline?.scale[String(point.n)];
  const atTarget = point.n === TARGET_SCALE;
  const size = chunkCount(point.n);
  // A target set for 100k (or against a full run's baseline) says little about a smaller point: shown, not judged.
  const at100k = (r: BeforeAfter): BeforeAfter =>
    atTarget ? r : { ...r, target: `${r.target} at 100k`, pass: null };
  const tolerance = 1.1;
  const rows: BeforeAfter[] = [];
  for (const mode of ["hybrid", "lexical"] as const)
    rows.push(
      at100k(
        row(
          `engine load, ${size} chunks (${mode})`,
          "≤ 2000 ms",
          "ms",
          mode === "hybrid" ? before?.hybridLoadMs : before?.lexicalLoadMs,
          baseFrom,
          point[mode].loadMs,
          (v) => v <= 2000,
          "scale point, fresh child, snapshot with figures",
        ),
      ),
    );
  rows.push(
    at100k(
      row(
        `resident memory, ${size} chunks (hybrid, after queries)`,
        "≤ 1024 MB",
        "MB",
        before?.hybridRssMB,
        baseFrom,
        point.hybrid.memory.afterQueries.rssMB,
        (v) => v <= 1024,
        "scale point, fresh child",
      ),
    ),
  );
  for (const mode of ["hybrid", "lexical"] as const) {
    const swap = point[mode].swap;
    rows.push(
      row(
        `swap stall, ${size} chunks (${mode}): max event-loop delay`,
        "≤ 50 ms",
        "ms",
        swap?.before.delayMaxMs,
        "this run (BM25 on the thread)",
        swap?.after.delayMaxMs,
        (v) => v <= 50,
        "refreshFromDisk under monitorEventLoopDelay",
      ),
    );
  }
  rows.push(
    at100k(
      row(
        `query p95 excl. embedding, ${size} (hybrid)`,
        "≤ before (+10 % noise)",
        "ms",
        before?.hybridP95NoEmbedMs,
        baseFrom,
        point.hybrid.askWithoutEmbed.p95,
        (v, b) => b === null || v <= b * tolerance,
        "scale point",
      ),
    ),
    at100k(
      row(
        `query p95, ${size} (lexical)`,
        "≤ before (+10 % noise)",
        "ms",
        before?.lexicalP95Ms,
        baseFrom,
        point.lexical.ask.p95,
        (v, b) => b === null || v <= b * tolerance,
        "scale point",
      ),
    ),
    row(
      `HNSW recall@10, ${size}`,
      "≥ 0.999",
      "",
      before?.recallAt10,
      baseFrom,
      point.build.vectors.hnsw.recallAt10,
      (v) => v >= 0.999,
      "scale point",
    ),
  );
  const figures = point.build.figures;
  const figuresBefore = results.baseline?.fromIssue11.figureMsPerChunk;
  rows.push(
    row(
      `figure extraction, ${size} chunks: CPU ms per chunk`,
      "≥ 5× faster",
      "ms",
      figuresBefore,
      figuresBefore === undefined ? "" : "issue 11",
      figures?.cpuMsPerChunk,
      (v, b) => b === null || v * 5 <= b,
      "scale point: extractFigures over the chunks, process.cpuUsage",
    ),
  );
  return rows;
}

/** 28800 → "28.8k", 100000 → "100k". */
function chunkCount(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}
