import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { langOfLocale } from "../i18n.ts";
import { renderFigures } from "../render.ts";
import { respond } from "../respond.ts";
import { plainText } from "../safe-text.ts";
import type { Command } from "./types.ts";

export const FiguresCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "figures",
  description: "The article's key figures, optionally filtered by topic.",
  description_localizations: { de: "Die wichtigsten Zahlen des Artikels, optional nach Thema gefiltert." },
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

export const figures: Command = {
  data: FiguresCommand,
  async execute(interaction, ctx) {
    const topic = interaction.options.getString(FiguresCommand.options[0].name)?.trim() || undefined;
    const list = ctx.engine.figures(topic ? { topic } : undefined);
    await respond({ interaction }, renderFigures(list, { topic, lang: langOfLocale(interaction.locale) }));
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
