import { describe, expect, it } from "vitest";
import {
  findQuantities,
  parseLocaleNumber,
  parseNumberWord,
  type Quantity,
  scaleOf,
} from "../../../retrieval/quantity/index.ts";
import type { FigureUnit, Lang } from "../../../retrieval/types.ts";

const parseDe = (raw: string) => parseLocaleNumber(raw, "de");

type Expected = [text: string, value: number, unit: FigureUnit];

const simple = (qs: Quantity[]): Expected[] => qs.map((q) => [q.text, q.value, q.unit]);
const scan = (sentence: string, lang: Lang = "de") => simple(findQuantities(sentence, lang));

describe("parseLocaleNumber", () => {
  it("reads German decimal commas and thousand dots", () => {
    expect(parseDe("37,5")).toBe(37.5);
    expect(parseDe("1,3")).toBe(1.3);
    expect(parseDe("50,5")).toBe(50.5);
    expect(parseDe("1.000")).toBe(1000);
    expect(parseDe("320.000")).toBe(320000);
    expect(parseDe("1.000.000,25")).toBe(1000000.25);
    expect(parseDe("250")).toBe(250);
  });

  it("reads English thousand commas and decimal points", () => {
    expect(parseLocaleNumber("1,000", "en")).toBe(1000);
    expect(parseLocaleNumber("36,000", "en")).toBe(36000);
    expect(parseLocaleNumber("1.5", "en")).toBe(1.5);
    expect(parseLocaleNumber("1,234,567.5", "en")).toBe(1234567.5);
  });

  it("tolerates the other convention's decimal mark when it cannot be a thousands group", () => {
    expect(parseLocaleNumber("1.5", "de")).toBe(1.5);
    expect(parseLocaleNumber("37,5", "en")).toBe(37.5);
  });

  it("rejects malformed numbers", () => {
    expect(parseDe("1.2.3")).toBeUndefined();
    expect(parseDe("01.02.2026")).toBeUndefined();
    expect(parseDe("abc")).toBeUndefined();
  });
});

describe("parseNumberWord", () => {
  it("reads German number words", () => {
    expect(parseNumberWord("zehn")).toBe(10);
    expect(parseNumberWord("hundert")).toBe(100);
    expect(parseNumberWord("Zwölf")).toBe(12);
    expect(parseNumberWord("zwanzig")).toBe(20);
    expect(parseNumberWord("fünfundzwanzig")).toBe(25);
    expect(parseNumberWord("zweihundertfünfzig")).toBe(250);
    expect(parseNumberWord("dreitausend")).toBe(3000);
    expect(parseNumberWord("eineinhalb")).toBe(1.5);
    for (const w of ["ein", "eine", "einen", "einem"]) expect(parseNumberWord(w)).toBe(1);
    const digits = [
      "zwei",
      "drei",
      "vier",
      "fünf",
      "sechs",
      "sieben",
      "acht",
      "neun",
      "zehn",
      "elf",
      "zwölf",
    ];
    digits.forEach((w, i) => {
      expect(parseNumberWord(w)).toBe(i + 2);
    });
  });

  it("reads English number words", () => {
    expect(parseNumberWord("ten")).toBe(10);
    expect(parseNumberWord("twenty-five")).toBe(25);
    expect(parseNumberWord("hundred")).toBe(100);
  });

  it("does not read vague plurals as numbers", () => {
    expect(parseNumberWord("Hunderttausende")).toBeUndefined();
    expect(parseNumberWord("Milliarden")).toBeUndefined();
    expect(parseNumberWord("Dutzende")).toBeUndefined();
  });
});

describe("scaleOf", () => {
  it("reads German Billion as 10^12 and English billion as 10^9", () => {
    expect(scaleOf("Billion", "de")).toBe(1e12);
    expect(scaleOf("Billionen", "de")).toBe(1e12);
    expect(scaleOf("Billionen", "en")).toBe(1e12);
    expect(scaleOf("billion", "en")).toBe(1e9);
    expect(scaleOf("Billion", "en")).toBe(1e9);
    // Lower-case "billion" in German text is the English word (German nouns are capitalised).
    expect(scaleOf("billion", "de")).toBe(1e9);
    expect(scaleOf("trillion", "en")).toBe(1e12);
  });

  it("knows German and English abbreviations", () => {
    expect(scaleOf("Milliarden", "de")).toBe(1e9);
    expect(scaleOf("Mrd.", "de")).toBe(1e9);
    expect(scaleOf("Millionen", "de")).toBe(1e6);
    expect(scaleOf("Mio.", "de")).toBe(1e6);
    expect(scaleOf("Bn", "de")).toBe(1e9);
    expect(scaleOf("B", "en")).toBe(1e9);
    expect(scaleOf("Tausend", "de")).toBe(1e3);
    expect(scaleOf("Bio.", "de")).toBe(1e12);
    expect(scaleOf("Dollar", "de")).toBeUndefined();
  });
});

