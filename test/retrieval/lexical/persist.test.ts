import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { noPause } from "../../../retrieval/cooperative.ts";
import { readCorpus } from "../../../retrieval/corpus/ingest.ts";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { deserializeLexical, serializeLexical } from "../../../retrieval/lexical/persist.ts";
import { buildConcepts } from "../../../retrieval/lexical/query.ts";

const corpus = await readCorpus("corpus");
const built = new LexicalIndex(
  corpus.chunks.map((c) => ({ body: c.text, section: c.section, lang: "de" as const })),
);
const questions = (await readFile("corpus/nvidia-openai-deal.de.txt", "utf8"))
  .split(/[.!?]\s+/)
  .filter((s) => s.length > 20)
  .slice(0, 40);

describe("persisted lexical index", () => {
  it("answers every query exactly as the index built from text", async () => {
    const loaded = await deserializeLexical(serializeLexical(built), noPause);
    expect(loaded.size).toBe(built.size);
    for (const q of [
      ...questions,
      "Wie viel hat OpenAI für Azure-Services zugesagt?",
      "How fast does Azure grow?",
    ]) {
      const lang = /\b(how|what|does)\b/i.test(q) ? "en" : "de";
      const fromText = buildConcepts(q, lang, "de", built);
      expect(buildConcepts(q, lang, "de", loaded)).toEqual(fromText);
      expect(loaded.search(fromText, 20)).toEqual(built.search(fromText, 20));
    }
  });

  it("reads from an unaligned buffer too", async () => {
    const bytes = serializeLexical(built);
    const shifted = Buffer.alloc(bytes.byteLength + 1);
    bytes.copy(shifted, 1);
    const loaded = await deserializeLexical(shifted.subarray(1), noPause);
    const concepts = buildConcepts("Azure Umsatz Wachstum", "de", "de", built);
    expect(loaded.search(concepts, 5)).toEqual(built.search(concepts, 5));
  });

  it("refuses a file that does not fit its header", async () => {
    const bytes = serializeLexical(built);
    await expect(deserializeLexical(bytes.subarray(0, 20), noPause)).rejects.toThrow(
      /shorter than its header/,
    );
    await expect(deserializeLexical(bytes.subarray(0, bytes.byteLength - 3), noPause)).rejects.toThrow(
      /bytes, its header describes/,
    );
    const wrongMagic = Buffer.from(bytes);
    wrongMagic.writeUInt32LE(0, 0);
    await expect(deserializeLexical(wrongMagic, noPause)).rejects.toThrow(/not a lexical index/);
    const badPosting = Buffer.from(bytes);
    const chunks = bytes.readUInt32LE(8);
    const terms = bytes.readUInt32LE(12);
    badPosting.writeInt32LE(chunks + 5, 48 + 4 * (chunks + terms + 1));
    await expect(deserializeLexical(badPosting, noPause)).rejects.toThrow(/posting for chunk/);
  });

  it("round-trips an empty index", async () => {
    const empty = new LexicalIndex([]);
    const loaded = await deserializeLexical(serializeLexical(empty), noPause);
    expect(loaded.size).toBe(0);
    expect(loaded.search(buildConcepts("Azure", "de", "de", loaded), 3)).toEqual([]);
  });
});
