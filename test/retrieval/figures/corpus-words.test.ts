import { describe, expect, it } from "vitest";
import {
  CAP,
  CorpusWords,
  DETERMINER,
  INFLECTED,
  STOPWORD,
} from "../../../retrieval/figures/corpus-words.ts";
import { detectEntities } from "../../../retrieval/figures/entities.ts";

describe("CorpusWords", () => {
  it("numbers each spelling once and answers what name detection asks of it", () => {
    const words = new CorpusWords();
    const die = words.id("die");
    expect(words.id("die")).toBe(die);
    expect(words.id("Die")).not.toBe(die);
    expect(words.is(die, DETERMINER)).toBe(true);
    expect(words.is(words.id("für"), STOPWORD)).toBe(true);
    expect(words.is(words.id("neue"), INFLECTED)).toBe(true);
    expect(words.is(words.id("Azure"), CAP)).toBe(true);
    expect(words.is(words.id("azure"), CAP)).toBe(false);
    expect(words.known("nie gesehen")).toBe(-1);
  });

  it("splits a word into the parts name detection reads (genitive 's dropped, hyphens split)", () => {
    const words = new CorpusWords();
    const parts = (w: string) => words.parts(words.id(w)).map((id) => words.text[id]);
    expect(parts("OpenAI's")).toEqual(["OpenAI"]);
    expect(parts("Azure-Services")).toEqual(["Azure", "Services"]);
    expect(parts("Microsoft")).toEqual(["Microsoft"]);
    expect(words.bare(words.id("OpenAI’s"))).toBe("OpenAI");
    expect(words.bare(words.id("Microsofts"))).toBeNull();
  });

  it("knows a word capitalised only where sentences start (the corpus writes it in lower case inside)", () => {
    const words = new CorpusWords();
    detectEntities(
      [
        "Obwohl es regnete, kam Microsoft. Es kam, obwohl es spät war.",
        "Die Firma Microsoft baut. Azure wächst, und Azure bleibt.",
      ],
      "de",
      words,
    );
    expect(words.isCapitalisedByPosition("Obwohl")).toBe(true);
    // Written capitalised inside a sentence too: a noun or a name, not a sentence start.
    expect(words.isCapitalisedByPosition("Microsoft")).toBe(false);
    expect(words.isCapitalisedByPositionId(words.id("Obwohl"))).toBe(true);
    // Lower case words are never "capitalised by position".
    expect(words.isCapitalisedByPosition("obwohl")).toBe(false);
  });
});
