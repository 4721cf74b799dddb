import { describe, expect, it } from "vitest";
import {
  emptyVocabulary,
  isNameLike,
  namesIn,
  questionConstraints,
  statesDate,
  statesNumber,
  statesTime,
  type Vocabulary,
} from "../../../retrieval/answer/constraints.ts";
import { lexiconVocabulary } from "../../../retrieval/answer/vocabulary.ts";
import type { Concept } from "../../../retrieval/lexical/bm25.ts";
import { terms } from "../../../retrieval/text/normalize.ts";
import type { Lang } from "../../../retrieval/types.ts";

/** A tiny dictionary: the checks must work from dictionary knowledge, not from lists of names. */
const WORDS: Record<Lang, string[]> = {
  de: [
    "umsatz",
    "anteil",
    "chip",
    "chips",
    "investition",
    "gespräch",
    "verwalten",
    "super",
    "partner",
    "eigentum",
  ],
  en: [
    "revenue",
    "share",
    "chip",
    "fumble",
    "forced",
    "azure",
    "partnership",
    "value",
    "norman",
    "element",
    "position",
  ],
};
const vocab: Vocabulary = { isWord: (w, lang) => WORDS[lang].includes(w.toLowerCase()) };

function concepts(question: string, lang: Lang): Concept[] {
  return [...question.matchAll(/[\p{L}\p{N}]+/gu)].flatMap((m) =>
    terms(m[0], lang).map((term) => ({
      word: m[0],
      variants: [{ term, weight: 1 }],
      weight: 1,
      isNumber: /^\d/.test(term),
    })),
  );
}

describe("names", () => {
  it("tells German names from nouns by the dictionary, inflections, compounds and derivational endings", () => {
    expect(isNameLike("Samsung", "de", vocab, false)).toBe(true);
    expect(isNameLike("Nvidias", "de", vocab, false)).toBe(true);
    expect(isNameLike("Umsatz", "de", vocab, false)).toBe(false);
    expect(isNameLike("Anteils", "de", vocab, false)).toBe(false);
    expect(isNameLike("Investitionsgespräche", "de", vocab, false)).toBe(false);
    expect(
      isNameLike("Samsung", "de", { isWord: (w) => ["sam", "sung", "ung"].includes(w.toLowerCase()) }, false),
    ).toBe(true);
    expect(isNameLike("Verwaltung", "de", vocab, false)).toBe(false);
    expect(isNameLike("Desegregation", "de", vocab, false)).toBe(false);
  });

  it("takes inner capitals and digits as names, and any mid-sentence capital in English", () => {
    expect(isNameLike("OpenAI", "de", vocab, false)).toBe(true);
    expect(isNameLike("GN100", "de", vocab, false)).toBe(true);
    expect(isNameLike("Azure", "en", vocab, false)).toBe(true);
    expect(isNameLike("revenue", "en", vocab, false)).toBe(false);
  });

  it("does not take a sentence's first word for a name when either language knows it", () => {
    expect(isNameLike("Partnership", "de", vocab, true)).toBe(false);
    expect(isNameLike("Samsung", "de", vocab, true)).toBe(true);
  });

  it("does not take a German present participle for a name, even as the first word", () => {
    const verbs: Vocabulary = { isWord: (w) => w.toLowerCase() === "basieren" };
    expect(isNameLike("Basierend", "de", verbs, true)).toBe(false);
    expect(isNameLike("Basierende", "de", verbs, false)).toBe(false);
    // Without the verb in the dictionary the same shape is a name ("Ostend").
    expect(isNameLike("Basierend", "de", emptyVocabulary, true)).toBe(true);
  });

  it("does not take an English adjective of a nation or language for a name, but keeps adjective-like companies", () => {
    const lexicon = lexiconVocabulary();
    for (const word of ["Indian", "British", "English", "French", "Chinese"])
      expect(isNameLike(word, "en", lexicon, false), word).toBe(false);
    for (const word of ["Anthropic", "Azure", "Nvidia"])
      expect(isNameLike(word, "en", lexicon, false), word).toBe(true);
  });

  it("never takes a function word for a name ('Wie' opening a heading, 'Allen' in an English question)", () => {
    expect(isNameLike("Wie", "de", emptyVocabulary, true)).toBe(false);
    expect(isNameLike("Allen", "en", emptyVocabulary, false)).toBe(false);
    expect(namesIn("Wie Halvora gewinnt", "de", vocab)).toEqual(["Halvora"]);
  });

  it("tells a compound after a colon from a name, like anywhere else in the sentence", () => {
    expect(namesIn("Element: Investitionsgespräche; Position: Halvora", "de", vocab)).toEqual(["Halvora"]);
  });

  it("does not take an English spelling for German because its stem is a German word's ('Amazon', 'Amazone')", () => {
    const lexicon = lexiconVocabulary();
    expect(lexicon.isWord("Amazon", "de")).toBe(false);
    expect(isNameLike("Amazon", "de", lexicon, false)).toBe(true);
    // Spellings both languages share, which the dictionary leads back to, stay German words.
    for (const word of ["Tag", "Art", "Gift", "Bank", "Umsatz"])
      expect(lexicon.isWord(word, "de"), word).toBe(true);
  });

  it("finds the names a passage sentence is about, leaving out English labels in German text", () => {
    expect(namesIn("Partnership Element: Anteil; Microsoft Position: 27% Eigentum", "de", vocab)).toEqual([
      "Microsoft",
    ]);
  });
});

