/** Everything a handler needs, created once by startBot and passed to every handler. */
import { randomBytes } from "node:crypto";
import type { DiscordConfig } from "../config/index.ts";
import {
  type Answer,
  type AskOptions,
  type CorpusAdmin,
  defaultFetchLimits,
  type Engine,
  withTimeout,
} from "../retrieval/index.ts";
import { loggedCitations, QuestionLog, type QuestionSource } from "./feedback/log.ts";
import { GuildRateLimit, type RateLimitSettings } from "./guild-rate-limit.ts";
import { AckFirst, ConcurrencyLimiter, Cooldowns, type Permit } from "./limits.ts";
import type { BotLogger } from "./log.ts";
import { LruMap } from "./lru.ts";
import { renderAnswer } from "./render.ts";
import type { Outgoing } from "./respond.ts";

export interface BotContext {
  engine: Engine;
  config: DiscordConfig;
  logger: BotLogger;
  cooldowns: Cooldowns;
  limiter: ConcurrencyLimiter;
  /** Deferrals go through here; engine calls wait until pending acknowledgements are sent. */
  acks: AckFirst;
  /** Every question, abstention and vote, for /stats (FEEDBACK_FILE). */
  questionLog: QuestionLog;
  /** Conversations in threads the bot opened: thread id → earlier questions, oldest first. */
  threads: LruMap<string, string[]>;
  /** Minimum pause between two progress edits of a re-index. */
  progressIntervalMs: number;
  /** Corpus changes (/corpus); absent where the bot was started without them. */
  corpus?: CorpusAdmin;
  corpusLimits: { maxDocumentBytes: number };
  /** The application's owner or team members (operators), filled in once Discord has told us. */
  ownerIds: Set<string>;
  /** Re-indexes (/reindex and every corpus change) per guild. */
  reindexLimit: GuildRateLimit;
  /** Asks the engine through the concurrency bound (BusyError when the queue is full, unless `permit`). */
  ask(question: string, options?: AskOptions, permit?: Permit): Promise<Answer>;
  /** Renders an answer; with an answer id it carries 👍/👎 buttons that refer to it. */
  answerPayload(answer: Answer, answerId?: string): Outgoing;
  /** Appends the answered (or abstained) question to the question log; never throws. */
  recordAnswer(answer: Answer, meta: AnswerMeta): Promise<void>;
}

export interface AnswerMeta {
  answerId: string;
  userId: string;
  source: QuestionSource;
  /** When the question arrived (Date.now()). */
  startedAt: number;
}

/** A short random id for one answer: its 👍/👎 buttons and its log line share it. */
export function newAnswerId(): string {
  return randomBytes(9).toString("base64url");
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
  /** `feedbackFile` null or absent: no question log (tests, load runs). */
  options: {
    progressIntervalMs?: number;
    now?: () => number;
    feedbackFile?: string | null;
    corpus?: CorpusAdmin;
    maxDocumentBytes?: number;
    reindexLimit?: RateLimitSettings;
  } = {},
): BotContext {
  const limiter = new ConcurrencyLimiter(config.maxConcurrentAsks, config.maxQueuedAsks, MAX_ANSWER_WAIT_MS);
  const questionLog = new QuestionLog(options.feedbackFile ?? null, logger);
  const acks = new AckFirst();
  return {
    engine,
    config,
    logger,
    cooldowns: new Cooldowns(config.userCooldownMs, options.now, 10_000, config.cooldownQueueMs),
    limiter,
    acks,
    questionLog,
    threads: new LruMap<string, string[]>(1_000),
    progressIntervalMs: options.progressIntervalMs ?? 1_500,
    corpus: options.corpus,
    corpusLimits: { maxDocumentBytes: options.maxDocumentBytes ?? defaultFetchLimits.maxBytes },
    ownerIds: new Set(),
    reindexLimit: new GuildRateLimit(options.reindexLimit, options.now),
    ask: (question, askOptions, permit) =>
      limiter.run(async () => {
        await acks.idle();
        // Engine calls are CPU-bound: let pending I/O (answers already rendered) go out before the next one.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return withTimeout(
          ASK_TIMEOUT_MS,
          () => engine.ask(question, askOptions),
          () => new Error(`the engine did not answer within ${ASK_TIMEOUT_MS} ms`),
        );
      }, permit),
    answerPayload(answer, answerId) {
      return renderAnswer(answer, {
        documents: engine.documents(),
        status: engine.status(),
        ...(answerId ? { answerId } : {}),
      });
    },
    async recordAnswer(answer, meta) {
      try {
        await questionLog.append({
          v: 1,
          type: "question",
          at: new Date().toISOString(),
          answerId: meta.answerId,
          user: await questionLog.hashUser(meta.userId),
          source: meta.source,
          question: answer.question,
          lang: answer.lang,
          abstained: answer.abstained,
          answer: answer.answer,
          citations: loggedCitations(answer),
          indexVersion: engine.status().indexVersion,
          mode: answer.mode,
          ms: Math.max(0, Date.now() - meta.startedAt),
        });
      } catch (err) {
        logger.warn({ err }, "could not record the question");
      }
    },
  };
}

/** A hung engine (e.g. a stuck embedding call) must not leave users on "thinking…" for the token's 15 minutes. */
const ASK_TIMEOUT_MS = 30_000;
