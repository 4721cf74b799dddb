import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Figure, Lang } from "../../retrieval/index.ts";
import type { ComponentHandler, ComponentInteraction } from "../components.ts";
import type { BotContext } from "../context.ts";
import { renderFigureChart } from "../figures/chart.ts";
import { figureRows } from "../figures/group.ts";
import {
  FIGURES_PREFIX,
  type FiguresState,
  parseFiguresCustomId,
  renderFigureEvidence,
  renderFiguresPage,
} from "../figures/view.ts";
import { langOfLocale, t } from "../i18n.ts";
import { LruMap } from "../lru.ts";
import { type OutgoingFile, respond } from "../respond.ts";
import { plainText } from "../safe-text.ts";
import type { Command } from "./types.ts";

export const FiguresCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "figures",
  description: "The article's key figures at a glance, with a chart; optionally filtered by topic.",
  description_localizations: {
    de: "Die wichtigsten Zahlen des Artikels auf einen Blick, mit Diagramm; optional nach Thema gefiltert.",
  },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "topic",
      name_localizations: { de: "thema" },
      description: "A topic such as Azure, OpenAI, Gigawatt",
      description_localizations: { de: "Ein Thema wie Azure, OpenAI, Gigawatt" },
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const [topicOption] = FiguresCommand.options;

/** The topic option's name as the user's client shows it (German clients show `thema`). */
export function topicOptionName(lang: Lang): string {
  return lang === "de" ? topicOption.name_localizations.de : topicOption.name;
}

/** Topic suggestions: prefix matches first, then substring matches; at most 25 (Discord's limit). */
export function suggestTopics(topics: string[], typed: string): string[] {
  const q = typed.trim().toLocaleLowerCase("de");
  const unique = [...new Set(topics.map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 100))];
  if (!q) return unique.slice(0, 25);
  const lower = (s: string) => s.toLocaleLowerCase("de");
  const prefix = unique.filter((s) => lower(s).startsWith(q));
  const inner = unique.filter((s) => !lower(s).startsWith(q) && lower(s).includes(q));
  return [...prefix, ...inner].slice(0, 25);
}

function figuresFor(ctx: BotContext, topic: string | undefined): Figure[] {
  return ctx.engine.figures(topic ? { topic } : undefined);
}

/** Rendered charts by index version, topic and language: the same picture is never drawn twice. */
const charts = new LruMap<string, Buffer | null>(32);

export const CHART_FILE = "kennzahlen.png";

async function chartFile(
  ctx: BotContext,
  figures: Figure[],
  state: FiguresState,
  lang: Lang,
): Promise<OutgoingFile | undefined> {
  const key = `${state.indexVersion}\u0000${state.topic ?? ""}\u0000${lang}`;
  let png = charts.get(key);
  if (png === undefined) {
    try {
      png = (await renderFigureChart(figureRows(figures), lang))?.png ?? null;
    } catch (err) {
      // The list is the answer; a chart that fails to draw must not take it down.
      ctx.logger.warn({ err }, "figures chart could not be rendered");
      png = null;
    }
    charts.set(key, png);
  }
  return png ? { name: CHART_FILE, data: png, description: t(lang).chartAlt } : undefined;
}

export const figures: Command = {
  data: FiguresCommand,
  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const topic = interaction.options.getString(topicOption.name)?.trim() || undefined;
    // Drawing the chart can take a moment on first use: acknowledge first.
    await ctx.acks.acknowledge(() => interaction.deferReply());
    const list = figuresFor(ctx, topic);
    const state: FiguresState = { page: 0, indexVersion: ctx.engine.status().indexVersion, topic };
    const view = renderFiguresPage(list, ctx.engine.documents(), state, {
      lang,
      topicOptionName: topicOptionName(lang),
    });
    const chart = view.rows.length > 0 ? await chartFile(ctx, list, state, lang) : undefined;
    await respond({ interaction }, { ...view.payload, ...(chart ? { files: [chart] } : {}) });
  },
  async autocomplete(interaction, ctx) {
    const typed = String(interaction.options.getFocused());
    const choices = suggestTopics(ctx.engine.figureTopics(), typed).map((name) => ({
      name: plainText(name) || "…",
      value: name,
    }));
    await interaction.respond(choices);
  },
};

/**
 * Page buttons and the evidence menu of a /figures message. Everything comes from the custom id and the
 * live index, so they work after a restart; a newer index simply shows its own (current) figures.
 */
export const figuresComponents: ComponentHandler = {
  prefix: FIGURES_PREFIX,
  async handle(interaction: ComponentInteraction, ctx: BotContext) {
    const lang = langOfLocale(interaction.locale);
    const parsed = parseFiguresCustomId(interaction.customId);
    if (!parsed) {
      await respond({ interaction }, { content: t(lang).figureGone }, { ephemeral: true });
      return;
    }
    const list = figuresFor(ctx, parsed.topic);
    if (parsed.kind === "page") {
      const state: FiguresState = { ...parsed, indexVersion: ctx.engine.status().indexVersion };
      const view = renderFiguresPage(list, ctx.engine.documents(), state, {
        lang,
        topicOptionName: topicOptionName(lang),
      });
      await respond({ interaction }, view.payload, { update: true });
      return;
    }
    const chosen = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
    // The row's id is stable for the same text; look in the filtered list first, then in all figures.
    const row =
      figureRows(list).find((r) => r.id === chosen) ??
      figureRows(ctx.engine.figures()).find((r) => r.id === chosen);
    if (!row) {
      await respond({ interaction }, { content: t(lang).figureGone }, { ephemeral: true });
      return;
    }
    const document = ctx.engine.documents().find((d) => d.id === row.documentId);
    await respond({ interaction }, renderFigureEvidence(row, document, lang), { ephemeral: true });
  },
};
