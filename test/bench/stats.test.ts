import { describe, expect, it } from "vitest";
import { bytesMB, ms, pct, table, times } from "../../bench/md-format.ts";
import { quantiles } from "../../bench/reliability/load.ts";
import { NOTES_END, NOTES_START, preservedNotes } from "../../bench/report-md.ts";
import { latencyOf, latencyOverRounds, median, percentile, ratio, toTenths } from "../../bench/stats.ts";
import { recallAtK } from "../../bench/vector-bench.ts";
import { type EvalRow, summarize } from "../../cli/evaluation.ts";

describe("bench statistics", () => {
  it("rounds report numbers to one decimal", () => {
    expect(toTenths(12.345)).toBe(12.3);
    expect(toTenths(0.05)).toBe(0.1);
    expect(toTenths(-2.26)).toBe(-2.3);
  });

  it("uses nearest-rank percentiles", () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(values, 101)).toThrow(RangeError);
  });

  it("takes the value at rank ⌈p·n/100⌉: p95 of 20 samples is the 19th, p100 the largest, no float drift", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile(twenty, 100)).toBe(20);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    // 7 / 100 · 100 is 7.000000000000001 in floating point: rank 8 would be one off.
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 7)).toBe(7);
    expect(percentile(hundred, 95)).toBe(95);
  });

  it("is the percentile of the reliability report and the eval", () => {
    const samples = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantiles(samples)).toEqual({ p50: 10, p95: 19, p99: 20, max: 20 });
    expect(quantiles([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
    const rows: EvalRow[] = samples.map((ms) => ({
      id: `q${ms}`,
      lang: "de",
      question: "?",
      oos: false,
      goldRank: 1,
      abstained: false,
      answerOk: true,
      correct: true,
      answer: "x".repeat(ms),
      ms,
    }));
    const all = summarize(rows).all;
    expect([all?.p50Ms, all?.p95Ms, all?.medianAnswerChars]).toEqual([10, 19, 10]);
  });

  it("takes medians of odd and even lists without changing the input", () => {
    const values = [3, 1, 2, 4];
    expect(median(values)).toBe(2.5);
    expect(values).toEqual([3, 1, 2, 4]);
    expect(median([7, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it("reports the median over rounds of each statistic, so one noisy round does not dominate", () => {
    const quiet = Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    const noisy = quiet.map((v, i) => (i >= 90 ? 50 : v));
    const result = latencyOverRounds([quiet, noisy, quiet]);
    expect(result.rounds).toBe(3);
    expect(result.p95).toBeCloseTo(latencyOf(quiet).p95);
    expect(result.n).toBe(100);
  });

  it("gives null ratios for missing or zero denominators", () => {
    expect(ratio(4, 2)).toBe(2);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(Number.NaN, 2)).toBeNull();
  });

  it("computes recall@k against exact ids", () => {
    expect(recallAtK([[1, 2, 3, 4]], [[4, 3, 2, 1]], 4)).toBe(1);
    expect(recallAtK([[1, 2]], [[1, 9]], 2)).toBe(0.5);
    expect(
      recallAtK(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [[1, 2, 3], []],
        3,
      ),
    ).toBe(0.5);
  });
});

describe("bench report formatting", () => {
  it("writes markdown tables with right-aligned numbers and escaped pipes", () => {
    expect(table(["a", "b"], [["x|y", 1]])).toBe("| a | b |\n| :--- | ---: |\n| x\\|y | 1 |");
  });

  it("formats numbers readably", () => {
    expect(ms(0.01234)).toBe("0.012");
    expect(ms(0.5)).toBe("0.50");
    expect(ms(4.56)).toBe("4.6");
    expect(ms(12345)).toBe("12 345");
    expect(ms(null)).toBe("–");
    expect(times(2.345)).toBe("2.3×");
    expect(times(0.5)).toBe("0.50×");
    expect(times(42.4)).toBe("42×");
    expect(pct(0.925)).toBe("93%");
    expect(bytesMB(5 * 1024 * 1024)).toBe("5.0");
  });

  it("keeps the hand-written notes of an earlier report", () => {
    const previous = `# old\n${NOTES_START}\nmy notes\n${NOTES_END}\nrest`;
    expect(preservedNotes(previous)).toBe(`${NOTES_START}\nmy notes\n${NOTES_END}`);
    expect(preservedNotes(null)).toContain(NOTES_START);
    expect(preservedNotes("no markers")).toContain(NOTES_END);
  });
});
