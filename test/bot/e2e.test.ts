/**
 * End to end: the real discord.js client and the real engine (lexical mode) against the fake Discord on
 * 127.0.0.1. Also `scripts/start.ts` and `scripts/register.ts` as child processes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { GatewayOpcodes } from "discord-api-types/v10";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../bot/main.ts";
import { loadConfig } from "../../config/index.ts";
import { defaultEmbeddingOptions, type Engine, loadEngine } from "../../retrieval/index.ts";
import type { AskOptions } from "../../retrieval/types.ts";
import { FakeDiscord, PERMS, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** tsx's ESM loader (what `node --import tsx` resolves to), by absolute URL so cwd does not matter. */
const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const QUESTION = "Wie viel hat OpenAI für Azure-Services zugesagt?";
const WAIT = 10_000;

const latencies = {
  ackMs: [] as number[],
  answerMs: [] as number[],
  retriedAnswerMs: [] as number[],
  burstAckMs: [] as number[],
  burstAnswerMs: [] as number[],
};

function tempCorpus(): { dir: string; corpusDir: string; indexDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "fundstelle-bot-"));
  const corpusDir = path.join(dir, "corpus");
  cpSync(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
  return { dir, corpusDir, indexDir: path.join(dir, "index") };
}

const isOriginalEdit = (token: string) => (r: RecordedRequest) =>
  r.path.endsWith(`/${token}/messages/@original`);
const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);

function embedText(body: { embeds?: unknown[]; content?: string } | null | undefined): string {
  return `${body?.content ?? ""}\n${JSON.stringify(body?.embeds ?? [])}`;
}

