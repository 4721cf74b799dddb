import { describe, expect, it } from "vitest";
import { extractFigures } from "../../../retrieval/figures/extract.ts";
import {
  assignFacts,
  type DraftContext,
  type FigureDraft,
  isGenericLabel,
  KEY_THRESHOLD,
  statementScore,
} from "../../../retrieval/figures/facts.ts";
import type { Chunk, FigureUnit } from "../../../retrieval/types.ts";

const entities = new Set(["Nvidia", "OpenAI", "Amazon", "Microsoft"]);
let n = 0;
function draft(
  label: string,
  text: string,
  value: number,
  unit: FigureUnit,
  quote: string,
  documentId = "a.de",
): FigureDraft {
  return {
    label,
    text,
    value,
    unit,
    quote,
    chunkId: `c${n++}`,
    documentId,
    documentTitle: documentId.toUpperCase(),
    section: "Abschnitt",
    topics: [],
  };
}
const ctx = (over: Partial<DraftContext> = {}): DraftContext => ({
  entities,
  position: 0.5,
  structured: false,
  amountsInSentence: 1,
  ...over,
});

describe("assignFacts: one fact stated twice", () => {
  it("joins the same value about the same actors and keeps every quote as evidence", () => {
    const drafts = [
      draft(
        "Nvidia & OpenAI: Partnerschaft",
        "100-Milliarden-Dollar",
        1e11,
        "USD",
        "Nvidia und OpenAI planten eine 100-Milliarden-Dollar-Partnerschaft.",
      ),
      draft(
        "Nvidia: Deal",
        "100 Milliarden Dollar",
        1e11,
        "USD",
        "Nvidias Deal über 100 Milliarden Dollar scheiterte.",
      ),
      draft(
        "Amazon: Finanzierung",
        "100 Milliarden Dollar",
        1e11,
        "USD",
        "Amazon verhandelt über 100 Milliarden Dollar.",
      ),
    ];
    const figures = assignFacts(
      drafts,
      drafts.map(() => ctx()),
    );
    const [first, second, amazon] = figures;
    expect(first?.factId).toBe(second?.factId);
    expect(first?.primary).toBe(true);
    expect(second?.primary).toBe(false);
    expect(first?.alternates.map((a) => a.quote)).toEqual([drafts[1]?.quote]);
    expect(second?.alternates.map((a) => a.text)).toEqual(["100-Milliarden-Dollar"]);
    // Another actor's equal amount is another fact.
    expect(amazon?.factId).not.toBe(first?.factId);
    expect(amazon?.primary).toBe(true);
    expect(amazon?.alternates).toEqual([]);
  });

  it("never joins across documents, units or values", () => {
    const drafts = [
      draft("Nvidia: Deal", "5 Milliarden", 5e9, "USD", "Nvidia zahlt 5 Milliarden."),
      draft("Nvidia: Deal", "5 Milliarden", 5e9, "USD", "Nvidia zahlt 5 Milliarden.", "b.de"),
      draft("Nvidia: Deal", "5 Milliarden Euro", 5e9, "EUR", "Nvidia zahlt 5 Milliarden Euro."),
      draft("Nvidia: Deal", "6 Milliarden", 6e9, "USD", "Nvidia zahlt 6 Milliarden."),
    ];
    const figures = assignFacts(
      drafts,
      drafts.map(() => ctx()),
    );
    expect(new Set(figures.map((f) => f.factId)).size).toBe(4);
    expect(figures.every((f) => f.primary)).toBe(true);
  });

  it("joins statements without names when their labels share a word", () => {
    const drafts = [
      draft("Abholzungsrate", "18%", 18, "%", "Die Abholzungsrate sank um 18%."),
      draft(
        "Abholzungsrate der Region",
        "18 Prozent",
        18,
        "%",
        "Der Rückgang der Abholzungsrate um 18 Prozent hielt an.",
      ),
      draft("Bevölkerung", "18 %", 18, "%", "Die Bevölkerung wuchs um 18 %."),
    ];
    const figures = assignFacts(
      drafts,
      drafts.map(() => ctx()),
    );
    expect(figures[0]?.factId).toBe(figures[1]?.factId);
    expect(figures[2]?.factId).not.toBe(figures[0]?.factId);
  });
});

