import {
  ApplicationCommandType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { adminSubjectOf, isAdmin } from "../admin.ts";
import { readAllRecords } from "../feedback/log.ts";
import { renderStats } from "../feedback/render-stats.ts";
import { usageStats } from "../feedback/stats.ts";
import { langOfLocale, t } from "../i18n.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const StatsCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "stats",
  description: "Admins: questions asked, answered vs. not, feedback, unanswered questions, answer times.",
  description_localizations: {
    de: "Admins: gestellte Fragen, beantwortet oder nicht, Feedback, offene Fragen, Antwortzeiten.",
  },
  contexts: [InteractionContextType.Guild],
  // Hidden from members without Manage Server by default; the handler checks again server-side.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const stats: Command = {
  data: StatsCommand,
  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    if (!isAdmin(adminSubjectOf(interaction), ctx.config)) {
      ctx.logger.warn({ command: "stats", userId: interaction.user.id }, "stats refused: not an admin");
      await respond({ interaction }, { content: t(lang).notAdminStats }, { ephemeral: true });
      return;
    }
    await ctx.acks.acknowledge(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
    await ctx.questionLog.flush();
    const records = await readAllRecords(ctx.questionLog.file, ctx.logger);
    await respond({ interaction }, renderStats(usageStats(records, Date.now()), lang));
  },
};
