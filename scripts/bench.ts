/**
 * `npm run bench [-- --quick] [-- --only cold,scale] [-- --sizes 1000,10000] [-- --swap-sizes 28800]
 * [-- --out DIR] [-- --keep] [-- --baseline FILE]`: the performance benchmark (issues 4 and 11). A full run writes docs/bench-results.json, docs/BENCHMARKS.md and
 * docs/scale-curve.svg; `--quick` (for development) writes to bench-results/ unless --out says otherwise.
 * `-- --render docs/bench-results.json` re-renders report and chart from saved results without measuring.
 * The logic lives in bench/.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { consoleSummary } from "../bench/console-summary.ts";
import type { Baseline } from "../bench/issue11.ts";
import { fullPlan, quickPlan } from "../bench/plan.ts";
import { renderReport } from "../bench/report-md.ts";
import type { BenchResults } from "../bench/results.ts";
import { runBench, SECTIONS, type Section } from "../bench/run.ts";
import { scaleChart } from "../bench/scale-chart.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
    corpus: { type: "string", default: "corpus" },
    questions: { type: "string" },
    "work-dir": { type: "string" },
    keep: { type: "boolean", default: false },
    sizes: { type: "string" },
    "swap-sizes": { type: "string" },
    render: { type: "string" },
    baseline: { type: "string", default: "docs/bench-baseline.json" },
  },
});

const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const results = values.render ? await loadResults(values.render) : await measure();
const outDir =
  values.out ?? (values.render ? path.dirname(values.render) : values.quick ? "bench-results" : "docs");

async function loadResults(file: string): Promise<BenchResults> {
  // Re-renders the report and chart from saved results (after editing the notes or the report layout).
  return JSON.parse(await readFile(file, "utf8")) as BenchResults;
}

async function measure(): Promise<BenchResults> {
  const only = values.only ? new Set(values.only.split(",").map((s) => s.trim())) : null;
  const unknown = [...(only ?? [])].filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown section(s): ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}\n`);
    process.exit(2);
  }
  if (!existsSync(values.corpus)) {
    process.stderr.write(`Corpus folder ${values.corpus} not found (--corpus DIR)\n`);
    process.exit(2);
  }
  const basePlan = values.quick ? quickPlan : fullPlan;
  const sizes = values.sizes?.split(",").map((s) => Number(s.trim()));
  if (sizes?.some((n) => !Number.isInteger(n) || n < 100)) {
    process.stderr.write("--sizes takes chunk counts ≥ 100, e.g. --sizes 1000,10000\n");
    process.exit(2);
  }
  const swapSizes = values["swap-sizes"]?.split(",").map((s) => Number(s.trim()));
  if (swapSizes?.some((n) => !Number.isInteger(n) || n < 100)) {
    process.stderr.write("--swap-sizes takes chunk counts ≥ 100, e.g. --swap-sizes 28800\n");
    process.exit(2);
  }
  const argv = process.argv.slice(2);
  const baseline = await readFile(values.baseline, "utf8").then(
    (text) => JSON.parse(text) as Baseline,
    () => null,
  );
  if (!baseline) log(`No baseline at ${values.baseline}: the before column shows only this run's figures`);
  return runBench({
    baseline,
    plan: {
      ...basePlan,
      ...(sizes ? { scaleSizes: sizes } : {}),
      ...(swapSizes ? { swapSizes } : {}),
    },
    corpusDir: values.corpus,
    workDir: values["work-dir"] ?? path.join(os.tmpdir(), `fundstelle-bench-${process.pid}`),
    keepWork: values.keep,
    questionsFile: values.questions,
    only: only as Set<Section> | null,
    command: `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
    log,
  });
}

await mkdir(outDir, { recursive: true });
const reportFile = path.join(outDir, "BENCHMARKS.md");
const previous = await readFile(reportFile, "utf8").catch(() => null);
if (!values.render)
  await writeFile(path.join(outDir, "bench-results.json"), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(reportFile, renderReport(results, previous));
if (results.scale.length > 0) await writeFile(path.join(outDir, "scale-curve.svg"), scaleChart(results));

process.stdout.write(consoleSummary(results));
process.stdout.write(
  values.render
    ? `\nRendered ${reportFile} from ${values.render}\n`
    : `\nWrote ${reportFile}, ${path.join(outDir, "bench-results.json")} in ${Math.round(results.meta.durationMs / 1000)} s\n`,
);
