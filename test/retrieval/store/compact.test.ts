import { describe, expect, it } from "vitest";
import { compactFigure, expandFigure } from "../../../retrieval/store/compact.ts";
import type { Chunk, Figure } from "../../../retrieval/types.ts";

const chunk: Chunk = {
  id: "c1",
  documentId: "doc",
  section: "Einleitung",
  kind: "prose",
  text: "Nvidia zahlt 100 Milliarden. Microsoft hält 27 %. Nvidia zahlt 100 Milliarden.",
  start: 10,
  end: 90,
  sentences: [
    { text: "Nvidia zahlt 100 Milliarden.", start: 10, end: 38 },
    { text: "Microsoft hält 27 %.", start: 39, end: 59 },
    { text: "Nvidia zahlt 100 Milliarden.", start: 60, end: 88 },
  ],
};

const figure = {
  label: "Anteil",
  text: "27 %",
  value: 27,
  unit: "%",
  quote: "Microsoft hält 27 %.",
  chunkId: "c1",
  documentId: "doc",
  section: "Einleitung",
  topics: ["microsoft"],
  keyScore: 0.5,
} as unknown as Figure;

/** What a snapshot write and read do to a record. */
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("compact figure records", () => {
  it("stores a figure's quote, section and document by reference to its chunk, other fields as they are", () => {
    const byId = (id: string) => (id === chunk.id ? chunk : undefined);
    const stored = compactFigure(figure, byId);
    expect(stored).toMatchObject({ quote: [29, 20], section: null, documentId: null, keyScore: 0.5 });
    expect(expandFigure(roundTrip(stored), byId)).toEqual(figure);
    const elsewhere = { ...figure, quote: "Nicht im Text.", section: "Anders" };
    expect(expandFigure(roundTrip(compactFigure(elsewhere, byId)), byId)).toEqual(elsewhere);
    expect(() => expandFigure(roundTrip(stored), () => undefined)).toThrow(/missing chunk c1/);
  });
});
