import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultEmbeddingOptions, type Engine, loadEngine } from "../../retrieval/index.ts";
import { runConsoleChat } from "../../scripts/lib/console-chat.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("console chat", () => {
  let engine: Engine;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-chat-"));
    await cp(path.join(root, "corpus"), path.join(dir, "corpus"), { recursive: true });
    engine = await loadEngine({
      corpusDir: path.join(dir, "corpus"),
      indexDir: path.join(dir, "data"),
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
  });
  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers questions with citations, carries context into follow-ups and stops on /quit", async () => {
    const input = Readable.from([
      "Welche Verpflichtungen ist OpenAI gegenüber Microsoft eingegangen?\n",
      "\n",
      "und wie viel davon für Azure?\n",
      "/figures\n",
      "/quit\n",
      "never read\n",
    ]);
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => {
      text += String(d);
    });
    await runConsoleChat(engine, { input, output });
    expect(text).toContain("lexical mode");
    expect(text).toMatch(/\$250 Milliarden[\s\S]*\[1\] „/);
    expect(text).toContain("1 Billion Dollar");
    // Two questions answered: the empty line is skipped and nothing after /quit is read.
    expect(text.match(/\(lexical, /g)).toHaveLength(2);
  });
});
