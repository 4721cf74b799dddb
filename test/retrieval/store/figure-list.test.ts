import { describe, expect, it } from "vitest";
import { noPause } from "../../../retrieval/cooperative.ts";
import { FigureList } from "../../../retrieval/store/figure-list.ts";
import type { Figure } from "../../../retrieval/types.ts";

const figure = (label: string) => ({ label, text: "1 %", value: 1, unit: "%" }) as Figure;
const lines = (items: unknown[]) =>
  Buffer.from(items.length ? `[\n${items.map((i) => JSON.stringify(i)).join(",\n")}\n]\n` : "[\n]\n");

describe("figures parsed on first use", () => {
  it("parses nothing until asked, then every line once", async () => {
    let parsed = 0;
    const expand = (line: string) => {
      parsed++;
      return JSON.parse(line) as Figure;
    };
    const list = FigureList.lazy(lines([figure("a"), figure("b"), figure("c")]), 3, expand);
    expect(list.count).toBe(3);
    expect(parsed).toBe(0);
    expect(list.unparsedLines).not.toBeNull();
    expect((await list.prepare(noPause)).map((f) => f.label)).toEqual(["a", "b", "c"]);
    expect(list.all()).toHaveLength(3);
    expect(parsed).toBe(3);
    expect(list.unparsedLines).toBeNull();
  });

  it("handles no figures and figures that exist already", () => {
    expect(FigureList.lazy(lines([]), 0, () => figure("x")).all()).toEqual([]);
    expect(FigureList.of([figure("a")]).all()).toEqual([figure("a")]);
  });

  it("refuses lines that are not what the manifest counted", () => {
    const expand = (line: string) => JSON.parse(line) as Figure;
    expect(() => FigureList.lazy(lines([figure("a")]), 2, expand).all()).toThrow(/1 figures stored where 2/);
    expect(() => FigureList.lazy(Buffer.from("[{}]"), 1, expand)).toThrow(/one value per line/);
  });
});
