import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { topicOptionName } from "../../bot/commands/figures.ts";
import { chartPanels, renderFigureChart } from "../../bot/figures/chart.ts";
import { figureRows, groupFigures } from "../../bot/figures/group.ts";
import { shortValue } from "../../bot/figures/short-value.ts";
import {
  figureLine,
  figuresCustomId,
  parseFiguresCustomId,
  renderFigureEvidence,
  renderFiguresPage,
} from "../../bot/figures/view.ts";
import { fitMessage, LIMITS } from "../../bot/respond.ts";
import type { DocumentMeta, Figure } from "../../retrieval/types.ts";
import { stubDocument, stubFigure } from "./stub-engine.ts";

const doc2: DocumentMeta = { ...stubDocument, id: "zweiter", title: "Zweiter Artikel" };

function fig(overrides: Partial<Figure>): Figure {
  return { ...stubFigure, factId: `${overrides.chunkId}:${overrides.label}:${overrides.text}`, ...overrides };
}

const table = fig({
  label: "Microsoft: Rechenkapazität (Verpflichtung)",
  text: "$250B",
  quote: "Rechenkapazität: $250B Verpflichtung",
  chunkId: "chunk2",
  factId: stubFigure.factId,
  primary: false,
});
const power = fig({
  label: "Computersystem: Leistung",
  text: "zehn Gigawatt",
  value: 10e9,
  unit: "W",
  quote: "Ein System, das zehn Gigawatt Leistung benötigte.",
  section: "Der Supercomputer",
  chunkId: "chunk3",
});
const otherFifty = fig({
  label: "Amazon: Investitionsgespräche",
  text: "50 Milliarden Dollar",
  value: 50e9,
  section: "Amazon",
  chunkId: "chunk4",
});
const azureFifty = fig({ label: "Azure-Umsatz", text: "$50 Milliarden", value: 50e9, chunkId: "chunk5" });

describe("figure rows", () => {
  it("merges one fact stated twice in a section and keeps both quotes as evidence", () => {
    const rows = figureRows([stubFigure, table, power]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.texts).toEqual(["$250 Milliarden", "$250B"]);
    expect(rows[0]?.evidence.map((e) => e.quote)).toEqual([stubFigure.quote, table.quote]);
  });

  it("takes a fact's alternates (a one-entry-per-fact list) as evidence too", () => {
    const primary = { ...stubFigure, alternates: [{ ...table }] };
    const rows = figureRows([primary]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.texts).toEqual(["$250 Milliarden", "$250B"]);
    expect(rows[0]?.evidence).toHaveLength(2);
  });

  it("keeps equal amounts about different things apart", () => {
    expect(figureRows([azureFifty, otherFifty])).toHaveLength(2);
  });

  it("groups by document, then by topic in order of first mention", () => {
    const groups = groupFigures(
      [stubFigure, power, fig({ documentId: "zweiter", chunkId: "c9" })],
      [stubDocument, doc2],
    );
    expect(groups.map((g) => [g.documentTitle, g.topic])).toEqual([
      [stubDocument.title, "Microsoft und Azure"],
      [stubDocument.title, "Der Supercomputer"],
      ["Zweiter Artikel", "Microsoft und Azure"],
    ]);
  });
});

describe("figure lines", () => {
  it("reads label — as written · normalized, the German short form", () => {
    const [row] = figureRows([stubFigure, table]);
    expect(figureLine(row as NonNullable<typeof row>, "de")).toBe(
      "**OpenAI-Zusage für Azure-Services** — $250 Milliarden / $250B · 250 Mrd. $",
    );
  });

  it("spells short values in both languages", () => {
    expect(shortValue(250e9, "USD", "de")).toBe("250 Mrd. $");
    expect(shortValue(1e12, "USD", "de")).toBe("1 Bio. $");
    expect(shortValue(37.5e9, "USD", "de")).toBe("37,5 Mrd. $");
    expect(shortValue(250e9, "USD", "en")).toBe("$250B");
    expect(shortValue(1.3e9, "W", "de")).toBe("1,3 GW");
    expect(shortValue(1e8, "W", "en")).toBe("100 MW");
    expect(shortValue(2026.5, "quarter", "de")).toBe("Q3 2026");
  });

  it("leaves out the normalized value when it repeats the text", () => {
    const [row] = figureRows([fig({ label: "Anteil", text: "27 %", value: 27, unit: "%" })]);
    expect(figureLine(row as NonNullable<typeof row>, "de")).toBe("**Anteil** — 27 %");
  });
});