describe("findQuantities: every amount of the article", () => {
  const cases: Array<[sentence: string, expected: Expected[]]> = [
    [
      "Nvidia und OpenAI standen kurz davor, sich auf etwas Außergewöhnliches zu einigen—eine 100-Milliarden-Dollar-Partnerschaft, die die Art und Weise umgestalten würde.",
      [["100-Milliarden-Dollar", 1e11, "USD"]],
    ],
    [
      "Als ein Deal im Wert von 100 Milliarden Dollar scheitert, wollen Menschen wissen warum.",
      [["100 Milliarden Dollar", 1e11, "USD"]],
    ],
    [
      "OpenAIs Multi-Cloud-Strategie mit über 1 Billion Dollar an Verpflichtungen von Amazon und Microsoft reduzierte Nvidias exklusiven Verhandlungsspielraum.",
      [["1 Billion Dollar", 1e12, "USD"]],
    ],
    [
      "Der 10-Gigawatt-KI-Supercomputer, den Nvidia und OpenAI zu bauen planten",
      [["10-Gigawatt", 1e10, "W"]],
    ],
    [
      "Nvidia und OpenAI stellten sich ein massives Computersystem vor, das zehn Gigawatt Leistung benötigte—genug Strom, um eine kleine Stadt zu versorgen.",
      [["zehn Gigawatt", 1e10, "W"]],
    ],
    [
      "Um das in Perspektive zu setzen : Die meisten Rechenzentren heute verbrauchen weniger als hundert Megawatt.",
      [["hundert Megawatt", 1e8, "W"]],
    ],
    [
      "Nvidias kürzliche Einführung kompakter AI-Lösungen wie dem Veriton GN100, der einen PetaFLOP Leistung in einem 150 x 150 x 50,5mm Formfaktor liefert, demonstriert etwas.",
      [
        ["einen PetaFLOP", 1e15, "FLOPS"],
        ["150 x 150 x 50,5mm", 0.15, "m"],
      ],
    ],
    [
      "OpenAI verpflichtete sich zu $250 Milliarden für Azure-Services—fast die Hälfte von Microsofts massivem Auftragsbestand.",
      [["$250 Milliarden", 2.5e11, "USD"]],
    ],
    [
      "Partnership Element: Rechenkapazität; Microsoft Position: $250B Verpflichtung; Strategic Value: Garantierter Umsatzstrom",
      [["$250B", 2.5e11, "USD"]],
    ],
    [
      "Partnership Element: Investitionsanteil; Microsoft Position: 27% Eigentum; Strategic Value: Einfluss auf Richtung",
      [["27%", 27, "%"]],
    ],
    [
      "Microsofts $37,5 Milliarden Infrastruktur-Ausgaben beweisen sein Engagement.",
      [["$37,5 Milliarden", 3.75e10, "USD"]],
    ],
    [
      "Azure-Umsatz erreichte $50 Milliarden bei jährlichem Wachstum von 39%.",
      [
        ["$50 Milliarden", 5e10, "USD"],
        ["39%", 39, "%"],
      ],
    ],
    [
      "Microsofts IP-Rechte erstrecken sich bis 2032, decken sowohl aktuelle Modelle ab.",
      [["2032", 2032, "year"]],
    ],
    [
      "Amazons 50 Milliarden Dollar Investitionsgespräche mit OpenAI tauchen genau dann auf.",
      [["50 Milliarden Dollar", 5e10, "USD"]],
    ],
    [
      "Bestehende Cloud-Expertise über AWS-Regierungsregionen, die 1,3 Gigawatt KI-Rechenkapazität hinzufügen",
      [["1,3 Gigawatt", 1.3e9, "W"]],
    ],
    [
      "Bewährte Erfolgsbilanz bei der Unterstützung des Konkurrenten Anthropic mit 8 Milliarden Dollar und exklusivem Rechenzentrum-Betrieb",
      [["8 Milliarden Dollar", 8e9, "USD"]],
    ],
    [
      "Die Investition könnte OpenAIs Bewertung auf 830 Milliarden Dollar treiben.",
      [["830 Milliarden Dollar", 8.3e11, "USD"]],
    ],
    [
      "Mit einem erwarteten Geschäftsabschluss bis Q1 2026 könnte diese Partnerschaft neu gestalten, wer kontrolliert.",
      [["Q1 2026", 2026, "quarter"]],
    ],
    [
      "Europäische Regulierungsbehörden untersuchten Microsoft fünfmal seit Ende 2023.",
      [
        ["fünfmal", 5, "times"],
        ["Ende 2023", 2023, "year"],
      ],
    ],
  ];
  for (const [sentence, expected] of cases) {
    it(`finds ${expected.map((e) => e[0]).join(", ")}`, () => {
      expect(scan(sentence)).toEqual(expected);
    });
  }

  it("returns spans as written", () => {
    const sentence = "Microsofts $37,5 Milliarden Infrastruktur-Ausgaben beweisen sein Engagement.";
    const [q] = findQuantities(sentence, "de");
    expect(q && sentence.slice(q.start, q.end)).toBe("$37,5 Milliarden");
  });
});

