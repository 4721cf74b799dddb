/**
 * The one statistics module of the benchmarks, the reliability runs and the eval (`npm run eval`): every
 * percentile they report comes from `percentile` below, so a p95 means the same thing in all three reports.
 */

/**
 * Nearest-rank percentile (p in 0..100) of unsorted values: the smallest value such that at least p % of the
 * values are less than or equal to it, i.e. the value at rank ⌈p/100 · n⌉ (1-based, at least 1) of the sorted
 * list. Always one of the samples, never an interpolation: p95 of 20 samples is the 19th smallest, p50 of an
 * even count the lower of the two middle values. NaN for an empty list (callers decide what "no samples" shows).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  // p · n first: (p / 100) · n can land a hair above a whole number (7 / 100 · 100 = 7.000000000000001).
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
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

/** One decimal: the precision the reports give milliseconds and rates. */
export function toTenths(value: number): number {
  return Math.round(value * 10) / 10;
}
