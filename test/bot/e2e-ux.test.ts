/**
 * End to end for what a reader and an admin see: /figures (pages, chart, evidence menu), buttons that keep
 * working after the bot restarts. The real discord.js client and the real engine (lexical mode) against the
 * fake Discord on 127.0.0.1; the restart is a second bot on a freshly loaded engine over the same index.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decode } from "fast-png";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAllRecords } from "../../bot/feedback/log.ts";
import { parseFiguresCustomId } from "../../bot/figures/view.ts";
import { type RunningBot, startBot } from "../../bot/main.ts";
import { type AppConfig, loadConfig } from "../../config/index.ts";
import { type Engine, loadEngine } from "../../retrieval/index.ts";
import {
  FakeDiscord,
  type FakeMessage,
  PERMS,
  type RecordedRequest,
} from "../../tools/fake-discord/index.ts";
import { type TempEngine, tempEngine } from "../support/temp-engine.ts";

const WAIT = 10_000;
const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);
const isOriginalEdit = (token: string) => (r: RecordedRequest) =>
  r.path.endsWith(`/${token}/messages/@original`);

describe("reader and admin experience against a fake Discord", () => {
  let fake: FakeDiscord;
  let tmp: TempEngine;
  let config: AppConfig;
  let bot: RunningBot | undefined;
  let engine: Engine;
  const logLines: string[] = [];

  async function start(withEngine: Engine): Promise<RunningBot> {
    const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
    return startBot(config, withEngine, logger, { progressIntervalMs: 0 });
  }

  /** Sends a slash command and returns its acknowledgement and its final (edited or direct) message. */
  async function command(name: string, options: Record<string, string | boolean> = {}, from = {}) {
    const sent = fake.sendCommand(name, options, from);
    const ack = await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    if (ack.body.type === 4) return { sent, ack, body: ack.body.data, files: ack.files ?? [] };
    const edit = await fake.waitForRequest(
      "PATCH",
      /\/messages\/@original$/,
      WAIT,
      isOriginalEdit(sent.token),
    );
    return {
      sent,
      ack,
      body: edit.body,
      files: edit.files ?? [],
      message: fake.messages.get(`original:${sent.token}`),
    };
  }

  beforeAll(async () => {
    tmp = await tempEngine();
    engine = tmp.engine;
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    config = loadConfig(
      {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        ADMIN_ROLE_IDS: fake.adminRoleId,
        USER_COOLDOWN_MS: "0",
        CORPUS_DIR: tmp.corpusDir,
        INDEX_DIR: tmp.indexDir,
        FEEDBACK_FILE: path.join(tmp.dir, "log", "feedback.jsonl"),
      },
      { dotenvPath: false },
    );
    bot = await start(engine);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await tmp?.dispose();
  });

  let figuresMessage: FakeMessage | undefined;
  let quoteMenu: { custom_id: string; options: Array<{ value: string; label: string }> } | undefined;

  it("/figures: every figure reachable in compact lines, the 830 Milliarden valuation on page 1, a PNG chart", async () => {
    const { ack, body, files, message } = await command("figures");
    expect(ack.body.type).toBe(5);
    const embed = body.embeds[0];
    const lines = String(embed.description).split("\n");
    console.log(`[figures message]\n${embed.title}\n${embed.description}\n— ${embed.footer?.text}`);
    expect(embed.description).toContain("830 Milliarden Dollar · 830 Mrd. $");
    // One line per figure: no quotes inline.
    expect(embed.description).not.toContain(">");
    for (const f of engine.figures()) {
      expect(embed.description, f.text).toContain(f.text);
    }
    expect(lines.filter((l) => /^\d+\. /.test(l)).length).toBeLessThan(engine.figures().length); // de-duplicated
    expect(embed.footer.text).toContain("„thema“");
    expect(body.allowed_mentions.parse).toEqual([]);

    // The chart rides along as a PNG attachment.
    expect(files).toHaveLength(1);
    expect(files[0]?.filename).toBe("kennzahlen.png");
    const png = decode(files[0]?.data as Buffer);
    expect(png.width).toBe(960);
    expect(png.height).toBeGreaterThan(200);

    quoteMenu = body.components[0].components[0];
    expect(quoteMenu?.options.length).toBeGreaterThan(10);
    figuresMessage = message;
  });

  it("the evidence menu shows the sentences behind a figure, privately", async () => {
    const option = quoteMenu?.options.find((o) => o.label.includes("Bewertung"));
    expect(option).toBeDefined();
    const pick = fake.sendSelect(quoteMenu?.custom_id ?? "", [option?.value ?? ""], figuresMessage);
    const reply = await fake.waitForRequest("POST", callbackOf(pick.id), WAIT);
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags).toBe(64);
    expect(reply.body.data.embeds[0].description).toContain("Bewertung auf 830 Milliarden Dollar");
  });

  let answerMessage: FakeMessage | undefined;
  let answerButtons: Array<{ label: string; custom_id: string }> = [];

  it("/ask: answer, evidence, 👍/👎 and passage buttons; the question is logged with a hashed user id", async () => {
    const { body, message } = await command("ask", {
      question: "Wie viel hat OpenAI für Azure-Services zugesagt?",
    });
    answerMessage = message;
    answerButtons = body.components.flatMap((r: { components: typeof answerButtons }) => r.components);
    expect(answerButtons.map((b) => b.label)).toEqual(
      expect.arrayContaining(["Passage 1", "Hilfreich", "Nicht hilfreich"]),
    );
    const embed = body.embeds[0];
    expect(embed.description).toContain("250");
    // The evidence: the supporting sentence in bold in its passage; no reference URL posing as the source.
    expect(embed.fields[0].value).toMatch(/\*\*.+\*\*/);
    expect(JSON.stringify(embed)).not.toMatch(/https?:\/\//);
    expect(embed.footer.text).toMatch(/Index vom .* · Suchmodus: nur Stichwörter$/);

    const abstain = await command("ask", { question: "Wer hat die Fußball-WM 1954 gewonnen?" });
    // The abstention names what the article lacks (the World Cup of 1954).
    expect(abstain.body.embeds[0].description).toMatch(/^Der Artikel erwähnt .*1954 nicht\./);
    await bot?.dispatcher.drain(1_000);
    const records = await readAllRecords(config.feedbackFile);
    const questions = records.filter((r) => r.type === "question");
    // Two answers, written in whichever order their log lines were ready.
    expect(questions.map((q) => q.type === "question" && q.abstained).sort()).toEqual([false, true]);
    const raw = readFileSync(config.feedbackFile ?? "", "utf8");
    expect(raw).not.toContain(fake.member.id);
    expect(questions[0]?.user).toMatch(/^[0-9a-f]{16}$/);
    const answered = questions.find((q) => q.type === "question" && !q.abstained);
    expect(answered).toMatchObject({
      question: "Wie viel hat OpenAI für Azure-Services zugesagt?",
      source: "slash",
    });
  });

  it("after a restart the same menu and buttons still work (the custom id carries what it needs)", async () => {
    await bot?.stop();
    await engine.close();
    engine = await loadEngine(tmp.options);
    bot = await start(engine);
    expect(parseFiguresCustomId(quoteMenu?.custom_id ?? "")?.indexVersion).toBe(engine.status().indexVersion);
    const option = quoteMenu?.options.find((o) => o.label.includes("Azure-Services"));
    const pick = fake.sendSelect(quoteMenu?.custom_id ?? "", [option?.value ?? ""], figuresMessage);
    const reply = await fake.waitForRequest("POST", callbackOf(pick.id), WAIT);
    expect(reply.body.data.embeds[0].description).toContain("$250 Milliarden");

    // The passage button of the answer sent before the restart.
    const passage = answerButtons.find((b) => b.label === "Passage 1");
    const pressed = fake.sendButton(passage?.custom_id ?? "", answerMessage);
    const shown = await fake.waitForRequest("POST", callbackOf(pressed.id), WAIT);
    expect(shown.body.data.flags).toBe(64);
    expect(shown.body.data.embeds[0].description).toMatch(
      /\*\*OpenAI verpflichtete sich zu \$250 Milliarden/,
    );

    // 👍 on the same answer: recorded with the question, answer, citations and index version from the log.
    const up = answerButtons.find((b) => b.label === "Hilfreich");
    const vote = fake.sendButton(up?.custom_id ?? "", answerMessage, { user: fake.admin });
    const thanks = await fake.waitForRequest("POST", callbackOf(vote.id), WAIT);
    expect(thanks.body.data.flags).toBe(64);
    expect(thanks.body.data.content).toMatch(/Danke/);
    const feedback = (await readAllRecords(config.feedbackFile)).filter((r) => r.type === "feedback");
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({
      vote: "up",
      question: "Wie viel hat OpenAI für Azure-Services zugesagt?",
      abstained: false,
      indexVersion: engine.status().indexVersion,
    });
    expect(feedback[0]?.type === "feedback" && feedback[0].citations?.[0]?.quote).toContain(
      "$250 Milliarden",
    );
  });

  it("/stats: the numbers for an admin, privately; a member is refused, privately", async () => {
    const down = answerButtons.find((b) => b.label === "Nicht hilfreich");
    const vote = fake.sendButton(down?.custom_id ?? "", answerMessage, { user: fake.member });
    await fake.waitForRequest("POST", callbackOf(vote.id), WAIT);

    const admin = await command("stats", {}, { user: fake.admin, permissions: PERMS.manageGuild });
    expect(admin.ack.body.data.flags).toBe(64);
    const text = JSON.stringify(admin.body.embeds).replace(/\u00a0/g, " ");
    console.log(
      `[stats]\n${admin.body.embeds[0].fields.map((f: { name: string; value: string }) => `${f.name}\n${f.value}`).join("\n")}`,
    );
    expect(text).toContain("2 Fragen: 1 beantwortet (50 %), 1 nicht beantwortet");
    expect(text).toContain("👍 1 · 👎 1");
    expect(text).toContain("Wer hat die Fußball-WM 1954 gewonnen? (1×)");
    expect(text).toMatch(/p50 \d+ ms · p95 \d+ ms/);

    const member = await command("stats", {}, { user: fake.member });
    expect(member.ack.body.type).toBe(4);
    expect(member.ack.body.data.flags).toBe(64);
    expect(member.body.content).toMatch(/Nur Server-Admins/);
  });

  it("/sources is private and shows no server paths or raw errors", async () => {
    const { ack, body } = await command("sources");
    expect(ack.body.data.flags).toBe(64);
    const text = JSON.stringify(body);
    expect(text).toContain("nur Stichwörter (kein Embedding-Modell geladen)");
    expect(text).not.toContain(tmp.dir);
    expect(text).not.toContain("EMBEDDINGS_ENABLED");
    expect(text).not.toMatch(/\.txt|\/tmp\//);
  });

  it("server-only commands in a DM say so; unknown commands get a clear message", async () => {
    const dm = await command("reindex", {}, { dm: true });
    expect(dm.ack.body.data.flags).toBe(64);
    expect(dm.body.content).toBe("Das geht nur in einem Server, nicht in Direktnachrichten.");
    const unknown = await command("frobnicate");
    expect(unknown.body.content).toMatch(/Diesen Befehl kenne ich nicht/);
    expect(unknown.body.content).not.toMatch(/schiefgegangen/);
  });
});
