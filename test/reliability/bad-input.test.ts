/**
 * Hostile and odd questions (test/fixtures/bad-questions.ts) through every entry point: the engine in lexical
 * and hybrid mode, the Discord payload builder, and the CLI's `--batch`. None throws, none pings, each gets an
 * answer, an abstention or a clear message.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAnswer } from "../../bot/render.ts";
import { fitMessage, LIMITS, NO_MENTIONS, type Outgoing } from "../../bot/respond.ts";
import { type Answer, defaultEmbeddingOptions, type Engine, loadEngine } from "../../retrieval/index.ts";
import { writeTestModel } from "../../tools/test-model/index.ts";
import { BAD_QUESTIONS } from "../fixtures/bad-questions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The engine cuts questions to this many characters before analysis (retrieval/engine.ts). */
const ENGINE_CUT = 2000;
const PING = /@(everyone|here)|<@[!&]?\d+>/;

let dir: string;
let corpusDir: string;
const engines: Partial<Record<"lexical" | "hybrid", Engine>> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fundstelle-bad-input-"));
  corpusDir = path.join(dir, "corpus");
  await cp(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
  const modelsDir = path.join(dir, "models");
  const { modelId } = await writeTestModel(modelsDir);
  engines.lexical = await loadEngine({
    corpusDir,
    indexDir: path.join(dir, "index-lexical"),
    embedding: { ...defaultEmbeddingOptions, enabled: false },
  });
  engines.hybrid = await loadEngine({
    corpusDir,
    indexDir: path.join(dir, "index-hybrid"),
    embedding: { ...defaultEmbeddingOptions, model: modelId, modelsDir, queryPrefix: "", passagePrefix: "" },
  });
  expect(engines.hybrid.status().mode).toBe("hybrid");
});

afterAll(async () => {
  await Promise.all(Object.values(engines).map((e) => e?.close()));
  await rm(dir, { recursive: true, force: true });
});

function expectWellFormed(answer: Answer, question: string): void {
  expect(typeof answer.answer).toBe("string");
  expect(answer.answer.trim()).not.toBe("");
  expect(typeof answer.abstained).toBe("boolean");
  expect(Array.isArray(answer.citations)).toBe(true);
  if (!answer.abstained) expect(answer.citations.length).toBeGreaterThan(0);
  expect(answer.question.length).toBeLessThanOrEqual(ENGINE_CUT);
  // The article holds no mentions; an answer with one would mean the question was echoed into it.
  expect(answer.answer).not.toMatch(PING);
  for (const c of answer.citations) expect(c.quote).not.toMatch(PING);
  if (question.trim() === "") expect(answer.abstained).toBe(true);
}

function expectWithinDiscordLimits(parts: Outgoing[]): void {
  expect(parts.length).toBeGreaterThan(0);
  for (const part of parts) {
    expect((part.content ?? "").length).toBeLessThanOrEqual(LIMITS.content);
    expect(part.content ?? "").not.toMatch(PING);
    for (const embed of part.embeds ?? []) {
      expect((embed.title ?? "").length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect((embed.description ?? "").length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
      for (const f of embed.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
    }
  }
}

describe("bad input through the engine", () => {
  it("has at least 50 cases with unique labels", () => {
    expect(BAD_QUESTIONS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(BAD_QUESTIONS.map((q) => q.label)).size).toBe(BAD_QUESTIONS.length);
  });

  for (const mode of ["lexical", "hybrid"] as const) {
    it.each(BAD_QUESTIONS)(`${mode}: $label`, async ({ text }) => {
      const engine = engines[mode] as Engine;
      const answer = await engine.ask(text);
      expectWellFormed(answer, text);
      // The same question as a follow-up (context) must not break either.
      expectWellFormed(await engine.ask("Und Microsoft?", { context: [text] }), "Und Microsoft?");
    });
  }

  it("still answers the real question when it is wrapped in noise", async () => {
    const noisy = [
      "emoji around a real question",
      "markdown emphasis",
      "@here with question",
      "RTL override",
      "NUL and bell",
      "lone high surrogate",
      "far beyond every limit",
      "all caps shouting",
    ];
    for (const label of noisy) {
      const text = BAD_QUESTIONS.find((q) => q.label === label)?.text ?? "";
      const answer = await (engines.lexical as Engine).ask(text);
      expect(answer.answer, label).toContain("250");
    }
  });

  it("answers through zero-width characters inside words and decomposed (NFD) umlauts", async () => {
    for (const label of ["zero-width inside words", "decomposed umlauts"]) {
      const text = BAD_QUESTIONS.find((q) => q.label === label)?.text ?? "";
      const answer = await (engines.lexical as Engine).ask(text);
      expect(answer.answer, label).toContain("250");
    }
  });
});

describe("bad input through the Discord payload builder", () => {
  it("never allows a mention to ping", () => {
    expect(NO_MENTIONS).toEqual({ parse: [], repliedUser: false });
  });

  it.each(BAD_QUESTIONS)(
    "$label: the answer payload fits Discord's limits and carries no ping in its text",
    async ({ text }) => {
      const engine = engines.lexical as Engine;
      // The /ask option is capped at 500 characters by Discord; the handler cuts the same way.
      const answer = await engine.ask(text.trim().slice(0, 500));
      const payload = renderAnswer(answer, { documents: engine.documents(), status: engine.status() });
      expectWithinDiscordLimits(fitMessage(payload));
    },
  );
});

describe("bad input through the CLI (--batch)", () => {
  it("answers every line in order with one JSON object, an error object for blank lines", async () => {
    // One question per line: newlines inside a case become spaces; blank lines are added on purpose.
    const lines = ["", ...BAD_QUESTIONS.map((q) => q.text.replace(/\r?\n/g, " ")), "   ", ""];
    const file = path.join(dir, "questions.txt");
    await writeFile(file, `${lines.join("\n")}\n`);
    // Lone surrogates do not survive UTF-8; compare with what the CLI actually reads.
    const written = (await readFile(file, "utf8")).split("\n").slice(0, -1);
    expect(written.length).toBe(lines.length);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts/ask.ts"), "--batch", file],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CORPUS_DIR: corpusDir,
          INDEX_DIR: path.join(dir, "index-cli"),
          EMBEDDINGS_ENABLED: "false",
          LOG_LEVEL: "silent",
          DISCORD_TOKEN: "",
        },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
      },
    );
    const outputs = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(outputs.length).toBe(written.length);
    outputs.forEach((out, i) => {
      const line = written[i] ?? "";
      if (line.trim() === "") {
        expect(out.error, `line ${i + 1}`).toEqual(expect.any(String));
        return;
      }
      expect(out.error, `line ${i + 1}`).toBeUndefined();
      expect(out.question, `line ${i + 1}`).toBe(line.trim().slice(0, ENGINE_CUT).trim());
      expect(out.answer, `line ${i + 1}`).toEqual(expect.any(String));
      expect(out.answer as string).not.toMatch(PING);
    });
  });
});