describe("bot against a fake Discord (in process)", () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let engine: Engine;
  let tmp: ReturnType<typeof tempCorpus>;
  const asks: Array<{ question: string; options?: AskOptions }> = [];
  const logLines: string[] = [];

  /** Sends a slash command and waits for its acknowledgement and, for deferred replies, the edited answer. */
  async function askCommand(question: string, from = {}, record = true) {
    const sent = fake.sendCommand("ask", { question }, from);
    const ack = await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    const edit = await fake.waitForRequest(
      "PATCH",
      /\/messages\/@original$/,
      WAIT,
      isOriginalEdit(sent.token),
    );
    if (record) {
      latencies.ackMs.push(ack.at - sent.dispatchedAt);
      latencies.answerMs.push(edit.at - sent.dispatchedAt);
    }
    return { sent, ack, edit };
  }

  beforeAll(async () => {
    tmp = tempCorpus();
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    const real = await loadEngine({
      corpusDir: tmp.corpusDir,
      indexDir: tmp.indexDir,
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    // The real engine, with ask() observed so the test can see the context of follow-ups.
    engine = {
      ask: (question, options) => {
        asks.push({ question, options });
        return real.ask(question, options);
      },
      figures: (f) => real.figures(f),
      figureTopics: () => real.figureTopics(),
      documents: () => real.documents(),
      passage: (id) => real.passage(id),
      status: () => real.status(),
      reindex: (p) => real.reindex(p),
      refreshFromDisk: () => real.refreshFromDisk(),
      close: () => real.close(),
    };
    const config = loadConfig(
      {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        ADMIN_ROLE_IDS: fake.adminRoleId,
        MENTIONS_ENABLED: "true",
        THREADS_ENABLED: "true",
        REGISTER_COMMANDS: "true",
        USER_COOLDOWN_MS: "0",
        FEEDBACK_FILE: path.join(tmp.dir, "feedback.jsonl"),
      },
      { dotenvPath: false },
    );
    const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
    bot = await startBot(config, engine, logger, { progressIntervalMs: 0 });
  });

  afterAll(async () => {
    await bot?.stop();
    await engine?.close();
    await fake?.close();
    if (tmp) rmSync(tmp.dir, { recursive: true, force: true });
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const stat = (xs: number[]) => {
      const s = sorted(xs);
      const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]?.toFixed(1);
      return `n=${s.length} median=${q(0.5)} ms p90=${q(0.9)} ms max=${s.at(-1)?.toFixed(1)} ms`;
    };
    console.log(`[latency] acknowledgement: ${stat(latencies.ackMs)}`);
    console.log(`[latency] answer (dispatch → edited answer): ${stat(latencies.answerMs)}`);
    console.log(`[latency] burst of 15 at once, acknowledgement: ${stat(latencies.burstAckMs)}`);
    console.log(`[latency] burst of 15 at once, answer: ${stat(latencies.burstAnswerMs)}`);
    console.log(`[latency] answer after a 429 with Retry-After 0.3 s: ${stat(latencies.retriedAnswerMs)}`);
  });

  it("logs in, gets READY and registers the commands with one bulk PUT", () => {
    expect(bot.client.user.id).toBe(fake.bot.id);
    expect(bot.client.guilds.cache.has(fake.guildId)).toBe(true);
    const identify = fake.ops(GatewayOpcodes.Identify);
    expect(identify).toHaveLength(1);
    expect(identify[0]?.d.token).toBe(fake.token);
    expect(identify[0]?.d.intents).toBe(1 | (1 << 9) | (1 << 15)); // Guilds, GuildMessages, MessageContent
    const puts = fake.findRequests(
      "PUT",
      `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    );
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body.map((c: { name: string }) => c.name)).toEqual([
      "ask",
      "figures",
      "sources",
      "help",
      "reindex",
      "stats",
      "corpus",
    ]);
    expect(logLines.join("\n")).not.toContain(fake.token);
  });

  it("/ask is deferred, then edited with an answer, citations, footer and passage buttons", async () => {
    const { ack, edit } = await askCommand(QUESTION);
    expect(ack.body.type).toBe(5);
    expect(ack.body.data?.flags ?? 0).toBe(0);
    const embed = edit.body.embeds[0];
    expect(embed.description).toContain("250");
    expect(embed.description).toMatch(/\[1\]/);
    expect(embed.fields[0].name).toMatch(/^\[1\] /);
    expect(embed.fields[0].value).toMatch(/^> /);
    expect(embed.footer.text).toMatch(
      /^Artikel vom .* · Index vom \d\d\.\d\d\.\d{4} \d\d:\d\d UTC · Suchmodus: nur Stichwörter$/,
    );
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(edit.body.components[0].components[0].label).toBe("Passage 1");

    // The button reveals the full passage, ephemerally.
    const message = fake.messages.get(`original:${edit.path.split("/")[3]}`);
    const button = fake.sendButton(edit.body.components[0].components[0].custom_id, message);
    const reveal = await fake.waitForRequest("POST", callbackOf(button.id), WAIT);
    expect(reveal.body.type).toBe(4);
    expect(reveal.body.data.flags).toBe(64);
    expect(reveal.body.data.embeds[0].description).toContain("**");
    const labels = edit.body.components.flatMap((r: { components: Array<{ label: string }> }) =>
      r.components.map((c) => c.label),
    );
    expect(labels).toContain("Hilfreich");
    expect(labels).toContain("Nicht hilfreich");
    expect(reveal.body.data.allowed_mentions.parse).toEqual([]);
  });

  it("never pings: @everyone and role mentions in a question go out with allowed_mentions.parse empty", async () => {
    const { edit } = await askCommand(`@everyone <@&${fake.adminRoleId}> @here ${QUESTION}`);
    expect(edit.body.allowed_mentions.parse).toEqual([]);
    // Every message the bot sent in this run carries the same guard.
    const sends = fake.requests.filter(
      (r) =>
        ["POST", "PATCH"].includes(r.method) && /messages|callback$|^\/webhooks\/\d+\/[^/]+$/.test(r.path),
    );
    for (const r of sends) {
      const allowed = r.path.endsWith("/callback") ? r.body.data?.allowed_mentions : r.body?.allowed_mentions;
      if (r.path.endsWith("/callback") && r.body.type !== 4) continue;
      expect(allowed?.parse, `${r.method} ${r.path}`).toEqual([]);
    }
  });

  it("a burst of all development questions at once: each acknowledged at once and answered", async () => {
    const { questions } = JSON.parse(
      readFileSync(path.join(ROOT, "test/fixtures/dev-questions.json"), "utf8"),
    ) as {
      questions: Array<{ q: string; oos?: boolean }>;
    };
    const users = [fake.admin, fake.member, fake.roleAdmin];
    const sent = questions.map((q, i) => ({
      q,
      s: fake.sendCommand("ask", { question: q.q }, { user: users[i % 3] }),
    }));
    for (const { q, s } of sent) {
      const ack = await fake.waitForRequest("POST", callbackOf(s.id), WAIT);
      const edit = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(s.token));
      expect(ack.body.type).toBe(5);
      latencies.burstAckMs.push(ack.at - s.dispatchedAt);
      latencies.burstAnswerMs.push(edit.at - s.dispatchedAt);
      const embed = edit.body.embeds[0];
      expect(embed.title).toBe(q.q);
      expect(embed.description.length).toBeGreaterThan(0);
      if (!q.oos) expect(embed.fields.length).toBeGreaterThan(0);
    }
  });

  it("/ask private: true is acknowledged ephemerally", async () => {
    const sent = fake.sendCommand("ask", { question: QUESTION, private: true }, { user: fake.admin });
    const ack = await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    expect(ack.body).toMatchObject({ type: 5, data: { flags: 64 } });
    await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(sent.token));
  });

  it("/figures lists key figures, filters by topic and autocompletes topics", async () => {
    const all = fake.sendCommand("figures");
    const ack = await fake.waitForRequest("POST", callbackOf(all.id), WAIT);
    expect(ack.body.type).toBe(5);
    const reply = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(all.token));
    const text = embedText(reply.body);
    expect(text).toMatch(/Kennzahlen/);
    expect(text).toContain("830 Milliarden Dollar");
    expect(reply.body.allowed_mentions.parse).toEqual([]);

    const topic = fake.sendCommand("figures", { topic: "Azure" });
    const filtered = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(topic.token));
    expect(embedText(filtered.body)).toMatch(/Azure/);

    const ac = fake.sendAutocomplete("figures", "topic", "a");
    const choices = await fake.waitForRequest("POST", callbackOf(ac.id), WAIT);
    expect(choices.body.type).toBe(8);
    expect(choices.body.data.choices.length).toBeGreaterThan(0);
    expect(choices.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it("/sources and /help answer at once", async () => {
    const s = fake.sendCommand("sources");
    const sources = await fake.waitForRequest("POST", callbackOf(s.id), WAIT);
    expect(sources.body.data.flags).toBe(64);
    expect(embedText(sources.body.data)).toContain(engine.status().indexVersion);
    const h = fake.sendCommand("help");
    const help = await fake.waitForRequest("POST", callbackOf(h.id), WAIT);
    expect(help.body.data.flags).toBe(64);
    expect(embedText(help.body.data)).toContain("/ask");
  });

  it("/reindex is refused for a plain member, ephemerally, and nothing happens", async () => {
    const before = engine.status().indexVersion;
    const sent = fake.sendCommand("reindex", {}, { user: fake.member, permissions: PERMS.member });
    const reply = await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toMatch(/nur die Betreiber des Bots/);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.findRequests("PATCH", /@original$/).filter(isOriginalEdit(sent.token))).toHaveLength(0);
    expect(engine.status().indexVersion).toBe(before);
    expect(engine.status().reindexing).toBe(false);
  });

  it("/reindex by an admin reports progress and a summary, and /ask keeps answering meanwhile", async () => {
    const sent = fake.sendCommand("reindex", {}, { user: fake.roleAdmin, roles: [fake.adminRoleId] });
    const during = fake.sendCommand("ask", { question: QUESTION }, { user: fake.admin });
    const ack = await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    expect(ack.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const summary = await fake.waitForRequest(
      "PATCH",
      /@original$/,
      WAIT,
      (r) => isOriginalEdit(sent.token)(r) && embedText(r.body).includes("Neuindizierung abgeschlossen"),
    );
    const edits = fake.findRequests("PATCH", /@original$/).filter(isOriginalEdit(sent.token));
    expect(edits[0]?.body.content).toBe("Neuindizierung gestartet …");
    expect(edits.some((e) => String(e.body.content).startsWith("Neuindizierung läuft"))).toBe(true);
    expect(edits.at(-1)).toBe(summary);
    const fields = summary.body.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(
      expect.arrayContaining(["Dokumente", "Abschnitte", "Kennzahlen", "Dauer", "Index"]),
    );
    const answered = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(during.token));
    expect(embedText(answered.body)).toContain("250");
  });

  it("a mention opens a thread; a follow-up there needs no mention and carries the earlier question", async () => {
    const requestsBefore = fake.requests.length;
    fake.sendUserMessage("Hallo @everyone, wie viel hat OpenAI zugesagt?"); // no bot mention: ignored
    const mention = fake.sendUserMessage(`<@${fake.bot.id}> ${QUESTION}`, {
      mentionBot: true,
      from: fake.admin,
    });
    const thread = await fake.waitForRequest(
      "POST",
      `/channels/${fake.channelId}/messages/${mention.id}/threads`,
      WAIT,
    );
    expect(thread.body.name).toBe(QUESTION);
    const threadId = mention.id;
    const first = await fake.waitForRequest("POST", `/channels/${threadId}/messages`, WAIT);
    latencies.answerMs.push(first.at - mention.dispatchedAt);
    expect(embedText(first.body)).toContain("250");
    expect(first.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const followUp = fake.sendUserMessage("und wie viel davon für Azure?", {
      channelId: threadId,
      from: fake.member,
    });
    const second = await fake.waitForRequest(
      "POST",
      `/channels/${threadId}/messages`,
      WAIT,
      (r) => r.body?.message_reference?.message_id === followUp.id,
    );
    expect(second.body.embeds.length).toBeGreaterThan(0);
    expect(asks.find((a) => a.question === "und wie viel davon für Azure?")?.options?.context).toEqual([
      QUESTION,
    ]);
    // Nothing was sent for the message without a mention.
    const sentToChannel = fake.requests
      .slice(requestsBefore)
      .filter((r) => r.path === `/channels/${fake.channelId}/messages`);
    expect(sentToChannel).toHaveLength(0);
  });

  it("in a thread, an elliptic follow-up borrows the earlier topic while a full question stands alone", async () => {
    const opening = "Wie viel will Amazon in OpenAI investieren?";
    const mention = fake.sendUserMessage(`<@${fake.bot.id}> ${opening}`, {
      mentionBot: true,
      from: fake.admin,
    });
    const threadId = mention.id;
    const first = await fake.waitForRequest("POST", `/channels/${threadId}/messages`, WAIT);
    expect(embedText(first.body)).toContain("50 Milliarden");
    const replyTo = (id: string) => (r: { body?: { message_reference?: { message_id?: string } } }) =>
      r.body?.message_reference?.message_id === id;

    const when = fake.sendUserMessage("Und bis wann?", { channelId: threadId, from: fake.member });
    const whenReply = await fake.waitForRequest(
      "POST",
      `/channels/${threadId}/messages`,
      WAIT,
      replyTo(when.id),
    );
    expect(embedText(whenReply.body)).toContain("Q1 2026");

    const valuation = fake.sendUserMessage("How much is OpenAI valued at?", {
      channelId: threadId,
      from: fake.admin,
    });
    const valuationReply = await fake.waitForRequest(
      "POST",
      `/channels/${threadId}/messages`,
      WAIT,
      replyTo(valuation.id),
    );
    expect(embedText(valuationReply.body)).toContain("830");
    expect(embedText(valuationReply.body)).not.toContain("50 Milliarden Dollar —");
  });

  it("a 429 (and a 500) on the edit is retried and the answer still arrives", async () => {
    fake.fail({ method: "PATCH", path: /\/messages\/@original$/, status: 429, retryAfter: 0.3 });
    const { sent, edit } = await askCommand(QUESTION, { user: fake.roleAdmin }, false);
    latencies.retriedAnswerMs.push(edit.at - sent.dispatchedAt);
    const attempts = fake.findRequests("PATCH", /@original$/).filter(isOriginalEdit(sent.token));
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(edit.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    expect(embedText(edit.body)).toContain("250");

    fake.fail({ method: "PATCH", path: /\/messages\/@original$/, status: 500 });
    const second = await askCommand(QUESTION, { user: fake.roleAdmin }, false);
    const tries = fake.findRequests("PATCH", /@original$/).filter(isOriginalEdit(second.sent.token));
    expect(tries.map((a) => a.status)).toEqual([500, 200]);
  });

  it("a gateway RECONNECT resumes the session, and interactions are answered afterwards", async () => {
    const resumesBefore = fake.ops(GatewayOpcodes.Resume).length;
    fake.requestReconnect();
    // Dispatched while the client reconnects: replayed on RESUME.
    const during = fake.sendCommand("ask", { question: QUESTION }, { user: fake.admin });
    await waitFor(() => fake.ops(GatewayOpcodes.Resume).length > resumesBefore, WAIT, "RESUME");
    expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(1); // resumed, not re-identified
    await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(during.token));
    const after = await askCommand(QUESTION, { user: fake.member });
    expect(embedText(after.edit.body)).toContain("250");
    // Heartbeats (every second here) flow on the resumed connection and are acknowledged: no zombie reconnect.
    await waitFor(() => fake.ops(GatewayOpcodes.Heartbeat).length > 0, 3_000, "a heartbeat");
    expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(1);
  });
});

describe("scripts against a fake Discord (child processes)", () => {
  let fake: FakeDiscord;
  let tmp: ReturnType<typeof tempCorpus>;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    tmp = tempCorpus();
  });

  afterAll(async () => {
    await fake?.close();
    if (tmp) rmSync(tmp.dir, { recursive: true, force: true });
  });

  function run(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
    const chunks: string[] = [];
    // cwd is the temp dir, so no developer .env leaks into the test.
    const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "scripts", script)], {
      cwd: tmp.dir,
      env: { PATH: process.env.PATH ?? "", HOME: tmp.dir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => chunks.push(String(d)));
    child.stderr?.on("data", (d) => chunks.push(String(d)));
    return { child, output: () => chunks.join("") };
  }

  function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`process did not exit within ${timeoutMs} ms`));
      }, timeoutMs);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  it("npm start: logs in, answers, and exits 0 on SIGTERM", async () => {
    const { child, output } = run("start.ts", {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: tmp.corpusDir,
      INDEX_DIR: tmp.indexDir,
      EMBEDDINGS_ENABLED: "false",
      LOG_LEVEL: "debug",
      SHUTDOWN_TIMEOUT_MS: "3000",
      // discord.js reads SHARD_COUNT itself and rejects "auto"; the bot must cope with the documented default.
      SHARD_COUNT: "auto",
    });
    try {
      await waitFor(() => output().includes("connected to Discord"), 20_000, "the bot to connect");
      expect(fake.ops(GatewayOpcodes.Identify)[0]?.d.intents).toBe(1); // mentions off by default: Guilds only, no privileged intent
      const sent = fake.sendCommand("ask", { question: QUESTION });
      await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
      const edit = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(sent.token));
      expect(embedText(edit.body)).toContain("250");
      const signalledAt = Date.now();
      child.kill("SIGTERM");
      expect(await exitOf(child, 10_000)).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(output()).toContain("shutting down");
      expect(output()).toContain("disconnected from Discord");
      expect(output()).not.toContain(fake.token);
      await waitFor(() => fake.connectedSessions === 0, WAIT, "the gateway socket to close");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("npm start: a rejected token fails the start with a non-zero exit, without retrying login", async () => {
    const { child, output } = run("start.ts", {
      DISCORD_TOKEN: "not-the-token-of-this-fake-discord",
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: tmp.corpusDir,
      INDEX_DIR: tmp.indexDir,
      EMBEDDINGS_ENABLED: "false",
    });
    expect(await exitOf(child, 20_000)).toBe(1);
    expect(output()).toContain("could not start the Discord bot");
    expect(output()).not.toContain("not-the-token-of-this-fake-discord");
    const gatewayCalls = fake.requests.filter((r) => r.path === "/gateway/bot" && r.status === 401);
    expect(gatewayCalls).toHaveLength(1);
  });

  it("npm run register: one bulk PUT to the guild's commands", async () => {
    const { child, output } = run("register.ts", {
      DISCORD_TOKEN: fake.token,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(await exitOf(child, 20_000)).toBe(0);
    expect(output()).toContain(`Registered 7 commands in server ${fake.guildId}`);
    const puts = fake.findRequests("PUT", /commands$/);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(puts[0]?.body).toHaveLength(7);
  });

  it("npm run register: names the missing variable", async () => {
    const { child, output } = run("register.ts", { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    expect(await exitOf(child, 20_000)).toBe(1);
    expect(output()).toContain("DISCORD_CLIENT_ID");
  });
});
