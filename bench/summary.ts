/** Figures derived from the raw results: the targets, ratios against peers, crossover and ef choice. */
import type { BenchResults, ScalePoint } from "./results.ts";
import { ratio } from "./stats.ts";
import type { CrossoverRow } from "./task-vectors.ts";

export interface TargetCheck {
  name: string;
  target: string;
  value: number | null;
  unit: string;
  pass: boolean | null;
}

const RECALL_TARGET = 0.98;

function check(
  name: string,
  target: string,
  value: number | null | undefined,
  unit: string,
  ok: (v: number) => boolean,
): TargetCheck {
  const v = value === undefined || value === null || Number.isNaN(value) ? null : value;
  return { name, target, value: v, unit, pass: v === null ? null : ok(v) };
}

export function largestScale(results: BenchResults): ScalePoint | undefined {
  return [...results.scale].sort((a, b) => b.n - a.n)[0];
}

export function targets(results: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  const a = results.article;
  out.push(check("Article query p95, lexical", "≤ 10 ms", a?.lexical.ask.p95, "ms", (v) => v <= 10));
  out.push(
    check("Article query p95, hybrid (test model)", "≤ 10 ms", a?.hybrid.ask.p95, "ms", (v) => v <= 10),
  );
  const saved = results.coldStart?.rows.find(
    (r) => r.mode === "lexical" && r.savedIndex && r.launcher === "tsx",
  );
  out.push(
    check("Cold start → ready, saved index (tsx)", "≤ 1500 ms", saved?.readyMs, "ms", (v) => v <= 1500),
  );
  const rss = a
    ? Math.max(a.lexical.memory.afterQueries.rssMB, a.lexical.memory.afterReindex?.rssMB ?? 0)
    : null;
  out.push(
    check("Resident memory, no model (after queries + re-index)", "≤ 300 MB", rss, "MB", (v) => v <= 300),
  );
  const big = largestScale(results);
  if (big) {
    out.push(
      check(
        `${big.n} chunks: query p95 excl. embedding (hybrid)`,
        "≤ 25 ms",
        big.hybrid.askWithoutEmbed.p95,
        "ms",
        (v) => v <= 25,
      ),
    );
    out.push(
      check(
        `${big.n} chunks: query p95 (lexical mode)`,
        "≤ 25 ms",
        big.lexical.ask.p95,
        "ms",
        (v) => v <= 25,
      ),
    );
    out.push(
      check(
        `${big.n} chunks: HNSW recall@10 at ef=${results.meta.vectorDefaults.efSearch}`,
        "≥ 0.98",
        big.build.vectors.hnsw.recallAt10,
        "",
        (v) => v >= RECALL_TARGET,
      ),
    );
  }
  const lq = lexicalQuality(results);
  if (lq) {
    out.push(
      check(
        "Dev-set hit@3: engine minus best baseline",
        "> 0",
        lq.engine - Math.max(lq.minisearch, lq.orama),
        "points",
        (v) => v > 0,
      ),
    );
  }
  const peers = results.articlePeers?.systems;
  if (peers) {
    const worst = Math.max(
      ratio(peers.engine.query.p50, peers.minisearch.query.p50) ?? Number.NaN,
      ratio(peers.engine.query.p50, peers.orama.query.p50) ?? Number.NaN,
    );
    out.push(check("Engine BM25 query p50 ÷ the faster peer's (article)", "≤ 2×", worst, "×", (v) => v <= 2));
  }
  return out;
}

/** hit@3 on the dev set: the engine's cited passages vs the baselines' top-3 (as `npm run eval`). */
export function lexicalQuality(
  results: BenchResults,
): { engine: number; minisearch: number; orama: number } | null {
  const engine = results.article?.lexical.quality?.all?.hit3;
  const peers = results.articlePeers?.quality;
  if (engine === undefined || engine === null || !peers) return null;
  return { engine, minisearch: peers.minisearch.all?.hit3 ?? 0, orama: peers.orama.all?.hit3 ?? 0 };
}

/** Smallest size at which HNSW's median search beats the exact one (null when it never does in the sweep). */
export function crossoverAt(rows: CrossoverRow[], exact: "exactJs" | "exactNative"): number | null {
  const sorted = [...rows].sort((a, b) => a.n - b.n);
  return sorted.find((r) => r.hnsw.p50 < r[exact].p50)?.n ?? null;
}

/** Smallest ef of the largest scale point's sweep reaching the recall target. */
export function minimalEf(
  results: BenchResults,
  target = RECALL_TARGET,
): { n: number; ef: number | null } | null {
  const big = largestScale(results);
  if (!big) return null;
  const ok = big.build.vectors.efSweep.filter((r) => r.recallAt10 >= target).sort((a, b) => a.ef - b.ef)[0];
  return { n: big.n, ef: ok?.ef ?? null };
}
