/** Everything a handler needs, created once by startBot and passed to every handler. */
import type { DiscordConfig } from "../config/index.ts";
import type { Engine } from "../retrieval/engine-api.ts";
import type { Answer, AskOptions } from "../retrieval/types.ts";
import { AckFirst, ConcurrencyLimiter, Cooldowns, type Permit } from "./limits.ts";
import type { BotLogger } from "./log.ts";
import { LruMap } from "./lru.ts";
import { type PassageEntry, passageEntryOf, renderAnswer } from "./render.ts";
import type { Outgoing } from "./respond.ts";

export interface BotContext {
  engine: Engine;
  config: DiscordConfig;
  logger: BotLogger;
  cooldowns: Cooldowns;
  limiter: ConcurrencyLimiter;
  /** Deferrals go through here; engine calls wait until pending acknowledgements are sent. */
  acks: AckFirst;
  /** Passages behind the "Passage n" buttons, by chunk id. */
  passages: LruMap<string, PassageEntry>;
  /** Conversations in threads the bot opened: thread id → earlier questions, oldest first. */
  threads: LruMap<string, string[]>;
  /** Minimum pause between two progress edits of a re-index. */
  progressIntervalMs: number;
  /** Asks the engine through the concurrency bound (BusyError when the queue is full, unless `permit`). */
  ask(question: string, options?: AskOptions, permit?: Permit): Promise<Answer>;
  /** Renders an answer and remembers its passages for the buttons. */
  answerPayload(answer: Answer): Outgoing;
}

export const MAX_QUESTION_LENGTH = 500;
export const MAX_CONTEXT_QUESTIONS = 5;

/**
 * A question is refused as "too busy" only when its answer would come later than this: Discord's interaction
 * token lasts 15 minutes, and an answer after that can no longer be delivered.
 */
export const MAX_ANSWER_WAIT_MS = 10 * 60_000;

export function createContext(
  engine: Engine,
  config: DiscordConfig,
  logger: BotLogger,
  options: { progressIntervalMs?: number; now?: () => number } = {},
): BotContext {
  const limiter = new ConcurrencyLimiter(config.maxConcurrentAsks, config.maxQueuedAsks, MAX_ANSWER_WAIT_MS);
  const passages = new LruMap<string, PassageEntry>(5_000);
  const acks = new AckFirst();
  return {
    engine,
    config,
    logger,
    cooldowns: new Cooldowns(config.userCooldownMs, options.now, 10_000, config.cooldownQueueMs),
    limiter,
    acks,
    passages,
    threads: new LruMap<string, string[]>(1_000),
    progressIntervalMs: options.progressIntervalMs ?? 1_500,
    ask: (question, askOptions, permit) =>
      limiter.run(async () => {
        await acks.idle();
        // Engine calls are CPU-bound: let pending I/O (answers already rendered) go out before the next one.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return withTimeout(engine.ask(question, askOptions), ASK_TIMEOUT_MS);
      }, permit),
    answerPayload(answer) {
      for (const c of answer.citations) passages.set(c.chunkId, passageEntryOf(c, answer.lang));
      return renderAnswer(answer, { documents: engine.documents(), status: engine.status() });
    },
  };
}

/** A hung engine (e.g. a stuck embedding call) must not leave users on "thinking…" for the token's 15 minutes. */
const ASK_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the engine did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
