import { describe, expect, it } from "vitest";
import { type Concept, type LexicalHit, LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import {
  calibrateDense,
  confidenceFor,
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
});

describe("abstention policy", () => {
  it("answers when the best passage covers enough of the question", () => {
    const concepts = [concept("azur"), concept("verpflichtet")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(true);
  });

  it("abstains when the passage covers too little of the question's weight", () => {
    const concepts = [concept("azur"), concept("umsatz"), concept("kuhlsyst"), concept("rechenzentr")];
    const result = isConfident(hitsFor(concepts), concepts, index);
    expect(result.coverage).toBeLessThan(defaultConfidence.minCoverage);
    expect(result.confident).toBe(false);
  });

  it("wants two of the question's things matched in one passage when it names two or more", () => {
    // Each passage holds only one of them: OpenAI and Nvidia are never together.
    const concepts = [concept("nvidia"), concept("verhandelt")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(false);
  });

  it("abstains on a year the corpus never mentions", () => {
    const concepts = [concept("deal"), concept("verkundet"), concept("2019")];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(false);
    const known = [concept("deal"), concept("verkundet"), concept("2025")];
    expect(isConfident(hitsFor(known), known, index).confident).toBe(true);
  });

  it("ignores context concepts (weight below 1) for coverage", () => {
    const concepts = [concept("azur"), concept("verpflichtet"), concept("kuhlsyst", 0.35)];
    expect(isConfident(hitsFor(concepts), concepts, index).confident).toBe(true);
  });

  it("lets a strong dense match carry a paraphrase, and says so", () => {
    const concepts = [concept("umsatz"), concept("kuhlsyst")];
    const hits: FusedHit[] = [{ id: 0, score: 1, dense: { id: 0, score: 0.95 } }];
    expect(isConfident(hits, concepts, index)).toMatchObject({ confident: true, denseOnly: true });
    const weak: FusedHit[] = [{ id: 0, score: 1, dense: { id: 0, score: 0.8 } }];
    expect(isConfident(weak, concepts, index).confident).toBe(false);
  });
});

describe("cross-language questions", () => {
  it("get lower coverage thresholds, since translation loses words", () => {
    const scaled = confidenceFor(defaultConfidence, true);
    expect(scaled.minCoverage).toBeLessThan(defaultConfidence.minCoverage);
    expect(scaled.minSentenceCoverage).toBeLessThan(defaultConfidence.minSentenceCoverage);
    expect(confidenceFor(defaultConfidence, false)).toBe(defaultConfidence);
  });
});

describe("dense calibration", () => {
  it("derives the thresholds from the background similarity of passage pairs", () => {
    const background = Array.from({ length: 1000 }, (_, i) => 0.7 + (0.14 * i) / 999);
    const calibrated = calibrateDense(background);
    expect(calibrated?.minDenseScore).toBeCloseTo(0.84 + 0.15 * 0.16, 2);
    expect(calibrated?.strongDenseScore).toBeCloseTo(0.84 + 0.5 * 0.16, 2);
  });

  it("moves with the model: a model whose unrelated texts score 0.2 gets low thresholds", () => {
    const calibrated = calibrateDense(Array.from({ length: 500 }, (_, i) => 0.1 + (0.1 * i) / 499));
    expect(calibrated?.minDenseScore).toBeLessThan(0.4);
    expect(calibrated?.strongDenseScore).toBeGreaterThan(calibrated?.minDenseScore ?? 1);
  });

  it("keeps the defaults when there are too few passages to sample", () => {
    expect(calibrateDense([0.5, 0.6])).toBeNull();
  });
});
