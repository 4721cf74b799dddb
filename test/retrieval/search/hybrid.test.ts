import { describe, expect, it } from "vitest";
import { type Concept, type LexicalHit, LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import {
  type ConfidenceOptions,
  calibrateDense,
  conceptIdf,
  confidenceFor,
  coverage,
  coverageIdf,
  defaultConfidence,
  type FusedHit,
  fuse,
  isConfident,
} from "../../../retrieval/search/hybrid.ts";

const index = new LexicalIndex(
  [
    "OpenAI verpflichtete sich zu 250 Milliarden für Azure.",
    "Microsoft hält 27 Prozent an OpenAI.",
    "Nvidia baut Chips.",
    "Amazon verhandelt mit OpenAI.",
    "Der Deal wurde 2025 verkündet.",
  ].map((body) => ({ body, section: "", lang: "de" as const })),
);

const concept = (term: string, weight = 1): Concept => ({
  word: term,
  variants: [{ term, weight: 1 }],
  weight,
  isNumber: /^\d/.test(term),
});

function hitsFor(concepts: Concept[]): FusedHit[] {
  return fuse(index.search(concepts, 5), [], 5);
}

/** A lexical hit that matched the given concepts (by position in the question), for exact coverage. */
const lexicalHit = (id: number, ...matched: number[]): LexicalHit => ({
  id,
  score: 1,
  matched: new Set(matched),
});
const fused = (id: number, matched: number[], denseScore?: number): FusedHit => ({
  id,
  score: 1 / (id + 1),
  lexical: lexicalHit(id, ...matched),
  ...(denseScore === undefined ? {} : { dense: { id, score: denseScore } }),
});

/**
 * Four question words that each occur in exactly one passage: equal IDF, so matching k of them covers k/4.
 * ("chips" and "verhandelt" and "verkundet" and "azur" each stand in one of the five passages.)
 */
const four = [concept("chips"), concept("verhandelt"), concept("verkundet"), concept("azur")];

/** Thresholds that isolate one rule: everything else is out of reach. */
const only = (overrides: Partial<ConfidenceOptions>): ConfidenceOptions => ({
  minCoverage: 2,
  minSentenceCoverage: 2,
  crossLanguageFactor: 1,
  minDenseScore: 2,
  minCoverageWithDense: 2,
  strongDenseScore: 2,
  ...overrides,
});

describe("fusion", () => {
  it("ranks by reciprocal rank and keeps either list's evidence", () => {
    const lexical: LexicalHit[] = [{ id: 3, score: 2, matched: new Set([0]) }];
    const fused = fuse(
      lexical,
      [
        { id: 1, score: 0.9 },
        { id: 3, score: 0.8 },
      ],
      5,
    );
    expect(fused[0]?.id).toBe(3);
    expect(fused[0]?.lexical?.score).toBe(2);
    expect(fused[0]?.dense?.score).toBe(0.8);
    expect(fused.map((h) => h.id)).toEqual([3, 1]);
  });

  it("scores by rank alone (1 / (60 + rank)), breaks ties by id and cuts at the limit", () => {
    const fusedHits = fuse(
      [lexicalHit(7), lexicalHit(2)],
      [
        { id: 2, score: 0.5 },
        { id: 7, score: 0.4 },
        { id: 9, score: 0.3 },
      ],
      2,
    );
    // 7 and 2 are first and second in one list each: equal scores, so the lower id wins.
    expect(fusedHits.map((h) => h.id)).toEqual([2, 7]);
    expect(fusedHits[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
  });

  it("works with either list empty", () => {
    expect(fuse([], [{ id: 4, score: 0.9 }], 5).map((h) => h.id)).toEqual([4]);
    expect(fuse([lexicalHit(1)], [], 5).map((h) => h.id)).toEqual([1]);
    expect(fuse([], [], 5)).toEqual([]);
  });
});

describe("concept weight (IDF)", () => {
  it("is the IDF of the rarest variant the index holds; absent variants don't count", () => {
    const mixed: Concept = {
      word: "openai",
      variants: [
        { term: "openai", weight: 1 },
        { term: "chips", weight: 0.5 },
        { term: "nirgends", weight: 1 },
      ],
      weight: 1,
      isNumber: false,
    };
    expect(index.idf("chips")).toBeGreaterThan(index.idf("openai"));
    expect(conceptIdf(mixed, index)).toBe(index.idf("chips"));
  });

  it("gives a word the corpus lacks the unseen IDF, and a number it lacks half as much again", () => {
    expect(conceptIdf(concept("kuhlsyst"), index)).toBe(index.unseenIdf());
    expect(conceptIdf(concept("2019"), index)).toBeCloseTo(index.unseenIdf() * 1.5, 12);
    // A number the corpus states weighs like any other term.
    expect(conceptIdf(concept("2025"), index)).toBe(index.idf("2025"));
  });
});

describe("coverage weight (IDF of a concept's variants as one term)", () => {
  it("counts the passages holding any variant, so a common relative makes the word common", () => {
    const rareOnly: Concept = {
      word: "chips",
      variants: [{ term: "chips", weight: 1 }],
      weight: 1,
      isNumber: false,
    };
    const withCommon: Concept = {
      ...rareOnly,
      variants: [...rareOnly.variants, { term: "openai", weight: 0.5 }],
    };
    // Ranking keeps the rarest variant's IDF; coverage sees the union of both variants' passages.
    expect(conceptIdf(withCommon, index)).toBe(conceptIdf(rareOnly, index));
    expect(coverageIdf(withCommon, index)).toBeLessThan(coverageIdf(rareOnly, index));
    expect(coverageIdf(rareOnly, index)).toBe(index.idf("chips"));
    const union = index.documentFrequency("chips") + index.documentFrequency("openai");
    expect(coverageIdf(withCommon, index)).toBeCloseTo(
      Math.max(index.idfOf(union), 0.2 * index.unseenIdf()),
      12,
    );
  });

  it("gives a word the corpus lacks the unseen IDF, and a word in every passage a floor above zero", () => {
    expect(coverageIdf(concept("kuhlsyst"), index)).toBe(index.unseenIdf());
    expect(coverageIdf(concept("2019"), index)).toBeCloseTo(index.unseenIdf() * 1.5, 12);
    const everywhere: Concept = {
      word: "alles",
      variants: [...Array(index.size).keys()].map(() => ({ term: "openai", weight: 1 })),
      weight: 1,
      isNumber: false,
    };
    expect(coverageIdf(everywhere, index)).toBeCloseTo(0.2 * index.unseenIdf(), 12);
  });
});

describe("coverage", () => {
  it("is the matched share of the question's IDF mass", () => {
    expect(coverage(lexicalHit(0, 0, 1), four, index)).toBeCloseTo(0.5, 12);
    expect(coverage(lexicalHit(0, 0, 1, 2, 3), four, index)).toBeCloseTo(1, 12);
    // Unequal weights: an unseen word weighs more than a seen one.
    const unequal = [concept("chips"), concept("kuhlsyst")];
    const expected = index.idf("chips") / (index.idf("chips") + index.unseenIdf());
    expect(coverage(lexicalHit(0, 0), unequal, index)).toBeCloseTo(expected, 12);
  });

  it("counts only the question's own words, not context borrowed from an earlier question", () => {
    const withContext = [...four.slice(0, 2), concept("verkundet", 0.35), concept("azur", 0.35)];
    // Matching both own words is full coverage, whatever the context words do.
    expect(coverage(lexicalHit(0, 0, 1), withContext, index)).toBeCloseTo(1, 12);
    expect(coverage(lexicalHit(0, 2, 3), withContext, index)).toBe(0);
  });

  it("is 0 without a lexical hit or without any own words", () => {
    expect(coverage(undefined, four, index)).toBe(0);
    expect(coverage(lexicalHit(0, 0), [concept("chips", 0.35)], index)).toBe(0);
  });
});

describe("abstention policy", () => {
  it("answers when the best passage covers enough of the question", () => {
    const concepts = [concept("azur"), concept("verpflichtet")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(true);
  });

  it("abstains when the passage covers too little of the question's weight", () => {
    const concepts = [concept("azur"), concept("umsatz"), concept("kuhlsyst"), concept("rechenzentr")];
    const hits = hitsFor(concepts);
    const best = Math.max(...hits.slice(0, 3).map((h) => coverage(h.lexical, concepts, index)));
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(defaultConfidence.minCoverage);
    expect(isConfident(hits, concepts, index).confident).toBe(false);
  });

  it("answers from coverage at the threshold and not below it", () => {
    const half = [fused(0, [0, 1])];
    expect(coverage(half[0]?.lexical, four, index)).toBeCloseTo(0.5, 12);
    expect(isConfident(half, four, index, only({ minCoverage: 0.5 }))).toMatchObject({
      confident: true,
      denseOnly: false,
    });
    expect(isConfident(half, four, index, only({ minCoverage: 0.51 })).confident).toBe(false);
  });

  it("judges the best of the top three passages only", () => {
    const weak = (id: number) => fused(id, [0]);
    const fourthIsFull = [weak(0), weak(1), weak(2), fused(3, [0, 1, 2, 3])];
    expect(isConfident(fourthIsFull, four, index, only({ minCoverage: 0.5 })).confident).toBe(false);
    const thirdIsFull = [weak(0), weak(1), fused(2, [0, 1, 2, 3]), weak(3)];
    const result = isConfident(thirdIsFull, four, index, only({ minCoverage: 0.5 }));
    expect(result).toMatchObject({ confident: true, denseOnly: false });
  });

  it("wants two of the question's things matched in one passage when it names two or more", () => {
    // Each passage holds only one of them: OpenAI and Nvidia are never together.
    const concepts = [concept("nvidia"), concept("verhandelt")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(false);
    // Exactly: one matched word of two is 0.5 coverage, but it doesn't count as lexical evidence at all.
    const two = [concept("chips"), concept("verhandelt")];
    expect(coverage(lexicalHit(0, 0), two, index)).toBeGreaterThan(0.1);
    expect(isConfident([fused(0, [0])], two, index, only({ minCoverage: 0.1 })).confident).toBe(false);
    // A one-word question needs that one word.
    const one = [concept("chips")];
    expect(isConfident([fused(0, [0])], one, index, only({ minCoverage: 1 })).confident).toBe(true);
  });

  it("abstains on a year the corpus never mentions", () => {
    const concepts = [concept("deal"), concept("verkundet"), concept("2019")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(false);
    const known = [concept("deal"), concept("verkundet"), concept("2025")];
    expect(isConfident(hitsFor(known), known, index).confident).toBe(true);
  });

  it("lets no evidence, lexical or dense, outweigh an unseen year", () => {
    const concepts = [...four, concept("2019")];
    const perfect = [fused(0, [0, 1, 2, 3], 0.99)];
    expect(isConfident(perfect, concepts, index).confident).toBe(false);
    // Only a year counts as "about another time": an unseen amount or an old date does not block by itself.
    for (const other of ["1750", "250000", "2019x"]) {
      const withOther = [...four, concept(other)];
      expect(isConfident(perfect, withOther, index, only({ minCoverage: 0.5 })).confident, other).toBe(true);
    }
    // A year in the follow-up context is not the question's own.
    const contextYear = [...four, concept("2019", 0.35)];
    expect(isConfident(perfect, contextYear, index, only({ minCoverage: 0.5 })).confident).toBe(true);
  });

  it("ignores context concepts (weight below 1) for coverage", () => {
    const concepts = [concept("azur"), concept("verpflichtet"), concept("kuhlsyst", 0.35)];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(true);
  });

  it("never answers a question without words of its own, however close the embedding", () => {
    const contextOnly = [concept("chips", 0.35)];
    expect(isConfident([fused(0, [0], 0.99)], contextOnly, index)).toMatchObject({
      confident: false,
      denseOnly: false,
    });
  });
});

describe("dense thresholds", () => {
  it("lets a strong dense match carry a paraphrase, and says so", () => {
    const concepts = [concept("umsatz"), concept("kuhlsyst")];
    const hits: FusedHit[] = [{ id: 0, score: 1, dense: { id: 0, score: 0.95 } }];
    expect(isConfident(hits, concepts, index)).toMatchObject({ confident: true, denseOnly: true });
    const weak: FusedHit[] = [{ id: 0, score: 1, dense: { id: 0, score: 0.8 } }];
    expect(isConfident(weak, concepts, index).confident).toBe(false);
  });

  it("answers on the strong score alone, from the threshold up", () => {
    const options = only({ strongDenseScore: 0.9 });
    const denseHit = (score: number): FusedHit[] => [{ id: 0, score: 1, dense: { id: 0, score } }];
    expect(isConfident(denseHit(0.9), four, index, options)).toMatchObject({
      confident: true,
      denseOnly: true,
    });
    // Below it nothing carries the answer, and an abstention is never "dense only".
    expect(isConfident(denseHit(0.8999), four, index, options)).toMatchObject({
      confident: false,
      denseOnly: false,
    });
  });

  it("answers on the lower dense score only with some lexical support", () => {
    const options = only({ minDenseScore: 0.8, minCoverageWithDense: 0.25 });
    // One of four words (0.25) in the passage: enough with the dense score, and it counts although a
    // one-word match is no lexical evidence on its own.
    expect(isConfident([fused(0, [0], 0.8)], four, index, options)).toMatchObject({
      confident: true,
      denseOnly: true,
    });
    expect(isConfident([fused(0, [], 0.8)], four, index, options).confident).toBe(false);
    expect(isConfident([fused(0, [0], 0.79)], four, index, options).confident).toBe(false);
    // The support may come from another of the top three passages than the dense match.
    const split = [{ id: 5, score: 1, dense: { id: 5, score: 0.8 } }, fused(1, [0])];
    expect(isConfident(split, four, index, options).confident).toBe(true);
  });

  it("looks at the dense scores of the top three passages only", () => {
    const options = only({ strongDenseScore: 0.9 });
    const hits = [fused(0, []), fused(1, []), fused(2, []), fused(3, [], 0.99)];
    expect(isConfident(hits, four, index, options).confident).toBe(false);
  });

  it("is not 'dense only' when the lexical evidence is enough by itself", () => {
    const options = only({ minCoverage: 0.5, strongDenseScore: 0.9 });
    expect(isConfident([fused(0, [0, 1], 0.95)], four, index, options)).toMatchObject({
      confident: true,
      denseOnly: false,
    });
  });
});

describe("cross-language questions", () => {
  it("get both coverage thresholds scaled by the factor and the dense ones unchanged", () => {
    const scaled = confidenceFor(defaultConfidence, true);
    expect(scaled.minCoverage).toBeCloseTo(
      defaultConfidence.minCoverage * defaultConfidence.crossLanguageFactor,
      12,
    );
    expect(scaled.minSentenceCoverage).toBeCloseTo(
      defaultConfidence.minSentenceCoverage * defaultConfidence.crossLanguageFactor,
      12,
    );
    expect(scaled.minCoverage).toBeLessThan(defaultConfidence.minCoverage);
    expect(scaled).toMatchObject({
      minDenseScore: defaultConfidence.minDenseScore,
      strongDenseScore: defaultConfidence.strongDenseScore,
      minCoverageWithDense: defaultConfidence.minCoverageWithDense,
    });
    expect(confidenceFor(defaultConfidence, false)).toBe(defaultConfidence);
  });

  it("answer from a coverage the same question in the corpus language would abstain on", () => {
    const options: ConfidenceOptions = { ...defaultConfidence, minCoverage: 0.5, crossLanguageFactor: 0.7 };
    // Three of eight equal words: 0.375, under 0.5 but over 0.5 · 0.7 = 0.35.
    const eight = [...four, concept("nvidia"), concept("amazon"), concept("deal"), concept("baut")];
    expect(eight.map((c) => conceptIdf(c, index))).toEqual(Array(8).fill(index.idf("chips")));
    const hits = [fused(0, [0, 1, 2])];
    expect(isConfident(hits, eight, index, confidenceFor(options, false)).confident).toBe(false);
    expect(isConfident(hits, eight, index, confidenceFor(options, true)).confident).toBe(true);
  });
});

describe("dense calibration", () => {
  it("derives the thresholds from the background similarity of passage pairs", () => {
    const background = Array.from({ length: 1000 }, (_, i) => 0.7 + (0.14 * i) / 999);
    const calibrated = calibrateDense(background);
    expect(calibrated?.minDenseScore).toBeCloseTo(0.84 + 0.15 * 0.16, 2);
    expect(calibrated?.strongDenseScore).toBeCloseTo(0.84 + 0.5 * 0.16, 2);
  });

  it("takes the 99th percentile (rank ⌊0.99·n⌋ of the sorted pairs), whatever the input order", () => {
    // 100 pairs: the 99th percentile is the value at sorted position 99, the largest here.
    const values = Array.from({ length: 100 }, (_, i) => i / 100);
    const shuffled = Array.from({ length: 100 }, (_, i) => values[(i * 37) % 100] as number);
    expect(new Set(shuffled).size).toBe(100);
    const copy = [...shuffled];
    const calibrated = calibrateDense(shuffled);
    expect(calibrated?.minDenseScore).toBeCloseTo(0.99 + 0.15 * 0.01, 12);
    expect(calibrated?.strongDenseScore).toBeCloseTo(0.99 + 0.5 * 0.01, 12);
    expect(shuffled).toEqual(copy); // the caller's sample is not reordered
    // 150 pairs: ⌊148.5⌋ = position 148 of 0..149, so the largest value (149) is an outlier it ignores.
    const pairs = Array.from({ length: 150 }, (_, i) => (i === 149 ? 0.99 : i / 1000));
    expect(calibrateDense(pairs)?.minDenseScore).toBeCloseTo(0.148 + 0.15 * (1 - 0.148), 12);
  });

  it("moves with the model: a model whose unrelated texts score 0.2 gets low thresholds", () => {
    const calibrated = calibrateDense(Array.from({ length: 500 }, (_, i) => 0.1 + (0.1 * i) / 499));
    expect(calibrated?.minDenseScore).toBeLessThan(0.4);
    expect(calibrated?.strongDenseScore).toBeGreaterThan(calibrated?.minDenseScore ?? 1);
  });

  it("never sets a threshold below the background, even when it scores at or above 1", () => {
    const calibrated = calibrateDense(Array(60).fill(1.02));
    expect(calibrated).toEqual({ minDenseScore: 1.02, strongDenseScore: 1.02 });
  });

  it("keeps the defaults when there are too few passages to sample (fewer than 50 pairs)", () => {
    expect(calibrateDense([0.5, 0.6])).toBeNull();
    expect(calibrateDense(Array(49).fill(0.5))).toBeNull();
    expect(calibrateDense(Array(50).fill(0.5))).not.toBeNull();
  });
});
