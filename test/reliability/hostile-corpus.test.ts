/**
 * A hostile corpus (test/fixtures/hostile-corpus.ts) through every way out: ingestion, the CLI, the console
 * chat and the real bot against the strict fake Discord. Nothing it holds may become a refused message
 * (400/50035), a live link to somewhere else, a mention, or an escape sequence on a terminal.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../bot/main.ts";
import { runConsoleChat } from "../../cli/console-chat.ts";
import { loadConfig } from "../../config/index.ts";
import { readCorpus } from "../../retrieval/corpus/ingest.ts";
import { defaultEmbeddingOptions, type Engine, loadEngine, safeWebUrl } from "../../retrieval/index.ts";
import { FakeDiscord, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";
import { messageProblems } from "../../tools/fake-discord/rules.ts";
import {
  HOSTILE,
  liveMaskedLinks,
  stringsOf,
  TERMINAL_CONTROL,
  writeHostileCorpus,
} from "../fixtures/hostile-corpus.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WAIT = 10_000;
const run = promisify(execFile);

let dir: string;
let corpusDir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "fundstelle-hostile-"));
  corpusDir = writeHostileCorpus(path.join(dir, "corpus"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("ingestion of a hostile corpus", () => {
  it("keeps only safe web links as sources, and no escape sequence anywhere", async () => {
    const corpus = await readCorpus(corpusDir);
    const doc = corpus.documents[0];
    expect(doc?.title).toBe("Zebrabank Bericht");
    expect(doc?.sources[0]?.url).toBe(HOSTILE.safeSource);
    for (const source of doc?.sources ?? []) expect(safeWebUrl(source.url)).toBe(source.url);
    const urls = (doc?.sources ?? []).map((s) => s.url).join(" ");
    expect(urls).not.toMatch(/javascript:|data:|secret@|Login hier/);
    for (const text of stringsOf(corpus)) expect(text).not.toMatch(TERMINAL_CONTROL);
  });

  it("does not read `[0m` as 0 Meter: the figures hold the 12 Meter and no zero-metre length", async () => {
    const engine = await loadEngine({
      corpusDir,
      indexDir: path.join(dir, "index-figures"),
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    const figures = engine.figures();
    expect(figures.some((f) => f.unit === "m" && f.value === 12)).toBe(true);
    expect(figures.filter((f) => f.unit === "m" && f.value === 0)).toEqual([]);
    for (const text of stringsOf(figures)) {
      expect(text).not.toMatch(/\[0m|\[31m/);
      expect(text).not.toMatch(TERMINAL_CONTROL);
    }
    await engine.close();
  });
});

describe("terminals", () => {
  const env = () => ({
    ...process.env,
    CORPUS_DIR: corpusDir,
    INDEX_DIR: path.join(dir, "index-cli"),
    EMBEDDINGS_ENABLED: "false",
    LOG_LEVEL: "silent",
    DISCORD_TOKEN: "",
  });
  const script = (name: string, args: string[]) =>
    run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", name), ...args], {
      cwd: ROOT,
      env: env(),
    });

  it("npm run ask and npm run figures print no control or escape sequence", async () => {
    const outputs: string[] = [];
    for (const question of HOSTILE.questions.slice(2)) {
      const { stdout, stderr } = await script("ask.ts", [question]);
      outputs.push(stdout, stderr);
    }
    const figures = await script("figures.ts", []);
    outputs.push(figures.stdout, figures.stderr);
    expect(outputs.join("\n")).toContain("Zebrabank");
    for (const out of outputs) expect(out).not.toMatch(TERMINAL_CONTROL);
  }, 60_000);

  it("the console chat prints no control or escape sequence", async () => {
    const engine = await loadEngine({
      corpusDir,
      indexDir: path.join(dir, "index-chat"),
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    const output = new PassThrough();
    let text = "";
    output.on("data", (d: Buffer) => {
      text += d.toString();
    });
    await runConsoleChat(engine, {
      input: Readable.from([...HOSTILE.questions, "/figures", "/quit"].map((q) => `${q}\n`)),
      output,
    });
    await engine.close();
    expect(text).toContain("Zebrabank");
    expect(text).not.toMatch(TERMINAL_CONTROL);
  });
});

describe("the bot against the strict fake Discord", () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let engine: Engine;
  const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);
  const isOriginalEdit = (token: string) => (r: RecordedRequest) =>
    r.path.endsWith(`/${token}/messages/@original`);

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000, strict: true });
    engine = await loadEngine({
      corpusDir,
      indexDir: path.join(dir, "index-bot"),
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    const config = loadConfig(
      {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        MENTIONS_ENABLED: "true",
        USER_COOLDOWN_MS: "0",
        FEEDBACK_FILE: path.join(dir, "feedback.jsonl"),
      },
      { dotenvPath: false },
    );
    bot = await startBot(config, engine, pino({ level: "silent" }), { progressIntervalMs: 0 });
  });

  afterAll(async () => {
    await bot?.stop();
    await engine?.close();
    await fake?.close();
  });

  it("answers, figures, sources, passages and mentions: every payload is valid, inert and link-safe", async () => {
    for (const question of HOSTILE.questions) {
      const sent = fake.sendCommand("ask", { question });
      const edit = await fake.waitForRequest("PATCH", /@original$/, WAIT, isOriginalEdit(sent.token));
      const button = edit.body.components?.[0]?.components?.[0];
      if (button) {
        const message = fake.messages.get(`original:${sent.token}`);
        const pressed = fake.sendButton(button.custom_id, message);
        await fake.waitForRequest("POST", callbackOf(pressed.id), WAIT);
      }
    }
    for (const [name, options] of [
      ["figures", {}],
      ["figures", { topic: "Zebrabank" }],
      ["sources", {}],
    ] as const) {
      const sent = fake.sendCommand(name, options);
      await fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    }
    const mention = fake.sendUserMessage(`<@${fake.bot.id}> ${HOSTILE.questions[1]}`, { mentionBot: true });
    await waitFor(
      () => fake.requests.find((r) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.path)),
      WAIT,
      `an answer to mention ${mention.id}`,
    );

    // The answer header links the document's own URL only; its `javascript:` url is dropped (Discord would
    // refuse it with 400), and a reference (even the safe one) is never passed off as the document.
    const answers = fake.findRequests("PATCH", /@original$/).filter((r) => r.body?.embeds?.length);
    expect(answers.length).toBeGreaterThanOrEqual(HOSTILE.questions.length);
    expect(answers.every((r) => r.body.embeds[0].author?.url === undefined)).toBe(true);
    expect(JSON.stringify(answers.map((r) => r.body))).toContain("zebrabank.de");

    expect(fake.rejected).toEqual([]);
    const sentByBot = fake.requests.filter(
      (r) => r.method !== "GET" && /^\/(interactions|webhooks|channels)\//.test(r.path),
    );
    expect(sentByBot.length).toBeGreaterThan(10);
    for (const request of sentByBot) {
      const body = request.path.endsWith("/callback") ? request.body?.data : request.body;
      expect(messageProblems(body ?? {}), request.path).toEqual([]);
      for (const text of stringsOf(body)) {
        expect(text).not.toMatch(TERMINAL_CONTROL);
        expect(text).not.toMatch(/@everyone|@here|<@\d|<@&|<#\d/);
        for (const target of liveMaskedLinks(text)) {
          expect(safeWebUrl(target), target).toBe(target);
          expect(new URL(target).hostname, text).not.toBe(HOSTILE.phishHost);
        }
      }
    }
  });
});