describe("findQuantities: English", () => {
  it("reads billion as 10^9 and trillion as 10^12", () => {
    expect(scan("Nvidia's $100 billion investment plan has stalled.", "en")).toEqual([
      ["$100 billion", 1e11, "USD"],
    ]);
    expect(scan("OpenAI has more than $1 trillion in commitments.", "en")).toEqual([
      ["$1 trillion", 1e12, "USD"],
    ]);
    expect(scan("It signed 1 trillion dollars of deals.", "en")).toEqual([
      ["1 trillion dollars", 1e12, "USD"],
    ]);
    expect(scan("a $250B commitment to Azure", "en")).toEqual([["$250B", 2.5e11, "USD"]]);
    expect(scan("The deal, valued at $6.5bn, closes soon.", "en")).toEqual([["$6.5bn", 6.5e9, "USD"]]);
    expect(scan("Revenue grew 39% to $50 billion.", "en")).toEqual([
      ["39%", 39, "%"],
      ["$50 billion", 5e10, "USD"],
    ]);
  });

  it("reads English number words and units", () => {
    expect(scan("The site will draw ten gigawatts.", "en")).toEqual([["ten gigawatts", 1e10, "W"]]);
    expect(scan("about a hundred megawatts", "en")).toEqual([["a hundred megawatts", 1e8, "W"]]);
    expect(scan("twenty-five percent of revenue", "en")).toEqual([["twenty-five percent", 25, "%"]]);
    expect(scan("It is five times faster.", "en")).toEqual([["five times", 5, "times"]]);
    expect(scan("The company employs 36,000 people.", "en")).toEqual([["36,000 people", 36000, "count"]]);
  });

  it("reads an English quarter and qualified years", () => {
    expect(scan("expected to close in Q3 2026", "en")).toEqual([["Q3 2026", 2026.5, "quarter"]]);
    expect(scan("in the first quarter of 2025", "en")).toEqual([["first quarter of 2025", 2025, "quarter"]]);
    expect(scan("by mid-2025 and the end of 2024", "en")).toEqual([
      ["mid-2025", 2025, "year"],
      ["end of 2024", 2024, "year"],
    ]);
  });
});