describe("figures pages", () => {
  const options = { lang: "de" as const, topicOptionName: topicOptionName("de") };

  it("shows a small list whole, with a select menu for the quotes and the localized option hint", () => {
    const view = renderFiguresPage(
      [stubFigure, table, power],
      [stubDocument],
      { page: 0, indexVersion: "v1" },
      options,
    );
    expect(view.pages).toBe(1);
    const embed = view.payload.embeds?.[0];
    expect(embed?.description).toContain("1. **OpenAI-Zusage für Azure-Services**");
    expect(embed?.description).toContain("__Der Supercomputer__");
    expect(embed?.description).not.toContain(stubFigure.quote);
    expect(embed?.footer?.text).toContain("„thema“");
    expect(view.payload.components).toHaveLength(1);
    const select = view.payload.components?.[0]?.components[0] as { custom_id: string; options: unknown[] };
    expect(select.options).toHaveLength(2);
    expect(parseFiguresCustomId(select.custom_id)).toEqual({ kind: "quote", page: 0, indexVersion: "v1" });
  });

  it("pages a long list so every figure is reachable and each page fits Discord's limits", () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      fig({
        label: `Kennzahl Nummer ${i + 1} mit einer etwas längeren Beschreibung`,
        text: `${i + 1} Milliarden Dollar`,
        value: (i + 1) * 1e9,
        quote: `Satz ${i}.`,
        chunkId: `c${i}`,
        section: `Abschnitt ${Math.floor(i / 10)}`,
      }),
    );
    const first = renderFiguresPage(many, [stubDocument], { page: 0, indexVersion: "v1" }, options);
    expect(first.pages).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (let page = 0; page < first.pages; page++) {
      const view = renderFiguresPage(
        many,
        [stubDocument],
        { page, indexVersion: "v1", topic: "Azure" },
        options,
      );
      for (const row of view.rows) seen.add(row.id);
      expect(view.rows.length).toBeLessThanOrEqual(LIMITS.selectOptions);
      expect(fitMessage(view.payload)).toHaveLength(1);
      expect((view.payload.embeds?.[0]?.description ?? "").length).toBeLessThanOrEqual(
        LIMITS.embedDescription,
      );
      const buttons = view.payload.components?.[1]?.components as Array<{
        custom_id: string;
        disabled: boolean;
      }>;
      expect(buttons[0]?.disabled).toBe(page === 0);
      expect(buttons[1]?.disabled).toBe(page === first.pages - 1);
      expect(parseFiguresCustomId(buttons[1]?.custom_id ?? "")).toMatchObject({
        kind: "page",
        topic: "Azure",
      });
    }
    expect(seen.size).toBe(80);
  });

  it("round-trips custom ids within 100 characters, even for long topics", () => {
    const id = figuresCustomId("page", {
      page: 3,
      indexVersion: "20261129T150843629Z-52fd021a-5f71",
      topic: "x".repeat(100),
    });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseFiguresCustomId(id)).toMatchObject({
      kind: "page",
      page: 3,
      indexVersion: "20261129T150843629Z-52fd021a-5f71",
    });
    expect(parseFiguresCustomId("passage:1:abc")).toBeNull();
  });

  it("shows every quote of a merged fact as evidence, linked to the document's own URL only", () => {
    const [row] = figureRows([stubFigure, table]);
    const withUrl = { ...stubDocument, url: "https://example.org/own" } as DocumentMeta;
    const out = renderFigureEvidence(row as NonNullable<typeof row>, withUrl, "de");
    const embed = out.embeds?.[0];
    expect(embed?.description).toContain(stubFigure.quote);
    expect(embed?.description).toContain(table.quote);
    expect(embed?.author?.url).toBe("https://example.org/own");
    expect(
      renderFigureEvidence(row as NonNullable<typeof row>, stubDocument, "de").embeds?.[0]?.author?.url,
    ).toBeUndefined();
  });
});

describe("figures chart", () => {
  it("draws money and power panels with German labels into a PNG that is not blank", async () => {
    const rows = figureRows([
      stubFigure,
      power,
      otherFifty,
      fig({ label: "Prozent", value: 27, unit: "%", chunkId: "p" }),
    ]);
    expect(chartPanels(rows, "de").map((p) => p.bars.length)).toEqual([2, 1]);
    const chart = await renderFigureChart(rows, "de");
    expect(chart).not.toBeNull();
    if (!chart) return;
    for (const label of [
      "250 Mrd. $",
      "50 Mrd. $",
      "10 GW",
      "OpenAI-Zusage für Azure-Services",
      "Geldbeträge",
    ]) {
      expect(chart.svg).toContain(label);
    }
    expect(chart.svg).not.toContain("Prozent");
    const png = decode(chart.png);
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    expect(png.width).toBe(960);
    expect(png.height).toBeGreaterThan(150);
    // Not blank: a good share of pixels differ from the white background.
    const channels = png.channels;
    let inked = 0;
    for (let i = 0; i < png.data.length; i += channels) {
      if ((png.data[i] ?? 255) < 200 || (png.data[i + 1] ?? 255) < 200 || (png.data[i + 2] ?? 255) < 200)
        inked++;
    }
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.03);
  });

  it("draws the same bytes twice (bundled font, no system fonts)", async () => {
    const rows = figureRows([stubFigure, power]);
    const a = await renderFigureChart(rows, "en");
    const b = await renderFigureChart(rows, "en");
    expect(a?.svg).toContain("$250B");
    expect(a?.png.equals(b?.png ?? Buffer.alloc(0))).toBe(true);
  });

  it("has nothing to draw without money or power", async () => {
    expect(await renderFigureChart(figureRows([fig({ unit: "%", value: 5 })]), "de")).toBeNull();
  });
});
