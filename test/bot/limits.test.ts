import { describe, expect, it } from "vitest";
import { isServerAdmin, mayChangeCorpus } from "../../bot/admin.ts";
import { GuildRateLimit } from "../../bot/guild-rate-limit.ts";
import { AckFirst, BusyError, ConcurrencyLimiter, Cooldowns, WorkTracker } from "../../bot/limits.ts";
import { LruMap } from "../../bot/lru.ts";

describe("Cooldowns", () => {
  it("lets a user through once per period and reports the time left", () => {
    let now = 1_000;
    const c = new Cooldowns(3_000, () => now);
    expect(c.take("a")).toBe(0);
    now += 1_000;
    expect(c.take("a")).toBe(2_000);
    expect(c.take("b")).toBe(0);
    now += 1_999;
    expect(c.take("a")).toBe(1);
    now += 1;
    expect(c.take("a")).toBe(0);
  });

  it("is off with 0 ms and stays bounded in memory", () => {
    expect(new Cooldowns(0).take("a")).toBe(0);
    let now = 0;
    const c = new Cooldowns(10, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      c.take(String(i));
    }
    expect(c.take("999")).toBeGreaterThan(0);
  });
});

describe("ConcurrencyLimiter", () => {
  it("never runs more than maxConcurrent tasks and refuses beyond the queue", async () => {
    const limiter = new ConcurrencyLimiter(2, 3);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
        return "ok";
      });
    const accepted = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toBeInstanceOf(BusyError);
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(3);
    while (gates.length || limiter.active) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await Promise.all(accepted)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it("frees the slot when a task throws", async () => {
    const limiter = new ConcurrencyLimiter(1, 0);
    await expect(limiter.run(async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limiter.run(async () => 1)).toBe(1);
  });
});

describe("WorkTracker", () => {
  it("drains finished work and reports a timeout for work that hangs", async () => {
    const w = new WorkTracker();
    w.track(new Promise((r) => setTimeout(r, 20)));
    expect(await w.drain(1_000)).toBe(true);
    w.track(new Promise(() => {}));
    expect(await w.drain(30)).toBe(false);
  });
});

describe("AckFirst", () => {
  it("holds engine work until every pending acknowledgement is sent", async () => {
    const acks = new AckFirst(1_000);
    const order: string[] = [];
    let finishAck = () => {};
    const ack = acks.acknowledge(
      () =>
        new Promise<void>((r) => {
          finishAck = () => {
            order.push("ack");
            r();
          };
        }),
    );
    const work = acks.idle().then(() => order.push("engine"));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    finishAck();
    await Promise.all([ack, work]);
    expect(order).toEqual(["ack", "engine"]);
    await acks.idle(); // nothing pending: immediate
  });

  it("never waits longer than its bound", async () => {
    const acks = new AckFirst(20);
    void acks.acknowledge(() => new Promise(() => {}));
    const started = Date.now();
    await acks.idle();
    expect(Date.now() - started).toBeLessThan(500);
    expect(acks.pending).toBe(1);
  });
});

describe("mayChangeCorpus (CORPUS_EDITORS)", () => {
  const operators = { adminUserIds: ["111111111111111111"], adminRoleIds: ["222222222222222222"] };
  const serverAdmins = { ...operators, corpusEditors: "server-admins" as const };
  const owners = new Set(["333333333333333333"]);
  const manageServer = { userId: "1", permissions: 1n << 5n, roleIds: [] };
  const administrator = { userId: "1", permissions: 1n << 3n, roleIds: [] };
  it("accepts operators under either policy: listed users, listed roles, the application owner or team", () => {
    for (const settings of [operators, serverAdmins]) {
      expect(
        mayChangeCorpus({ userId: "111111111111111111", permissions: null, roleIds: [] }, settings),
      ).toBe(true);
      expect(
        mayChangeCorpus({ userId: "1", permissions: 0n, roleIds: ["222222222222222222"] }, settings),
      ).toBe(true);
      expect(
        mayChangeCorpus({ userId: "333333333333333333", permissions: 0n, roleIds: [] }, settings, owners),
      ).toBe(true);
    }
  });
  it("refuses server admins by default and accepts them with server-admins", () => {
    expect(isServerAdmin(manageServer)).toBe(true);
    expect(mayChangeCorpus(manageServer, operators)).toBe(false);
    expect(mayChangeCorpus(administrator, { ...operators, corpusEditors: "operators" })).toBe(false);
    expect(mayChangeCorpus(manageServer, serverAdmins)).toBe(true);
    expect(mayChangeCorpus(administrator, serverAdmins)).toBe(true);
  });
  it("refuses plain members and callers outside a server under either policy", () => {
    for (const settings of [operators, serverAdmins]) {
      const member = { userId: "1", permissions: (1n << 10n) | (1n << 11n), roleIds: ["3"] };
      expect(mayChangeCorpus(member, settings, owners)).toBe(false);
      expect(mayChangeCorpus({ userId: "1", permissions: null, roleIds: [] }, settings)).toBe(false);
    }
  });
});

describe("GuildRateLimit", () => {
  it("allows max re-indexes per guild in the window, then says how long to wait", () => {
    let now = 0;
    const limit = new GuildRateLimit({ max: 2, windowMs: 60_000 }, () => now);
    expect(limit.take("g1")).toBe(0);
    now = 10_000;
    expect(limit.take("g1")).toBe(0);
    expect(limit.take("g1")).toBe(50_000);
    expect(limit.take("g2")).toBe(0);
    now = 60_001;
    expect(limit.take("g1")).toBe(0);
  });
});

describe("LruMap", () => {
  it("forgets the least recently used entry", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1).set("b", 2);
    m.get("a");
    m.set("c", 3);
    expect(m.has("a")).toBe(true);
    expect(m.has("b")).toBe(false);
    expect(m.size).toBe(2);
  });
});

