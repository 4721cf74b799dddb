import {
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { langOfLocale } from "../i18n.ts";
import { renderSources } from "../render.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const SourcesCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "sources",
  description: "Title, date and sources of the article, and the index status.",
  description_localizations: { de: "Titel, Datum und Quellen des Artikels sowie der Zustand des Index." },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const sources: Command = {
  data: SourcesCommand,
  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    // Private: the index status is for the asker, not a message for the whole channel.
    await respond({ interaction }, renderSources(ctx.engine.documents(), ctx.engine.status(), lang), {
      ephemeral: true,
    });
  },
};
