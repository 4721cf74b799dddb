import { describe, expect, it } from "vitest";
import { describeQuantity, spellValue } from "../../../retrieval/answer/quantities.ts";
import { questionType } from "../../../retrieval/answer/question-type.ts";

describe("spellValue", () => {
  it("uses each language's scale words: German Milliarde/Billion, English billion/trillion", () => {
    expect(spellValue(2.5e11, "USD", "de")).toBe("250 Milliarden US-Dollar");
    expect(spellValue(2.5e11, "USD", "en")).toBe("250 billion US dollars");
    expect(spellValue(1e12, "USD", "de")).toBe("1 Billion US-Dollar");
    expect(spellValue(1e12, "USD", "en")).toBe("1 trillion US dollars");
    expect(spellValue(3.75e10, "USD", "de")).toBe("37,5 Milliarden US-Dollar");
    expect(spellValue(3.75e10, "USD", "en")).toBe("37.5 billion US dollars");
  });

  it("agrees the scale word with the rounded number and keeps the digits below a million", () => {
    expect(spellValue(1e9, "USD", "de")).toBe("1 Milliarde US-Dollar");
    expect(spellValue(1.001e9, "USD", "de")).toBe("1 Milliarde US-Dollar");
    expect(spellValue(2e6, "USD", "de")).toBe("2 Millionen US-Dollar");
    expect(spellValue(-3e9, "USD", "en")).toBe("-3 billion US dollars");
    expect(spellValue(500_000, "USD", "de")).toBe("500.000 US-Dollar");
    expect(spellValue(500_000, "USD", "en")).toBe("500,000 US dollars");
  });

  it("spells power, compute, percentages and counts", () => {
    expect(spellValue(1e10, "W", "en")).toBe("10 gigawatts");
    expect(spellValue(1e8, "W", "de")).toBe("100 Megawatt");
    expect(spellValue(1e15, "FLOPS", "en")).toBe("1 PetaFLOPS");
    expect(spellValue(27, "%", "de")).toBe("27 %");
    expect(spellValue(5, "times", "de")).toBe("5-mal");
  });
});

describe("describeQuantity", () => {
  it("adds the spelled value only when it says something new", () => {
    expect(
      describeQuantity({ text: "$250 Milliarden", value: 2.5e11, unit: "USD", start: 0, end: 15 }, "en"),
    ).toBe("$250 Milliarden (250 billion US dollars)");
    expect(describeQuantity({ text: "27%", value: 27, unit: "%", start: 0, end: 3 }, "de")).toBe("27%");
    expect(describeQuantity({ text: "Q1 2026", value: 2026, unit: "quarter", start: 0, end: 7 }, "en")).toBe(
      "Q1 2026",
    );
  });
});

describe("questionType", () => {
  it("recognizes the kind of fact a question asks for, in German and English", () => {
    expect(questionType("Wie viel hat OpenAI zugesagt?")).toBe("quantity");
    expect(questionType("How much did OpenAI commit?")).toBe("quantity");
    expect(questionType("Bis wann gelten die Rechte?")).toBe("time");
    expect(questionType("Until when do the rights last?")).toBe("time");
    expect(questionType("Wer verhandelt für Amazon?")).toBe("person");
    expect(questionType("Warum ist Nvidia zurückgetreten?")).toBe("reason");
    expect(questionType("Welche Kontrollprobleme gibt es?")).toBe("list");
    expect(questionType("Was ist der Veriton GN100?")).toBe("definition");
  });
});
