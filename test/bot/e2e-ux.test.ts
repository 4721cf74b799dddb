/**
 * End to end for what a reader and an admin see: /figures (pages, chart, evidence menu), buttons that keep
 * working after the bot restarts. The real discord.js client and the real engine (lexical mode) against the
 * fake Discord on 127.0.0.1; the restart is a second bot on a freshly loaded engine over the same index.
 */
import { decode } from "fast-png";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFiguresCustomId } from "../../bot/figures/view.ts";
import { type RunningBot, startBot } from "../../bot/main.ts";
import { type AppConfig, loadConfig } from "../../config/index.ts";
import { type Engine, loadEngine } from "../../retrieval/index.ts";
import { FakeDiscord, type RecordedRequest } from "../support/fake-discord.ts";
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

  let figuresMessage: unknown;
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

  it("after a restart the same menu still works (the custom id carries what it needs)", async () => {
    await bot?.stop();
    await engine.close();
    engine = await loadEngine(tmp.options);
    bot = await start(engine);
    expect(parseFiguresCustomId(quoteMenu?.custom_id ?? "")?.indexVersion).toBe(engine.status().indexVersion);
    const option = quoteMenu?.options.find((o) => o.label.includes("Azure-Services"));
    const pick = fake.sendSelect(quoteMenu?.custom_id ?? "", [option?.value ?? ""], figuresMessage);
    const reply = await fake.waitForRequest("POST", callbackOf(pick.id), WAIT);
    expect(reply.body.data.embeds[0].description).toContain("$250 Milliarden");
  });
});
