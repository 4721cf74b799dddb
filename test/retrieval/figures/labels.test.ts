import { describe, expect, it } from "vitest";
import { extractFigures } from "../../../retrieval/figures/extract.ts";
import { isGenericLabel } from "../../../retrieval/figures/facts.ts";
import { clauseAround } from "../../../retrieval/figures/labels.ts";
import type { Chunk } from "../../../retrieval/types.ts";

/** One document of prose sentences (one chunk each), titled "Titel". */
function doc(sentences: string[], section = "Abschnitt"): Chunk[] {
  let offset = 0;
  return sentences.map((text, i) => {
    const start = offset;
    offset += text.length + 1;
    return {
      id: `k${i}`,
      documentId: "d.de",
      section,
      kind: "prose",
      text,
      start,
      end: start + text.length,
      sentences: [{ text, start, end: start + text.length }],
    };
  });
}
const labelOf = (chunks: Chunk[], text: string) =>
  extractFigures(
    chunks,
    () => "de",
    () => "Titel",
  ).find((f) => f.text === text)?.label;

describe("labels name what is measured, from the sentence", () => {
  it("never uses a unit word as the label", () => {
    const chunks = doc([
      "Im Jahr 2010 erlitt der Regenwald eine schwere Dürre.",
      "Siebzig Prozent des ehemals bewaldeten Landes werden als Weide genutzt.",
      "Die Stadt liegt 25 Meilen südlich der Grenze.",
    ]);
    for (const text of ["2010", "Siebzig Prozent", "25 Meilen"]) {
      const label = labelOf(chunks, text) as string;
      expect(label, text).toBeDefined();
      expect(isGenericLabel(label), `${text}: ${label}`).toBe(false);
      expect(label).not.toMatch(/Jahr|Prozent|Meilen/);
    }
    expect(labelOf(chunks, "Siebzig Prozent")).toContain("Landes");
  });

  it("does not take words capitalised only at a sentence start for nouns", () => {
    const chunks = doc([
      "Obwohl 51,6 % zustimmten, scheiterte das Referendum.",
      "Das Referendum scheiterte, obwohl viele zustimmten.",
      "Drei seiner Werke erschienen im Jahr 1520.",
    ]);
    expect(labelOf(chunks, "51,6 %")).not.toMatch(/Obwohl/);
    expect(labelOf(chunks, "1520")).not.toMatch(/^Drei/);
  });

  it("reads a date that opens a German clause: the subject after the verb owns it", () => {
    const chunks = doc(["Im Sommer 1521 weitete Luther seine Angriffe auf die Lehre aus."]);
    expect(labelOf(chunks, "Sommer 1521")).toBe("Luther: Angriffe");
  });

  it("keeps an attributive participle after an article", () => {
    const chunks = doc(["Sie wuchs aus der 1834 gegründeten Schule für Medizin hervor."]);
    expect(labelOf(chunks, "1834")).toMatch(/gegründeten Schule/i);
  });

  it("takes no owner from the document title, but from a section heading", () => {
    const inTitle = doc(["Als ein Deal im Wert von 100 Milliarden Dollar scheitert, fragen alle."], "Titel");
    expect(labelOf(inTitle, "100 Milliarden Dollar")).toBe("Deal");
    const names = ["Nvidia prüft den Deal.", "Der Deal von Nvidia stockt.", "Alle reden über Nvidia."];
    const inSection = doc(
      [...names, "Als ein Deal im Wert von 100 Milliarden Dollar scheitert, fragen alle."],
      "Warum Nvidia zögert",
    );
    expect(labelOf(inSection, "100 Milliarden Dollar")).toBe("Nvidia: Deal");
  });
});

describe("wordsOf", () => {
  it("finds what the word pattern finds", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { WORD_RE, wordsOf } = await import("../../../retrieval/figures/words.ts");
    const texts = [
      readFileSync(path.resolve(import.meta.dirname, "../../../corpus/nvidia-openai-deal.de.txt"), "utf8"),
      "OpenAI's x-y-z a- -b Microsofts’s ’s 's é 😀ab 1.000,5 KI-Rechen‑kapazität Ærø ŁÓDŹ",
    ];
    for (const t of texts) {
      const expected = [...t.matchAll(new RegExp(WORD_RE.source, "gu"))].map((m) => [m[0], m.index]);
      expect(wordsOf(t).map((w) => [w.text, w.start])).toEqual(expected);
    }
  });
});

describe("clauseAround", () => {
  const clause = (sentence: string, amount: string) => {
    const start = sentence.indexOf(amount);
    const [from, to] = clauseAround(sentence, start, start + amount.length);
    return sentence.slice(from, to);
  };
  it("cuts at commas, brackets, colons and a dash between spaces, not at a hyphen inside a word", () => {
    expect(clause("Der Umsatz, rund 5 Mrd. Euro, stieg.", "5 Mrd.")).toBe(" rund 5 Mrd. Euro");
    expect(clause("Azure-Umsatz (19 Mrd.) – ein Rekord", "19 Mrd.")).toBe("19 Mrd.");
    expect(clause("Umsatz - 19 Mrd. Euro - wuchs", "19 Mrd.")).toBe("19 Mrd. Euro");
    expect(clause("Die Azure-Sparte meldete 19 Mrd. Euro", "19 Mrd.")).toBe(
      "Die Azure-Sparte meldete 19 Mrd. Euro",
    );
    expect(clause("Kosten:\u00a0-\u00a012 Mio.", "12 Mio.")).toBe("12 Mio.");
  });
});
