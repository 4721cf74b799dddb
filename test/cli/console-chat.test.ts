import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../cli/console-chat.ts";
import { humanLine } from "../../config/logger.ts";
import { projectRoot, type TempEngine, tempEngine } from "../support/temp-engine.ts";

async function chat(ctx: TempEngine, lines: string[]): Promise<string> {
  const input = Readable.from(lines.map((l) => `${l}\n`));
  const output = new PassThrough();
  let text = "";
  output.on("data", (d) => {
    text += String(d);
  });
  await runConsoleChat(ctx.engine, { input, output });
  return text;
}

describe("console chat", () => {
  let ctx: TempEngine;
  beforeAll(async () => {
    ctx = await tempEngine();
  });
  afterAll(() => ctx.dispose());

  it("answers questions with citations, carries context into follow-ups and stops on /quit", async () => {
    const text = await chat(ctx, [
      "Welche Verpflichtungen ist OpenAI gegenüber Microsoft eingegangen?",
      "",
      "und wie viel davon für Azure?",
      "/figures",
      "/quit",
      "never read",
    ]);
    expect(text).toContain("Suchmodus: nur Stichwörter (kein Embedding-Modell geladen)");
    expect(text).toMatch(/\$250 Milliarden[\s\S]*\[1\] „/);
    expect(text).toContain("OpenAI: Bewertung — 830 Milliarden Dollar · 830 Mrd. $");
    // Two questions answered: the empty line is skipped, /figures is a command, nothing after /quit is read.
    expect(text.match(/\(lexical, /g)).toHaveLength(2);
    expect(text.trimEnd().endsWith("Tschüss!")).toBe(true);
  });

  it("treats /help, /sources and unknown commands as commands, in the first question's language", async () => {
    const text = await chat(ctx, [
      "How much did OpenAI commit to Azure services?",
      "/help",
      "/sources",
      "/figures Azure",
      "/frobnicate",
      "/exit",
    ]);
    // The banner is in the article's language (German); from the first (English) question on, English only.
    expect(text).toContain("Stell eine Frage zum Artikel.");
    const afterFirst = text.slice(text.indexOf("(lexical, "));
    expect(afterFirst).toContain("Commands:");
    expect(afterFirst).toContain("The article's references:");
    expect(afterFirst).toMatch(/index of \d\d \w{3} \d{4} \d\d:\d\d UTC · search: keywords only/);
    expect(afterFirst).toContain("Unknown command /frobnicate.");
    expect(afterFirst).toContain("OpenAI: Zusage für Azure-Services — $250 Milliarden / $250B · $250B");
    expect(afterFirst).not.toMatch(/Befehle:|Unbekannter Befehl|Tschüss/);
    expect(text.match(/\(lexical, /g)).toHaveLength(1);
    expect(text.trimEnd().endsWith("Bye!")).toBe(true);
  });
});

describe("console logs", () => {
  it("turn a JSON log line into one readable line", () => {
    expect(
      humanLine(
        '{"level":"warn","time":1,"msg":"Embedding model unavailable","err":{"message":"no files\\nstack"}}',
      ),
    ).toBe("warning: Embedding model unavailable (no files)");
    expect(humanLine('{"level":"error","msg":"boom"}')).toBe("error: boom");
  });

  it("npm start under a pseudo-terminal: no JSON log lines, only the chat and one-line warnings", () => {
    const script = spawnSync("script", ["--version"], { encoding: "utf8" });
    if (script.status !== 0) return; // util-linux `script` provides the terminal; without it, nothing to check.
    const dir = mkdtempSync(path.join(tmpdir(), "fundstelle-pty-"));
    try {
      cpSync(path.join(projectRoot, "corpus"), path.join(dir, "corpus"), { recursive: true });
      const tsx = pathToFileURL(path.join(projectRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
      const start = path.join(projectRoot, "scripts", "start.ts");
      const run = spawnSync(
        "script",
        ["-qfec", `"${process.execPath}" --import ${tsx} "${start}"`, "/dev/null"],
        {
          cwd: dir,
          input: "Wie viel hat OpenAI für Azure-Services zugesagt?\n/quit\n",
          encoding: "utf8",
          timeout: 60_000,
          env: {
            PATH: process.env.PATH ?? "",
            HOME: dir,
            CORPUS_DIR: path.join(dir, "corpus"),
            INDEX_DIR: path.join(dir, "data"),
            MODELS_DIR: path.join(dir, "models"),
          },
        },
      );
      expect(run.status).toBe(0);
      const out = run.stdout;
      expect(out).toContain("Stell eine Frage zum Artikel.");
      expect(out).toContain("$250 Milliarden");
      // The missing model is one readable warning; no JSON, no info lines.
      expect(out).toMatch(/^warning: Embedding model unavailable/m);
      expect(out).not.toMatch(/"level"|"msg"|engine ready/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
