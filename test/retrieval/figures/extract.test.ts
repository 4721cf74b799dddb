import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusWords } from "../../../retrieval/figures/corpus-words.ts";
import { detectEntities, extractFigures } from "../../../retrieval/figures/extract.ts";
import { figureTopics, filterFigures } from "../../../retrieval/figures/filter.ts";
import { sentenceLanguage } from "../../../retrieval/text/language.ts";
import type { Chunk, ChunkKind, Figure, FigureUnit, SentenceSpan } from "../../../retrieval/types.ts";

const DOC = "nvidia-openai-deal.de";
const raw = readFileSync(
  path.resolve(import.meta.dirname, "../../../corpus/nvidia-openai-deal.de.txt"),
  "utf8",
);

let counter = 0;
function chunk(documentId: string, section: string, kind: ChunkKind, sentences: SentenceSpan[]): Chunk {
  const first = sentences[0];
  const last = sentences.at(-1);
  return {
    id: `c${counter++}`,
    documentId,
    section,
    kind,
    text: sentences.map((s) => s.text).join(" "),
    start: first?.start ?? 0,
    end: last?.end ?? 0,
    sentences,
  };
}

/** Sentences of one line with offsets into the document. */
function splitLine(line: string, offset: number): SentenceSpan[] {
  return [...line.matchAll(/\S.*?(?:[.!?](?=\s|$)|$)/g)].map((m) => {
    const start = offset + (m.index ?? 0);
    return { text: m[0].trim(), start, end: start + m[0].trim().length };
  });
}

/**
 * A trivial stand-in for the chunker: headings (lines without sentence punctuation) become sections,
 * tables become "Header: cell; …" rows, prose becomes windows of three sentences overlapping by one,
 * list items and URLs one chunk each. The teaser lines and the date before the first heading are dropped
 * (the real chunker does that too); the leading date glued to the first paragraph is cut off.
 */
function articleChunks(text: string, documentId = DOC): Chunk[] {
  const chunks: Chunk[] = [];
  let section = "";
  let started = false;
  let header: string[] | undefined;
  let offset = 0;
  for (const rawLine of text.split("\n")) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    let line = rawLine.trim();
    let start = lineStart + rawLine.indexOf(line);
    if (line === "") continue;
    if (line.startsWith("|")) {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
      if (!header) header = cells;
      else {
        const row = cells.map((c, i) => `${header?.[i]}: ${c}`).join("; ");
        chunks.push(chunk(documentId, section, "table", [{ text: row, start, end: start + line.length }]));
      }
      continue;
    }
    header = undefined;
    const glued = /^\d{2}\/\d{2}\/\d{4}/.exec(line);
    if (glued && line.length > glued[0].length) {
      start += glued[0].length;
      line = line.slice(glued[0].length);
      started = true;
    }
    if (!started || /^Quellenangabe$/.test(line)) continue;
    const item = /^- /.test(line);
    const heading = !item && !/[.:]\s*$/.test(line) && !/[.!?]\s+\p{Lu}/u.test(line) && line.length < 140;
    if (heading) {
      // Like the chunker: what precedes the first heading belongs to the title (the first heading).
      if (section === "") for (const c of chunks) c.section = line;
      section = line;
      continue;
    }
    const sentences = item
      ? [{ text: line.slice(2), start: start + 2, end: start + line.length }]
      : splitLine(line, start);
    if (item) {
      chunks.push(chunk(documentId, section, "list", sentences));
      continue;
    }
    for (let i = 0; i < sentences.length; i += 2) {
      chunks.push(chunk(documentId, section, "prose", sentences.slice(i, i + 3)));
      if (i + 3 >= sentences.length) break;
    }
  }
  return chunks;
}

const chunks = articleChunks(raw);
const figures = extractFigures(chunks, () => "de");
const byText = (text: string): Figure => {
  const found = figures.filter((f) => f.text === text);
  expect(found.length, `figures written "${text}"`).toBeGreaterThan(0);
  return found[0] as Figure;
};

