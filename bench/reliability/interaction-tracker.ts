/**
 * Follows interactions sent through the fake Discord: their acknowledgement (callback) and the edits of
 * their original response. Driven by the fake's request events, so a thousand waiters cost nothing while
 * they wait (no polling over the whole request log).
 */
import type { FakeDiscord, RecordedRequest } from "../../tools/fake-discord/index.ts";

export interface TrackedInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
  /** Callback requests in arrival order, including failed attempts (429, 500). */
  callbacks: RecordedRequest[];
  /** Successful edits of the original response, in order. */
  edits: RecordedRequest[];
}

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;
const ORIGINAL = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/;

export class InteractionTracker {
  readonly #byId = new Map<string, TrackedInteraction>();
  readonly #byToken = new Map<string, TrackedInteraction>();
  readonly #wakers = new Map<TrackedInteraction, Set<() => void>>();
  readonly #unsubscribe: () => void;

  constructor(fake: FakeDiscord) {
    this.#unsubscribe = fake.onRequest((r) => this.#see(r));
  }

  track(sent: { id: string; token: string; dispatchedAt: number }): TrackedInteraction {
    const item: TrackedInteraction = { ...sent, callbacks: [], edits: [] };
    this.#byId.set(sent.id, item);
    this.#byToken.set(sent.token, item);
    return item;
  }

  /** Forgets an interaction (keeps memory flat in long runs). */
  forget(item: TrackedInteraction): void {
    this.#byId.delete(item.id);
    this.#byToken.delete(item.token);
    this.#wakers.delete(item);
  }

  stop(): void {
    this.#unsubscribe();
  }

  /** Resolves with `check(item)` once it is truthy; rejects after `timeoutMs`. */
  until<T>(
    item: TrackedInteraction,
    check: (item: TrackedInteraction) => T | undefined | null | false,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const now = check(item);
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const wakers = this.#wakers.get(item) ?? new Set();
      this.#wakers.set(item, wakers);
      const timer = setTimeout(() => {
        wakers.delete(wake);
        reject(new Error(`interaction ${item.id}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        const value = check(item);
        if (!value) return;
        clearTimeout(timer);
        wakers.delete(wake);
        resolve(value);
      };
      wakers.add(wake);
    });
  }

  /** The first successful acknowledgement. */
  static ack(item: TrackedInteraction): RecordedRequest | undefined {
    return item.callbacks.find((r) => r.status < 400);
  }

  #see(r: RecordedRequest): void {
    let item: TrackedInteraction | undefined;
    const callback = CALLBACK.exec(r.path);
    if (callback && r.method === "POST") {
      item = this.#byId.get(callback[1] ?? "");
      item?.callbacks.push(r);
    }
    const original = ORIGINAL.exec(r.path);
    if (original && r.method === "PATCH" && r.status < 400) {
      item = this.#byToken.get(original[1] ?? "");
      item?.edits.push(r);
    }
    if (item) for (const wake of [...(this.#wakers.get(item) ?? [])]) wake();
  }
}
