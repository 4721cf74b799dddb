import { describe, expect, it } from "vitest";
import { suggestTopics } from "../../bot/commands/figures.ts";
import { stripBotMention, threadName } from "../../bot/mentions.ts";
import {
  discordTimestamp,
  parseFeedbackCustomId,
  parsePassageCustomId,
  publicModelName,
  renderAnswer,
  renderPassage,
  renderReindexReport,
  renderSources,
  sentenceHash,
} from "../../bot/render.ts";
import { fitMessage, LIMITS } from "../../bot/respond.ts";
import { spellValue } from "../../retrieval/answer/quantities.ts";
import { answer, citation, stubDocument, stubEngine, stubReport } from "./stub-engine.ts";

const engine = stubEngine();
const ctx = { documents: engine.documents(), status: engine.status() };

describe("renderAnswer", () => {
  it("states the answer, shows each citation's evidence in its passage, links only the document's own URL", () => {
    const out = renderAnswer(answer("Wie viel hat OpenAI für Azure-Services zugesagt?"), {
      ...ctx,
      answerId: "a1b2c3d4",
    });
    const embed = out.embeds?.[0];
    expect(embed?.description).toContain("[1]");
    expect(embed?.fields?.[0]?.name).toBe("[1] Microsoft und Azure");
    // The supporting sentence in bold, in its passage.
    expect(embed?.fields?.[0]?.value).toBe(
      "> Microsoft bleibt wichtig. **OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen.** Das ist viel.",
    );
    // A reference the article lists is not the passage's source: it is not linked from the answer.
    expect(JSON.stringify(out)).not.toContain("example.org/artikel");
    expect(embed?.author).toEqual({ name: stubDocument.title });
    expect(embed?.footer?.text).toBe(
      "Artikel vom 1. Februar 2026 · Index vom 01.02.2026 10:00 UTC · Suchmodus: nur Stichwörter",
    );
    const buttons = out.components?.[0]?.components as Array<{ label: string; custom_id: string }>;
    expect(buttons.map((b) => b.label)).toEqual(["Passage 1", "Hilfreich", "Nicht hilfreich"]);
    expect(parsePassageCustomId(buttons[0]?.custom_id ?? "")).toEqual({
      n: 1,
      chunkId: "chunk1",
      sentenceHash: sentenceHash(citation(1).quote),
      indexVersion: "abc123-1",
    });
    expect(parseFeedbackCustomId(buttons[2]?.custom_id ?? "")).toEqual({
      vote: "down",
      answerId: "a1b2c3d4",
    });
  });

  it("links the document title to its own URL, once", () => {
    const own = { ...stubDocument, url: "https://news.example/artikel-1" };
    const out = renderAnswer(answer("Wie viel?"), { ...ctx, documents: [own] });
    expect(out.embeds?.[0]?.author?.url).toBe("https://news.example/artikel-1");
    expect(JSON.stringify(out.embeds).split("news.example").length - 1).toBe(1);
  });

  it("never repeats the quoted sentence word for word: a lead figure keeps the answer, a sentence answer gets a pointer", () => {
    const quote = citation(1).quote;
    const lead = renderAnswer(answer("Wie viel?", { answer: `$250 Milliarden — ${quote} [1]` }), ctx);
    expect(lead.embeds?.[0]?.description).toBe("$250 Milliarden [1]");
    expect(lead.embeds?.[0]?.fields?.[0]?.value).toContain(`**${quote}**`);

    const sentence = renderAnswer(answer("Was hat OpenAI zugesagt?", { answer: `${quote} [1]` }), ctx);
    expect(sentence.embeds?.[0]?.description).toContain("OpenAI hat zugesagt");
    const value = sentence.embeds?.[0]?.fields?.[0]?.value ?? "";
    expect(value).toContain("**OpenAI hat zugesagt, Azure-Services im Wert …**");
    expect(value).not.toContain(quote);
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
    expect(embed?.footer?.text).toBe(
      "Article of 1 February 2026 · index of 01 Feb 2026 10:00 UTC · search: keywords + meaning",
    );
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
  it("renders the passage from the live index with the supporting sentence in bold, without reference links", () => {
    const c = citation(1);
    const ref = { n: 1, chunkId: c.chunkId, sentenceHash: sentenceHash(c.quote) };
    const passage = engine.passage(c.chunkId);
    expect(passage).toBeDefined();
    if (!passage) return;
    const out = renderPassage(ref, passage, engine.status(), "de");
    expect(out.embeds?.[0]?.description).toBe(
      "Microsoft bleibt wichtig. **OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen.** Das ist viel.",
    );
    expect(out.embeds?.[0]?.title).toBe("[1] Microsoft und Azure");
    expect(JSON.stringify(out)).not.toContain("example.org/artikel");
    // Older buttons (no sentence hash) still open the passage.
    expect(parsePassageCustomId("passage:2:abc")).toEqual({ n: 2, chunkId: "abc" });
    expect(parsePassageCustomId("other")).toBeNull();
  });

  it("/sources shows no paths or raw model errors, and labels the article's references as such", () => {
    const status = { ...engine.status(), modelError: "file was not found locally at /srv/secret/models/x" };
    const out = renderSources([stubDocument], status, "de");
    const text = JSON.stringify(out);
    expect(text).not.toContain("/srv/secret");
    expect(text).not.toContain(stubDocument.path);
    expect(text).toContain("nur Stichwörter (kein Embedding-Modell geladen)");
    expect(text).toContain("Referenzen des Artikels");
    expect(out.embeds?.[0]?.url).toBeUndefined();
    expect(publicModelName("/srv/models/fundstelle-test-model")).toBe("fundstelle-test-model");
    expect(publicModelName("Xenova/multilingual-e5-small")).toBe("Xenova/multilingual-e5-small");
  });

  it("spells normalized values with the engine's one formatter", () => {
    expect(spellValue(10e9, "W", "de")).toBe("10 Gigawatt");
    expect(spellValue(1e12, "USD", "en")).toBe("1 trillion US dollars");
    expect(spellValue(2026, "quarter", "de")).toBe("Q1 2026");
    expect(spellValue(2026.5, "quarter", "en")).toBe("Q3 2026");
  });

  it("renders sources, status and the re-index report", () => {
    const sources = renderSources(engine.documents(), engine.status(), "en");
    // The document has no URL of its own: its title is not linked (a reference is not the document).
    expect(sources.embeds?.[0]?.url).toBeUndefined();
    expect(JSON.stringify(sources)).toContain("abc123-1");
    // The build time as Discord timestamp markup: each reader sees it in their own locale and time zone.
    const built = sources.embeds?.at(-1)?.fields?.find((f) => f.name === "Built");
    expect(built?.value).toBe(`<t:${Date.parse(engine.status().builtAt) / 1000}:f>`);
    expect(discordTimestamp("not a date")).toBe("not a date");
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
