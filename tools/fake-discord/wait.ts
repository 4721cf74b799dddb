/** Polling for a condition in tests and harnesses, bounded by a deadline. */
import { performance } from "node:perf_hooks";

/** Polls `predicate` every 10 ms until it returns a truthy value, or rejects after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs: number,
  what = "condition",
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
