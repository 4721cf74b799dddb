/**
 * Load through the fake Discord: the real bot (startBot) and a real engine, many /ask interactions at a
 * fixed concurrency. Shared by test/reliability/load.test.ts (CI size) and `npm run reliability -- --load N`.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import pino from "pino";
import type { BotLogger } from "../../bot/log.ts";
import { type BotOptions, type RunningBot, startBot } from "../../bot/main.ts";
import { loadConfig } from "../../config/index.ts";
import type { Engine } from "../../retrieval/index.ts";
import { type FakeDiscord, type FakeUser, snowflake } from "../../tools/fake-discord/index.ts";
import { percentile, toTenths } from "../stats.ts";
import { InteractionTracker, type TrackedInteraction } from "./interaction-tracker.ts";

/** Discord's acknowledgement window. */
export const ACK_LIMIT_MS = 3_000;
/** Past this an interaction counts as lost (a late one still counts as answered). */
const LOST_AFTER_MS = 30_000;

export interface LoadOptions {
  total: number;
  /** Interactions in flight at once: each lane sends the next one when its previous one is answered. */
  concurrency: number;
  questions: string[];
  /** Interactions rotate over this many users (more users than `concurrency` keeps cooldowns out of the way). */
  users: FakeUser[];
  /** Interactions before memory is sampled the first time. */
  warmup: number;
}

export interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export type Outcome = "answer" | "message" | "reply" | "lost";

export interface LoadReport {
  sent: number;
  acknowledged: number;
  /** Acknowledged after Discord's 3 s window. */
  ackedLate: number;
  /** Final responses: answer embeds (`answer`), a text edit (`message`, e.g. busy), an immediate reply (`reply`). */
  outcomes: Record<Outcome, number>;
  ackMs: Quantiles;
  answerMs: Quantiles;
  eventLoopDelayMs: Quantiles;
  memoryMb: {
    rssAfterWarmup: number;
    rssEnd: number;
    rssGrowth: number;
    heapAfterWarmup: number;
    heapEnd: number;
  };
  durationMs: number;
  perSecond: number;
  /** Text of non-answer responses, counted (busy, cooldown, apology...). */
  messages: Record<string, number>;
}

export function loadUsers(count: number): FakeUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: snowflake(),
    username: `user${i}`,
    global_name: `User ${i}`,
    discriminator: "0",
    avatar: null,
    flags: 0,
  }));
}

/** Starts the real bot against `fake` with `env` on top of quiet defaults (no registration, no mentions, no logs). */
export function startBotAgainst(
  fake: FakeDiscord,
  engine: Engine,
  env: Record<string, string> = {},
  { logger = pino({ level: "silent" }), ...options }: BotOptions & { logger?: BotLogger } = {},
): Promise<RunningBot> {
  const config = loadConfig(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
      MENTIONS_ENABLED: "false",
      REGISTER_COMMANDS: "false",
      SHARD_COUNT: "1",
      LOG_LEVEL: "silent",
      // Load runs ask thousands of questions: they must not fill the question log of a real install.
      FEEDBACK_FILE: "off",
      ...env,
    },
    { dotenvPath: false },
  );
  return startBot(config, engine, logger, { progressIntervalMs: 0, ...options });
}

