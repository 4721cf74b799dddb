/**
 * Fuses the lexical and dense result lists with reciprocal rank fusion (either may be empty) and judges
 * whether the evidence is strong enough to answer.
 */
import type { Concept, LexicalHit, LexicalIndex } from "../lexical/bm25.ts";

export interface DenseHit {
  id: number;
  score: number;
}

export interface FusedHit {
  id: number;
  score: number;
  lexical?: LexicalHit;
  dense?: DenseHit;
}

/** Standard RRF constant: dampens the head so neither list dominates. */
const RRF_K = 60;

export function fuse(lexical: LexicalHit[], dense: DenseHit[], limit: number): FusedHit[] {
  const fused = new Map<number, FusedHit>();
  const entry = (id: number) => {
    let hit = fused.get(id);
    if (!hit) {
      hit = { id, score: 0 };
      fused.set(id, hit);
    }
    return hit;
  };
  lexical.forEach((hit, rank) => {
    const e = entry(hit.id);
    e.score += 1 / (RRF_K + rank + 1);
    e.lexical = hit;
  });
  dense.forEach((hit, rank) => {
    const e = entry(hit.id);
    e.score += 1 / (RRF_K + rank + 1);
    e.dense = hit;
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

/** How much a concept weighs: the IDF of its rarest variant present in the index, or the unseen IDF. */
export function conceptIdf(concept: Concept, index: LexicalIndex): number {
  let best = 0;
  for (const v of concept.variants) if (index.has(v.term)) best = Math.max(best, index.idf(v.term));
  if (best > 0) return best;
  // A number the corpus never states (a year, an amount) is strong evidence the article doesn't cover it.
  return index.unseenIdf() * (concept.isNumber ? 1.5 : 1);
}

/** Share of the question's own (non-context) IDF mass that a chunk matched, 0..1. */
export function coverage(hit: LexicalHit | undefined, concepts: Concept[], index: LexicalIndex): number {
  let total = 0;
  let matched = 0;
  concepts.forEach((concept, i) => {
    if (concept.weight < 1) return;
    const idf = conceptIdf(concept, index);
    total += idf;
    if (hit?.matched.has(i)) matched += idf;
  });
  return total === 0 ? 0 : matched / total;
}

export interface ConfidenceOptions {
  /** Lexical coverage needed to answer on lexical evidence. */
  minCoverage: number;
  /** Cosine similarity that, with at least `minCoverageWithDense` lexical coverage, is enough to answer. */
  minDenseScore: number;
  minCoverageWithDense: number;
  /** Cosine similarity that is enough on its own (a paraphrase sharing no words). */
  strongDenseScore: number;
}

/**
 * Dense thresholds are set for multilingual-e5 (its cosine scores bunch between 0.7 and 0.95); another model
 * needs its own. They can't be calibrated on the offline machines the project is built on: see the README.
 */
export const defaultConfidence: ConfidenceOptions = {
  minCoverage: 0.5,
  minDenseScore: 0.86,
  minCoverageWithDense: 0.25,
  strongDenseScore: 0.92,
};

const YEAR = /^(19|20)\d\d$/;

/**
 * Enough evidence to answer? The best passage must cover enough of the question's IDF mass and, when the
 * question names two or more things, match at least two of them (a passage about "Azure-Umsatz" does not
 * answer "Nvidias Umsatz"). A year the corpus never mentions means the question is about something else.
 */
export function isConfident(
  hits: FusedHit[],
  concepts: Concept[],
  index: LexicalIndex,
  options: ConfidenceOptions = defaultConfidence,
): { confident: boolean; coverage: number } {
  const own = concepts.map((c, i) => ({ c, i })).filter(({ c }) => c.weight >= 1);
  if (own.length === 0) return { confident: false, coverage: 0 };
  const unseenYear = own.some(
    ({ c }) => c.isNumber && YEAR.test(c.word) && !c.variants.some((v) => index.has(v.term)),
  );
  let best = 0;
  let loose = 0;
  for (const hit of hits.slice(0, 3)) {
    const c = coverage(hit.lexical, concepts, index);
    loose = Math.max(loose, c);
    const matched = own.filter(({ i }) => hit.lexical?.matched.has(i)).length;
    if (matched >= Math.min(2, own.length)) best = Math.max(best, c);
  }
  const dense = Math.max(0, ...hits.slice(0, 3).map((h) => h.dense?.score ?? 0));
  const denseOk =
    (dense >= options.minDenseScore && loose >= options.minCoverageWithDense) ||
    dense >= options.strongDenseScore;
  const confident = !unseenYear && (best >= options.minCoverage || denseOk);
  return { confident, coverage: best };
}