describe("key figures", () => {
  it("scores money with a named owner above a year mentioned in passing", () => {
    const money = draft(
      "OpenAI: Bewertung",
      "830 Milliarden Dollar",
      8.3e11,
      "USD",
      "OpenAIs Bewertung stieg auf 830 Milliarden Dollar.",
    );
    const year = draft("Jahr", "1998", 1998, "year", "Im Jahr 1998 geschah etwas.");
    expect(statementScore(money, ctx())).toBeGreaterThanOrEqual(KEY_THRESHOLD);
    expect(statementScore(year, ctx())).toBeLessThan(KEY_THRESHOLD);
    expect(statementScore(money, ctx())).toBeGreaterThan(statementScore(year, ctx()));
  });

  it("counts a document's lead, tables, repetition; long enumerations count less", () => {
    const f = draft("Region: Fläche", "5 km²", 5e6, "m2", "Die Region umfasst 5 km².");
    expect(statementScore(f, ctx({ position: 0 }))).toBeGreaterThan(
      statementScore(f, ctx({ position: 0.9 })),
    );
    expect(statementScore(f, ctx({ structured: true }))).toBeGreaterThan(statementScore(f, ctx()));
    expect(statementScore(f, ctx({ amountsInSentence: 6 }))).toBeLessThan(statementScore(f, ctx()));
    const twice = assignFacts(
      [f, { ...f, chunkId: "other", quote: "Die Fläche der Region: 5 km²." }],
      [ctx(), ctx()],
    );
    const once = assignFacts([f], [ctx()]);
    expect(twice[0]?.keyScore).toBeGreaterThan(once[0]?.keyScore as number);
  });

  it("recognises labels that only name the unit", () => {
    expect(isGenericLabel("Prozent")).toBe(true);
    expect(isGenericLabel("Jahr")).toBe(true);
    expect(isGenericLabel("Region: Quadratmeilen")).toBe(true);
    expect(isGenericLabel("OpenAI: Bewertung")).toBe(false);
  });

  it("makes each document's best figure key, even when all score low", () => {
    const drafts = [
      draft("Jahr", "1998", 1998, "year", "Im Jahr 1998."),
      draft("Jahr", "2001", 2001, "year", "Im Jahr 2001 und danach."),
    ];
    const figures = assignFacts(drafts, [ctx({ position: 0 }), ctx()]);
    expect(figures.filter((f) => f.key)).toHaveLength(1);
    expect(figures[0]?.key).toBe(true);
  });
});

describe("extractFigures: documents, restatements, facts", () => {
  const chunk = (id: string, documentId: string, sentences: string[]): Chunk => ({
    id,
    documentId,
    section: "Abschnitt",
    kind: "prose",
    text: sentences.join(" "),
    start: 0,
    end: 0,
    sentences: sentences.map((text, i) => ({ text, start: i * 1000, end: i * 1000 + text.length })),
  });

  it("names each figure's document and folds a bracketed conversion into the amount it restates", () => {
    const figures = extractFigures(
      [chunk("k1", "jax.de", ["Die Stadt liegt ungefähr 25 Meilen (40 km) südlich der Grenze."])],
      () => "de",
      (id) => (id === "jax.de" ? "Jacksonville" : id),
    );
    expect(figures.map((f) => [f.text, f.unit])).toEqual([["25 Meilen", "m"]]);
    expect(figures[0]?.documentTitle).toBe("Jacksonville");
    expect(figures[0]?.alternates.map((a) => a.text)).toEqual(["40 km"]);
  });

  it("keeps two amounts in brackets that are not the same measure", () => {
    const figures = extractFigures(
      [chunk("k2", "x.de", ["Das Werk kostete 5 Millionen Euro (davon 2 Millionen Euro Zuschüsse)."])],
      () => "de",
    );
    expect(figures.map((f) => f.text)).toEqual(["5 Millionen Euro", "2 Millionen Euro"]);
  });
});

describe("filterFigures: key figures, one entry per fact, one document", () => {
  it("selects by key, primary and document", async () => {
    const { filterFigures } = await import("../../../retrieval/figures/filter.ts");
    const drafts = [
      draft(
        "OpenAI: Bewertung",
        "830 Milliarden Dollar",
        8.3e11,
        "USD",
        "OpenAIs Bewertung: 830 Milliarden Dollar.",
      ),
      draft("OpenAI: Bewertung", "$830B", 8.3e11, "USD", "OpenAI wird mit $830B bewertet."),
      draft("Jahr", "1998", 1998, "year", "Im Jahr 1998 geschah etwas."),
      draft(
        "Amazon: Finanzierung",
        "8 Milliarden Dollar",
        8e9,
        "USD",
        "Amazon gab 8 Milliarden Dollar.",
        "b.de",
      ),
    ];
    const figures = assignFacts(
      drafts,
      drafts.map(() => ctx()),
    );
    expect(filterFigures(figures, { distinct: true }).map((f) => f.text)).toEqual([
      "830 Milliarden Dollar",
      "1998",
      "8 Milliarden Dollar",
    ]);
    expect(filterFigures(figures, { keyOnly: true }).map((f) => f.text)).not.toContain("1998");
    expect(filterFigures(figures, { documentId: "b.de" }).map((f) => f.text)).toEqual([
      "8 Milliarden Dollar",
    ]);
    expect(filterFigures(figures, { topic: "Fläche" })).toEqual([]);
  });
});