describe("Cooldowns.admit", () => {
  it("answers now, queues one question whose wait is short, refuses the rest with one notice per window", () => {
    let now = 0;
    const c = new Cooldowns(3_000, () => now, 100, 5_000);
    expect(c.admit("a")).toEqual({ kind: "go" });
    now = 1_000;
    expect(c.admit("a")).toEqual({ kind: "wait", waitMs: 2_000 });
    // One question waits already: the next ones are refused; only the first refusal asks for a notice.
    expect(c.admit("a")).toEqual({ kind: "refuse", waitMs: 5_000, notify: true });
    expect(c.admit("a")).toEqual({ kind: "refuse", waitMs: 5_000, notify: false });
    now = 3_000; // the queued question starts now: the next one may wait for the window after it
    expect(c.admit("a")).toEqual({ kind: "wait", waitMs: 3_000 });
    expect(c.admit("a")).toEqual({ kind: "refuse", waitMs: 6_000, notify: true });
    now = 9_000; // every window is over
    expect(c.admit("a")).toEqual({ kind: "go" });
  });

  it("refuses instead of queueing when the wait is longer than the queueing window", () => {
    let now = 0;
    const c = new Cooldowns(60_000, () => now, 100, 5_000);
    c.admit("a");
    now = 10_000;
    expect(c.admit("a")).toEqual({ kind: "refuse", waitMs: 50_000, notify: true });
    now = 56_000;
    expect(c.admit("a")).toEqual({ kind: "wait", waitMs: 4_000 });
  });

  it("take() never queues", () => {
    let now = 0;
    const c = new Cooldowns(3_000, () => now, 100, 5_000);
    expect(c.take("a")).toBe(0);
    now = 1_000;
    expect(c.take("a")).toBe(2_000);
  });
});

describe("ConcurrencyLimiter reservations", () => {
  it("a reservation holds a queue place until it runs or is released", async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    const first = limiter.reserve();
    const second = limiter.reserve();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(limiter.reserve()).toBeNull();
    expect(limiter.accepting).toBe(false);
    second?.release();
    expect(limiter.accepting).toBe(true);
    let release = () => {};
    const running = limiter.run(() => new Promise<void>((r) => (release = r)), first ?? undefined);
    // first runs; one place is left in the queue
    const third = limiter.reserve();
    expect(third).not.toBeNull();
    expect(limiter.reserve()).toBeNull();
    third?.release();
    release();
    await running;
  });

  it("refuses when the expected wait is longer than maxWaitMs", async () => {
    const limiter = new ConcurrencyLimiter(1, 1_000, 50);
    // Teach it that a task takes at least 40 ms (slower machines only make the bound bite earlier).
    await limiter.run(() => new Promise((r) => setTimeout(r, 45)));
    let release = () => {};
    const running = limiter.run(() => new Promise<void>((r) => (release = r)));
    // Two more: the second would wait at least 2 × 40 ms > 50 ms, so at least one is refused as busy,
    // although the queue bound (1,000) is far away.
    const attempts = [0, 1].map(() => limiter.run(async () => {}).catch((error: unknown) => error));
    release();
    const results = await Promise.all(attempts);
    await running;
    expect(results.some((r) => r instanceof BusyError)).toBe(true);
  });
});
