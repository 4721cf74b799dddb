/**
 * `npm run eval [-- --corpus DIR] [-- --questions FILE] [-- --out FILE] [-- --misses N]`: scores the engine on
 * a question set (format: see its `about` field; questions carrying `context` get the strict paragraph check)
 * and, over the same chunks in the same run, MiniSearch and Orama with default settings.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runWithEngine } from "../cli/engine-cli.ts";
import {
  type EvalQuestion,
  type EvalRow,
  runBaselines,
  type Summary,
  scoreEngine,
  summarize,
} from "../cli/evaluation.ts";
import { readCorpus } from "../retrieval/corpus/ingest.ts";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    questions: { type: "string" },
    out: { type: "string", default: "docs/eval-results.json" },
    misses: { type: "string", default: "40" },
  },
});

// Another corpus gets a throw-away index folder, so the bot's saved index is never replaced by it.
let scratchIndex: string | null = null;
if (values.corpus) {
  process.env.CORPUS_DIR = path.resolve(values.corpus);
  scratchIndex = await mkdtemp(path.join(tmpdir(), "fundstelle-eval-"));
  process.env.INDEX_DIR = scratchIndex;
}

const candidates = [
  values.questions,
  "../shared/eval/dev-questions.json",
  "test/fixtures/dev-questions.json",
];
const questionsFile = candidates.find((f): f is string => !!f && existsSync(f));
if (!questionsFile) {
  process.stderr.write("No question file found: pass --questions FILE\n");
  process.exit(2);
}
const questions: EvalQuestion[] = JSON.parse(await readFile(questionsFile, "utf8")).questions;

function pct(x: number | null): string {
  return x === null ? "  –  " : `${(x * 100).toFixed(0).padStart(3)}%`;
}

function printTable(rows: Array<[string, Summary]>): void {
  const head =
    "system            lang    n  hit@1  hit@3  answer  abstain(oos)  false-abstain  median chars  p50 ms  p95 ms";
  process.stdout.write(`${head}\n${"-".repeat(head.length)}\n`);
  for (const [name, s] of rows) {
    for (const [lang, m] of Object.entries(s)) {
      const chars = m.medianAnswerChars === null ? "–" : String(Math.round(m.medianAnswerChars));
      process.stdout.write(
        `${name.padEnd(17)} ${lang.padEnd(4)} ${String(m.inScope).padStart(4)}  ${pct(m.hit1)}   ${pct(m.hit3)}   ${pct(m.answerAccuracy)}    ${pct(m.oosAbstained)}         ${pct(m.falseAbstentions)}         ${chars.padStart(5)}      ${m.p50Ms.toFixed(2).padStart(6)}  ${m.p95Ms.toFixed(2).padStart(6)}\n`,
      );
    }
  }
}

await runWithEngine(async ({ config, engine }) => {
  const engineRows: EvalRow[] = await scoreEngine(engine, questions);
  const corpus = await readCorpus(config.engine.corpusDir);
  const baselines = await runBaselines(corpus.chunks, questions);
  const results: Array<[string, Summary]> = [
    [`fundstelle/${engine.status().mode}`, summarize(engineRows)],
    ["minisearch", summarize(baselines.minisearch)],
    ["orama", summarize(baselines.orama)],
  ];
  process.stdout.write(
    `Questions: ${questionsFile} (${questions.length}); chunks: ${corpus.chunks.length}\n\n`,
  );
  printTable(results);
  const misses = engineRows.filter((r) => !r.correct);
  const shown = misses.slice(0, Number(values.misses) || 0);
  if (shown.length > 0) {
    process.stdout.write(`\nNot correct (${shown.length} of ${misses.length}):\n`);
    for (const r of shown)
      process.stdout.write(`  ${r.id} [${r.lang}] ${r.question}\n     → ${r.answer.slice(0, 160)}\n`);
  }
  await mkdir(path.dirname(values.out), { recursive: true });
  await writeFile(
    values.out,
    `${JSON.stringify({ date: new Date().toISOString(), questionsFile, results: Object.fromEntries(results), rows: engineRows }, null, 2)}\n`,
  );
  process.stdout.write(`\nSaved ${values.out}\n`);
});
if (scratchIndex) await rm(scratchIndex, { recursive: true, force: true });