/** Every amount the article states, as written, once per sentence that states it. */
const ARTICLE_FIGURES: Array<[text: string, value: number, unit: FigureUnit]> = [
  ["100-Milliarden-Dollar", 1e11, "USD"],
  ["100 Milliarden Dollar", 1e11, "USD"],
  ["1 Billion Dollar", 1e12, "USD"],
  ["zehn Gigawatt", 1e10, "W"],
  ["hundert Megawatt", 1e8, "W"],
  ["10-Gigawatt", 1e10, "W"],
  ["einen PetaFLOP", 1e15, "FLOPS"],
  ["150 x 150 x 50,5mm", 0.15, "m"],
  ["$250 Milliarden", 2.5e11, "USD"],
  ["$250B", 2.5e11, "USD"],
  ["27%", 27, "%"],
  ["$37,5 Milliarden", 3.75e10, "USD"],
  ["$50 Milliarden", 5e10, "USD"],
  ["39%", 39, "%"],
  ["2032", 2032, "year"],
  ["100 Milliarden Dollar", 1e11, "USD"],
  ["50 Milliarden Dollar", 5e10, "USD"],
  ["100 Milliarden Dollar", 1e11, "USD"],
  ["1,3 Gigawatt", 1.3e9, "W"],
  ["8 Milliarden Dollar", 8e9, "USD"],
  ["830 Milliarden Dollar", 8.3e11, "USD"],
  ["Q1 2026", 2026, "quarter"],
  ["fünfmal", 5, "times"],
  ["Ende 2023", 2023, "year"],
];

describe("extractFigures on the article", () => {
  it("finds every amount with the right value and unit, and nothing else", () => {
    const found = figures.map((f) => [f.text, f.value, f.unit]);
    const sort = (xs: unknown[][]) =>
      [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sort(found)).toEqual(sort(ARTICLE_FIGURES));
  });

  it("keeps document order", () => {
    expect(figures.map((f) => f.text)).toEqual(ARTICLE_FIGURES.map(([text]) => text));
  });

  it("quotes the stating sentence verbatim and points at its chunk", () => {
    for (const f of figures) {
      const chunk = chunks.find((c) => c.id === f.chunkId);
      expect(chunk?.sentences.map((s) => s.text)).toContain(f.quote);
      expect(f.quote).toContain(f.text);
      expect(raw).toContain(f.quote.includes("; ") ? f.text : f.quote);
      expect(f.documentId).toBe(DOC);
      expect(f.section).toBe(chunk?.section);
    }
  });

  it("labels figures from the nouns and names around them", () => {
    const label = (text: string) => byText(text).label;
    expect(label("$250 Milliarden")).toMatch(/OpenAI.*Azure-Services/);
    expect(label("$250B")).toMatch(/Microsoft.*Rechenkapazität|Rechenkapazität.*Microsoft/);
    expect(label("27%")).toContain("Investitionsanteil");
    expect(label("$37,5 Milliarden")).toMatch(/Microsoft.*Infrastruktur-Ausgaben/);
    expect(label("$50 Milliarden")).toContain("Azure-Umsatz");
    expect(label("39%")).toContain("Wachstum");
    expect(label("830 Milliarden Dollar")).toMatch(/OpenAI.*Bewertung/);
    expect(label("50 Milliarden Dollar")).toMatch(/Amazon.*Investitionsgespräche/);
    expect(label("1,3 Gigawatt")).toContain("KI-Rechenkapazität");
    expect(label("einen PetaFLOP")).toContain("Veriton GN100");
    expect(label("150 x 150 x 50,5mm")).toContain("Formfaktor");
    expect(label("100-Milliarden-Dollar")).toMatch(/Nvidia.*OpenAI.*Partnerschaft/);
    expect(label("1 Billion Dollar")).toContain("Verpflichtungen");
    expect(label("2032")).toMatch(/Microsoft.*IP-Rechte/);
    expect(label("8 Milliarden Dollar")).toContain("Anthropic");
    expect(label("Q1 2026")).toContain("Geschäftsabschluss");
    expect(label("fünfmal")).toContain("Untersuchungen");
  });

  it("keeps labels short and clean", () => {
    for (const f of figures) {
      expect(f.label.length).toBeGreaterThan(2);
      expect(f.label.length).toBeLessThanOrEqual(80);
      expect(f.label).toBe(f.label.trim());
      expect(f.label).not.toContain(f.text);
    }
  });

  it("gives topics: names, nouns and unit words, lower-cased", () => {
    const azure = byText("$250 Milliarden").topics;
    expect(azure).toEqual(expect.arrayContaining(["openai", "azure", "microsoft", "dollar"]));
    const power = byText("zehn Gigawatt").topics;
    expect(power).toEqual(expect.arrayContaining(["nvidia", "openai", "gigawatt", "watt"]));
    expect(byText("hundert Megawatt").topics).toContain("megawatt");
    for (const f of figures) for (const t of f.topics) expect(t).toBe(t.toLowerCase());
    // Genitives are folded into the name.
    expect(byText("$37,5 Milliarden").topics).toContain("microsoft");
    expect(byText("$37,5 Milliarden").topics).not.toContain("microsofts");
  });

  it("yields a figure once when overlapping or repeated chunks hold the same sentence", () => {
    expect(chunks.length).toBeGreaterThan(new Set(chunks.map((c) => c.text)).size - 1);
    const twice = extractFigures(
      [...chunks, ...chunks.map((c) => ({ ...c, id: `${c.id}-copy` }))],
      () => "de",
    );
    expect(twice.map((f) => f.text)).toEqual(figures.map((f) => f.text));
    expect(twice.map((f) => f.chunkId)).toEqual(figures.map((f) => f.chunkId));
  });

  it("states a fact once, with its repeats as evidence, and keeps other actors' equal amounts apart", () => {
    const factOf = (text: string, labelPart: string) =>
      figures.find((f) => f.text === text && f.label.includes(labelPart))?.factId;
    expect(factOf("$250 Milliarden", "Azure")).toBe(factOf("$250B", "Rechenkapazität"));
    expect(factOf("100 Milliarden Dollar", "Nvidia")).not.toBe(factOf("100 Milliarden Dollar", "Amazon"));
    const primaries = figures.filter((f) => f.primary);
    expect(primaries.length).toBeLessThan(figures.length);
    for (const f of figures.filter((g) => !g.primary)) {
      const primary = primaries.find((p) => p.factId === f.factId);
      expect(primary?.alternates.map((a) => a.quote)).toContain(f.quote);
    }
    // Every amount of money, power and compute in this article is key.
    for (const f of figures.filter((g) => ["USD", "W", "FLOPS"].includes(g.unit))) expect(f.key).toBe(true);
    for (const f of figures) expect(f.documentTitle).toBe(DOC);
  });

  it("finds the names of the article", () => {
    const texts = chunks.flatMap((c) => [c.section, ...c.sentences.map((s) => s.text)]);
    const names = detectEntities([...new Set(texts)]);
    for (const name of ["OpenAI", "Nvidia", "Microsoft", "Amazon", "Azure", "AMD", "AWS", "Anthropic"]) {
      expect(names).toContain(name);
    }
    for (const noun of ["Wert", "Deal", "Partnerschaft", "Infrastruktur", "Milliarden", "KI", "OpenAIs"]) {
      expect(names).not.toContain(noun);
    }
  });
});

