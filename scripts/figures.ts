/**
 * `npm run figures [-- --topic Azure] [-- --json] [-- --key] [-- --distinct] [-- --chart out.png [--lang de|en]]`:
 * the corpus's figures as a table grouped by document (key figures marked ★) or as a JSON array; `--chart`
 * also writes the PNG chart that /figures attaches.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { renderFigureChart } from "../bot/figures/chart.ts";
import { figureRows } from "../bot/figures/group.ts";
import { runWithEngine } from "../cli/engine-cli.ts";
import { figuresJson, figureTable } from "../cli/figure-table.ts";

const { values, positionals } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    topic: { type: "string" },
    key: { type: "boolean", default: false },
    distinct: { type: "boolean", default: false },
    chart: { type: "string" },
    lang: { type: "string", default: "de" },
  },
  allowPositionals: true,
});
const topic = values.topic ?? (positionals.length > 0 ? positionals.join(" ") : undefined);

await runWithEngine(async ({ engine }) => {
  const figures = engine.figures({
    ...(topic ? { topic } : {}),
    ...(values.key ? { keyOnly: true } : {}),
    ...(values.distinct ? { distinct: true } : {}),
  });
  if (values.chart) {
    const lang = values.lang === "en" ? "en" : "de";
    const chart = await renderFigureChart(figureRows(figures), lang);
    if (!chart) {
      process.stderr.write("No amounts of money or power to chart.\n");
      process.exitCode = 1;
      return;
    }
    await writeFile(values.chart, chart.png);
    process.stderr.write(`Chart written to ${values.chart} (${chart.width}×${chart.height} px).\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(figuresJson(figures), null, 2)}\n`);
    return;
  }
  const facts = new Set(figures.map((f) => f.factId)).size;
  const keys = figures.filter((f) => f.key).length;
  process.stdout.write(
    `${figureTable(figures)}\n\n${figures.length} figures (${facts} facts, ${keys} key)${topic ? ` matching "${topic}"` : ""}.\n`,
  );
});
