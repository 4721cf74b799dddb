/** Per-user cooldown, a bound on concurrent engine calls, and tracking of work in flight for shutdown. */

export type Clock = () => number;

/** Per-user pause between questions. Remembers at most `maxUsers` users (oldest are forgotten first). */
export class Cooldowns {
  readonly #until = new Map<string, number>();

  constructor(
    readonly cooldownMs: number,
    private readonly now: Clock = Date.now,
    private readonly maxUsers = 10_000,
  ) {}

  /**
   * Returns 0 and starts the user's cooldown when they may go ahead, otherwise the milliseconds left
   * (the cooldown is not extended by a refused attempt).
   */
  take(userId: string): number {
    if (this.cooldownMs <= 0) return 0;
    const now = this.now();
    const until = this.#until.get(userId);
    if (until !== undefined && until > now) return until - now;
    this.#until.delete(userId);
    this.#until.set(userId, now + this.cooldownMs);
    if (this.#until.size > this.maxUsers) this.#prune(now);
    return 0;
  }

  #prune(now: number): void {
    for (const [id, until] of this.#until) {
      if (until <= now || this.#until.size > this.maxUsers) this.#until.delete(id);
      else break;
    }
  }
}

/** Thrown when the queue of waiting engine calls is full. */
export class BusyError extends Error {
  constructor() {
    super("Too many questions are waiting; try again shortly.");
    this.name = "BusyError";
  }
}

/** Runs at most `maxConcurrent` tasks at once; at most `maxQueued` more wait, beyond that BusyError. */
export class ConcurrencyLimiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
  ) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new RangeError("maxConcurrent must be ≥ 1");
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.maxConcurrent) {
      if (this.#waiting.length >= this.maxQueued) throw new BusyError();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so `active` never over-counts.
      if (next) next();
      else this.#active--;
    }
  }
}

/** Keeps the set of promises in flight so shutdown can wait for them (within a bound). */
export class WorkTracker {
  readonly #inFlight = new Set<Promise<unknown>>();

  get size(): number {
    return this.#inFlight.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const done = () => this.#inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves true when everything finished, false when `timeoutMs` passed first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const all = (async () => {
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      return true as const;
    })();
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Acknowledgements before engine work. Interactions must be acknowledged within 3 seconds, and engine calls
 * are CPU-bound: when a burst of questions arrives, every pending acknowledgement is sent before the next
 * engine call starts (waiting at most `maxWaitMs`, so a steady stream of acks cannot starve the answers).
 */
export class AckFirst {
  #pending = 0;
  #waiters: Array<() => void> = [];

  constructor(readonly maxWaitMs = 2_000) {}

  get pending(): number {
    return this.#pending;
  }

  async acknowledge<T>(ack: () => Promise<T>): Promise<T> {
    this.#pending++;
    try {
      return await ack();
    } finally {
      this.#pending--;
      if (this.#pending === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  /** Resolves when no acknowledgement is pending (or after `maxWaitMs`). */
  async idle(): Promise<void> {
    if (this.#pending === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.#waiters.push(resolve);
      timer = setTimeout(resolve, this.maxWaitMs);
    });
    clearTimeout(timer);
  }
}
