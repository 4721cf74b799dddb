import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../scripts/lib/console-chat.ts";
import { type TempEngine, tempEngine } from "../support/temp-engine.ts";

describe("console chat", () => {
  let ctx: TempEngine;
  beforeAll(async () => {
    ctx = await tempEngine();
  });
  afterAll(() => ctx.dispose());

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
    await runConsoleChat(ctx.engine, { input, output });
    expect(text).toContain("lexical mode");
    expect(text).toMatch(/\$250 Milliarden[\s\S]*\[1\] „/);
    expect(text).toContain("1 Billion Dollar");
    // Two questions answered: the empty line is skipped and nothing after /quit is read.
    expect(text.match(/\(lexical, /g)).toHaveLength(2);
  });
});
