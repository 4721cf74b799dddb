/**
 * Cosine nearest-neighbour search over chunk vectors. Small indexes use exact brute force over one
 * contiguous Float32Array (as fast as HNSW at article scale, and exact); from 1k vectors on, hnswlib.
 * Ids are chunk positions 0..n-1.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import hnswlib, { type HierarchicalNSW } from "hnswlib-node";
import { noPause, type Pause } from "../cooperative.ts";

export interface VectorIndexOptions {
  /** HNSW graph degree. */
  M: number;
  efConstruction: number;
  efSearch: number;
  /** Below this many vectors, search is exact brute force instead of HNSW. */
  exactBelow: number;
}

/**
 * Chosen from `npm run bench` (docs/BENCHMARKS.md, 384 dims): exact JS search costs ~0.5 ms at 1k vectors and
 * ~2 ms at 4k while HNSW stays at 0.1–0.2 ms with recall@10 = 1.0, so HNSW takes over from 1k; efSearch 100
 * is the smallest swept value with recall@10 ≥ 0.98 at 100k (64 gives 0.97); M 16 / efConstruction 200 keep
 * recall 0.9995 there (efConstruction 100 builds 40% faster but drops to 0.996).
 */
export const defaultVectorIndexOptions: VectorIndexOptions = {
  M: 16,
  efConstruction: 200,
  efSearch: 100,
  exactBelow: 1000,
};

export interface VectorHit {
  id: number;
  /** Cosine similarity, higher is better. */
  score: number;
}

export type VectorIndexKind = "exact" | "hnsw";

export const VECTORS_FILE = "vectors.f32";
export const HNSW_FILE = "vectors.hnsw";

/** Fixed so that rebuilding the same vectors yields the same graph. */
const HNSW_SEED = 100;

export class VectorIndex {
  readonly dims: number;
  readonly kind: VectorIndexKind;
  readonly options: VectorIndexOptions;
  /** Unit vectors, row-major; capacity grows by doubling. Kept for both kinds so `save` can write them. */
  private vectors: Float32Array;
  private count = 0;
  private readonly hnsw: HierarchicalNSW | null;

  private constructor(
    dims: number,
    kind: VectorIndexKind,
    options: VectorIndexOptions,
    capacity: number,
    graph?: HierarchicalNSW,
  ) {
    if (!Number.isInteger(dims) || dims < 1) {
      throw new RangeError(`dims must be a positive integer, got ${dims}`);
    }
    this.dims = dims;
    this.kind = kind;
    this.options = options;
    this.vectors = new Float32Array(Math.max(1, capacity) * dims);
    this.hnsw = kind === "exact" ? null : (graph ?? createHnsw(dims, Math.max(1, capacity), options));
  }

  static build(vectors: Float32Array[], dims: number, opts: Partial<VectorIndexOptions> = {}): VectorIndex {
    const options = { ...defaultVectorIndexOptions, ...opts };
    const kind = chooseKind(vectors.length, options);
    const index = new VectorIndex(dims, kind, options, vectors.length);
    for (const vector of vectors) index.add(vector);
    return index;
  }