describe("findQuantities: more German forms", () => {
  it("reads currencies before and after the number", () => {
    expect(scan("Siemens zahlt 10 Milliarden US-Dollar.")).toEqual([
      ["10 Milliarden US-Dollar", 1e10, "USD"],
    ]);
    expect(scan("Der Umsatz lag bei 19,1 Mrd. Euro.")).toEqual([["19,1 Mrd. Euro", 1.91e10, "EUR"]]);
    expect(scan("Das kostet 1,2 Mrd. €.")).toEqual([["1,2 Mrd. €", 1.2e9, "EUR"]]);
    expect(scan("Es geht um €500 Millionen.")).toEqual([["€500 Millionen", 5e8, "EUR"]]);
    expect(scan("Ein Budget von 250 Mio. USD.")).toEqual([["250 Mio. USD", 2.5e8, "USD"]]);
    expect(scan("Es flossen 1.000 Dollar.")).toEqual([["1.000 Dollar", 1000, "USD"]]);
    expect(scan("eine Milliarde Dollar")).toEqual([["eine Milliarde Dollar", 1e9, "USD"]]);
  });

  it("lets a bare scaled number take the sentence's only currency", () => {
    expect(scan("Die Bewertung stieg von 300 Milliarden auf 500 Milliarden Dollar.")).toEqual([
      ["300 Milliarden", 3e11, "USD"],
      ["500 Milliarden Dollar", 5e11, "USD"],
    ]);
  });

  it("reads percentages, power and counts", () => {
    expect(scan("Die Aktie fiel um 3,2 %.")).toEqual([["3,2 %", 3.2, "%"]]);
    expect(scan("ein Minus von -5 Prozent")).toEqual([["-5 Prozent", -5, "%"]]);
    expect(scan("Das Rechenzentrum hat 200 MW.")).toEqual([["200 MW", 2e8, "W"]]);
    expect(scan("ein 10GW-Projekt")).toEqual([["10GW", 1e10, "W"]]);
    expect(scan("Das Unternehmen beschäftigt 320.000 Mitarbeiter.")).toEqual([
      ["320.000 Mitarbeiter", 320000, "count"],
    ]);
    expect(scan("Es baut drei neue Werke.")).toEqual([["drei neue Werke", 3, "count"]]);
    expect(scan("Das Netz hat 1,5 Mio. Nutzer.")).toEqual([["1,5 Mio. Nutzer", 1.5e6, "count"]]);
  });

  it("reads repetitions", () => {
    expect(scan("Sie prüften zweimal, dann 3x, dann zehnfach, dann 5-mal.")).toEqual([
      ["zweimal", 2, "times"],
      ["3x", 3, "times"],
      ["zehnfach", 10, "times"],
      ["5-mal", 5, "times"],
    ]);
  });

  it("reads quarters and years", () => {
    expect(scan("im 1. Quartal 2026")).toEqual([["1. Quartal 2026", 2026, "quarter"]]);
    expect(scan("im dritten Quartal 2024")).toEqual([["dritten Quartal 2024", 2026 - 2 + 0.5, "quarter"]]);
    expect(scan("Q4/2025 war stark")).toEqual([["Q4/2025", 2025.75, "quarter"]]);
    expect(scan("Die Übernahme soll bis Mitte 2025 abgeschlossen sein.")).toEqual([
      ["Mitte 2025", 2025, "year"],
    ]);
    expect(scan("seit Januar 2024")).toEqual([["Januar 2024", 2024, "year"]]);
  });
});

describe("findQuantities: what is not an amount", () => {
  it("skips dates", () => {
    expect(scan("31/01/2026")).toEqual([]);
    expect(scan("01/02/2026")).toEqual([]);
    expect(scan("01/02/2026Nvidia und OpenAI standen kurz davor.")).toEqual([]);
    expect(scan("Am 31.01.2026 und am 1. Februar 2026 und am 3.2. geschah es.")).toEqual([]);
    expect(scan("Published 2026-01-31 and January 31, 2026.", "en")).toEqual([]);
  });

  it("skips a quarter without a year, times of day and product names", () => {
    expect(scan("Im Q1 lief es gut.")).toEqual([]);
    expect(
      scan("Um 10:30 Uhr startete GPT-4 auf H100-Chips im Veriton GN100, rund um die Uhr 24/7."),
    ).toEqual([]);
    expect(scan("Die 3D-Grafik und 5G-Netze")).toEqual([]);
  });

  it("skips URLs", () => {
    const urls = [
      "https://openai.com/index/openai-nvidia-systems-partnership/",
      "http://nvidianews.nvidia.com/news/openai-and-nvidia-announce-strategic-partnership-to-deploy-10gw-of-nvidia-systems",
      "https://www.benzinga.com/markets/tech/26/01/50286052/nvidias-100-billion-openai-investment-plan-reportedly-hits-snag",
      "https://www.ark-invest.com/newsletters/issue-486",
      "Quelle: byteiota.com/nvidia-freezes-100b-openai-deal",
    ];
    for (const url of urls) expect(scan(url)).toEqual([]);
  });

  it("skips vague amounts without a number", () => {
    expect(scan("Amazon meldet Hunderttausende von Bildern.")).toEqual([]);
    expect(scan("Das erforderte Milliarden an Investitionen.")).toEqual([]);
    expect(scan("Wenn Milliarden von Dollar den Besitzer wechseln.")).toEqual([]);
  });

  it("does not read articles as the number one", () => {
    expect(scan("Ein Deal und eine Partnerschaft")).toEqual([]);
    expect(scan("eine 100-Milliarden-Dollar-Partnerschaft")).toEqual([
      ["100-Milliarden-Dollar", 1e11, "USD"],
    ]);
  });

  it("does not crash on empty or odd input", () => {
    expect(scan("")).toEqual([]);
    expect(scan("$ % € - x")).toEqual([]);
    expect(scan("999999999999999999999999 Dollar")).toEqual([
      ["999999999999999999999999 Dollar", 1e24, "USD"],
    ]);
  });
});
