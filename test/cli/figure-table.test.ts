/** `npm run figures` output: the table per document and the JSON projection. */
import { describe, expect, it } from "vitest";
import { figuresJson, figureTable } from "../../cli/figure-table.ts";
import type { Figure } from "../../retrieval/index.ts";

function figure(overrides: Partial<Figure>): Figure {
  return {
    label: "OpenAI: Zusage für Azure-Services",
    text: "$250 Milliarden",
    value: 250e9,
    unit: "USD",
    quote: "OpenAI sagte $250 Milliarden zu.",
    chunkId: "0123456789abcdef",
    documentId: "deal",
    documentTitle: "Der Deal",
    section: "",
    topics: ["openai", "azure"],
    keyScore: 0.875,
    key: true,
    factId: "f1",
    primary: true,
    alternates: [],
    ...overrides,
  };
}

describe("figureTable", () => {
  it("groups by document with one header each, marks key figures and writes large values in exponent form", () => {
    const table = figureTable([
      figure({}),
      figure({ documentId: "deal", key: false, value: 27, unit: "%", text: "27 %", keyScore: 0.5 }),
      figure({ documentId: "other", documentTitle: "Anderes", value: 0.0001, unit: "s" }),
    ]);
    const lines = table.split("\n");
    expect(lines.filter((l) => l.startsWith("## "))).toEqual(["## Der Deal (deal)", "## Anderes (other)"]);
    expect(lines.filter((l) => l.startsWith("★"))).toHaveLength(2);
    expect(table).toContain("2.5e+11 USD");
    expect(table).toContain("27 %");
    expect(table).toContain("1e-4 s");
    expect(table).toContain("0.88");
    expect(table).toContain("01234567");
    expect(table).not.toContain("0123456789");
  });

  it("keeps control characters of a label out of the terminal and cuts cells at 60 characters", () => {
    const table = figureTable([figure({ label: `\u001b[31mrot\u001b[0m ${"x".repeat(100)}` })]);
    expect(table).not.toContain("\u001b");
    const row = table.split("\n").find((l) => l.startsWith("★")) ?? "";
    expect(row.split("  ")[1]?.length).toBe(60);
  });

  it("keeps escape sequences and line breaks of an untrusted document title out of the terminal", () => {
    const table = figureTable([
      figure({ documentTitle: "Titel\u001b[2J\u001b]0;owned\u0007\nZweite Zeile" }),
    ]);
    expect(table).not.toContain("\u001b");
    expect(table).not.toContain("\u0007");
    const headers = table.split("\n").filter((l) => l.startsWith("## "));
    expect(headers).toEqual(["## Titel Zweite Zeile (deal)"]);
  });
});

describe("figuresJson", () => {
  it("prints the public fields in a fixed order and leaves internal ones out", () => {
    const [json] = figuresJson([figure({})]);
    expect(Object.keys(json ?? {})).toEqual([
      "label",
      "text",
      "value",
      "unit",
      "quote",
      "chunkId",
      "documentId",
      "documentTitle",
      "keyScore",
      "key",
      "factId",
      "primary",
      "alternates",
    ]);
    expect(json).not.toHaveProperty("topics");
    expect(json).not.toHaveProperty("section");
  });
});
