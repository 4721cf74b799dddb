/** The scale-curve chart (docs/scale-curve.svg) from the benchmark results. */
import type { BenchResults } from "./results.ts";
import { type Panel, renderChart } from "./svg-chart.ts";

const COLORS = {
  engine: "#1f77b4",
  lexical: "#17becf",
  minisearch: "#ff7f0e",
  orama: "#9467bd",
  hnsw: "#2ca02c",
  exactJs: "#d62728",
  exactNative: "#8c564b",
  ingest: "#7f7f7f",
};

export function scaleChart(results: BenchResults): string {
  const scale = [...results.scale].sort((a, b) => a.n - b.n);
  const at = <T>(f: (p: (typeof scale)[number]) => T) => scale.map((p) => [p.n, f(p)] as [number, T]);
  const latency: Panel = {
    title: "Query latency p95",
    xLabel: "chunks",
    yLabel: "ms (log)",
    xLog: true,
    yLog: true,
    series: [
      {
        name: "engine hybrid, excl. query embedding",
        color: COLORS.engine,
        points: at((p) => p.hybrid.askWithoutEmbed.p95),
      },
      {
        name: "engine lexical mode (whole ask)",
        color: COLORS.lexical,
        points: at((p) => p.lexical.ask.p95),
      },
      {
        name: "engine BM25 leg",
        color: COLORS.engine,
        dashed: true,
        points: at((p) => p.peers.systems.engine.query.p95),
      },
      {
        name: "MiniSearch (default)",
        color: COLORS.minisearch,
        points: at((p) => p.peers.systems.minisearch.query.p95),
      },
      { name: "Orama (default)", color: COLORS.orama, points: at((p) => p.peers.systems.orama.query.p95) },
    ],
  };
  const rows = [...results.crossover].sort((a, b) => a.n - b.n);
  const vectors = new Map<number, { exactJs: number; exactNative: number; hnsw: number }>();
  for (const r of rows)
    vectors.set(r.n, { exactJs: r.exactJs.p50, exactNative: r.exactNative.p50, hnsw: r.hnsw.p50 });
  for (const p of scale) {
    const v = p.build.vectors;
    vectors.set(p.n, { exactJs: v.exactJs.p50, exactNative: v.exactNative.p50, hnsw: v.hnsw.latency.p50 });
  }
  const vectorPoints = [...vectors.entries()].sort((a, b) => a[0] - b[0]);
  const vector: Panel = {
    title: "Vector search p50 (k=20)",
    xLabel: "vectors (384 dims)",
    yLabel: "ms (log)",
    xLog: true,
    yLog: true,
    series: [
      {
        name: "exact, JS (engine)",
        color: COLORS.exactJs,
        points: vectorPoints.map(([n, v]) => [n, v.exactJs]),
      },
      {
        name: "exact, hnswlib brute force",
        color: COLORS.exactNative,
        points: vectorPoints.map(([n, v]) => [n, v.exactNative]),
      },
      {
        name: `HNSW ef=${results.meta.vectorDefaults.efSearch}`,
        color: COLORS.hnsw,
        points: vectorPoints.map(([n, v]) => [n, v.hnsw]),
      },
    ],
  };
  const build: Panel = {
    title: "Build and load time",
    xLabel: "chunks",
    yLabel: "seconds (log)",
    xLog: true,
    yLog: true,
    series: [
      { name: "HNSW build", color: COLORS.hnsw, points: at((p) => p.build.vectors.hnsw.buildMs / 1000) },
      { name: "ingest (parse, chunk)", color: COLORS.ingest, points: at((p) => p.build.ingestMs / 1000) },
      {
        name: "engine BM25 build",
        color: COLORS.engine,
        dashed: true,
        points: at((p) => p.peers.systems.engine.buildMs / 1000),
      },
      {
        name: "engine load from snapshot (hybrid)",
        color: COLORS.engine,
        points: at((p) => p.hybrid.loadMs / 1000),
      },
    ],
  };
  const memory: Panel = {
    title: "Memory and disk",
    xLabel: "chunks",
    yLabel: "MB (log)",
    xLog: true,
    yLog: true,
    series: [
      {
        name: "RSS, hybrid engine",
        color: COLORS.engine,
        points: at((p) => p.hybrid.memory.afterQueries.rssMB),
      },
      {
        name: "RSS, lexical engine",
        color: COLORS.lexical,
        points: at((p) => p.lexical.memory.afterQueries.rssMB),
      },
      {
        name: "snapshot on disk",
        color: COLORS.ingest,
        points: at((p) => p.build.snapshot.bytes / 1024 / 1024),
      },
    ],
  };
  const m = results.meta.machine;
  return renderChart([latency, vector, build, memory], {
    title: "Fundstelle scale curve (synthetic corpora from the article's vocabulary)",
    subtitle: `${m.cpu}, ${m.cores} cores, Node ${m.node} · ${results.meta.date.slice(0, 10)} · npm run bench${results.meta.plan.name === "quick" ? " -- --quick" : ""}`,
    panelWidth: 330,
  });
}
