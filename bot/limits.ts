/** Per-user cooldown, a bound on concurrent engine calls, and tracking of work in flight for shutdown. */
import { performance } from "node:perf_hooks";
import { TimeoutError, withTimeout } from "../retrieval/index.ts";

export type Clock = () => number;

/**
 * What to do with a user's question, decided before any work is done:
 * - `go`: answer now;
 * - `wait`: the user's cooldown ends within the queueing window: answer once it is over (`waitMs`);
 * - `refuse`: too soon, or one question is already waiting. `notify` is true for the first refusal of a
 *   cooldown window only, so a flood gets at most one notice, then silence.
 */
export type Admission =
  | { kind: "go" }
  | { kind: "wait"; waitMs: number }
  | { kind: "refuse"; waitMs: number; notify: boolean };

interface UserSlot {
  /** When the user's next question may start. */
  until: number;
  /** Start time of the question waiting for its turn (0 = none). */
  queuedAt: number;
  /** The cooldown window (by its end) a refusal notice was given for. */
  notifiedFor: number;
}

/**
 * Per-user pause between questions: at most one answer per cooldown window. A question that arrives while
 * the cooldown still runs for at most `queueMs` is queued (one per user) instead of refused. Remembers at
 * most `maxUsers` users (oldest are forgotten first).
 */
export class Cooldowns {
  readonly #slots = new Map<string, UserSlot>();

  constructor(
    readonly cooldownMs: number,
    private readonly now: Clock = Date.now,
    private readonly maxUsers = 10_000,
    readonly queueMs = 0,
  ) {}

  /**
   * Returns 0 and starts the user's cooldown when they may go ahead, otherwise the milliseconds left
   * (the cooldown is not extended by a refused attempt). Never queues.
   */
  take(userId: string): number {
    const admission = this.admit(userId, { queue: false });
    return admission.kind === "go" ? 0 : admission.waitMs;
  }

  /** Decides about one question of `userId` (see Admission). */
  admit(userId: string, options: { queue?: boolean } = {}): Admission {
    if (this.cooldownMs <= 0) return { kind: "go" };
    const now = this.now();
    const slot = this.#slots.get(userId);
    if (!slot || slot.until <= now) {
      this.#slots.delete(userId);
      this.#slots.set(userId, { until: now + this.cooldownMs, queuedAt: 0, notifiedFor: 0 });
      if (this.#slots.size > this.maxUsers) this.#prune(now);
      return { kind: "go" };
    }
    const waitMs = slot.until - now;
    const canQueue = (options.queue ?? true) && waitMs <= this.queueMs && slot.queuedAt <= now;
    if (canQueue) {
      // The waiting question takes the next window; the one after it starts when that one ends.
      slot.queuedAt = slot.until;
      slot.until += this.cooldownMs;
      return { kind: "wait", waitMs };
    }
    const notify = slot.notifiedFor !== slot.until;
    slot.notifiedFor = slot.until;
    return { kind: "refuse", waitMs, notify };
  }

  #prune(now: number): void {
    for (const [id, slot] of this.#slots) {
      if (slot.until <= now || this.#slots.size > this.maxUsers) this.#slots.delete(id);
      else break;
    }
  }
}

/** A place in the ConcurrencyLimiter's queue, promised before the task runs. */
export interface Permit {
  /** Uses the place (once); false when it was used or released already. */
  take(): boolean;
  /** Gives the place back unused (idempotent). */
  release(): void;
}

/** Thrown when the queue of waiting engine calls is full. */
export class BusyError extends Error {
  constructor() {
    super("Too many questions are waiting; try again shortly.");
    this.name = "BusyError";
  }
}

/**
 * Runs at most `maxConcurrent` tasks at once; more wait. A task is refused (BusyError) only when `maxQueued`
 * wait already, or when its expected wait (queue length × the recent task time ÷ concurrency) exceeds
 * `maxWaitMs` — for interactions, an answer that late could no longer be delivered (Discord's token lasts
 * 15 minutes).
 */
export class ConcurrencyLimiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  /** Moving average of how long a task ran, ms. */
  #taskMs = 0;

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
    readonly maxWaitMs = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new RangeError("maxConcurrent must be ≥ 1");
  }

  /** Places promised by `reserve` and not yet used by `run`. */
  #reserved = 0;

  /** Tasks that would wait before a new one: those waiting, plus reservations beyond the free slots. */
  get #queueLength(): number {
    return Math.max(0, this.#active + this.#waiting.length + this.#reserved - this.maxConcurrent);
  }

  /** How long a task started now would wait for a slot, by the recent task times. */
  get expectedWaitMs(): number {
    if (this.#active + this.#reserved < this.maxConcurrent) return 0;
    return ((this.#queueLength + 1) * this.#taskMs) / this.maxConcurrent;
  }

  /** Whether `run` would accept a task now. */
  get accepting(): boolean {
    if (this.#active + this.#waiting.length + this.#reserved < this.maxConcurrent) return true;
    return this.#queueLength < this.maxQueued && this.expectedWaitMs <= this.maxWaitMs;
  }

  /**
   * Promises a place to a task that will `run` soon, or null when it would be refused. Taken before an
   * interaction is acknowledged, so "too busy" can still be an ephemeral reply (a deferred reply keeps the
   * visibility it was deferred with). Release it when the task will not run after all.
   */
  reserve(): Permit | null {
    if (!this.accepting) return null;
    this.#reserved++;
    let open = true;
    return {
      take: () => {
        if (!open) return false;
        open = false;
        this.#reserved--;
        return true;
      },
      release: () => {
        if (open) {
          open = false;
          this.#reserved--;
        }
      },
    };
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a slot is free; with a `permit` from `reserve`, it is never refused. */
  async run<T>(task: () => Promise<T>, permit?: Permit): Promise<T> {
    const reserved = permit?.take() ?? false;
    if (this.#active >= this.maxConcurrent) {
      if (!reserved && !this.accepting) throw new BusyError();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    const started = performance.now();
    try {
      return await task();
    } finally {
      const ms = performance.now() - started;
      this.#taskMs = this.#taskMs === 0 ? ms : this.#taskMs * 0.9 + ms * 0.1;
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
    try {
      return await withTimeout(timeoutMs, async (signal) => {
        // Work that starts while we wait is waited for too.
        while (this.#inFlight.size > 0 && !signal.aborted) await Promise.allSettled([...this.#inFlight]);
        return true;
      });
    } catch (error) {
      if (error instanceof TimeoutError) return false;
      throw error;
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
