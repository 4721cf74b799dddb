/**
 * Seeded randomness for tests, the test model and synthetic benchmark data: same seed, same numbers everywhere.
 * The samplers below draw from any such source (the benchmark's synthetic corpora and vectors use them).
 */

/** mulberry32: small, fast, good enough for test data and workload generation. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box–Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function pick<T>(items: readonly T[], random: () => number): T {
  if (items.length === 0) throw new RangeError("pick from an empty list");
  return items[Math.floor(random() * items.length)] as T;
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s (Zipf), by binary search over the cumulative weights. */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
