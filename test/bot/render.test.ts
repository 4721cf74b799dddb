import { describe, expect, it } from "vitest";
import { suggestTopics } from "../../bot/commands/figures.ts";
import { stripBotMention, threadName } from "../../bot/mentions.ts";
import {
  parsePassageCustomId,
  passageEntryOf,
  renderAnswer,
  renderPassage,
  renderReindexReport,
  renderSources,
} from "../../bot/render.ts";
import { fitMessage, LIMITS } from "../../bot/respond.ts";
import { spellValue } from "../../retrieval/answer/quantities.ts";
import { answer, citation, stubEngine, stubReport } from "./stub-engine.ts";

const engine = stubEngine();
const ctx = { documents: engine.documents(), status: engine.status() };

describe("renderAnswer", () => {
  it("puts the answer with [n] markers in the description and one quoting field per citation", () => {
    const out = renderAnswer(answer("Wie viel hat OpenAI für Azure-Services zugesagt?"), ctx);
    const embed = out.embeds?.[0];
    expect(embed?.description).toContain("[1]");
    expect(embed?.fields?.[0]?.name).toBe("[1] Microsoft und Azure");
    expect(embed?.fields?.[0]?.value).toContain(
      "> OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden",
    );
    expect(embed?.fields?.[0]?.value).toContain("(https://example.org/artikel)");
    expect(embed?.footer?.text).toBe("Artikel vom 1. Februar 2026 · Index abc123-1 · Suche: lexical");
    expect(out.components?.[0]?.components[0]).toMatchObject({
      label: "Passage 1",
      custom_id: "passage:1:chunk1",
    });
  });

  it("is English for English questions and marks weak citations of an abstention", () => {
    const out = renderAnswer(
      answer("Who won the 1998 World Cup?", {
        lang: "en",
        abstained: true,
        answer: "The article does not say.",
        mode: "hybrid",
        citations: [citation(1, { weak: true })],
      }),
      ctx,
    );
    const embed = out.embeds?.[0];
    expect(embed?.fields?.[0]?.name).toBe("[1] Closest passage · Microsoft und Azure");
    expect(embed?.footer?.text).toBe("Article of 1 February 2026 · index abc123-1 · search: hybrid");
  });

  it("stays within Discord's limits for huge answers and many citations", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      citation(i + 1, { chunkId: `c${i}`, quote: "Q ".repeat(2000), section: "S".repeat(500) }),
    );
    const out = renderAnswer(answer("?".repeat(600), { answer: "A ".repeat(5000), citations: many }), ctx);
    const messages = fitMessage(out);
    for (const m of messages) {
      for (const e of m.embeds ?? []) {
        expect((e.title ?? "").length).toBeLessThanOrEqual(LIMITS.embedTitle);
        for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
    }
    const ids =
      out.components?.flatMap((r) => r.components.map((c) => ("custom_id" in c ? c.custom_id : ""))) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(messages[0]?.components?.length).toBeLessThanOrEqual(5);
  });
});

describe("other renderers", () => {
  it("renders the passage with the quoted sentence in bold", () => {
    const out = renderPassage(1, passageEntryOf(citation(1), "de"));
    expect(out.embeds?.[0]?.description).toContain("**OpenAI hat zugesagt");
    expect(parsePassageCustomId("passage:2:abc:def")).toEqual({ n: 2, chunkId: "abc:def" });
    expect(parsePassageCustomId("other")).toBeNull();
  });

  it("spells normalized values with the engine's one formatter", () => {
    expect(spellValue(10e9, "W", "de")).toBe("10 Gigawatt");
    expect(spellValue(1e12, "USD", "en")).toBe("1 trillion US dollars");
    expect(spellValue(2026, "quarter", "de")).toBe("Q1 2026");
    expect(spellValue(2026.5, "quarter", "en")).toBe("Q3 2026");
  });

  it("renders sources, status and the re-index report", () => {
    const sources = renderSources(engine.documents(), engine.status(), "en");
    expect(sources.embeds?.[0]?.url).toBe("https://example.org/artikel");
    expect(JSON.stringify(sources)).toContain("abc123-1");
    const report = renderReindexReport(stubReport, "de");
    const fields = report.embeds?.[0]?.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual([
      "Dokumente",
      "Abschnitte",
      "Kennzahlen",
      "Dauer",
      "Index",
      "Neue Kennzahlen",
    ]);
    expect(fields[1]?.value).toBe("42 (+2 / −1)");
    expect(fields[2]?.value).toBe("30 (+1 / −0 / ~0)");
    expect(fields[3]?.value).toBe("1,2 s");
  });
});

describe("mentions and autocomplete helpers", () => {
  it("strips only the bot's mention", () => {
    expect(
      stripBotMention("<@123456789012345678>  Wie viel <@!123456789012345678>?", "123456789012345678"),
    ).toBe("Wie viel ?");
    expect(stripBotMention("<@999> hallo", "123")).toBe("<@999> hallo");
    expect(threadName("x".repeat(200)).length).toBeLessThanOrEqual(100);
  });

  it("suggests prefix matches first, at most 25", () => {
    expect(suggestTopics(["Nvidia", "Azure", "Microsoft Azure", "AMD"], "az")).toEqual([
      "Azure",
      "Microsoft Azure",
    ]);
    expect(
      suggestTopics(
        Array.from({ length: 40 }, (_, i) => `t${i}`),
        "",
      ),
    ).toHaveLength(25);
  });
});
