import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../retrieval/corpus/sentences.ts";

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe("splitSentences", () => {
  it("keeps decimal commas, dollar amounts and dashes inside sentences", () => {
    expect(
      texts("Microsofts $37,5 Milliarden Ausgaben beweisen es. Azure erreichte $50 Milliarden—ein Rekord."),
    ).toEqual([
      "Microsofts $37,5 Milliarden Ausgaben beweisen es.",
      "Azure erreichte $50 Milliarden—ein Rekord.",
    ]);
  });

  it("does not split after abbreviations, initials or ordinals", () => {
    expect(texts("Das kostet ca. 5 Mrd. Dollar, z.B. für Chips. Am 1. Januar kam J. Huang.")).toEqual([
      "Das kostet ca. 5 Mrd. Dollar, z.B. für Chips.",
      "Am 1. Januar kam J. Huang.",
    ]);
  });

  it("treats a question mark after a space as a sentence end", () => {
    expect(texts("Was passiert als Nächstes ? Niemand weiß es.")).toEqual([
      "Was passiert als Nächstes ?",
      "Niemand weiß es.",
    ]);
  });

  it("reports offsets into the original text", () => {
    const text = "Erster Satz. Zweiter Satz!";
    const sentences = splitSentences(text, 100);
    expect(sentences.map((s) => s.text)).toEqual(["Erster Satz.", "Zweiter Satz!"]);
    for (const s of sentences) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
  });

  it("splits before a year-ending sentence boundary", () => {
    expect(texts("Sie untersuchten Microsoft seit Ende 2023. Diese Firmen handeln.")).toHaveLength(2);
  });
});
