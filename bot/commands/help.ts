import {
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { langOfLocale } from "../i18n.ts";
import { renderHelp } from "../render.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const HelpCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "help",
  description: "How to use Fundstelle.",
  description_localizations: { de: "So benutzt du Fundstelle." },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const help: Command = {
  data: HelpCommand,
  async execute(interaction, ctx) {
    const payload = renderHelp(langOfLocale(interaction.locale), {
      mentions: ctx.config.mentionsEnabled,
      threads: ctx.config.threadsEnabled,
    });
    await respond({ interaction }, payload, { ephemeral: true });
  },
};
