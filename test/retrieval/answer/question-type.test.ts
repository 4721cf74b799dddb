import { describe, expect, it } from "vitest";
import { questionType } from "../../../retrieval/answer/question-type.ts";

describe("question types", () => {
  it.each([
    ["Wie viel hat OpenAI für Azure zugesagt?", "quantity"],
    ["Wie hoch ist die Bewertung?", "quantity"],
    ["How many chips did Nvidia ship?", "quantity"],
    ["What percentage does Microsoft own?", "quantity"],
    ["Wann wurde der Vertrag unterschrieben?", "time"],
    ["In welchem Jahr starb Tesla?", "time"],
    ["How long does the deal last?", "time"],
    ["Wer leitet Amazon?", "person"],
    ["With whom did OpenAI sign?", "person"],
    ["Wo steht das Rechenzentrum?", "place"],
    ["In which city is the plant?", "place"],
    ["Warum scheiterte der Deal?", "reason"],
    ["What went wrong with the deal?", "reason"],
    ["Welche Firmen investieren in OpenAI?", "list"],
    ["Nenne die Partner von OpenAI.", "list"],
    ["Was ist Azure?", "definition"],
    ["What's a hyperscaler?", "definition"],
    ["Erzähl mir etwas über Nvidia.", "other"],
  ])("%s → %s", (question, type) => {
    expect(questionType(question)).toBe(type);
  });

  it("takes a capitalised 'Who'/'Wer' inside the question for part of a name, a lower-case one for the question word", () => {
    expect(questionType("What type of Lord is Doctor Who?")).toBe("other");
    expect(questionType("Was für ein Herr ist Doctor Who?")).toBe("other");
    expect(questionType("In 2015, who led the team?")).toBe("person");
    expect(questionType("Who is Doctor Who?")).toBe("person");
  });

  it("reads questions case- and accent-insensitively (folded): 'WIE GROẞ' is 'wie gross'", () => {
    expect(questionType("WIE GROSS IST DER ANTEIL?")).toBe("quantity");
    expect(questionType("Wie groß ist der Anteil?")).toBe("quantity");
  });

  it("decides by the first matching kind: a time beats an amount, an amount beats a person", () => {
    // "bis wann" (time) and "wie viel" (quantity) together: the time is asked for.
    expect(questionType("Bis wann will Amazon wie viel investieren?")).toBe("time");
    // "wer" and "wie viel": the amount.
    expect(questionType("Wie viel zahlt wer?")).toBe("quantity");
    // "Welche Summe" asks for an amount, not a list.
    expect(questionType("Welche Summe hat Microsoft investiert?")).toBe("quantity");
  });

  it("needs whole words: 'wohl' is not 'wo', 'whoever' is not 'who'", () => {
    expect(questionType("Ist das wohl richtig?")).toBe("other");
    expect(questionType("Whoever signed it, is it valid?")).toBe("other");
  });
});
