import {
  ApplicationCommandType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import {
  CorpusBusyError,
  CorpusError,
  IndexWriteError,
  ReindexInProgressError,
  type ReindexProgress,
  type ReindexReport,
} from "../../retrieval/index.ts";
import { adminSubjectOf, mayChangeCorpus } from "../admin.ts";
import { corpusText } from "../corpus-text.ts";
import { langOfLocale, t } from "../i18n.ts";
import { renderReindexProgress, renderReindexReport } from "../render.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const ReindexCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "reindex",
  description: "Admins: re-read the corpus and rebuild the index without stopping the bot.",
  description_localizations: {
    de: "Admins: Korpus neu einlesen und den Index neu aufbauen, ohne den Bot anzuhalten.",
  },
  contexts: [InteractionContextType.Guild],
  // Hidden from members without Manage Server by default; the handler checks again server-side.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const reindex: Command = {
  data: ReindexCommand,
  async execute(interaction, ctx) {
    const s = t(langOfLocale(interaction.locale));
    const log = ctx.logger.child({
      command: "reindex",
      userId: interaction.user.id,
      guildId: interaction.guildId,
    });
    const c = corpusText(langOfLocale(interaction.locale));
    // The same policy as corpus changes: a re-index of the shared corpus costs the host's CPU for every server.
    if (!mayChangeCorpus(adminSubjectOf(interaction), ctx.config, ctx.ownerIds)) {
      log.warn("re-index refused: not allowed by CORPUS_EDITORS");
      await respond({ interaction }, { content: c.notEditor(ctx.config.corpusEditors) }, { ephemeral: true });
      return;
    }
    if (ctx.engine.status().reindexing || ctx.corpus?.busy) {
      await respond({ interaction }, { content: s.reindexRunning }, { ephemeral: true });
      return;
    }
    const waitMs = ctx.reindexLimit.take(interaction.guildId ?? `user:${interaction.user.id}`);
    if (waitMs > 0) {
      await respond(
        { interaction },
        { content: c.rateLimited(Math.ceil(waitMs / 1000)) },
        { ephemeral: true },
      );
      return;
    }

    // Progress edits are throttled and chained, so they arrive in order and never after the summary; the
    // chain starts once "started" is shown.
    const lang = langOfLocale(interaction.locale);
    let lastEdit = Date.now();
    let shown = () => {};
    let edits: Promise<void> = new Promise<void>((resolve) => {
      shown = resolve;
    });
    const onProgress = (p: ReindexProgress) => {
      const now = Date.now();
      if (now - lastEdit < ctx.progressIntervalMs) return;
      lastEdit = now;
      edits = edits
        .then(() => respond({ interaction }, { content: renderReindexProgress(p, lang) }))
        .catch((err: unknown) => log.warn({ err }, "progress edit failed"));
    };

    // The run is claimed in the same tick as the check above, before any await: of two admins at the same
    // moment, the second is told "already running" and never sees "started".
    // Through the corpus admin when there is one, so a re-index never runs in the middle of a corpus change.
    const run = ctx.corpus ? ctx.corpus.reindex(onProgress) : ctx.engine.reindex(onProgress);
    run.catch(() => {});
    await ctx.acks.acknowledge(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
    await respond({ interaction }, { content: s.reindexStarted });
    shown();
    log.info("re-index started");

    let report: ReindexReport;
    try {
      report = await run;
    } catch (err) {
      await edits;
      if (err instanceof ReindexInProgressError || err instanceof CorpusBusyError) {
        await respond({ interaction }, { content: s.reindexRunning });
        return;
      }
      if (err instanceof IndexWriteError) {
        log.warn(
          { err, indexDir: err.indexDir, reason: err.reason },
          "re-index could not be saved; the old index keeps serving",
        );
        await respond({ interaction }, { content: s.indexNotSaved(err.reason) });
        return;
      }
      if (err instanceof CorpusError) {
        log.warn({ err }, "re-index failed: corpus problem; the old index keeps serving");
        await respond({ interaction }, { content: s.corpusError(err.message) });
        return;
      }
      throw err;
    }
    await edits;
    log.info(
      {
        documents: report.documents,
        chunks: report.chunks,
        figures: report.figures,
        durationMs: Math.round(report.durationMs),
        indexVersion: report.indexVersion,
      },
      "re-index finished",
    );
    await respond({ interaction }, renderReindexReport(report, lang));
  },
};
