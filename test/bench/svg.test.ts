import { describe, expect, it } from "vitest";
import { escapeXml, formatTick, renderChart, ticks } from "../../bench/svg-chart.ts";

describe("bench SVG chart", () => {
  it("picks 1-2-5 ticks on log axes and round steps on linear ones", () => {
    expect(ticks(1, 100, true)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(ticks(0.001, 1000, true)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    expect(ticks(0, 10, false)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it("labels ticks compactly", () => {
    expect(formatTick(1000)).toBe("1k");
    expect(formatTick(100000)).toBe("100k");
    expect(formatTick(2500000)).toBe("2.5M");
    expect(formatTick(0.05)).toBe("0.05");
    expect(formatTick(5)).toBe("5");
    expect(formatTick(20)).toBe("20");
  });

  it("escapes text", () => {
    expect(escapeXml(`a<b & "c"`)).toBe("a&lt;b &amp; &quot;c&quot;");
  });

  it("renders a well-formed chart with one path per multi-point series and a legend entry each", () => {
    const svg = renderChart(
      [
        {
          title: "Latency <p95>",
          xLabel: "chunks",
          yLabel: "ms",
          xLog: true,
          yLog: true,
          series: [
            {
              name: "engine",
              color: "#1f77b4",
              points: [
                [1000, 1],
                [10000, 3],
                [100000, 12],
              ],
            },
            {
              name: "peer",
              color: "#ff7f0e",
              dashed: true,
              points: [
                [1000, 2],
                [10000, 9],
              ],
            },
            { name: "single", color: "#2ca02c", points: [[1000, 0.5]] },
            {
              name: "bad points dropped",
              color: "#d62728",
              points: [
                [1000, Number.NaN],
                [0, 5],
              ],
            },
          ],
        },
      ],
      { title: "Scale", subtitle: "test" },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("Latency &lt;p95&gt;");
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg.match(/<circle /g)).toHaveLength(6);
    for (const name of ["engine", "peer", "single", "bad points dropped"])
      expect(svg).toContain(`>${name}</text>`);
    expect(svg).not.toContain("NaN");
    // Balanced tags (a cheap well-formedness check without an XML parser).
    expect(svg.match(/<g[ >]/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
  });
});
