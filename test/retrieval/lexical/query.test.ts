import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { Lexicon } from "../../../retrieval/lexical/lexicon.ts";
import { LEXICON_MAGIC } from "../../../retrieval/lexical/lexicon-format.ts";
import { buildConcepts } from "../../../retrieval/lexical/query.ts";
import type { Lang } from "../../../retrieval/types.ts";

// A small German corpus on topics no code or list in the project mentions.
const german = [
  "Der Physiker Nikola Tesla ist im Januar 1943 in einem Hotel in New York gestorben.",
  "Tesla entwickelte den Wechselstrommotor und meldete zahlreiche Patente an.",
  "Die Stadt betreibt zwei Rechenzentren am Rand des Industriegebiets.",
  "Die Bevölkerung der Stadt wuchs im neunzehnten Jahrhundert schnell.",
  "Im Hafen liegen Fischerboote, und im Sommer kommen viele Touristen.",
];
const english = [
  "The river flooded the old town in the spring of 1890.",
  "The company opened a new data center near the airport.",
  "Her grandmother died in the village where she was born.",
];
const deIndex = new LexicalIndex(german.map((body) => ({ body, section: "", lang: "de" as const })));
const enIndex = new LexicalIndex(english.map((body) => ({ body, section: "", lang: "en" as const })));

function top(question: string, lang: Lang, index: LexicalIndex, corpusLang: Lang, lexicon?: Lexicon) {
  return index.search(buildConcepts(question, lang, corpusLang, index, [], lexicon), 3)[0]?.id;
}

describe("structured queries across languages", () => {
  it("finds the German passage for an English question", () => {
    expect(top("When did Tesla die?", "en", deIndex, "de")).toBe(0);
    expect(top("How many data centers does the city run?", "en", deIndex, "de")).toBe(2);
    expect(top("How fast did the population grow?", "en", deIndex, "de")).toBe(3);
    expect(top("Who invented the alternating current motor?", "en", deIndex, "de")).toBe(1);
  });

  it("without the dictionary the English question misses", () => {
    expect(top("How fast did the population grow?", "en", deIndex, "de", Lexicon.empty())).not.toBe(3);
  });

  it("makes all translations of a word, with their inflected forms, one concept", () => {
    const concepts = buildConcepts("When did the population grow?", "en", "de", deIndex);
    const grow = concepts.filter((c) => c.word === "grow");
    expect(grow).toHaveLength(1);
    expect(grow[0]?.variants.map((v) => v.term)).toEqual(
      expect.arrayContaining(["wachs", "wuch", "gewachs"]),
    );
  });

  it("weights the translations of an ambiguous word below those of an unambiguous one", () => {
    const lexicon = Lexicon.fromBytes(
      Buffer.from(
        `${LEXICON_MAGIC}\n@en-de\nharbour\thafen\npower\tmacht|kraft|gewalt|strom|leistung|energie\n`,
        "latin1",
      ),
    );
    const concepts = buildConcepts("power harbour", "en", "de", deIndex, [], lexicon);
    const best = (word: string, term: string) =>
      concepts.find((c) => c.word === word)?.variants.find((v) => v.term === term)?.weight ?? 0;
    expect(best("harbour", "haf")).toBeGreaterThan(best("power", "macht"));
    expect(best("power", "macht")).toBeGreaterThan(best("power", "energi"));
  });

  it("joins a two-word English term that German writes as one word", () => {
    const concepts = buildConcepts("data center", "en", "de", deIndex);
    expect(concepts).toHaveLength(1);
    expect(concepts[0]?.variants.map((v) => v.term)).toContain("rechenzentrum");
  });

  it("finds the English passage for a German question", () => {
    expect(top("Wo ist die Großmutter gestorben?", "de", enIndex, "en")).toBe(2);
    expect(top("Wann überflutete der Fluss die Altstadt?", "de", enIndex, "en")).toBe(0);
  });
});

describe("German inflection from the dictionary", () => {
  it("joins forms the stemmer cannot ('starb' ~ 'gestorben', 'wächst' ~ 'wuchs')", () => {
    expect(top("Wann starb Tesla?", "de", deIndex, "de")).toBe(0);
    expect(top("Wie schnell wächst die Bevölkerung?", "de", deIndex, "de")).toBe(3);
    const starb = buildConcepts("starb", "de", "de", deIndex)[0];
    expect(starb?.variants.map((v) => v.term)).toContain("gestorb");
    expect(
      buildConcepts("starb", "de", "de", deIndex, [], Lexicon.empty())[0]?.variants.map((v) => v.term),
    ).not.toContain("gestorb");
  });
});