describe("extractFigures on other input", () => {
  const one = (sentences: string[], kind: ChunkKind = "prose", section = "Abschnitt", documentId = "x.de") =>
    chunk(
      documentId,
      section,
      kind,
      sentences.map((text) => ({ text, start: 0, end: text.length })),
    );

  it("labels table rows in either rendering", () => {
    const rendered = [
      "Partnership Element: Rechenkapazität; Microsoft Position: $250B Verpflichtung; Strategic Value: Garantierter Umsatzstrom",
      "Rechenkapazität — Microsoft Position: $250B Verpflichtung; Partnership Element: Rechenkapazität",
      "| Rechenkapazität | $250B Verpflichtung | Garantierter Umsatzstrom |",
    ];
    for (const row of rendered) {
      const [f] = extractFigures([one(["Microsoft und Microsofts Azure.", row], "table")], () => "de");
      expect(f?.value).toBe(2.5e11);
      expect(f?.label).toContain("Rechenkapazität");
      expect(f?.quote).toBe(row);
    }
  });

  it("reads bare numbers in table cells as counts of the row's subject", () => {
    const fs = extractFigures(
      [one(["Kennzahl: Mitarbeiter; 2023: 320.000; 2024: 312.000"], "table")],
      () => "de",
    );
    expect(fs.map((f) => [f.label, f.value, f.unit])).toEqual([
      ["Mitarbeiter – 2023", 320000, "count"],
      ["Mitarbeiter – 2024", 312000, "count"],
    ]);
  });

  it("reads English documents with English scales", () => {
    const doc = one(
      [
        "Nvidia's $100 billion investment plan in OpenAI has stalled, the Wall Street Journal reported.",
        "OpenAI has signed more than 1 trillion dollars in compute commitments.",
        "Microsoft's position includes a $250B commitment from OpenAI.",
        "The deal, valued at $6.5bn, is expected to close in Q3 2026.",
      ],
      "prose",
      "Nvidia pauses its OpenAI investment",
      "y.en",
    );
    const fs = extractFigures([doc], () => "en");
    expect(fs.map((f) => [f.text, f.value, f.unit])).toEqual([
      ["$100 billion", 1e11, "USD"],
      ["1 trillion dollars", 1e12, "USD"],
      ["$250B", 2.5e11, "USD"],
      ["$6.5bn", 6.5e9, "USD"],
      ["Q3 2026", 2026.5, "quarter"],
    ]);
    expect(fs[0]?.label).toMatch(/Nvidia.*investment plan/);
    expect(fs[3]?.label).toMatch(/[Dd]eal.*valuation/);
  });

  it("reads an English quote in a German article as English", () => {
    const quote = "Reports said that the company has committed $100 billion to the project.";
    expect(sentenceLanguage(quote, "de")).toBe("en");
    expect(sentenceLanguage("Die Firma hat 1 Billion Dollar zugesagt.", "de")).toBe("de");
    expect(sentenceLanguage("OpenAI investiert 1 Billion Dollar.", "de")).toBe("de");
    // German function words the English list shares ("was", "also") do not outvote the German ones.
    expect(sentenceLanguage("Um zehn, was passiert als hundert Leute kommen, was dann?", "de")).toBe("de");
    expect(sentenceLanguage("Die Regierung sagte, dass das Projekt 5 Milliarden kostet.", "en")).toBe("de");
    const [f] = extractFigures([one([quote])], () => "de");
    expect(f?.value).toBe(1e11);
  });

  it("does not crash on teaser lines, dates, URLs or empty chunks", () => {
    const noise = one([
      "Nasas Perseverance Rover vollendet seine erste KI-geplante autonome Fahrt auf dem Mars",
      "31/01/2026",
      "Amazon meldet Hunderttausende von Bildern sexuellen Kindesmissbrauchs in KI-Trainingsdaten",
      "01/02/2026",
      "https://www.benzinga.com/markets/tech/26/01/50286052/nvidias-100-billion-openai-investment-plan",
      "",
      "Q1",
    ]);
    const empty: Chunk = { ...noise, id: "empty", sentences: [] };
    expect(extractFigures([noise, empty], () => "de")).toEqual([]);
    expect(extractFigures([], () => "de")).toEqual([]);
  });
});

