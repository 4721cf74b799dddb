import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mayHoldQuantityExactly, mayHoldQuantityPretested } from "../../../retrieval/quantity/gate.ts";
import { mayHoldQuantity, scanQuantities } from "../../../retrieval/quantity/scan.ts";

const article = readFileSync(
  path.resolve(import.meta.dirname, "../../../corpus/nvidia-openai-deal.de.txt"),
  "utf8",
);
const sentences = [
  ...article.split(/(?<=[.!?])\s+|\n+/),
  "eine Milliarde Dollar",
  "einen PetaFLOP Leistung",
  "ein Drittel der Bevölkerung",
  "seit einem Jahr",
  "a hundred megawatts",
  "zweihundertfünfzig Mitarbeiter",
  "dreiundzwanzig Tage",
  "eineinhalb Stunden",
  "anderthalb Jahre",
  "Sie prüften zweimal und zehnfach.",
  "twenty-five percent",
  "It is fivefold.",
  "They met twice.",
  "Elf Spieler und zwölf Trainer",
  "fünf Fuß hoch",
  "the first quarter of 2025",
  "ein Quadratkilometer",
  "ein Grad Celsius",
];

describe("mayHoldQuantity", () => {
  it("lets every sentence with an amount through", () => {
    for (const s of sentences) {
      if (scanQuantities(s, "de").length > 0 || scanQuantities(s, "en").length > 0) {
        expect(mayHoldQuantity(s), s).toBe(true);
      }
    }
  });

  it("sees the shortened number words and an amount after a repeated article", () => {
    // "sechzehn" and "siebzehn" drop letters of "sechs" and "sieben"; "ein eine": the second article counts.
    for (const s of [
      "Die Firma hat sechzehn Mitarbeiter.",
      "Es kamen siebzehn Gäste.",
      "ein eine Milliarde Dollar",
    ]) {
      expect(mayHoldQuantity(s), s).toBe(true);
      expect(scanQuantities(s, "de").length, s).toBeGreaterThan(0);
    }
  });

  it("spares sentences without digits or number words", () => {
    expect(mayHoldQuantity("Die Partnerschaft stockt, weil Nvidia zögert.")).toBe(false);
    expect(mayHoldQuantity("Ein Deal und eine Partnerschaft")).toBe(false);
    expect(mayHoldQuantity("Achtung: die Daten fehlen.")).toBe(false);
  });
});

describe("mayHoldQuantity's one-regex pre-test", () => {
  const tricky = [
    ...sentences,
    "Achtzehn Staaten",
    "sechzehn Mitarbeiter",
    "ein eine Milliarde Dollar",
    "a an hundred",
    "EINE MILLIARDE",
    "Zweihundert-Meter-Lauf",
    "„Zwei“ sagte sie.",
    "Ÿ ein Grad Celsius",
    "ǅein Meter",
    "ſechs Tage, Daten",
    "dreiẞig Tage",
    "K ist kein Zahlwort, aber ein\u212a?",
    "Ein Mann und eine Frau gingen allein.",
    "Sie sehen viele neue Unternehmen.",
    "𝐀zwei und zwei𝐀",
    "einundzwanzig Tage",
    "Zehnfach, einmalig, einfach.",
    "one hundred",
    "twofold",
    "Elfen und Trolle",
  ];
  it("answers as the exact tests do", () => {
    for (const s of tricky) expect(mayHoldQuantityPretested(s), s).toBe(mayHoldQuantityExactly(s));
  });

  it("is used once many sentences without digits were read, with the same answers", () => {
    // The first few hundred go to the exact tests alone (a one-off question should not compile the pre-test).
    for (let i = 0; i < 300; i++) mayHoldQuantity("Die Partnerschaft stockt, weil Nvidia zögert.");
    for (const s of tricky) expect(mayHoldQuantity(s), s).toBe(mayHoldQuantityExactly(s));
  });

  it("knows every letter that a Unicode case-insensitive regex equates with a number word's letters", () => {
    // The pre-test sends sentences with ſ, ẞ or the Kelvin sign to the exact tests; any other such letter would be
    // a number word it could not see.
    const foldsIn = /^[a-zäöüß]$/iu;
    const beyond: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (foldsIn.test(ch) && !"äöüÄÖÜß".includes(ch)) beyond.push(ch);
    }
    expect(beyond).toEqual(["ſ", "ẞ", "\u212a"]);
  });
});
