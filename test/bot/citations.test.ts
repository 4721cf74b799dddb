import { describe, expect, it } from "vitest";
import { answerRepeats, conciseAnswer, evidenceParts, pointerOf } from "../../bot/citations.ts";

const QUOTE = "OpenAI verpflichtete sich zu $250 Milliarden für Azure-Services.";

describe("the evidence around a cited sentence", () => {
  it("splits the passage into before, the sentence and after, with whitespace squashed", () => {
    const passage = `Microsoft  bleibt wichtig.\n${QUOTE}   Das ist viel.`;
    expect(evidenceParts({ passage, quote: QUOTE })).toEqual({
      before: "Microsoft bleibt wichtig.",
      sentence: QUOTE,
      after: "Das ist viel.",
    });
  });

  it("cuts long context at a word boundary, about contextChars on each side, marked with …", () => {
    const words = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}`).join(" ");
    const parts = evidenceParts({ passage: `${words("vor")} ${QUOTE} ${words("nach")}`, quote: QUOTE }, 40);
    expect(parts.before.startsWith("… ")).toBe(true);
    expect(parts.after.endsWith(" …")).toBe(true);
    expect(parts.before.length).toBeLessThanOrEqual(2 + 40);
    expect(parts.after.length).toBeLessThanOrEqual(40 + 2);
    // Whole words only: the cut never splits "vor12" into "r12".
    expect(
      parts.before
        .slice(2)
        .split(" ")
        .every((w) => /^vor\d+$/.test(w)),
    ).toBe(true);
    expect(parts.before.endsWith("vor29")).toBe(true);
    expect(
      parts.after
        .slice(0, -2)
        .split(" ")
        .every((w) => /^nach\d+$/.test(w)),
    ).toBe(true);
    expect(parts.after.startsWith("nach0 ")).toBe(true);
  });

  it("shows the sentence alone when the passage does not contain it", () => {
    expect(evidenceParts({ passage: "Etwas anderes.", quote: QUOTE })).toEqual({
      before: "",
      sentence: QUOTE,
      after: "",
    });
  });

  it("points at a sentence by its first six words", () => {
    expect(pointerOf("Jetzt zieht sich Nvidia zurück, um neu zu verhandeln.")).toBe(
      "Jetzt zieht sich Nvidia zurück, um …",
    );
    expect(pointerOf("Kurz  und\nknapp.")).toBe("Kurz und knapp.");
  });
});

describe("answers that already quote their citation", () => {
  it("knows when the answer repeats the cited sentence word for word", () => {
    expect(answerRepeats(`$250 Milliarden — ${QUOTE} [1]`, { quote: QUOTE })).toBe(true);
    expect(answerRepeats("$250 Milliarden [1]", { quote: QUOTE })).toBe(false);
    expect(answerRepeats("anything", { quote: "  " })).toBe(false);
  });

  it("drops the sentence after a lead figure, keeping the citation number", () => {
    expect(conciseAnswer(`$250 Milliarden — ${QUOTE} [1]`, [{ n: 1, quote: QUOTE }])).toBe(
      "$250 Milliarden [1]",
    );
  });

  it("keeps answers that are sentences, and leads followed by another citation's number", () => {
    // No lead figure: the sentence is the answer.
    expect(conciseAnswer(`${QUOTE} [1]`, [{ n: 1, quote: QUOTE }])).toBe(`${QUOTE} [1]`);
    // The sentence is followed by [2], not by its own [1]: it is not this citation's quote.
    const other = `$250 Milliarden — ${QUOTE} [2]`;
    expect(conciseAnswer(other, [{ n: 1, quote: QUOTE }])).toBe(other);
    // A "lead" longer than 100 characters is text, not a figure.
    const long = `${"x".repeat(120)} — ${QUOTE} [1]`;
    expect(conciseAnswer(long, [{ n: 1, quote: QUOTE }])).toBe(long);
  });
});
