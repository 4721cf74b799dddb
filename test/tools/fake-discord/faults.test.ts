/** The fake's fault injection and shard routing, without a server. */
import { describe, expect, it, vi } from "vitest";
import { Faults } from "../../../tools/fake-discord/faults.ts";
import { guildIdForShard, shardOf } from "../../../tools/fake-discord/gateway.ts";

describe("Faults", () => {
  it("fails the next `times` matching requests, then lets them through", () => {
    const faults = new Faults();
    faults.fail({ method: "POST", path: /^\/channels\/\d+\/messages$/, status: 503, times: 2 });
    expect(faults.takeFailure("GET", "/channels/1/messages")).toBeNull();
    expect(faults.takeFailure("POST", "/channels/1/messages")?.status).toBe(503);
    expect(faults.takeFailure("POST", "/channels/1/messages")?.status).toBe(503);
    expect(faults.takeFailure("POST", "/channels/1/messages")).toBeNull();
  });

  it("answers a 429 with Retry-After in the header and the body", () => {
    const faults = new Faults();
    faults.fail({ path: "/users/@me", status: 429, retryAfter: 1.5 });
    const failure = faults.takeFailure("GET", "/users/@me");
    expect(failure?.headers["retry-after"]).toBe("1.5");
    expect(failure?.body).toMatchObject({ retry_after: 1.5, global: false });
  });

  it("holds a matching request for the stall's time, once", async () => {
    vi.useFakeTimers();
    try {
      const faults = new Faults();
      faults.stall({ path: "/users/@me", ms: 60 });
      let released = false;
      const held = faults.stallIfAsked("GET", "/users/@me").then(() => {
        released = true;
      });
      await vi.advanceTimersByTimeAsync(59);
      expect(released).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await held;
      expect(released).toBe(true);
      // Used up: the next request is not held (it resolves without any timer running).
      await faults.stallIfAsked("GET", "/users/@me");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("shard routing", () => {
  it("routes a guild to (id >> 22) % shards and DMs to shard 0", () => {
    expect(shardOf(((5n << 22n) | 123n).toString(), 2)).toBe(1);
    expect(shardOf(((4n << 22n) | 123n).toString(), 2)).toBe(0);
    expect(shardOf(undefined, 4)).toBe(0);
  });

  it("finds a guild id for every shard", () => {
    const base = ((7n << 22n) | 99n).toString();
    for (const shard of [0, 1, 2]) expect(shardOf(guildIdForShard(base, shard, 3), 3)).toBe(shard);
    expect(guildIdForShard(base, shardOf(base, 3), 3)).toBe(base);
  });
});
