import { describe, expect, it } from "vitest";
import { answerJson, formatAnswer } from "../../cli/format.ts";
import { answer, citation } from "../bot/stub-engine.ts";

describe("npm run ask -- --json", () => {
  it("prints exactly the contract's fields (no timings, no language), `weak` only on weak citations", () => {
    const json = answerJson(answer("Wie viel?", { citations: [citation(1), citation(2, { weak: true })] }));
    expect(Object.keys(json)).toEqual(["question", "abstained", "answer", "mode", "citations"]);
    expect(Object.keys(json.citations[0] ?? {})).toEqual([
      "n",
      "chunkId",
      "documentId",
      "section",
      "quote",
      "passage",
      "score",
      "sources",
    ]);
    expect(json.citations.map((c) => "weak" in c)).toEqual([false, true]);
    expect(json.citations[1]).toMatchObject({ n: 2, weak: true });
  });
});

describe("answers in the terminal", () => {
  it("shows the answer, each citation with its section, document and sources, and the mode and time", () => {
    const text = formatAnswer(answer("Wie viel?"));
    expect(text.split("\n")).toEqual([
      "$250 Milliarden (250 billion US dollars) — OpenAI hat zugesagt, Azure-Services zu kaufen [1].",
      "",
      "  [1] „OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen.“",
      "      — Microsoft und Azure (nvidia-openai-deal.de)",
      "      Quellen: https://example.org/artikel",
      "",
      "(lexical, 1.0 ms)",
    ]);
  });

  it("labels weak citations and sources in the answer's language, and can leave sources out", () => {
    const weak = answer("How much?", {
      lang: "en",
      abstained: true,
      citations: [citation(1, { weak: true })],
    });
    expect(formatAnswer(weak)).toContain("  [1] (weak) „");
    expect(formatAnswer(weak)).toContain("      Sources: https://example.org/artikel");
    expect(formatAnswer(weak, { sources: false })).not.toContain("Sources:");
    const none = formatAnswer(answer("Wie viel?", { citations: [] }));
    expect(none.split("\n")).toHaveLength(3); // answer, blank line, mode: no empty citation block
  });

  it("lets no escape sequence from article text reach the terminal", () => {
    const hostile = citation(1, { quote: "Text \u001b[31mrot\u001b[0m \u001b]0;Titel\u0007 Ende." });
    const text = formatAnswer(answer("Wie viel?", { citations: [hostile] }));
    expect(text.includes("\u001b") || text.includes("\u0007")).toBe(false);
    expect(text).toContain("rot");
  });
});
