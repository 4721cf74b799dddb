import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { consoleSummary, consoleValue } from "../../bench/console-summary.ts";
import { issue11Rows } from "../../bench/issue11.ts";
import { renderReport } from "../../bench/report-md.ts";
import type { BenchResults } from "../../bench/results.ts";

/** The results of one `npm run bench -- --quick` (on a loaded machine: the numbers are only shapes here). */
const quick = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/bench/quick-results.json"), "utf8"),
) as BenchResults;

describe("issue 11's before/after table", () => {
  const rows = issue11Rows(quick);

  it("fills every row on --quick, the in-process start and figure extraction included", () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.after === null).map((r) => r.name)).toEqual([]);
    const names = rows.map((r) => r.name).join("\n");
    expect(names).toContain("in-process: spawn → engine ready");
    expect(names).toContain("figure extraction, 10k chunks");
    expect(names).toContain("swap stall, 10k chunks (hybrid)");
  });

  it("never marks a row without a target, and judges 100k targets only at 100k", () => {
    const floor = rows.find((r) => r.name.startsWith("`node -e 0`"));
    expect(floor?.pass).toBeNull();
    const load = rows.find((r) => r.name === "engine load, 10k chunks (hybrid)");
    expect(load?.target).toBe("≤ 2000 ms at 100k");
    expect(load?.pass).toBeNull();
    expect(load?.before).toBe(quick.baseline?.scale["10000"]?.hybridLoadMs);
    const recall = rows.find((r) => r.name === "HNSW recall@10, 10k");
    expect(recall?.pass).toBe(true);
  });

  it("judges the scale targets when the run reached 100k chunks", () => {
    const point = quick.scale.at(-1);
    if (!point) throw new Error("the fixture has no scale point");
    const at100k: BenchResults = { ...quick, scale: [{ ...point, n: 100_000 }] };
    const load = issue11Rows(at100k).find((r) => r.name === "engine load, 100k chunks (lexical)");
    expect(load?.target).toBe("≤ 2000 ms");
    expect(load?.pass).toBe(point.lexical.loadMs <= 2000);
    expect(load?.before).toBe(quick.baseline?.scale["100000"]?.lexicalLoadMs);
  });
});

describe("benchmark output", () => {
  it("prints recall with 4 decimals: 0.9995 is not 1", () => {
    expect(consoleValue(0.9995, "")).toBe("0.9995");
    expect(consoleValue(1, "")).toBe("1.0000");
    expect(consoleValue(null, "ms")).toBe("–");
    expect(consoleSummary(quick)).toMatch(/HNSW recall@10, 10k: 1\.0000 \(baseline [^)]+\) → 1\.0000/);
  });

  it("renders the commands as typed next to the node -e 0 floor, and figure time in the scale table", () => {
    const report = renderReport(quick, null);
    expect(report).toContain("## Cold start as typed");
    const ask = quick.commands?.find((c) => c.label === "npm run ask -- --json …");
    if (!ask) throw new Error("the fixture has no npm run ask timing");
    expect(report).toContain("| `node -e 0` (floor) |");
    const askLine = report.split("\n").find((l) => l.startsWith("| npm run ask -- --json … |"));
    expect(askLine?.split("|").map((c) => c.trim())).toContain(
      Math.round(ask.medianMs - ask.floorMs)
        .toLocaleString("en-US")
        .replace(/,/g, " "),
    );
    expect(report).toContain("figures s (CPU ms/chunk)");
    expect(report).toMatch(/\| HNSW recall@10, 10k \| ≥ 0\.999 \| 1\.0000 \|/);
  });
});