describe("filterFigures", () => {
  const texts = (fs: Figure[]) => fs.map((f) => f.text);

  it("returns everything without a filter", () => {
    expect(filterFigures(figures)).toEqual(figures);
    expect(filterFigures(figures, {})).toEqual(figures);
    expect(filterFigures(figures, { topic: "  " })).toEqual(figures);
  });

  it("selects by unit words in German and English", () => {
    const power = ["zehn Gigawatt", "hundert Megawatt", "10-Gigawatt", "1,3 Gigawatt"];
    expect(texts(filterFigures(figures, { topic: "Gigawatt" }))).toEqual(power);
    expect(texts(filterFigures(figures, { topic: "power" }))).toEqual(power);
    expect(texts(filterFigures(figures, { topic: "Prozent" }))).toEqual(["27%", "39%"]);
    expect(texts(filterFigures(figures, { topic: "%" }))).toEqual(["27%", "39%"]);
    const money = filterFigures(figures, { topic: "Dollar" });
    expect(money).toHaveLength(12);
    expect(filterFigures(figures, { topic: "money" })).toEqual(money);
    expect(texts(filterFigures(figures, { topic: "FLOPS" }))).toEqual(["einen PetaFLOP"]);
    expect(texts(filterFigures(figures, { unit: "year" }))).toEqual(["2032", "Ende 2023"]);
  });

  it("matches topics regardless of case, umlauts and inflection", () => {
    const withMicrosoft = texts(filterFigures(figures, { topic: "microsoft" }));
    expect(withMicrosoft).toEqual(expect.arrayContaining(["$250B", "$37,5 Milliarden", "27%", "2032"]));
    expect(texts(filterFigures(figures, { topic: "MICROSOFTS" }))).toEqual(withMicrosoft);
    for (const spelling of ["Rechenkapazität", "rechenkapazitat", "Rechenkapazitaet"]) {
      expect(texts(filterFigures(figures, { topic: spelling }))).toEqual(["$250B", "1,3 Gigawatt"]);
    }
    expect(texts(filterFigures(figures, { topic: "Geschaftsabschluss" }))).toEqual(["Q1 2026"]);
  });

  it("combines words: every word must match, unit words select the unit", () => {
    const amazonMoney = filterFigures(figures, { topic: "Amazon Dollar" });
    expect(amazonMoney.length).toBeGreaterThan(0);
    for (const f of amazonMoney) {
      expect(f.unit).toBe("USD");
      expect(`${f.quote} ${f.section}`).toMatch(/Amazon/);
    }
    expect(texts(filterFigures(figures, { topic: "Azure Prozent" }))).toEqual(["39%"]);
    expect(filterFigures(figures, { topic: "Gigawatt", unit: "USD" })).toEqual([]);
    expect(filterFigures(figures, { topic: "Bananen" })).toEqual([]);
  });
});

