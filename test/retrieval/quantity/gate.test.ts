import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
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

  it("spares sentences without digits or number words", () => {
    expect(mayHoldQuantity("Die Partnerschaft stockt, weil Nvidia zögert.")).toBe(false);
    expect(mayHoldQuantity("Ein Deal und eine Partnerschaft")).toBe(false);
    expect(mayHoldQuantity("Achtung: die Daten fehlen.")).toBe(false);
  });
});
