import { describe, expect, it } from "vitest";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { buildConcepts } from "../../../retrieval/lexical/query.ts";

const texts = [
  "Azure-Umsatz erreichte $50 Milliarden bei jährlichem Wachstum von 39%.",
  "Amazons 50 Milliarden Dollar Investitionsgespräche mit OpenAI tauchen auf.",
  "Die meisten Rechenzentren verbrauchen weniger als hundert Megawatt.",
  "Microsofts IP-Rechte erstrecken sich bis 2032.",
];
const index = new LexicalIndex(texts.map((body) => ({ body, section: "Abschnitt", lang: "de" as const })));
const top = (q: string, lang: "de" | "en" = "de") =>
  index.search(buildConcepts(q, lang, "de", index), 3)[0]?.id;

describe("LexicalIndex", () => {
  it("ranks the passage that shares the rare terms first", () => {
    expect(top("Wie hoch war der Azure-Umsatz?")).toBe(0);
    expect(top("Wie viel Strom verbrauchen Rechenzentren?")).toBe(2);
  });

  it("joins verb and noun forms that stemming keeps apart", () => {
    expect(top("Wie schnell wächst Azure?")).toBe(0);
  });

  it("meets German text from English questions", () => {
    expect(top("Until when do Microsoft's IP rights last?", "en")).toBe(3);
    expect(top("How much is Amazon investing?", "en")).toBe(1);
  });

  it("records which question concepts a passage matched", () => {
    const concepts = buildConcepts("Azure Tokio", "de", "de", index);
    const hit = index.search(concepts, 1)[0];
    expect(hit?.matched.size).toBe(1);
  });

  it("gives context words a lower weight than the question's own", () => {
    const concepts = buildConcepts("und davon?", "de", "de", index, ["Azure Umsatz"]);
    // Not vacuous: the context's words are there (an empty list would pass any `every`), all at lower weight.
    expect(concepts.map((c) => c.word)).toEqual(["Azure", "Umsatz"]);
    for (const c of concepts) expect(c.weight).toBeLessThan(1);
    const own = buildConcepts("Azure Umsatz", "de", "de", index);
    expect(own.map((c) => c.weight)).toEqual([1, 1]);
  });
});
