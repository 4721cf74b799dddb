/**
 * A PNG chart of key figures: amounts of money in one panel, power in another, horizontal bars on a log
 * scale, each bar labelled with its short spelled value ("250 Mrd. $"). ECharts renders SVG in-process
 * (server-side, no DOM); resvg turns it into a PNG with the bundled DejaVu font and no system fonts, so the
 * picture is the same on every machine. Both libraries load on first use to keep start-up fast.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Lang } from "../../retrieval/index.ts";
import type { FigureRow } from "./group.ts";
import { shortValue } from "./short-value.ts";

export const CHART_FONT = "DejaVu Sans";
const WIDTH = 960;
const BAR_HEIGHT = 30;
const PANEL_PADDING = 50;
const LABEL_CHARS = 42;

export interface ChartPanel {
  title: string;
  bars: Array<{ label: string; value: number; text: string }>;
}

export interface FigureChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

const TITLES = {
  de: { money: "Geldbeträge (logarithmische Skala)", power: "Leistung (logarithmische Skala)" },
  en: { money: "Amounts of money (log scale)", power: "Power (log scale)" },
} as const;

/** The panels worth drawing: money and power rows, largest first; empty panels are left out. */
export function chartPanels(rows: FigureRow[], lang: Lang): ChartPanel[] {
  const panel = (title: string, units: string[]): ChartPanel => ({
    title,
    bars: rows
      .filter((r) => units.includes(r.unit) && r.value > 0)
      .sort((a, b) => b.value - a.value)
      .map((r) => ({ label: shorten(r.label), value: r.value, text: shortValue(r.value, r.unit, lang) })),
  });
  return [
    panel(TITLES[lang].money, ["USD", "EUR", "GBP", "CHF", "JPY"]),
    panel(TITLES[lang].power, ["W"]),
  ].filter((p) => p.bars.length > 0);
}

function shorten(label: string): string {
  return label.length <= LABEL_CHARS ? label : `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…`;
}

/** The ECharts option for the panels stacked vertically; exported for tests. */
export function chartOption(panels: ChartPanel[]): { option: Record<string, unknown>; height: number } {
  const grids: Record<string, unknown>[] = [];
  const titles: Record<string, unknown>[] = [];
  const xAxes: Record<string, unknown>[] = [];
  const yAxes: Record<string, unknown>[] = [];
  const series: Record<string, unknown>[] = [];
  let top = 0;
  panels.forEach((p, i) => {
    const height = p.bars.length * BAR_HEIGHT;
    titles.push({ text: p.title, top, left: 16, textStyle: { fontSize: 17, fontFamily: CHART_FONT } });
    grids.push({ top: top + 44, left: 320, right: 110, height });
    const min = Math.min(...p.bars.map((b) => b.value));
    xAxes.push({
      type: "log",
      gridIndex: i,
      logBase: 10,
      // Start a decade below the smallest bar so every bar has a visible length.
      min: 10 ** (Math.floor(Math.log10(min)) - 1),
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: "#e3e6ea" } },
    });
    yAxes.push({
      type: "category",
      gridIndex: i,
      inverse: true,
      data: p.bars.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: { fontSize: 13, fontFamily: CHART_FONT, color: "#222" },
    });
    series.push({
      type: "bar",
      xAxisIndex: i,
      yAxisIndex: i,
      barWidth: 18,
      itemStyle: { color: i === 0 ? "#1f9d74" : "#2f6fde" },
      data: p.bars.map((b) => b.value),
      label: {
        show: true,
        position: "right",
        fontSize: 13,
        fontFamily: CHART_FONT,
        color: "#111",
        formatter: (params: { dataIndex: number }) => p.bars[params.dataIndex]?.text ?? "",
      },
    });
    top += 44 + height + (i < panels.length - 1 ? PANEL_PADDING : 20);
  });
  return {
    height: Math.max(top, 120),
    option: {
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: CHART_FONT },
      title: titles,
      grid: grids,
      xAxis: xAxes,
      yAxis: yAxes,
      series,
    },
  };
}

let fontFiles: string[] | undefined;
function bundledFonts(): string[] {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
    fontFiles = [path.join(dir, "DejaVuSans.ttf"), path.join(dir, "DejaVuSans-Bold.ttf")];
  }
  return fontFiles;
}

/** Renders the panels to SVG and PNG; null when there is nothing to draw. */
export async function renderFigureChart(rows: FigureRow[], lang: Lang): Promise<FigureChart | null> {
  const panels = chartPanels(rows, lang);
  if (panels.length === 0) return null;
  const { option, height } = chartOption(panels);
  const echarts = await import("echarts");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    font: { fontFiles: bundledFonts(), loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  const rendered = resvg.render();
  const png = rendered.asPng();
  return { svg, png, width: rendered.width, height: rendered.height };
}
