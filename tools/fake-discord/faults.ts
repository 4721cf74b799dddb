/** Injected REST faults: error statuses (429 with Retry-After, 5xx) and stalls, each for the next N matches. */

export interface InjectedFailure {
  method?: string;
  path: string | RegExp;
  status: 429 | 500 | 502 | 503;
  /** Seconds, for 429 (Retry-After). */
  retryAfter?: number;
  times?: number;
}

/** A response held back this long before it is handled (a slow or unresponsive Discord). */
export interface InjectedStall {
  method?: string;
  path: string | RegExp;
  ms: number;
  times?: number;
}

/** What the server sends for a failure: status, JSON body and headers. */
export interface FailureResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Matcher {
  method?: string;
  path: string | RegExp;
  remaining: number;
}

function matches(rule: Matcher, method: string, path: string): boolean {
  return (
    rule.remaining > 0 &&
    (!rule.method || rule.method === method) &&
    (typeof rule.path === "string" ? rule.path === path : rule.path.test(path))
  );
}

export class Faults {
  #failures: Array<InjectedFailure & { remaining: number }> = [];
  #stalls: Array<InjectedStall & { remaining: number }> = [];

  fail(failure: InjectedFailure): void {
    this.#failures.push({ ...failure, remaining: failure.times ?? 1 });
  }

  stall(stall: InjectedStall): void {
    this.#stalls.push({ ...stall, remaining: stall.times ?? 1 });
  }

  /** Waits out the first stall that matches the request, if any (and uses it up once). */
  async stallIfAsked(method: string, path: string): Promise<void> {
    const stall = this.#stalls.find((s) => matches(s, method, path));
    if (!stall) return;
    stall.remaining -= 1;
    await new Promise((resolve) => setTimeout(resolve, stall.ms));
  }

  /** The response of the first failure that matches the request (used up once), or null. */
  takeFailure(method: string, path: string): FailureResponse | null {
    const failure = this.#failures.find((f) => matches(f, method, path));
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 0.2;
      return {
        status: 429,
        body: { message: "You are being rate limited.", retry_after: retryAfter, global: false },
        headers: { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" },
      };
    }
    return {
      status: failure.status,
      body: { message: `${failure.status}: Server Error`, code: 0 },
      headers: {},
    };
  }
}
