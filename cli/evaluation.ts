/** Scoring shared by `npm run eval`, the quality regression test and the benchmark. */
import { performance } from "node:perf_hooks";
import { create, insertMultiple, search } from "@orama/orama";
import MiniSearch from "minisearch";
import { percentile } from "../bench/stats.ts";
import type { Chunk, Engine } from "../retrieval/index.ts";

export interface EvalQuestion {
  id: string;
  lang: "de" | "en";
  q: string;
  gold?: string[];
  expect?: string[];
  oos?: boolean;
  /** The paragraph the question was written for (XQuAD): a hit must then come from that paragraph. */
  context?: string;
}

export interface EvalRow {
  id: string;
  lang: string;
  question: string;
  oos: boolean;
  /** Rank (1-based) of the first cited passage holding a gold string; null when none does. */
  goldRank: number | null;
  abstained: boolean | null;
  answerOk: boolean | null;
  correct: boolean;
  answer: string;
  ms: number;
}

/** Case- and space-insensitive comparison, the way the shared scorers compare. */
const fold = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
const words = (s: string) => fold(s).match(/[\p{L}\p{N}_]+/gu) ?? [];

/**
 * Strict paragraph check (as the XQuAD scorer does it): some 6-word run of the passage appears in the
 * question's paragraph, so a passage from another paragraph holding the same words does not count.
 */
export function samePassage(passage: string, context: string): boolean {
  const pw = words(passage);
  const cw = words(context).join(" ");
  if (pw.length < 6) return cw.includes(pw.join(" "));
  for (let i = 0; i + 6 <= pw.length; i += 3) if (cw.includes(pw.slice(i, i + 6).join(" "))) return true;
  return false;
}

function goldRank(passages: string[], q: EvalQuestion): number | null {
  const gold = q.gold ?? [];
  const i = passages.findIndex(
    (p) => gold.some((g) => fold(p).includes(fold(g))) && (!q.context || samePassage(p, q.context)),
  );
  return i < 0 ? null : i + 1;
}

export async function scoreEngine(engine: Engine, questions: EvalQuestion[]): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const answer = await engine.ask(q.q);
    const ms = performance.now() - t0;
    const rank = goldRank(
      answer.citations.map((c) => c.passage),
      q,
    );
    const answerOk = q.oos
      ? null
      : !answer.abstained && (q.expect ?? []).some((e) => fold(answer.answer).includes(fold(e)));
    rows.push({
      id: q.id,
      lang: q.lang,
      question: q.q,
      oos: !!q.oos,
      goldRank: q.oos ? null : rank,
      abstained: answer.abstained,
      answerOk,
      correct: q.oos ? answer.abstained : !!answerOk && rank !== null && rank <= 3,
      answer: answer.answer,
      ms,
    });
  }
  return rows;
}

/** MiniSearch and Orama with their default settings, over the same chunks (retrieval only: no answers). */
export async function runBaselines(chunks: Chunk[], questions: EvalQuestion[]) {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ["text"] });
  mini.addAll(chunks.map((c, id) => ({ id, text: c.text })));
  const orama = create({ schema: { text: "string", pos: "number" } as const });
  await insertMultiple(
    orama,
    chunks.map((c, pos) => ({ text: c.text, pos })),
  );
  const minisearch: EvalRow[] = [];
  const oramaRows: EvalRow[] = [];
  for (const q of questions) {
    let t0 = performance.now();
    const miniHits = mini.search(q.q).slice(0, 3);
    minisearch.push(
      baselineRow(
        q,
        miniHits.map((h) => (chunks[h.id as number] as Chunk).text),
        performance.now() - t0,
      ),
    );
    t0 = performance.now();
    const oramaHits = await search(orama, { term: q.q, limit: 3 });
    oramaRows.push(
      baselineRow(
        q,
        oramaHits.hits.map((h) => (chunks[h.document.pos as number] as Chunk).text),
        performance.now() - t0,
      ),
    );
  }
  return { minisearch, orama: oramaRows };
}

function baselineRow(q: EvalQuestion, passages: string[], ms: number): EvalRow {
  const rank = q.oos ? null : goldRank(passages, q);
  return {
    id: q.id,
    lang: q.lang,
    question: q.q,
    oos: !!q.oos,
    goldRank: rank,
    abstained: null,
    answerOk: null,
    correct: q.oos ? passages.length === 0 : rank !== null,
    answer: passages[0]?.slice(0, 120) ?? "",
    ms,
  };
}

export interface Metrics {
  inScope: number;
  hit1: number | null;
  hit3: number | null;
  answerAccuracy: number | null;
  oosAbstained: number | null;
  falseAbstentions: number | null;
  p50Ms: number;
  p95Ms: number;
  /** Median length in characters of the answers given (abstentions left out); null for retrieval-only rows. */
  medianAnswerChars: number | null;
}

export type Summary = Record<string, Metrics>;

/** The benchmarks' nearest-rank percentile; an empty list shows as 0, as the eval tables always printed it. */
function percentileOr0(values: number[], p: number): number {
  return values.length === 0 ? 0 : percentile(values, p);
}

function metrics(rows: EvalRow[]): Metrics {
  const inScope = rows.filter((r) => !r.oos);
  const oos = rows.filter((r) => r.oos);
  const share = (xs: EvalRow[], f: (r: EvalRow) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : null;
  const hasAnswers = rows.some((r) => r.abstained !== null);
  return {
    inScope: inScope.length,
    hit1: share(inScope, (r) => r.goldRank === 1),
    hit3: share(inScope, (r) => r.goldRank !== null && r.goldRank <= 3),
    answerAccuracy: hasAnswers ? share(inScope, (r) => r.answerOk === true) : null,
    oosAbstained: hasAnswers ? share(oos, (r) => r.abstained === true) : null,
    falseAbstentions: hasAnswers ? share(inScope, (r) => r.abstained === true) : null,
    p50Ms: percentileOr0(
      rows.map((r) => r.ms),
      50,
    ),
    p95Ms: percentileOr0(
      rows.map((r) => r.ms),
      95,
    ),
    medianAnswerChars: hasAnswers
      ? percentileOr0(
          rows.filter((r) => !r.oos && r.abstained === false).map((r) => r.answer.length),
          50,
        )
      : null,
  };
}

/** Metrics overall and per language. */
export function summarize(rows: EvalRow[]): Summary {
  const out: Summary = { all: metrics(rows) };
  for (const lang of [...new Set(rows.map((r) => r.lang))].sort())
    out[lang] = metrics(rows.filter((r) => r.lang === lang));
  return out;
}
