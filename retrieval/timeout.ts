/**
 * The one bounded wait of the project, on `AbortSignal.timeout`: the work gets the deadline as a signal (so a
 * download, a model load or an event listener stops with it), and the platform's timer never keeps the process
 * alive on its own.
 */

/** A bounded wait gave up. */
export class TimeoutError extends Error {
  constructor(
    readonly ms: number,
    message = `gave up after ${ms} ms`,
  ) {
    super(message);
    this.name = "TimeoutError";
  }
}

/**
 * Settles like `work`, or rejects with `onTimeout()` (default: a TimeoutError) once `ms` have passed. Work that
 * takes the signal should stop when it aborts; work that ignores it keeps running, its result unused.
 */
export async function withTimeout<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  onTimeout: () => Error = () => new TimeoutError(ms),
): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  let stopListening = () => {};
  const timedOut = new Promise<never>((_, reject) => {
    const giveUp = () => reject(onTimeout());
    signal.addEventListener("abort", giveUp, { once: true });
    stopListening = () => signal.removeEventListener("abort", giveUp);
  });
  try {
    return await Promise.race([work(signal), timedOut]);
  } finally {
    stopListening();
  }
}