describe("figureTopics", () => {
  const topics = figureTopics(figures);

  it("suggests at most 25 distinct short topics", () => {
    expect(topics.length).toBeGreaterThan(5);
    expect(topics.length).toBeLessThanOrEqual(25);
    expect(new Set(topics.map((t) => t.toLowerCase())).size).toBe(topics.length);
    for (const t of topics) expect(t.length).toBeLessThanOrEqual(100);
  });

  it("puts the names first, spelled as in the article, and offers the units", () => {
    expect(topics.slice(0, 5)).toEqual(expect.arrayContaining(["Microsoft", "OpenAI", "Nvidia", "Amazon"]));
    expect(topics).toEqual(expect.arrayContaining(["Dollar", "Gigawatt", "Prozent", "Jahr"]));
  });

  it("only suggests topics that select figures", () => {
    for (const t of topics) expect(filterFigures(figures, { topic: t }).length, t).toBeGreaterThan(0);
  });

  it("copes with no figures", () => {
    expect(figureTopics([])).toEqual([]);
  });
});

describe("extractFigures: sentences with a web address", () => {
  it("reads them with their own words (name detection cuts them without the address)", () => {
    const texts = [
      "Microsoft meldete für Azure einen Umsatz von 19,1 Milliarden Dollar, siehe https://example.com/bericht.",
      "Siehe www.example.org/zahlen/2024/bericht: Nvidia verpflichtete sich zu 100 Milliarden Dollar an Investitionen.",
    ];
    const chunks = texts.map((text) =>
      chunk("d.de", "Zahlen", "prose", [{ text, start: 0, end: text.length }]),
    );
    const figures = extractFigures(chunks, () => "de");
    expect(figures.map((f) => [f.text, f.label])).toEqual([
      ["19,1 Milliarden Dollar", "Microsoft: Umsatz"],
      // The address before the amount: offsets of the text without it would put "Siehe" in the label.
      ["100 Milliarden Dollar", "Nvidia: Investitionen"],
    ]);
  });
});

describe("detectEntities: each document counts on its own", () => {
  it("does not carry one document's counts into the next, even with a shared word table", () => {
    const words = new CorpusWords();
    const recurring = ["Der Vertrag gilt für Contoso.", "Später kam Contoso dazu.", "Auch Contoso wuchs."];
    expect(detectEntities(recurring, "de", words).has("Contoso")).toBe(true);
    // Once, after a function word: not enough on its own (it must recur).
    expect(detectEntities(["Der Vertrag gilt für Contoso."], "de", words).has("Contoso")).toBe(false);
    // An article in an earlier document does not count against the word here.
    expect(detectEntities(["Die Fabrik steht.", "Die Fabrik wächst."], "de", words).has("Fabrik")).toBe(
      false,
    );
    expect(detectEntities(recurring, "de", words).has("Contoso")).toBe(true);
  });
});
