import { describe, expect, it } from "vitest";
import { generateCorpus, learnArticle, syntheticQuestions } from "../../bench/synthetic-corpus.ts";
import { ClusterModel, clusteredVectors } from "../../bench/synthetic-vectors.ts";
import { ingestText } from "../../retrieval/corpus/ingest.ts";
import { seededRandom, zipfSampler } from "../../tools/random.ts";

const ARTICLE = [
  "Nvidia und OpenAI verhandeln über eine Partnerschaft im Wert von 100 Milliarden Dollar.",
  "Microsoft besitzt 27% von OpenAI und liefert Rechenleistung über Azure.",
  "Amazon führt Investitionsgespräche über 50 Milliarden Dollar mit OpenAI.",
  "| Partner | Anteil |",
  "Die Rechenzentren brauchen zehn Gigawatt Strom für das Training neuer Modelle.",
].join("\n");

describe("bench synthetic corpus", () => {
  it("learns a word chain from prose only (no table markup)", () => {
    const model = learnArticle(ARTICLE);
    expect(model.starts).toContain("Nvidia");
    expect(model.next.get("Nvidia")).toEqual(["und"]);
    expect([...model.next.keys()].some((w) => w.includes("|"))).toBe(false);
    expect(model.contentWords).toContain("Partnerschaft");
  });

  it("is deterministic per seed and ingests into about the requested number of chunks", () => {
    const model = learnArticle(ARTICLE);
    const a = generateCorpus(model, { targetChunks: 300, seed: 7 });
    const b = generateCorpus(model, { targetChunks: 300, seed: 7 });
    const c = generateCorpus(model, { targetChunks: 300, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const chunks = a.flatMap((f) => ingestText(f.name, f.text).chunks);
    expect(chunks.length).toBeGreaterThanOrEqual(300);
    expect(chunks.length).toBeLessThan(450);
  });

  it("writes questions from the article's words", () => {
    const questions = syntheticQuestions(learnArticle(ARTICLE), 5, 1);
    expect(questions).toHaveLength(5);
    for (const q of questions) expect(q.endsWith("?")).toBe(true);
  });

  it("samples Zipf ranks with the head most frequent", () => {
    const sample = zipfSampler(1000, 1, seededRandom(3));
    const counts = new Map<number, number>();
    for (let i = 0; i < 20000; i++) {
      const r = sample();
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    expect(counts.get(0) ?? 0).toBeGreaterThan(counts.get(9) ?? 0);
    expect(Math.max(...counts.keys())).toBeLessThan(1000);
  });

  it("makes unit vectors whose cluster mates are closer than strangers", () => {
    const model = new ClusterModel({ dims: 64, clusters: 4, seed: 1 });
    const random = seededRandom(2);
    const a = model.sample(0, random);
    const b = model.sample(0, random);
    const other = model.sample(3, random);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * (y[i] ?? 0), 0);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeGreaterThan(dot(a, other));
    expect(clusteredVectors(model, 10, 5)).toHaveLength(10);
  });
});
