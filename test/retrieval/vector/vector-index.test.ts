import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VectorIndex } from "../../../retrieval/vector/vector-index.ts";
import { seededRandom } from "../../../tools/random.ts";

function randomVectors(count: number, dims: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dims }, () => random() * 2 - 1));
}

const ids = (hits: Array<{ id: number }>) => hits.map((h) => h.id);

describe("VectorIndex", () => {
  const dims = 32;
  const vectors = randomVectors(2000, dims, 1);
  const queries = randomVectors(50, dims, 2);
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-vectors-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("picks exact search for small indexes and HNSW from the threshold on", () => {
    expect(VectorIndex.build(vectors.slice(0, 10), dims).kind).toBe("exact");
    expect(VectorIndex.build(vectors.slice(0, 10), dims, { exactBelow: 10 }).kind).toBe("hnsw");
    expect(VectorIndex.build([], dims, { exactBelow: 0 }).kind).toBe("exact");
  });

  it("HNSW finds at least 95% of the exact top 10 on 2000 random vectors", () => {
    const exact = VectorIndex.build(vectors, dims, { exactBelow: Number.POSITIVE_INFINITY });
    const hnsw = VectorIndex.build(vectors, dims, { exactBelow: 0 });
    expect(exact.kind).toBe("exact");
    expect(hnsw.kind).toBe("hnsw");
    let found = 0;
    for (const q of queries) {
      const truth = new Set(ids(exact.search(q, 10)));
      found += ids(hnsw.search(q, 10)).filter((id) => truth.has(id)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it("scores are cosine similarities, best first, equal between the two kinds", () => {
    const small = vectors.slice(0, 200);
    const exact = VectorIndex.build(small, dims);
    const hnsw = VectorIndex.build(small, dims, { exactBelow: 0 });
    const query = small[17] as Float32Array;
    const [top] = exact.search(query, 1);
    expect(top?.id).toBe(17);
    expect(top?.score).toBeCloseTo(1, 5);
    const exactHits = exact.search(queries[0] as Float32Array, 20);
    const scores = exactHits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const hnswHits = hnsw.search(queries[0] as Float32Array, 20);
    const shared = hnswHits.flatMap((hit) => {
      const same = exactHits.find((h) => h.id === hit.id);
      return same ? [{ hnsw: hit.score, exact: same.score }] : [];
    });
    // Not vacuous: the two searches share most of their hits (200 vectors: HNSW is near exact), each scored alike.
    expect(shared.length).toBeGreaterThanOrEqual(15);
    for (const pair of shared) expect(pair.hnsw).toBeCloseTo(pair.exact, 5);
  });

  it("clamps k to the index size and returns nothing for k <= 0 or an empty index", () => {
    for (const exactBelow of [0, 1000]) {
      const index = VectorIndex.build(vectors.slice(0, 5), dims, { exactBelow });
      expect(index.size).toBe(5);
      expect(index.search(queries[0] as Float32Array, 50)).toHaveLength(5);
      expect(index.search(queries[0] as Float32Array, 0)).toEqual([]);
      expect(index.search(queries[0] as Float32Array, -3)).toEqual([]);
    }
    expect(VectorIndex.build([], dims).search(queries[0] as Float32Array, 5)).toEqual([]);
  });

  it("rejects vectors and queries of the wrong size", () => {
    const index = VectorIndex.build(vectors.slice(0, 5), dims);
    expect(() => index.search(new Float32Array(dims + 1), 3)).toThrow(/33 dimensions, the index has 32/);
    expect(() => VectorIndex.build([new Float32Array(8)], dims)).toThrow(RangeError);
    expect(() => VectorIndex.build([Float32Array.from({ length: dims }, () => Number.NaN)], dims)).toThrow(
      /NaN/,
    );
  });

  it("gives a zero vector similarity 0 instead of NaN", () => {
    for (const exactBelow of [0, 1000]) {
      const index = VectorIndex.build([new Float32Array(dims), ...vectors.slice(0, 3)], dims, { exactBelow });
      const hits = index.search(new Float32Array(dims), 4);
      expect(hits).toHaveLength(4);
      for (const hit of hits) expect(Number.isFinite(hit.score)).toBe(true);
      const zero = index.search(vectors[0] as Float32Array, 4).find((h) => h.id === 0);
      expect(zero?.score).toBeCloseTo(0, 6);
    }
  });

  it("grows past the capacity it was built with", () => {
    const index = VectorIndex.build(vectors.slice(0, 3), dims, { exactBelow: 0 });
    for (const v of vectors.slice(3, 40)) index.add(v);
    expect(index.size).toBe(40);
    expect(index.search(vectors[39] as Float32Array, 1)[0]?.id).toBe(39);
  });

  it("saves and loads both kinds with identical results", async () => {
    for (const exactBelow of [Number.POSITIVE_INFINITY, 0]) {
      const index = VectorIndex.build(vectors, dims, { exactBelow });
      const target = path.join(dir, index.kind);
      await rm(target, { recursive: true, force: true });
      await mkdir(target);
      const written = await index.save(target);
      expect((await readdir(target)).sort()).toEqual([...written].sort());
      expect(written).toEqual(index.kind === "hnsw" ? ["vectors.f32", "vectors.hnsw"] : ["vectors.f32"]);
      const loaded = await VectorIndex.load(target, dims, vectors.length, { exactBelow });
      expect(loaded.kind).toBe(index.kind);
      expect(loaded.size).toBe(vectors.length);
      for (const q of queries.slice(0, 10)) expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
    }
  });

  it("loads saved vectors as the kind the options ask for, and checks the sizes", async () => {
    const target = path.join(dir, "hnsw");
    const asExact = await VectorIndex.load(target, dims, vectors.length, { exactBelow: 1e9 });
    expect(asExact.kind).toBe("exact");
    const exact = VectorIndex.build(vectors, dims, { exactBelow: 1e9 });
    expect(ids(asExact.search(queries[0] as Float32Array, 10))).toEqual(
      ids(exact.search(queries[0] as Float32Array, 10)),
    );
    await expect(VectorIndex.load(target, dims, vectors.length - 1)).rejects.toThrow(/bytes, expected/);
    await expect(VectorIndex.load(target, dims * 2, vectors.length / 2, { exactBelow: 0 })).rejects.toThrow();
  });
});
