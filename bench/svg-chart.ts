/**
 * A small SVG line-chart writer (log or linear axes, several panels side by side, legends). Hand-written
 * because the chart is simple and chart libraries for Node either need a DOM or download native canvas builds.
 */

export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: Series[];
}

export interface ChartOptions {
  title: string;
  subtitle?: string;
  panelWidth?: number;
  panelHeight?: number;
}

const MARGIN = { left: 58, right: 14, top: 30, bottom: 44 };
const LEGEND_LINE = 15;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/** Compact tick label: 1000 → 1k, 0.05 → 0.05, 2500000 → 2.5M. */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  const trim = (s: string) => s.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1");
  if (abs >= 1e6) return `${trim((value / 1e6).toFixed(1))}M`;
  if (abs >= 1e3) return `${trim((value / 1e3).toFixed(1))}k`;
  if (abs >= 1 || abs === 0) return trim(value.toFixed(abs >= 10 ? 0 : 1));
  return trim(value.toPrecision(2));
}

/** Ticks for an axis: 1-2-5 steps per decade on log axes, "nice" steps on linear ones. */
export function ticks(min: number, max: number, log: boolean): number[] {
  if (!(max > min)) return [min];
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
      }
    }
    // Too many labels on a wide range: keep the decades only.
    return out.length > 9 ? out.filter((v) => Number.isInteger(Math.log10(v))) : out;
  }
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw) as number;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function extent(values: number[], log: boolean): [number, number] {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (usable.length === 0) return log ? [1, 10] : [0, 1];
  let min = Math.min(...usable);
  let max = Math.max(...usable);
  if (log) {
    min = 10 ** Math.floor(Math.log10(min) + 1e-9);
    max = 10 ** Math.ceil(Math.log10(max) - 1e-9);
    if (min === max) max = min * 10;
  } else {
    min = Math.min(0, min);
    if (min === max) max = min + 1;
    max *= 1.05;
  }
  return [min, max];
}

function scale(min: number, max: number, log: boolean, from: number, to: number): (v: number) => number {
  const f = (v: number) => (log ? Math.log10(v) : v);
  const a = f(min);
  const b = f(max);
  return (v) => from + ((f(v) - a) / (b - a || 1)) * (to - from);
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

function renderPanel(panel: Panel, x0: number, width: number, height: number): string {
  const legendHeight = panel.series.length * LEGEND_LINE + 8;
  const plotTop = MARGIN.top;
  const plotBottom = height - MARGIN.bottom - legendHeight;
  const plotLeft = x0 + MARGIN.left;
  const plotRight = x0 + width - MARGIN.right;
  const points = panel.series.flatMap((s) => s.points);
  const [xMin, xMax] = extent(
    points.map((p) => p[0]),
    !!panel.xLog,
  );
  const [yMin, yMax] = extent(
    points.map((p) => p[1]),
    !!panel.yLog,
  );
  const sx = scale(xMin, xMax, !!panel.xLog, plotLeft, plotRight);
  const sy = scale(yMin, yMax, !!panel.yLog, plotBottom, plotTop);
  const parts: string[] = [];
  parts.push(
    `<text x="${fmt((plotLeft + plotRight) / 2)}" y="${MARGIN.top - 12}" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  for (const t of ticks(yMin, yMax, !!panel.yLog)) {
    const y = fmt(sy(t));
    parts.push(`<line x1="${fmt(plotLeft)}" y1="${y}" x2="${fmt(plotRight)}" y2="${y}" stroke="#e5e5e5"/>`);
    parts.push(
      `<text x="${fmt(plotLeft - 6)}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatTick(t)}</text>`,
    );
  }
  for (const t of ticks(xMin, xMax, !!panel.xLog)) {
    const x = fmt(sx(t));
    parts.push(`<line x1="${x}" y1="${fmt(plotTop)}" x2="${x}" y2="${fmt(plotBottom)}" stroke="#f0f0f0"/>`);
    parts.push(`<text x="${x}" y="${fmt(plotBottom + 16)}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  parts.push(
    `<rect x="${fmt(plotLeft)}" y="${fmt(plotTop)}" width="${fmt(plotRight - plotLeft)}" height="${fmt(plotBottom - plotTop)}" fill="none" stroke="#999"/>`,
  );
  parts.push(
    `<text x="${fmt((plotLeft + plotRight) / 2)}" y="${fmt(plotBottom + 34)}" text-anchor="middle">${escapeXml(panel.xLabel)}</text>`,
  );
  const yMid = fmt((plotTop + plotBottom) / 2);
  parts.push(
    `<text x="${fmt(x0 + 14)}" y="${yMid}" text-anchor="middle" transform="rotate(-90 ${fmt(x0 + 14)} ${yMid})">${escapeXml(panel.yLabel)}</text>`,
  );
  panel.series.forEach((series, i) => {
    const usable = series.points.filter(
      ([x, y]) =>
        Number.isFinite(x) && Number.isFinite(y) && (!panel.xLog || x > 0) && (!panel.yLog || y > 0),
    );
    const dash = series.dashed ? ' stroke-dasharray="5 4"' : "";
    if (usable.length > 1) {
      const d = usable.map(([x, y], j) => `${j === 0 ? "M" : "L"}${fmt(sx(x))},${fmt(sy(y))}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    }
    for (const [x, y] of usable) {
      parts.push(`<circle cx="${fmt(sx(x))}" cy="${fmt(sy(y))}" r="3" fill="${series.color}"/>`);
    }
    const ly = plotBottom + MARGIN.bottom + i * LEGEND_LINE + 4;
    parts.push(
      `<line x1="${fmt(plotLeft)}" y1="${ly}" x2="${fmt(plotLeft + 22)}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(
      `<text x="${fmt(plotLeft + 28)}" y="${ly}" dominant-baseline="middle">${escapeXml(series.name)}</text>`,
    );
  });
  return parts.join("\n");
}

export function renderChart(panels: Panel[], options: ChartOptions): string {
  const width = options.panelWidth ?? 400;
  const maxSeries = Math.max(0, ...panels.map((p) => p.series.length));
  const height = (options.panelHeight ?? 330) + maxSeries * LEGEND_LINE;
  const header = options.subtitle ? 46 : 30;
  const total = width * Math.max(1, panels.length);
  const body = panels.map((p, i) => renderPanel(p, i * width, width, height)).join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${height + header}" viewBox="0 0 ${total} ${height + header}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${total / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    options.subtitle
      ? `<text x="${total / 2}" y="37" text-anchor="middle" fill="#555">${escapeXml(options.subtitle)}</text>`
      : "",
    `<g transform="translate(0 ${header})">`,
    body,
    "</g>",
    "</svg>",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}
