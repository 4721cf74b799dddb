import { describe, expect, it } from "vitest";
import { TimeoutError, withTimeout } from "../../retrieval/timeout.ts";

const never = () => new Promise<never>(() => {});

describe("withTimeout", () => {
  it("settles with the work when it finishes in time", async () => {
    await expect(withTimeout(1_000, async () => 42)).resolves.toBe(42);
    await expect(withTimeout(1_000, async () => Promise.reject(new Error("own failure")))).rejects.toThrow(
      "own failure",
    );
  });

  it("gives up with a TimeoutError and aborts the work's signal", async () => {
    let seen: AbortSignal | undefined;
    const result = withTimeout(20, (signal) => {
      seen = signal;
      return never();
    });
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    await expect(result).rejects.toMatchObject({ ms: 20 });
    expect(seen?.aborted).toBe(true);
  });

  it("gives up with the caller's error when one is given", async () => {
    await expect(withTimeout(10, never, () => new Error("engine too slow"))).rejects.toThrow(
      "engine too slow",
    );
  });

  it("lets work that listens to the signal stop itself", async () => {
    let stopped = false;
    const work = (signal: AbortSignal) =>
      new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => {
          stopped = true;
          reject(signal.reason);
        }),
      );
    await expect(withTimeout(10, work)).rejects.toBeInstanceOf(TimeoutError);
    expect(stopped).toBe(true);
  });
});