export function quantiles(values: number[]): Quantiles {
  // No samples (every interaction lost) shows as 0, as the report has always printed it.
  const at = (p: number) => (values.length ? toTenths(percentile(values, p)) : 0);
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Settled {
  outcome: Outcome;
  ackMs?: number;
  answerMs?: number;
  text?: string;
}

/** Waits for one interaction's acknowledgement and final response; never throws (lost is an outcome). */
async function settle(tracker: InteractionTracker, item: TrackedInteraction): Promise<Settled> {
  let ack: Awaited<ReturnType<typeof InteractionTracker.ack>>;
  try {
    ack = await tracker.until(item, InteractionTracker.ack, LOST_AFTER_MS, "acknowledgement");
  } catch {
    return { outcome: "lost" };
  }
  const ackMs = (ack?.at ?? 0) - item.dispatchedAt;
  if (ack?.body?.type !== 5) {
    return { outcome: "reply", ackMs, answerMs: ackMs, text: String(ack?.body?.data?.content ?? "") };
  }
  try {
    const edit = await tracker.until(
      item,
      (i) => i.edits.find((e) => e.body?.embeds?.length || e.body?.content),
      LOST_AFTER_MS,
      "answer",
    );
    const answerMs = edit.at - item.dispatchedAt;
    if (edit.body.embeds?.length) return { outcome: "answer", ackMs, answerMs };
    return { outcome: "message", ackMs, answerMs, text: String(edit.body.content) };
  } catch {
    return { outcome: "lost", ackMs };
  }
}

export async function runLoad(fake: FakeDiscord, options: LoadOptions): Promise<LoadReport> {
  const tracker = new InteractionTracker(fake);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const results: Settled[] = [];
  let next = 0;
  let warm: NodeJS.MemoryUsage | undefined;
  const started = performance.now();
  delay.enable();
  const lane = async () => {
    while (next < options.total) {
      const i = next++;
      const question = options.questions[i % options.questions.length] ?? "?";
      const user = options.users[i % options.users.length];
      const item = tracker.track(fake.sendCommand("ask", { question }, { user }));
      results[i] = await settle(tracker, item);
      tracker.forget(item);
      // The fake keeps every request and message; drop what this interaction left, or the fake's
      // bookkeeping would show up as the bot's memory growth.
      fake.messages.delete(`original:${item.token}`);
      if (fake.requests.length > 2_000) fake.requests.splice(0, fake.requests.length - 500);
      if (i + 1 === options.warmup) warm = sampleMemory();
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  } finally {
    delay.disable();
    tracker.stop();
  }
  const durationMs = performance.now() - started;
  const end = sampleMemory();
  const start = warm ?? end;
  const outcomes: Record<Outcome, number> = { answer: 0, message: 0, reply: 0, lost: 0 };
  const messages: Record<string, number> = {};
  for (const r of results) {
    outcomes[r.outcome]++;
    if (r.text) messages[r.text] = (messages[r.text] ?? 0) + 1;
  }
  const acked = results.filter((r) => r.ackMs !== undefined);
  return {
    sent: results.length,
    acknowledged: acked.length,
    ackedLate: acked.filter((r) => (r.ackMs ?? 0) > ACK_LIMIT_MS).length,
    outcomes,
    ackMs: quantiles(acked.map((r) => r.ackMs ?? 0)),
    answerMs: quantiles(results.filter((r) => r.answerMs !== undefined).map((r) => r.answerMs ?? 0)),
    eventLoopDelayMs: {
      p50: toTenths(delay.percentile(50) / 1e6),
      p95: toTenths(delay.percentile(95) / 1e6),
      p99: toTenths(delay.percentile(99) / 1e6),
      max: toTenths(delay.max / 1e6),
    },
    memoryMb: {
      rssAfterWarmup: mb(start.rss),
      rssEnd: mb(end.rss),
      rssGrowth: mb(end.rss - start.rss),
      heapAfterWarmup: mb(start.heapUsed),
      heapEnd: mb(end.heapUsed),
    },
    durationMs: Math.round(durationMs),
    perSecond: toTenths((results.length / durationMs) * 1000),
    messages,
  };
}

/** Memory after a full GC, so growth means retention rather than garbage not yet collected. */
function sampleMemory(): NodeJS.MemoryUsage {
  fullGc();
  return process.memoryUsage();
}

let gc: (() => void) | undefined;

/** `global.gc` without restarting node with --expose-gc: the flag can be set at run time for a new context. */
function fullGc(): void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** The figures a burst is judged by: everyone who asked, who got an answer, who was turned away, and how fast. */
export interface BurstFigures {
  sent: number;
  answered: number;
  /** Refused (busy, cooldown) or told something other than an answer. */
  refused: number;
  lost: number;
  ackedLate: number;
  answerP95Ms: number;
  answerMaxMs: number;
}

export function summarizeBurst(r: LoadReport): BurstFigures {
  return {
    sent: r.sent,
    answered: r.outcomes.answer,
    refused: r.outcomes.reply + r.outcomes.message,
    lost: r.outcomes.lost,
    ackedLate: r.ackedLate,
    answerP95Ms: r.answerMs.p95,
    answerMaxMs: r.answerMs.max,
  };
}

export function formatBurst(b: BurstFigures): string {
  return (
    `sent ${b.sent}, answered ${b.answered}, refused ${b.refused}, lost ${b.lost}, ` +
    `acknowledged after 3 s ${b.ackedLate}, answer p95 ${b.answerP95Ms} ms (max ${b.answerMaxMs} ms)`
  );
}

export function formatLoadReport(r: LoadReport): string {
  return [
    `sent ${r.sent}, acknowledged ${r.acknowledged} (${r.ackedLate} after 3 s), answered ${r.outcomes.answer}, ` +
      `other replies ${r.outcomes.message + r.outcomes.reply}, lost ${r.outcomes.lost} in ${r.durationMs} ms (${r.perSecond}/s)`,
    `ack ms p50 ${r.ackMs.p50} p95 ${r.ackMs.p95} p99 ${r.ackMs.p99} max ${r.ackMs.max} | ` +
      `answer ms p50 ${r.answerMs.p50} p95 ${r.answerMs.p95} p99 ${r.answerMs.p99} max ${r.answerMs.max}`,
    `event-loop delay ms p50 ${r.eventLoopDelayMs.p50} p99 ${r.eventLoopDelayMs.p99} max ${r.eventLoopDelayMs.max} | ` +
      `RSS ${r.memoryMb.rssAfterWarmup} → ${r.memoryMb.rssEnd} MB (${r.memoryMb.rssGrowth >= 0 ? "+" : ""}${r.memoryMb.rssGrowth}), ` +
      `heap ${r.memoryMb.heapAfterWarmup} → ${r.memoryMb.heapEnd} MB`,
  ].join("\n");
}
