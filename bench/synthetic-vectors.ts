/**
 * Synthetic embedding vectors with the structure real sentence embeddings have, for the 100k-chunk scale
 * point (embedding 100k texts through transformers.js is too slow for a few-minute benchmark):
 *  - a shared mean direction (sentence embeddings are anisotropic: unrelated texts still have cosine ≈ 0.3–0.7),
 *  - topic clusters (one centre per ~50 chunks),
 *  - a low-rank spread inside each topic (32 directions of a shared pool: low local intrinsic dimension),
 *  - isotropic noise, so neighbours are not trivially separated.
 * Isotropic random vectors would be the wrong model: they make every neighbour equidistant and HNSW look worse
 * than it is on real data; pure clusters would make it look better.
 */
import { gaussian, seededRandom } from "../tools/random.ts";

export interface ClusterModelOptions {
  dims: number;
  clusters: number;
  seed: number;
  /** Directions each cluster spreads along. */
  rank?: number;
  /** Norms of the parts before normalization. */
  meanWeight?: number;
  spreadWeight?: number;
  noiseWeight?: number;
}

export class ClusterModel {
  readonly dims: number;
  private readonly mean: Float32Array;
  private readonly centers: Float32Array[];
  private readonly pool: Float32Array[];
  private readonly bases: number[][];
  private readonly rank: number;
  private readonly meanWeight: number;
  private readonly spreadWeight: number;
  private readonly noiseWeight: number;

  constructor(options: ClusterModelOptions) {
    const random = seededRandom(options.seed);
    this.dims = options.dims;
    this.rank = options.rank ?? 32;
    this.meanWeight = options.meanWeight ?? 1.0;
    this.spreadWeight = options.spreadWeight ?? 0.8;
    this.noiseWeight = options.noiseWeight ?? 0.8;
    this.mean = unitGaussian(this.dims, random);
    this.centers = Array.from({ length: Math.max(1, options.clusters) }, () =>
      unitGaussian(this.dims, random),
    );
    this.pool = Array.from({ length: 512 }, () => unitGaussian(this.dims, random));
    this.bases = this.centers.map(() =>
      Array.from({ length: this.rank }, () => Math.floor(random() * this.pool.length)),
    );
  }

  get clusterCount(): number {
    return this.centers.length;
  }

  /** One unit vector from cluster `cluster` (noise scaled by `noiseScale`, e.g. >1 for short queries). */
  sample(cluster: number, random: () => number, noiseScale = 1): Float32Array {
    const d = this.dims;
    const out = new Float32Array(d);
    const center = this.centers[cluster % this.centers.length] as Float32Array;
    for (let i = 0; i < d; i++) out[i] = this.meanWeight * (this.mean[i] as number) + (center[i] as number);
    const basis = this.bases[cluster % this.bases.length] as number[];
    const spread = this.spreadWeight / Math.sqrt(this.rank);
    for (const b of basis) {
      const coefficient = gaussian(random) * spread;
      const direction = this.pool[b] as Float32Array;
      for (let i = 0; i < d; i++) out[i] = (out[i] as number) + coefficient * (direction[i] as number);
    }
    const noise = (this.noiseWeight * noiseScale) / Math.sqrt(d);
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) + gaussian(random) * noise;
    return normalize(out);
  }
}

/** `count` corpus vectors; cluster sizes vary (Zipf-like via a squared uniform draw), as topics do. */
export function clusteredVectors(model: ClusterModel, count: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    model.sample(Math.floor(random() ** 2 * model.clusterCount), random),
  );
}

/** Query vectors from the same topics, a bit noisier than passages (questions are short). */
export function clusteredQueries(model: ClusterModel, count: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () =>
    model.sample(Math.floor(random() ** 2 * model.clusterCount), random, 1.5),
  );
}

/** About one topic per 50 chunks, at least 16. */
export function clustersFor(count: number): number {
  return Math.max(16, Math.round(count / 50));
}

function unitGaussian(dims: number, random: () => number): Float32Array {
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = gaussian(random);
  return normalize(v);
}

function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
  return v;
}
