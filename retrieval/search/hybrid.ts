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

/** How much a concept weighs in ranking: the IDF of its rarest variant present in the index, or the unseen IDF. */
export function conceptIdf(concept: Concept, index: LexicalIndex): number {
  let best = 0;
  for (const v of concept.variants) if (index.has(v.term)) best = Math.max(best, index.idf(v.term));
  if (best > 0) return best;
  return unseenConceptIdf(concept, index);
}

/** A number the corpus never states (a year, an amount) is strong evidence the article doesn't cover it. */
function unseenConceptIdf(concept: Concept, index: LexicalIndex): number {
  return index.unseenIdf() * (concept.isNumber ? 1.5 : 1);
}

/** Share of the rarest IDF that even a word in every passage keeps in coverage. */
const COVERAGE_IDF_FLOOR = 0.2;

/**
 * How much a concept weighs in judging coverage: the IDF of all its variants taken as one term (Pirkola's
 * structured queries), from the number of passages holding any of them. A word whose weak relatives or many
 * translations are everywhere ("erste" ~ "erstreckt", "office" ~ "Amt") is common, however rare one relative
 * is, so a passage matching only such words covers little of a question whose specific word it lacks. The
 * floor keeps a word the whole article is about (its company) from counting for nothing.
 */
export function coverageIdf(concept: Concept, index: LexicalIndex): number {
  let df = 0;
  for (const v of concept.variants) df += index.documentFrequency(v.term);
  if (df === 0) return unseenConceptIdf(concept, index);
  return Math.max(index.idfOf(Math.min(df, index.size)), COVERAGE_IDF_FLOOR * index.unseenIdf());
}

/** Share of the question's own (non-context) IDF mass that a chunk matched, 0..1. */
export function coverage(hit: LexicalHit | undefined, concepts: Concept[], index: LexicalIndex): number {
  let total = 0;
  let matched = 0;
  concepts.forEach((concept, i) => {
    if (concept.weight < 1) return;
    const idf = coverageIdf(concept, index);
    total += idf;
    if (hit?.matched.has(i)) matched += idf;
  });
  return total === 0 ? 0 : matched / total;
}

export interface ConfidenceOptions {
  /** Lexical coverage of the best passage needed to answer on lexical evidence. */
  minCoverage: number;
  /**
   * Coverage the answer sentence itself must reach (its previous sentence and heading count half): a passage
   * can cover a question across sentences while no sentence answers it.
   */
  minSentenceCoverage: number;
  /**
   * Both coverage thresholds are scaled by this for a question in the other language than the corpus: a
   * dictionary-translated question matches fewer of its words than one asked in the text's own language.
   */
  crossLanguageFactor: number;
  /** Cosine similarity that, with at least `minCoverageWithDense` lexical coverage, is enough to answer. */
  minDenseScore: number;
  minCoverageWithDense: number;
  /** Cosine similarity that is enough on its own (a paraphrase sharing no words). */
  strongDenseScore: number;
}

/**
 * Dense thresholds below are multilingual-e5's (its cosine scores bunch between 0.7 and 0.95) and only the
 * fallback: a live index derives its own from the corpus (`calibrateDense`), so another model works too.
 */
export const defaultConfidence: ConfidenceOptions = {
  minCoverage: 0.35,
  minDenseScore: 0.86,
  minCoverageWithDense: 0.25,
  minSentenceCoverage: 0.35,
  crossLanguageFactor: 0.9,
  strongDenseScore: 0.92,
};

/** The thresholds for one question: cross-language questions get the scaled coverage thresholds. */
export function confidenceFor(options: ConfidenceOptions, crossLanguage: boolean): ConfidenceOptions {
  if (!crossLanguage) return options;
  return {
    ...options,
    minCoverage: options.minCoverage * options.crossLanguageFactor,
    minSentenceCoverage: options.minSentenceCoverage * options.crossLanguageFactor,
  };
}

/** Below this many sampled pairs the background is too noisy to trust; the defaults stay. */
const MIN_CALIBRATION_PAIRS = 50;

/**
 * Dense thresholds from the corpus itself: cosine similarities of random passage pairs are the background
 * (unrelated texts, as this model and this corpus score them). A question must beat its 99th percentile by a
 * margin to count with some lexical support, and by half the remaining distance to 1 to count on its own.
 * For multilingual-e5 (background p99 ≈ 0.84) this gives the hand-set 0.86 / 0.92.
 */
export function calibrateDense(
  background: number[],
): Pick<ConfidenceOptions, "minDenseScore" | "strongDenseScore"> | null {
  if (background.length < MIN_CALIBRATION_PAIRS) return null;
  const sorted = [...background].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] as number;
  const headroom = Math.max(0, 1 - p99);
  return { minDenseScore: p99 + 0.15 * headroom, strongDenseScore: p99 + 0.5 * headroom };
}

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
): { confident: boolean; denseOnly: boolean } {
  const own = concepts.map((c, i) => ({ c, i })).filter(({ c }) => c.weight >= 1);
  if (own.length === 0) return { confident: false, denseOnly: false };
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
  const lexicalOk = best >= options.minCoverage;
  const confident = !unseenYear && (lexicalOk || denseOk);
  // Carried by the embedding alone (a paraphrase): sentence picking can't demand the question's words then.
  return { confident, denseOnly: confident && !lexicalOk };
}
