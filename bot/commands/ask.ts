import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Answer } from "../../retrieval/index.ts";
import { MAX_QUESTION_LENGTH, newAnswerId } from "../context.ts";
import { langOfLocale, t } from "../i18n.ts";
import { BusyError } from "../limits.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const AskCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "ask",
  description: "Ask a question about the article; the answer cites the exact sentences.",
  description_localizations: {
    de: "Stell eine Frage zum Artikel; die Antwort zitiert die Belegstellen wörtlich.",
  },
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "question",
      name_localizations: { de: "frage" },
      description: "Your question, in German or English",
      description_localizations: { de: "Deine Frage, auf Deutsch oder Englisch" },
      required: true,
      max_length: MAX_QUESTION_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "private",
      name_localizations: { de: "privat" },
      description: "Only you see the answer",
      description_localizations: { de: "Nur du siehst die Antwort" },
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const ask: Command = {
  data: AskCommand,
  cooldown: true,
  async execute(interaction, ctx, run = { waitMs: 0 }) {
    const startedAt = Date.now();
    const [questionOption, privateOption] = AskCommand.options;
    const question = interaction.options.getString(questionOption.name, true).trim();
    const isPrivate = interaction.options.getBoolean(privateOption.name) ?? false;
    const s = t(langOfLocale(interaction.locale));
    // The engine's queue place is promised before acknowledging, so "too busy" can still be an ephemeral
    // reply (a deferred reply keeps the visibility it was deferred with).
    const permit = ctx.limiter.reserve();
    if (!permit) throw new BusyError();
    let answer: Answer;
    try {
      // Acknowledge first: the 3-second window must never depend on the engine.
      await ctx.acks.acknowledge(() =>
        interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {}),
      );
      if (run.waitMs > 0) {
        // The user's cooldown ends soon: say so privately, then answer in the deferred reply.
        await respond(
          { interaction },
          { content: s.queued(Math.ceil(run.waitMs / 1000)) },
          { ephemeral: true, followUp: true },
        );
        await new Promise((resolve) => setTimeout(resolve, run.waitMs));
      }
      if (!question) {
        await respond({ interaction }, { content: s.emptyQuestion });
        return;
      }
      answer = await ctx.ask(question.slice(0, MAX_QUESTION_LENGTH), undefined, permit);
    } finally {
      permit.release();
    }
    ctx.logger.info(
      {
        command: "ask",
        abstained: answer.abstained,
        mode: answer.mode,
        engineMs: Math.round(answer.timings.totalMs),
      },
      "answered",
    );
    const answerId = newAnswerId();
    try {
      await respond({ interaction }, ctx.answerPayload(answer, answerId));
    } finally {
      // Logged even when sending failed: the question was asked and answered (or not) all the same.
      // A queued cooldown wait is the user's pause, not the bot's answer time.
      await ctx.recordAnswer(answer, {
        answerId,
        userId: interaction.user.id,
        source: "slash",
        startedAt: startedAt + run.waitMs,
      });
    }
  },
};
