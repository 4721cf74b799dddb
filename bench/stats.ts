/** Small statistics helpers for the benchmark: percentiles, medians and ratios over noisy samples. */

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface Latency {
  /** Number of samples per round. */
  n: number;
  rounds: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Percentiles of one round of samples. */
export function latencyOf(samples: readonly number[]): Latency {
  return {
    n: samples.length,
    rounds: 1,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    mean: mean(samples),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/**
 * Percentiles per round, then the median of each statistic over the rounds: one noisy round (a GC pause,
 * another process) moves the result less than pooling all samples would.
 */
export function latencyOverRounds(rounds: readonly (readonly number[])[]): Latency {
  const per = rounds.filter((r) => r.length > 0).map(latencyOf);
  if (per.length === 0) return latencyOf([]);
  const pick = (f: (l: Latency) => number) => median(per.map(f));
  return {
    n: per[0]?.n ?? 0,
    rounds: per.length,
    p50: pick((l) => l.p50),
    p95: pick((l) => l.p95),
    p99: pick((l) => l.p99),
    mean: pick((l) => l.mean),
    max: pick((l) => l.max),
  };
}

/** a / b, or null when either side is missing or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Rounds to `digits` significant decimals for the JSON output (keeps small numbers readable). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds between two `process.hrtime.bigint()` readings. */
export function elapsedMs(from: bigint, to: bigint = process.hrtime.bigint()): number {
  return Number(to - from) / 1e6;
}

/** Runs `fn` `times` times and returns each duration in ms. */
export async function timeRuns(times: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}
