/**
 * Load through the fake Discord: the real bot and the real engine (lexical), 1,000 /ask interactions at a
 * concurrency of 32. Asserts correctness bounds only (every one acknowledged within 3 s and answered, none
 * lost, memory bounded, cooldowns and the concurrency bound as configured); timings are printed, not asserted.
 * A bigger run: `npm run reliability -- --load 5000`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLoadReport, loadUsers, runLoad, startBotAgainst } from "../../bench/reliability/load.ts";
import { t } from "../../bot/i18n.ts";
import type { RunningBot } from "../../bot/main.ts";
import type { Engine } from "../../retrieval/index.ts";
import { FakeDiscord } from "../../tools/fake-discord/index.ts";
import { observedEngine } from "../support/observed-engine.ts";
import { projectRoot, type TempEngine, tempEngine } from "../support/temp-engine.ts";

const INTERACTIONS = 1_000;
const CONCURRENCY = 32;
const MAX_CONCURRENT_ASKS = 4;
/** Generous: the fake Discord and the test share the process; a leak of the bot would grow far beyond it. */
const RSS_GROWTH_BOUND_MB = 150;

let temp: TempEngine;
let real: Engine;
let questions: string[];

beforeAll(async () => {
  temp = await tempEngine();
  real = temp.engine;
  const fixture = JSON.parse(
    await readFile(path.join(projectRoot, "test/fixtures/dev-questions.json"), "utf8"),
  ) as {
    questions: Array<{ q: string }>;
  };
  questions = fixture.questions.map((q) => q.q);
});

afterAll(() => temp?.dispose());

describe(`${INTERACTIONS} /ask interactions at concurrency ${CONCURRENCY}`, () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let observed: ReturnType<typeof observedEngine>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    observed = observedEngine(real);
    bot = await startBotAgainst(fake, observed.engine, {
      USER_COOLDOWN_MS: "60000",
      MAX_CONCURRENT_ASKS: String(MAX_CONCURRENT_ASKS),
      MAX_QUEUED_ASKS: "100",
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("acknowledges every one within 3 s and answers every one; none lost; memory bounded", async () => {
    const report = await runLoad(fake, {
      total: INTERACTIONS,
      concurrency: CONCURRENCY,
      questions,
      // One question per user, so the 60 s cooldown never refuses one here.
      users: loadUsers(INTERACTIONS),
      warmup: 100,
    });
    console.info(`[load] ${formatLoadReport(report).replaceAll("\n", "\n[load] ")}`);
    expect(report.sent).toBe(INTERACTIONS);
    expect(report.outcomes.lost).toBe(0);
    expect(report.acknowledged).toBe(INTERACTIONS);
    expect(report.ackedLate).toBe(0);
    expect(report.outcomes.answer).toBe(INTERACTIONS);
    expect(report.memoryMb.rssGrowth).toBeLessThan(RSS_GROWTH_BOUND_MB);
    expect(observed.seen.calls).toBe(INTERACTIONS);
    expect(observed.seen.maxActive).toBeLessThanOrEqual(MAX_CONCURRENT_ASKS);
  });

  it("refuses a second question within the cooldown, under load, and answers the first", async () => {
    const users = loadUsers(40);
    // Lane i sends user i's first question, then (40 later) the same user's second one.
    const report = await runLoad(fake, { total: 80, concurrency: 40, questions, users, warmup: 80 });
    expect(report.outcomes.lost).toBe(0);
    expect(report.ackedLate).toBe(0);
    expect(report.outcomes.answer).toBe(40);
    expect(report.outcomes.reply).toBe(40);
    // Every one of the 40 replies is a cooldown refusal (counted, so an empty record can't pass).
    const refusals = Object.entries(report.messages);
    const cooldown = refusals.filter(([text]) =>
      /^Bitte warte noch \d+ s bis zur nächsten Frage\.$/.test(text),
    );
    expect(cooldown).toEqual(refusals);
    expect(cooldown.reduce((sum, [, count]) => sum + count, 0)).toBe(40);
  });
});

describe("the concurrency bound with a slow engine", () => {
  const MAX_CONCURRENT = 3;
  const MAX_QUEUED = 5;
  let fake: FakeDiscord;
  let bot: RunningBot;
  let observed: ReturnType<typeof observedEngine>;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    observed = observedEngine(real, { delayMs: 150 });
    bot = await startBotAgainst(fake, observed.engine, {
      USER_COOLDOWN_MS: "0",
      MAX_CONCURRENT_ASKS: String(MAX_CONCURRENT),
      MAX_QUEUED_ASKS: String(MAX_QUEUED),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("runs at most MAX_CONCURRENT_ASKS at once; beyond the queue the user is told plainly; all acknowledged", async () => {
    const burst = 30;
    const report = await runLoad(fake, {
      total: burst,
      concurrency: burst,
      questions,
      users: loadUsers(burst),
      warmup: burst,
    });
    expect(observed.seen.maxActive).toBe(MAX_CONCURRENT);
    expect(report.outcomes.lost).toBe(0);
    expect(report.acknowledged).toBe(burst);
    expect(report.ackedLate).toBe(0);
    expect(report.outcomes.answer).toBeGreaterThanOrEqual(MAX_CONCURRENT + MAX_QUEUED);
    // "Too busy" is an immediate reply, not an edit of a public "thinking…": so it can be ephemeral.
    expect(report.outcomes.reply).toBeGreaterThan(0);
    expect(report.outcomes.answer + report.outcomes.reply).toBe(burst);
    expect(Object.keys(report.messages)).toEqual([t("de").busy]);
    const busyReplies = fake
      .findRequests("POST", /\/callback$/)
      .filter((r) => r.body?.type === 4 && r.body.data?.content === t("de").busy);
    expect(busyReplies).toHaveLength(report.outcomes.reply);
    for (const reply of busyReplies) expect(reply.body.data.flags).toBe(64);
  });
});
