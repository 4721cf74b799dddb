import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../retrieval/text/language.ts";
import { foldText, normalizeNumber, terms } from "../../../retrieval/text/normalize.ts";

describe("terms", () => {
  it("folds umlauts and ß and stems German words", () => {
    expect(foldText("Größe Führungskräfte")).toBe("grosse fuhrungskrafte");
    expect(terms("Führungskräfte", "de")).toEqual(terms("Fuhrungskrafte", "de"));
    expect(terms("Investitionen", "de")).toEqual(terms("Investition", "de"));
  });

  it("indexes hyphenated compounds as parts and as a whole", () => {
    const t = terms("Infrastruktur-Ausgaben", "de");
    expect(t).toContain("infrastruktur");
    expect(t).toContain(terms("Ausgaben", "de")[0]);
    expect(t).toContain(terms("Infrastrukturausgaben", "de")[0]);
    expect(terms("100-Milliarden-Dollar-Partnerschaft", "de")).toEqual(
      expect.arrayContaining(["100", "e9", "dollar", "partnerschaft"]),
    );
  });

  it("normalizes numbers, currencies and scales across languages", () => {
    expect(terms("$37,5 Milliarden", "de")).toEqual(["dollar", "37.5", "e9"]);
    expect(terms("$250B", "de")).toEqual(["dollar", "250", "e9"]);
    expect(terms("1,3 Gigawatt", "de")).toEqual(["1.3", "gigawatt"]);
    expect(terms("27%", "de")).toEqual(["27", "prozent"]);
    // German "Billion" is 10^12, English "billion" 10^9.
    expect(terms("1 Billion Dollar", "de")).toEqual(["1", "e12", "dollar"]);
    expect(terms("1 billion dollars", "en")).toEqual(["1", "e9", "dollar"]);
    expect(normalizeNumber("1.000", "de")).toBe("1000");
    expect(normalizeNumber("1,000", "en")).toBe("1000");
  });

  it("drops stop words and invisible characters", () => {
    expect(terms("Wie viel hat der", "de")).toEqual([]);
    expect(terms("Az\u200bure", "de")).toEqual(terms("Azure", "de"));
  });
});

describe("detectLanguage", () => {
  it("tells German from English questions", () => {
    expect(detectLanguage("Wie viel hat OpenAI für Azure zugesagt?")).toBe("de");
    expect(detectLanguage("How much did OpenAI commit to spend on Azure?")).toBe("en");
    expect(detectLanguage("OpenAI Azure")).toBe("de");
    expect(detectLanguage("OpenAI Azure", "en")).toBe("en");
  });

  it("reads short questions by their content words, not just function words", () => {
    expect(detectLanguage("In welchem Jahr starb Tesla?", "en")).toBe("de");
    expect(detectLanguage("Wann starb Tesla?", "en")).toBe("de");
    expect(detectLanguage("Where was Friedrich Ratzel born?")).toBe("en");
    expect(detectLanguage("Tesla death year?")).toBe("en");
    // An umlaut inside an English question does not make it German.
    expect(detectLanguage("How are Ergänzungsschulen funded?")).toBe("en");
  });
});
