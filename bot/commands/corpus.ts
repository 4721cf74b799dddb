/**
 * /corpus add|list|remove|refresh: the Discord side of corpus administration. Every subcommand checks the
 * CORPUS_EDITORS policy on the server and answers only to the caller (ephemeral); changes are rate-limited
 * per guild like /reindex. The work itself is the retrieval library's CorpusAdmin.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import {
  type ChangeReport,
  CorpusBusyError,
  CorpusChangeRefused,
  type DocumentInput,
} from "../../retrieval/index.ts";
import { adminSubjectOf, mayChangeCorpus } from "../admin.ts";
import type { BotContext } from "../context.ts";
import { renderChangeReport, renderCorpusList } from "../corpus-render.ts";
import { corpusText } from "../corpus-text.ts";
import { langOfLocale } from "../i18n.ts";
import { respond } from "../respond.ts";
import type { Command } from "./types.ts";

export const CorpusCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "corpus",
  description: "Operators: add, list, remove or refresh the documents the bot answers from.",
  description_localizations: {
    de: "Betreiber: Dokumente hinzufügen, auflisten, entfernen oder neu laden, aus denen der Bot antwortet.",
  },
  contexts: [InteractionContextType.Guild],
  // Hidden from members without Manage Server by default; the handler checks the real policy server-side.
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "add",
      description: "Add an article from a link or an uploaded .txt, .md or .html file.",
      description_localizations: { de: "Artikel per Link oder als .txt-, .md- oder .html-Datei hinzufügen." },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "url",
          description: "Link to a web page, a text or a Markdown file (http or https).",
          description_localizations: {
            de: "Link zu einer Webseite, Text- oder Markdown-Datei (http oder https).",
          },
          max_length: 2000,
        },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: "file",
          description: "A .txt, .md or .html file.",
          description_localizations: { de: "Eine .txt-, .md- oder .html-Datei." },
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "list",
      description: "List the documents in the corpus.",
      description_localizations: { de: "Die Dokumente im Korpus auflisten." },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "remove",
      description: "Remove a document from the corpus.",
      description_localizations: { de: "Ein Dokument aus dem Korpus entfernen." },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "document",
          description: "The document (type to search its title).",
          description_localizations: { de: "Das Dokument (tippe, um im Titel zu suchen)." },
          required: true,
          autocomplete: true,
          max_length: 200,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "refresh",
      description: "Fetch the documents added by link again; unchanged ones are skipped.",
      description_localizations: {
        de: "Per Link hinzugefügte Dokumente neu laden; unveränderte werden übersprungen.",
      },
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Titles matching what the admin typed: prefix matches first, then substrings; Discord shows at most 25. */
export function suggestDocuments(
  docs: Array<{ id: string; title: string }>,
  typed: string,
): Array<{ name: string; value: string }> {
  const q = typed.trim().toLocaleLowerCase("de");
  const label = (d: { id: string; title: string }) => {
    const name = `${d.title} (${d.id})`.replace(/\s+/g, " ");
    return name.length > 100 ? `${name.slice(0, 99)}…` : name;
  };
  const lower = (d: { id: string; title: string }) => `${d.title} ${d.id}`.toLocaleLowerCase("de");
  const prefix = docs.filter((d) => d.title.toLocaleLowerCase("de").startsWith(q) || d.id.startsWith(q));
  const inner = docs.filter((d) => !prefix.includes(d) && lower(d).includes(q));
  return [...prefix, ...inner]
    .filter((d) => d.id.length <= 100)
    .slice(0, 25)
    .map((d) => ({ name: label(d), value: d.id }));
}

type Subcommand = "add" | "list" | "remove" | "refresh";

async function runChange(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  progress: string,
  change: () => Promise<ChangeReport>,
  limitKey: string,
): Promise<void> {
  const lang = langOfLocale(interaction.locale);
  const s = corpusText(lang);
  await respond({ interaction }, { content: progress });
  let report: ChangeReport;
  try {
    report = await change();
  } catch (err) {
    if (err instanceof CorpusChangeRefused) {
      ctx.logger.warn(
        { code: err.code, reason: err.message, userId: interaction.user.id },
        "corpus change refused",
      );
      await respond({ interaction }, { content: s.refused(err.message) });
      return;
    }
    if (err instanceof CorpusBusyError) {
      await respond({ interaction }, { content: s.busy });
      return;
    }
    throw err;
  }
  if (report.index) ctx.reindexLimit.record(limitKey);
  ctx.logger.info(
    {
      action: report.action,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      documents: report.documents.map((d) => ({ id: d.id, outcome: d.outcome })),
      indexVersion: report.index?.version,
    },
    "corpus changed",
  );
  await respond({ interaction }, renderChangeReport(report, lang));
}

export const corpus: Command = {
  data: CorpusCommand,
  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const s = corpusText(lang);
    const sub = interaction.options.getSubcommand(true) as Subcommand;
    const refuse = (content: string) => respond({ interaction }, { content }, { ephemeral: true });
    if (!mayChangeCorpus(adminSubjectOf(interaction), ctx.config, ctx.ownerIds)) {
      ctx.logger.warn(
        { userId: interaction.user.id, guildId: interaction.guildId, subcommand: sub },
        "corpus command refused: not allowed by CORPUS_EDITORS",
      );
      await refuse(s.notEditor(ctx.config.corpusEditors));
      return;
    }
    const admin = ctx.corpus;
    if (!admin) {
      await refuse(s.unavailable);
      return;
    }
    if (sub === "list") {
      await ctx.acks.acknowledge(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
      await respond({ interaction }, renderCorpusList(await admin.list(), lang));
      return;
    }

    let input: DocumentInput | undefined;
    if (sub === "add") {
      const url = interaction.options.getString("url")?.trim();
      const file = interaction.options.getAttachment("file");
      if ((url ? 1 : 0) + (file ? 1 : 0) !== 1) {
        await refuse(s.addNeedsOne);
        return;
      }
      if (file && file.size > ctx.corpusLimits.maxDocumentBytes) {
        await refuse(s.fileTooLarge(file.size, ctx.corpusLimits.maxDocumentBytes));
        return;
      }
      input = file
        ? { kind: "attachment", name: file.name, url: file.url }
        : { kind: "url", url: url as string };
    }
    if (admin.busy || ctx.engine.status().reindexing) {
      await refuse(s.busy);
      return;
    }
    const limitKey = interaction.guildId ?? `user:${interaction.user.id}`;
    const waitMs = ctx.reindexLimit.waitMs(limitKey);
    if (waitMs > 0) {
      await refuse(s.rateLimited(Math.ceil(waitMs / 1000)));
      return;
    }
    await ctx.acks.acknowledge(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
    const actor = `discord:${interaction.user.id}${interaction.guildId ? `@${interaction.guildId}` : ""}`;
    if (sub === "add" && input) {
      const document = input;
      await runChange(interaction, ctx, s.fetching, () => admin.add(document, actor), limitKey);
    } else if (sub === "remove") {
      const id = interaction.options.getString("document", true).trim();
      await runChange(interaction, ctx, s.removing, () => admin.remove(id, actor), limitKey);
    } else {
      await runChange(interaction, ctx, s.refreshing, () => admin.refresh(actor), limitKey);
    }
  },
  async autocomplete(interaction, ctx) {
    // Titles are visible to everyone through /sources; the change itself is checked in execute().
    const docs = ctx.corpus ? await ctx.corpus.list() : [];
    await interaction.respond(suggestDocuments(docs, String(interaction.options.getFocused())));
  },
};
