/**
 * Per-user limits through the real bot and the fake Discord, on every path: slash commands, mentions and
 * messages in a bot thread. One user's flood gets at most one answer per cooldown window (plus the one
 * question queued for the next window), one reaction as notice, then silence; slash refusals are ephemeral.
 * And a burst of 200 different users with the default limits is answered without refusing anyone.
 */

import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatBurst,
  loadUsers,
  runLoad,
  startBotAgainst,
  summarizeBurst,
} from "../../bench/reliability/load.ts";
import type { RunningBot } from "../../bot/main.ts";
import { NOTICE } from "../../bot/mentions.ts";
import { FakeDiscord, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";
import { projectRoot, type TempEngine, tempEngine } from "../support/temp-engine.ts";

const COOLDOWN_MS = 1_500;
const QUESTION = "Wie viel hat OpenAI für Azure-Services zugesagt?";
const WAIT = 15_000;

let temp: TempEngine;

beforeAll(async () => {
  temp = await tempEngine();
});

afterAll(() => temp?.dispose());

const sentMessages = (fake: FakeDiscord, since: number) =>
  fake.requests
    .slice(since)
    .filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && r.status < 400);

describe("one user's flood", () => {
  let fake: FakeDiscord;
  let bot: RunningBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    bot = await startBotAgainst(fake, temp.engine, {
      MENTIONS_ENABLED: "true",
      THREADS_ENABLED: "true",
      USER_COOLDOWN_MS: String(COOLDOWN_MS),
      COOLDOWN_QUEUE_MS: String(COOLDOWN_MS),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** Waits until every cooldown window of the flood is over, so the next case starts clean. */
  const windowsOver = () => new Promise((r) => setTimeout(r, 2 * COOLDOWN_MS + 100));

  it("100 mentions (valid, empty, too long): one answer, one queued answer, one ⏳ and one ✋, nothing else", async () => {
    const before = fake.requests.length;
    const reactionsBefore = fake.reactions.length;
    const user = loadUsers(1)[0];
    for (let i = 0; i < 100; i++) {
      const kind = i % 3;
      const text = kind === 0 ? QUESTION : kind === 1 ? "" : "x".repeat(600);
      fake.sendUserMessage(`<@${fake.bot.id}> ${text}`, { mentionBot: true, from: user });
    }
    // The first is answered at once, the second (an empty one: one reply) when the first window ends.
    await waitFor(() => sentMessages(fake, before).length >= 2, WAIT, "two replies");
    await windowsOver();
    const replies = sentMessages(fake, before);
    expect(replies).toHaveLength(2);
    const threads = fake.requests
      .slice(before)
      .filter((r) => r.method === "POST" && r.path.endsWith("/threads"));
    expect(threads.length).toBeLessThanOrEqual(1);
    const reactions = fake.reactions.slice(reactionsBefore).map((r) => r.split("/")[2]);
    expect(reactions.sort()).toEqual([NOTICE.queued, NOTICE.refused].sort());
  });

  it("50 messages in a bot thread: at most one reply per window plus the queued one, one notice", async () => {
    await windowsOver();
    const user = loadUsers(1)[0];
    const opened = fake.sendUserMessage(`<@${fake.bot.id}> ${QUESTION}`, { mentionBot: true, from: user });
    await waitFor(() => fake.threads.get(opened.id), WAIT, "the bot's thread");
    const threadId = opened.id;
    await waitFor(
      () => sentMessages(fake, 0).some((r) => r.path === `/channels/${threadId}/messages`),
      WAIT,
      "answer",
    );
    await windowsOver();
    const before = fake.requests.length;
    const reactionsBefore = fake.reactions.length;
    for (let i = 0; i < 50; i++) {
      fake.sendUserMessage(`und was ist mit Nvidia? (${i})`, { channelId: threadId, from: user });
    }
    await waitFor(() => sentMessages(fake, before).length >= 2, WAIT, "two replies");
    await windowsOver();
    expect(sentMessages(fake, before)).toHaveLength(2);
    const reactions = fake.reactions.slice(reactionsBefore).map((r) => r.split("/")[2]);
    expect(reactions.sort()).toEqual([NOTICE.queued, NOTICE.refused].sort());
  });

  it("10 /ask at once: one answered now, one queued (announced ephemerally) and answered, 8 refused ephemerally", async () => {
    await windowsOver();
    const user = loadUsers(1)[0];
    const sent = Array.from({ length: 10 }, (_, i) =>
      fake.sendCommand("ask", { question: `${QUESTION} ${i}` }, { user }),
    );
    const callbackOf = (id: string) => (r: RecordedRequest) => r.path.startsWith(`/interactions/${id}/`);
    await waitFor(
      () => sent.every((s) => fake.requests.some(callbackOf(s.id))),
      WAIT,
      "every acknowledgement",
    );
    const acks = sent.map((s) => fake.requests.find(callbackOf(s.id))?.body);
    const deferred = acks.filter((b) => b?.type === 5);
    const refused = acks.filter((b) => b?.type === 4);
    expect(deferred).toHaveLength(2);
    expect(refused).toHaveLength(8);
    for (const r of refused) {
      expect(r.data.flags).toBe(64);
      expect(r.data.content).toMatch(/^Bitte warte noch \d+ s/);
    }
    const queuedIndex = acks.map((b) => b?.type).lastIndexOf(5);
    const queued = sent[queuedIndex];
    const notice = await waitFor(
      () =>
        fake.requests.find(
          (r) => r.method === "POST" && r.path === `/webhooks/${fake.applicationId}/${queued?.token}`,
        ),
      WAIT,
      "the queued notice",
    );
    expect(notice.body.flags).toBe(64);
    expect(notice.body.content).toMatch(/^⏳ Deine Frage ist notiert – die Antwort kommt in etwa \d+ s\.$/);
    // Both deferred questions get their answer.
    for (const s of sent.filter((_, i) => acks[i]?.type === 5)) {
      const edit = await fake.waitForRequest("PATCH", /@original$/, WAIT, (r) =>
        r.path.includes(`/${s.token}/`),
      );
      expect(edit.body.embeds?.length).toBeGreaterThan(0);
    }
  });
});

describe("a burst of 200 users with the default limits", () => {
  let fake: FakeDiscord;
  let bot: RunningBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    // Only the connection: cooldown, queueing and concurrency are the defaults.
    bot = await startBotAgainst(fake, temp.engine);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("answers every one (none refused, none lost) and reports sent, answered, refused and p95", async () => {
    const fixture = JSON.parse(
      await readFile(path.join(projectRoot, "test/fixtures/dev-questions.json"), "utf8"),
    ) as { questions: Array<{ q: string }> };
    const report = await runLoad(fake, {
      total: 200,
      concurrency: 200,
      questions: fixture.questions.map((q) => q.q),
      users: loadUsers(200),
      warmup: 200,
    });
    const burst = summarizeBurst(report);
    console.info(`[burst] ${formatBurst(burst)}`);
    expect(burst.sent).toBe(200);
    expect(burst.refused).toBe(0);
    expect(burst.lost).toBe(0);
    expect(burst.answered).toBe(200);
  });
});
