import { describe, expect, it } from "vitest";
import { noPause } from "../../../retrieval/cooperative.ts";
import {
  ArrayChunkList,
  chunkIdsOf,
  encodeChunks,
  PackedChunkList,
} from "../../../retrieval/store/chunk-table.ts";
import type { Chunk } from "../../../retrieval/types.ts";

const chunks: Chunk[] = [
  {
    id: "c1",
    documentId: "artikel.de",
    section: "Einleitung",
    kind: "prose",
    text: "Nvidia zahlt 100 Milliarden. Microsoft hält 27 %. Nvidia zahlt 100 Milliarden.",
    start: 10,
    end: 90,
    sentences: [
      { text: "Nvidia zahlt 100 Milliarden.", start: 10, end: 38 },
      { text: "Microsoft hält 27 %.", start: 39, end: 59 },
      // The same text twice: the second reference must point at the second occurrence.
      { text: "Nvidia zahlt 100 Milliarden.", start: 60, end: 88 },
    ],
  },
  {
    id: "c2",
    documentId: "artikel.de",
    section: "Einleitung",
    kind: "table",
    // Characters outside Latin-1 and outside the BMP: offsets are UTF-16 units, the file is UTF-8.
    text: "Firma: Nvidia — 🚀 Anteil; Wert: 4 €",
    start: 91,
    end: 130,
    sentences: [
      { text: "Firma: Nvidia — 🚀 Anteil; Wert: 4 €", start: 91, end: 130 },
      { text: "Nicht im Text.", start: 0, end: 14 },
    ],
  },
  {
    id: "c3",
    documentId: "other.en",
    section: "Lists",
    kind: "list",
    text: "",
    start: 0,
    end: 0,
    sentences: [],
  },
];

const roundTrip = (list: Chunk[]) => PackedChunkList.decode(encodeChunks(new ArrayChunkList(list)), noPause);

describe("columnar chunk file", () => {
  it("gives back every chunk exactly, made on demand", async () => {
    const packed = await roundTrip(chunks);
    expect(packed.length).toBe(3);
    expect(Array.from({ length: 3 }, (_, i) => packed.at(i))).toEqual(chunks);
    expect(packed.at(-1)).toBeUndefined();
    expect(packed.at(3)).toBeUndefined();
    expect(chunkIdsOf(packed)).toEqual(["c1", "c2", "c3"]);
    expect(packed.documentIdAt(2)).toBe("other.en");
    expect(packed.indexOfId("c2")).toBe(1);
    expect(packed.indexOfId("nope")).toBe(-1);
  });

  it("hands out the same object for a chunk asked for again (answer caches key on it)", async () => {
    const packed = await roundTrip(chunks);
    const first = packed.at(1);
    expect(packed.at(1)).toBe(first);
    expect(packed.at(1)?.sentences[0]).toBe(first?.sentences[0]);
  });

  it("keeps an empty index", async () => {
    const packed = await roundTrip([]);
    expect(packed.length).toBe(0);
    expect(packed.at(0)).toBeUndefined();
  });

  it("stores repeated strings once", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...chunks[0], id: `c${i}` }) as Chunk);
    const one = encodeChunks(new ArrayChunkList(many.slice(0, 1))).byteLength;
    // Each further chunk adds its text and its id, not the document id and section again.
    const perChunk = (encodeChunks(new ArrayChunkList(many)).byteLength - one) / 49;
    expect(perChunk).toBeLessThan(Buffer.byteLength(chunks[0]?.text ?? "") + 100);
  });

  it("refuses a file whose header or offsets do not fit", async () => {
    const file = encodeChunks(new ArrayChunkList(chunks));
    await expect(PackedChunkList.decode(file.subarray(0, 20), noPause)).rejects.toThrow(
      /shorter than its header/,
    );
    await expect(PackedChunkList.decode(file.subarray(0, file.length - 1), noPause)).rejects.toThrow(
      /has \d+ bytes, its header describes/,
    );
    const wrongMagic = Buffer.from(file);
    wrongMagic[0] = 0;
    await expect(PackedChunkList.decode(wrongMagic, noPause)).rejects.toThrow(/not a chunk table/);
    // The second text offset (after the header's 32 bytes) made larger than the text blob.
    const badOffset = Buffer.from(file);
    badOffset.writeUInt32LE(1_000_000, 32 + 4);
    await expect(PackedChunkList.decode(badOffset, noPause)).rejects.toThrow(/text offsets out of range/);
  });
});