describe("question constraints", () => {
  it("collects names, numbers, the counted thing and the asked-for kind of fact", () => {
    const q = "Wie viele Chips hat OpenAI 2024 von Nvidia gekauft?";
    const c = questionConstraints(q, "de", concepts(q, "de"), vocab);
    expect(c.names.map((n) => n.word)).toEqual(["OpenAI", "Nvidia"]);
    expect(c.numbers.map((n) => n.word)).toEqual(["2024"]);
    expect(c.counted?.word).toBe("Chips");
    expect(c.wantsNumber).toBe(true);
    expect(c.wantsDate).toBe(false);
  });

  it("finds the counted noun of an English question before its verb", () => {
    const q = "How many forced fumbles did Thomas Davis have?";
    const c = questionConstraints(q, "en", concepts(q, "en"), vocab);
    expect(c.counted?.word).toBe("fumbles");
    expect(c.names.map((n) => n.word)).toEqual(["Thomas", "Davis"]);
  });

  it("joins names written next to each other: their leading words point to the last one", () => {
    const q = "How many goals did Jorin Tessmar Valtersen score for Kiel?";
    const c = questionConstraints(q, "en", concepts(q, "en"), vocab);
    const conceptOf = (word: string) => c.names.find((n) => n.word === word)?.concept;
    const headOf = (word: string) => c.names.find((n) => n.word === word)?.nameHead;
    expect(headOf("Jorin")).toBe(conceptOf("Valtersen"));
    expect(headOf("Tessmar")).toBe(conceptOf("Valtersen"));
    // The last word is the head itself; a name after another word stands alone.
    expect(headOf("Valtersen")).toBeUndefined();
    expect(headOf("Kiel")).toBeUndefined();
  });

  it("does not join names across punctuation or hyphens", () => {
    const q = "Wie viele Tore schossen Jorin, Valtersen und Kiel-Holtenau?";
    const c = questionConstraints(q, "de", concepts(q, "de"), vocab);
    expect(c.names.map((n) => n.word)).toEqual(
      expect.arrayContaining(["Jorin", "Valtersen", "Kiel", "Holtenau"]),
    );
    expect(c.names.every((n) => n.nameHead === undefined)).toBe(true);
  });

  it("tells no names in a shouted question, whose capitals mean nothing", () => {
    const q = "WIE VIEL HAT OPENAI ZUGESAGT?";
    expect(questionConstraints(q, "de", concepts(q, "de"), vocab).names).toEqual([]);
  });

  it("asks for a date on 'wann' and 'when'", () => {
    const de = "Bis wann soll der Deal abgeschlossen sein?";
    expect(questionConstraints(de, "de", concepts(de, "de"), vocab).wantsDate).toBe(true);
    const en = "When was Nvidia founded?";
    expect(questionConstraints(en, "en", concepts(en, "en"), vocab).wantsDate).toBe(true);
    const year = "In welchem Jahr wurde Halvora gegründet?";
    expect(questionConstraints(year, "de", concepts(year, "de"), vocab).wantsDate).toBe(true);
  });

  it("does not ask for a date when 'when' only joins a clause further on", () => {
    const en = "How much time was left in the game when Denver took the lead?";
    expect(questionConstraints(en, "en", concepts(en, "en"), vocab).wantsDate).toBe(false);
    const de = "Wie viele Punkte fehlten, wann immer Halvora führte?";
    expect(questionConstraints(de, "de", concepts(de, "de"), vocab).wantsDate).toBe(false);
  });
});

describe("kinds of facts in a sentence", () => {
  it("sees numbers in digits and words", () => {
    expect(statesNumber("Er erzielte sieben Interceptions.")).toBe(true);
    expect(statesNumber("Er erzielte 88 Tackles.")).toBe(true);
    expect(statesNumber("Der Deal platzte.")).toBe(false);
    // The article "eine" counts nothing: "verwandelte das Geschäft in eine Kraft" states no amount.
    expect(statesNumber("Das verwandelte das Geschäft in eine unaufhaltsame Kraft.")).toBe(false);
  });

  it("sees years, decades and months, but not amounts", () => {
    expect(statesDate("1288 wurden die Mongolen besiegt.")).toBe(true);
    expect(statesDate("Am 8. Oktober wurde er gewählt.")).toBe(true);
    expect(statesDate("in den 1980er Jahren")).toBe(true);
    expect(statesDate("Die Bewertung stieg auf 830 Milliarden Dollar.")).toBe(false);
    expect(statesDate("Sie zahlten 2015 Dollar.")).toBe(false);
    expect(statesDate("Es kamen 1.000 Siedler.")).toBe(false);
    expect(statesTime("Während des Krieges blieb das Fort leer.")).toBe(true);
    expect(statesTime("Das Fort blieb leer.")).toBe(false);
  });
});
