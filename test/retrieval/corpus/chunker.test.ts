import { describe, expect, it } from "vitest";
import { type ChunkingOptions, defaultChunking } from "../../../retrieval/corpus/chunker.ts";
import { ingestText } from "../../../retrieval/corpus/ingest.ts";

const chunksOf = (text: string, options: Partial<ChunkingOptions> = {}) =>
  ingestText("test.de.txt", text, { ...defaultChunking, ...options }).chunks;
const sentencesOf = (text: string, options: Partial<ChunkingOptions> = {}) =>
  chunksOf(text, options).map((c) => c.sentences.map((s) => s.text));

const FIVE = "# Titel\n\nEins ist hier. Zwei ist hier. Drei ist hier. Vier ist hier. Fünf ist hier.\n";

describe("prose chunks", () => {
  it("hold up to maxSentences sentences and share `overlap` of them with the next chunk", () => {
    expect(sentencesOf(FIVE)).toEqual([
      ["Eins ist hier.", "Zwei ist hier.", "Drei ist hier."],
      ["Drei ist hier.", "Vier ist hier.", "Fünf ist hier."],
    ]);
    expect(sentencesOf(FIVE, { maxSentences: 2, overlap: 0 })).toEqual([
      ["Eins ist hier.", "Zwei ist hier."],
      ["Drei ist hier.", "Vier ist hier."],
      ["Fünf ist hier."],
    ]);
  });

  it("end at maxChars, but a single longer sentence still forms a chunk", () => {
    const long = `Ein sehr langer Satz ${"mit vielen Wörtern ".repeat(5)}endet hier.`;
    const text = `# Titel\n\nKurz ist gut. ${long} Noch ein Satz.\n`;
    const chunks = sentencesOf(text, { maxChars: 40 });
    expect(chunks).toEqual([["Kurz ist gut."], [long], ["Noch ein Satz."]]);
  });

  it("never span two sections; each carries its heading (the title before the first)", () => {
    const text =
      "# Titel\n\nVorweg ein Satz.\n\n## Erster Teil\nA eins. A zwei.\n\n## Zweiter Teil\nB eins.\n";
    const chunks = chunksOf(text);
    expect(chunks.map((c) => [c.section, c.sentences.map((s) => s.text)])).toEqual([
      ["Titel", ["Vorweg ein Satz."]],
      ["Erster Teil", ["A eins.", "A zwei."]],
      ["Zweiter Teil", ["B eins."]],
    ]);
  });

  it("quote the document: a chunk's text is the raw span from its first to its last sentence", () => {
    const text = "# Titel\n\nErster Satz.  Zweiter   Satz!\nDritter Satz?\n";
    for (const chunk of chunksOf(text)) {
      expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
      for (const s of chunk.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
    expect(chunksOf(text)).toHaveLength(1);
  });
});

describe("tables and lists", () => {
  const rows = Array.from({ length: 8 }, (_, i) => `| Firma ${i + 1} | ${i + 1}% |`).join("\n");
  const table = `# Titel\n\n## Anteile\n| Name | Anteil |\n|---|---|\n${rows}\n`;

  it("repeat the column headers in every row and cut tables at maxRows, without overlap", () => {
    const chunks = chunksOf(table);
    expect(chunks.map((c) => c.kind)).toEqual(["table", "table"]);
    expect(chunks.map((c) => c.sentences.length)).toEqual([6, 2]);
    expect(chunks[0]?.sentences[0]?.text).toBe("Name: Firma 1; Anteil: 1%");
    expect(chunks[1]?.text).toBe("Name: Firma 7; Anteil: 7%\nName: Firma 8; Anteil: 8%");
  });

  it("keep a list's intro with every group of items", () => {
    const items = Array.from({ length: 4 }, (_, i) => `- Punkt ${i + 1}`).join("\n");
    const chunks = chunksOf(`# Titel\n\n## Liste\nDas sind die Punkte:\n${items}\n`, { maxRows: 3 });
    expect(chunks.map((c) => c.kind)).toEqual(["list", "list"]);
    expect(chunks.map((c) => c.sentences.map((s) => s.text))).toEqual([
      ["Das sind die Punkte:", "Punkt 1", "Punkt 2", "Punkt 3"],
      ["Das sind die Punkte:", "Punkt 4"],
    ]);
    expect(chunks[1]?.text).toBe("Das sind die Punkte:\n- Punkt 4");
  });
});

describe("chunk ids", () => {
  it("are content hashes: the same text gives the same id, a repeat in one section gets a suffix", () => {
    const text = "# Titel\n\n## Teil\nGleicher Satz.\n\n| A | B |\n|---|---|\n| x | y |\n\nGleicher Satz.\n";
    const ids = chunksOf(text).map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect(ids[2]).toBe(`${ids[0]}-1`);
    expect(chunksOf(text).map((c) => c.id)).toEqual(ids);
    // Another section, same sentence: a different id.
    const other = chunksOf("# Titel\n\n## Anderer Teil\nGleicher Satz.\n")[0]?.id;
    expect(other).not.toBe(ids[0]);
  });
});