  /** Reads what `save` wrote. `count` and `dims` come from the caller's manifest and are checked against the files. */
  static async load(
    dir: string,
    dims: number,
    count: number,
    opts: Partial<VectorIndexOptions> = {},
    /** `raw`: vectors.f32 when the caller has read (and checked) it already; `pause` yields between slices. */
    saved: { raw?: Buffer; pause?: Pause } = {},
  ): Promise<VectorIndex> {
    const options = { ...defaultVectorIndexOptions, ...opts };
    const pause = saved.pause ?? noPause;
    const raw = saved.raw ?? (await readFile(path.join(dir, VECTORS_FILE)));
    const expectedBytes = count * dims * Float32Array.BYTES_PER_ELEMENT;
    if (raw.byteLength !== expectedBytes) {
      throw new Error(
        `${VECTORS_FILE} has ${raw.byteLength} bytes, expected ${expectedBytes} (${count} × ${dims} floats)`,
      );
    }
    // A view when aligned (readFile gives large files their own buffer): no copy of up to 150 MB.
    const all =
      raw.byteOffset % 4 === 0
        ? new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
        : new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const kind = chooseKind(count, options);
    const graph =
      kind === "hnsw" ? await readGraph(path.join(dir, HNSW_FILE), dims, count, options) : undefined;
    if (graph) {
      // The graph holds the points already, and `save` wrote unit vectors: adopt the array as it is.
      const index = new VectorIndex(dims, kind, options, 0, graph);
      index.vectors = all;
      index.count = count;
      return index;
    }
    // Without a graph (exact search, or exactBelow changed) the index is built here.
    const index = new VectorIndex(dims, kind, options, count);
    for (let i = 0; i < count; i++) {
      index.add(all.subarray(i * dims, (i + 1) * dims));
      if ((i & 1023) === 1023) await pause();
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** Appends a vector and returns its id; storage grows before it is full. */
  add(vector: Float32Array): number {
    this.checkDims(vector, `vector ${this.count}`);
    const unit = toUnit(vector);
    const id = this.append(unit);
    this.hnsw?.addPoint(Array.from(unit), id);
    return id;
  }

  private append(unit: Float32Array): number {
    const id = this.count;
    this.ensureCapacity(id + 1);
    this.vectors.set(unit, id * this.dims);
    this.count++;
    return id;
  }

  search(query: Float32Array, k: number): VectorHit[] {
    this.checkDims(query, "query");
    const limit = Math.min(Math.max(0, Math.floor(k)), this.count);
    if (limit === 0) return [];
    const unit = toUnit(query);
    if (!this.hnsw) return this.exactSearch(unit, limit);
    this.hnsw.setEf(Math.max(this.options.efSearch, limit));
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(unit), limit);
    return neighbors.map((id, i) => ({ id, score: 1 - (distances[i] ?? 1) }));
  }

  /**
   * Cosine similarities of `samples` pseudo-random pairs of distinct passages (fixed seed: same index, same
   * sample). Their distribution is the background a relevant match must stand out from, whatever the model.
   */
  pairSimilarities(samples: number): number[] {
    if (this.count < 2) return [];
    const out: number[] = [];
    let state = 0x9e3779b9;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    for (let i = 0; i < samples; i++) {
      const a = Math.floor(next() * this.count);
      let b = Math.floor(next() * (this.count - 1));
      if (b >= a) b++;
      out.push(
        dot(
          this.vectors.subarray(a * this.dims, (a + 1) * this.dims),
          this.vectors,
          b * this.dims,
          this.dims,
        ),
      );
    }
    return out;
  }

  /** Writes the index files into `dir` and returns their names; the caller handles atomicity and fsync. */
  async save(dir: string): Promise<string[]> {
    const used = this.vectors.subarray(0, this.count * this.dims);
    // Native byte order: little-endian on every platform Node supports in practice.
    await writeFile(
      path.join(dir, VECTORS_FILE),
      new Uint8Array(used.buffer, used.byteOffset, used.byteLength),
    );
    if (!this.hnsw) return [VECTORS_FILE];
    await this.hnsw.writeIndex(path.join(dir, HNSW_FILE));
    return [VECTORS_FILE, HNSW_FILE];
  }

  private exactSearch(query: Float32Array, k: number): VectorHit[] {
    const dims = this.dims;
    const data = this.vectors;
    // Top-k kept sorted by score (descending); k is small compared with the index.
    const hits: VectorHit[] = [];
    for (let id = 0; id < this.count; id++) {
      const score = dot(query, data, id * dims, dims);
      if (hits.length === k && score <= (hits[k - 1] as VectorHit).score) continue;
      let at = hits.length === k ? k - 1 : hits.length;
      while (at > 0 && (hits[at - 1] as VectorHit).score < score) {
        hits[at] = hits[at - 1] as VectorHit;
        at--;
      }
      hits[at] = { id, score };
    }
    return hits;
  }

  private ensureCapacity(needed: number): void {
    const capacity = this.vectors.length / this.dims;
    if (needed <= capacity) return;
    const next = Math.max(needed, capacity * 2);
    const grown = new Float32Array(next * this.dims);
    grown.set(this.vectors);
    this.vectors = grown;
    this.hnsw?.resizeIndex(next);
  }

  private checkDims(vector: Float32Array, what: string): void {
    if (vector.length !== this.dims) {
      throw new RangeError(`${what} has ${vector.length} dimensions, the index has ${this.dims}`);
    }
  }
}

/** Dot product of `a` with the row of `data` at `offset`; four accumulators let V8 pipeline the loop. */
function dot(a: Float32Array, data: Float32Array, offset: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    s0 += (a[d] as number) * (data[offset + d] as number);
    s1 += (a[d + 1] as number) * (data[offset + d + 1] as number);
    s2 += (a[d + 2] as number) * (data[offset + d + 2] as number);
    s3 += (a[d + 3] as number) * (data[offset + d + 3] as number);
  }
  for (; d < dims; d++) s0 += (a[d] as number) * (data[offset + d] as number);
  return s0 + s1 + s2 + s3;
}

function chooseKind(count: number, options: VectorIndexOptions): VectorIndexKind {
  return count > 0 && count >= options.exactBelow ? "hnsw" : "exact";
}

function createHnsw(dims: number, capacity: number, options: VectorIndexOptions): HierarchicalNSW {
  const graph = new hnswlib.HierarchicalNSW("cosine", dims);
  graph.initIndex(capacity, options.M, options.efConstruction, HNSW_SEED);
  graph.setEf(options.efSearch);
  return graph;
}

/** Unit-length copy; zero vectors stay zero (similarity 0), non-finite input is rejected. */
function toUnit(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  if (!Number.isFinite(sum)) throw new RangeError("vector contains NaN or infinite values");
  const out = new Float32Array(vector.length);
  if (sum === 0) return out;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) * scale;
  return out;
}

/** Reads a saved graph, or returns undefined when there is none (the caller rebuilds it). */
async function readGraph(
  file: string,
  dims: number,
  count: number,
  options: VectorIndexOptions,
): Promise<HierarchicalNSW | undefined> {
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) return undefined;
  const graph = new hnswlib.HierarchicalNSW("cosine", dims);
  await graph.readIndex(file);
  if (graph.getCurrentCount() !== count) {
    throw new Error(`${HNSW_FILE} holds ${graph.getCurrentCount()} vectors, expected ${count}`);
  }
  graph.setEf(options.efSearch);
  return graph;
}
