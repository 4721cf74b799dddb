import { describe, expect, it } from "vitest";
import type { Vocabulary } from "../../../retrieval/answer/constraints.ts";
import { isElliptic, resolveFollowUp } from "../../../retrieval/answer/follow-up.ts";

const WORDS = ["umsatz", "investieren", "valued", "revenue", "invest"];
const vocab: Vocabulary = { isWord: (w) => WORDS.includes(w.toLowerCase()) };

describe("follow-up questions", () => {
  it("knows an elliptic follow-up from a question that stands alone", () => {
    expect(isElliptic("Und bis wann?", "de", vocab)).toBe(true);
    expect(isElliptic("And Amazon?", "en", vocab)).toBe(true);
    expect(isElliptic("und wie viel davon für Azure?", "de", vocab)).toBe(true);
    expect(isElliptic("How much is OpenAI valued at?", "en", vocab)).toBe(false);
    expect(isElliptic("Wie hoch ist der Umsatz von Microsoft Azure?", "de", vocab)).toBe(false);
  });

  it("answers a question that stands alone on its own, whatever came before", () => {
    const q = "How much is OpenAI valued at?";
    expect(resolveFollowUp(q, ["How much did OpenAI commit to Azure?"], "en", vocab)).toBe(q);
  });

  it("fills in the topic of the earlier question, without its question words", () => {
    const resolved = resolveFollowUp(
      "Und bis wann?",
      ["Wie viel will Amazon in OpenAI investieren?"],
      "de",
      vocab,
    );
    expect(resolved).toBe("Und bis wann? Amazon OpenAI investieren");
  });

  it("lets names of the follow-up replace the earlier names", () => {
    const resolved = resolveFollowUp(
      "And Amazon?",
      ["How much did Microsoft invest in OpenAI?"],
      "en",
      vocab,
    );
    expect(resolved).toBe("And Amazon? invest");
  });

  it("resolves a chain of follow-ups against the first full question", () => {
    const resolved = resolveFollowUp(
      "Und bis wann?",
      ["Wie viel will Amazon in OpenAI investieren?", "Und Microsoft?"],
      "de",
      vocab,
    );
    expect(resolved).toBe("Und bis wann? Microsoft investieren");
  });

  it("leaves a follow-up alone when there is nothing before it", () => {
    expect(resolveFollowUp("Und bis wann?", [], "de", vocab)).toBe("Und bis wann?");
  });
});
