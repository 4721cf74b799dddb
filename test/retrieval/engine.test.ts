import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusError, loadEngine, ReindexInProgressError } from "../../retrieval/index.ts";
import { type TempEngine, tempEngine } from "../support/temp-engine.ts";

describe("engine in lexical mode", () => {
  let ctx: TempEngine;
  beforeAll(async () => {
    ctx = await tempEngine();
  });
  afterAll(() => ctx.dispose());

  it("answers the Azure commitment with 250 and cites the sentence that says so", async () => {
    const answer = await ctx.engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?");
    expect(answer.abstained).toBe(false);
    expect(answer.mode).toBe("lexical");
    expect(answer.answer).toContain("250");
    expect(answer.answer).toMatch(/\[1\]/);
    const first = answer.citations[0];
    expect(first?.quote).toContain("$250 Milliarden für Azure-Services");
    expect(first?.passage).toContain(first?.quote);
    expect(first?.sources.length).toBeGreaterThan(0);
  });

  it("spells German scale words correctly for English readers", async () => {
    const answer = await ctx.engine.ask("How much did OpenAI commit to spend on Azure?");
    expect(answer.lang).toBe("en");
    expect(answer.answer).toMatch(/250 billion US dollars/);
  });

  it("abstains on questions the article does not cover, showing weak passages only", async () => {
    for (const q of ["Was kostet ein Flug nach Tokio?", "Who won the 2018 football world cup?"]) {
      const answer = await ctx.engine.ask(q);
      expect(answer.abstained, q).toBe(true);
      // Passages are offered exactly when the answer says so, and every one of them is marked weak.
      const offered = /closest passages|nächstliegenden Stellen/.test(answer.answer);
      expect(answer.citations.length > 0, q).toBe(offered);
      expect(answer.citations.filter((c) => !c.weak)).toEqual([]);
    }
    // The 2018 question shares words with the article: its nearest passages are shown (at most two).
    const worldCup = await ctx.engine.ask("Who won the 2018 football world cup?");
    expect(worldCup.citations.length).toBeGreaterThan(0);
    expect(worldCup.citations.length).toBeLessThanOrEqual(2);
    expect((await ctx.engine.ask("Was kostet ein Flug nach Tokio?")).answer).toMatch(
      /^Dazu steht nichts im Artikel\./,
    );
    // A year the article never mentions is named as what is missing.
    expect((await ctx.engine.ask("Who won the 2018 football world cup?")).answer).toMatch(
      /^The article doesn't mention 2018\./,
    );
  });

  it("names what the article never mentions instead of answering with another company's figure", async () => {
    const apple = await ctx.engine.ask("Wie viel hat Apple in OpenAI investiert?");
    expect(apple.abstained).toBe(true);
    expect(apple.answer).toMatch(/^Der Artikel erwähnt Apple nicht\. Die nächstliegenden Stellen/);
    expect(apple.citations.length).toBeGreaterThan(0);
    expect(apple.citations.filter((c) => !c.weak)).toEqual([]);
    const meta = await ctx.engine.ask("How much did Meta commit to Azure?");
    expect(meta.abstained).toBe(true);
    expect(meta.answer).toMatch(/^The article doesn't mention Meta\./);
  });

  it("does not pass a figure stated about one company off as another's", async () => {
    // The 8 billion went from Amazon to Anthropic; Nvidia is in the article, but not in that sentence.
    const swapped = await ctx.engine.ask("Wie viel hat Nvidia in Anthropic investiert?");
    expect(swapped.abstained, swapped.answer).toBe(true);
    expect(swapped.answer).not.toMatch(/8 Milliarden/);
    // The true facts of the same kind are still answered.
    const amazon = await ctx.engine.ask("Wie viel hat Amazon in Anthropic investiert?");
    expect(amazon.abstained).toBe(false);
    expect(amazon.answer).toMatch(/8 Milliarden/);
    const azure = await ctx.engine.ask("How much is OpenAI committing to Azure?");
    expect(azure.answer).toMatch(/250/);
  });

  it("answers a question that stands alone on its own, even inside a conversation", async () => {
    const alone = await ctx.engine.ask("How much is OpenAI valued at?");
    const afterAzure = await ctx.engine.ask("How much is OpenAI valued at?", {
      context: ["Wie viel hat OpenAI für Azure-Services zugesagt?"],
    });
    expect(alone.answer).toMatch(/830/);
    expect(afterAzure.answer).toMatch(/830/);
    expect(afterAzure.answer).not.toMatch(/250/);
  });

  it("fills an elliptic follow-up in from the earlier question", async () => {
    const alone = await ctx.engine.ask("Und bis wann?");
    expect(alone.abstained).toBe(true);
    const followUp = await ctx.engine.ask("Und bis wann?", {
      context: ["Wie viel will Amazon in OpenAI investieren?"],
    });
    expect(followUp.abstained, followUp.answer).toBe(false);
    expect(followUp.answer).toMatch(/Q1 2026/);
    expect(followUp.question).toBe("Und bis wann?");
  });

  it("abstains when the passage is about a different subject than the one asked about", async () => {
    // The article has an "Azure-Umsatz" but no revenue of Nvidia, and no year 2019.
    expect((await ctx.engine.ask("Wie hoch ist Nvidias Umsatz?")).abstained).toBe(true);
    expect((await ctx.engine.ask("How much did Microsoft invest in OpenAI in 2019?")).abstained).toBe(true);
  });

  it("answers questions about the article itself from its metadata", async () => {
    expect((await ctx.engine.ask("Wann wurde der Artikel veröffentlicht?")).answer).toContain(
      "1. Februar 2026",
    );
    expect((await ctx.engine.ask("What are the article's sources?")).answer).toContain("https://openai.com/");
  });

  it("handles empty and odd input without throwing", async () => {
    for (const q of ["", "   ", "🙂🙂", "@everyone", "x".repeat(5000), "<script>alert(1)</script>"]) {
      const answer = await ctx.engine.ask(q);
      expect(typeof answer.answer).toBe("string");
    }
    expect((await ctx.engine.ask("")).abstained).toBe(true);
  });

  it("uses the earlier question as context for a follow-up", async () => {
    const answer = await ctx.engine.ask("und wie viel davon für Azure?", {
      context: ["Welche Verpflichtungen ist OpenAI gegenüber Microsoft eingegangen?"],
    });
    expect(answer.answer).toContain("250");
    // "And Microsoft?" after a question about investing asks for Microsoft's stake; alone it asks for anything
    // about Microsoft. (The question above names Azure itself, so it would pass without its context.)
    const stake = await ctx.engine.ask("And Microsoft?", {
      context: ["How much is Amazon investing in OpenAI?"],
    });
    expect(stake.abstained, stake.answer).toBe(false);
    expect(stake.answer).toMatch(/27% Eigentum/);
    expect((await ctx.engine.ask("And Microsoft?")).answer).not.toMatch(/27% Eigentum/);
  });

  it("lists key figures with base-unit values and filters them by topic", () => {
    const all = ctx.engine.figures();
    expect(all.find((f) => f.value === 1e12 && f.unit === "USD")?.text).toMatch(/1 Billion Dollar/);
    const azure = ctx.engine.figures({ topic: "Azure" });
    expect(azure.length).toBeGreaterThan(0);
    expect(azure.length).toBeLessThan(all.length);
    expect(ctx.engine.figureTopics().length).toBeGreaterThan(0);
  });

  it("reports status and documents", () => {
    const status = ctx.engine.status();
    expect(status).toMatchObject({ mode: "lexical", documents: 1, reindexing: false, modelId: null });
    expect(status.modelError).toMatch(/EMBEDDINGS_ENABLED=false/);
    expect(ctx.engine.documents()[0]?.date).toBe("2026-02-01");
  });

  it("re-indexes one at a time and reports what changed", async () => {
    const file = path.join(ctx.corpusDir, "nvidia-openai-deal.de.txt");
    const original = await readFile(file, "utf8");
    await writeFile(
      file,
      original.replace("$250 Milliarden für Azure-Services", "$260 Milliarden für Azure-Services"),
    );
    const first = ctx.engine.reindex();
    await expect(ctx.engine.reindex()).rejects.toBeInstanceOf(ReindexInProgressError);
    const report = await first;
    expect(report.chunksAdded).toBeGreaterThan(0);
    expect(report.chunksRemoved).toBeGreaterThan(0);
    expect([...report.figuresChanged, ...report.figuresAdded].some((f) => f.text.includes("260"))).toBe(true);
    expect((await ctx.engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).answer).toContain(
      "260",
    );
    await writeFile(file, original);
    await ctx.engine.reindex();
  });

  it("keeps serving the old index when the corpus breaks", async () => {
    const file = path.join(ctx.corpusDir, "nvidia-openai-deal.de.txt");
    const original = await readFile(file);
    await writeFile(file, Buffer.from([0xff, 0xfe, 0xfd]));
    await expect(ctx.engine.reindex()).rejects.toBeInstanceOf(CorpusError);
    expect((await ctx.engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).answer).toContain(
      "250",
    );
    await writeFile(file, original);
  });

  it("loads the saved index on the next start without rebuilding", async () => {
    const version = ctx.engine.status().indexVersion;
    const again = await loadEngine(ctx.options);
    expect(again.status().indexVersion).toBe(version);
    await again.close();
  });
});
