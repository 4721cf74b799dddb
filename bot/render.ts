/** Pure functions from engine data to Discord payloads. No I/O; limits are enforced later by respond.ts. */
import { createHash } from "node:crypto";
import {
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  TimestampStyles,
  time,
} from "discord.js";
import type {
  Answer,
  DocumentMeta,
  EngineStatus,
  FigureChange,
  Passage,
  ReindexProgress,
  ReindexReport,
  RetrievalMode,
  SourceLink,
} from "../retrieval/index.ts";
import { formatArticleDate } from "../retrieval/index.ts";
import { answerRepeats, conciseAnswer, evidenceParts, pointerOf } from "./citations.ts";
import { formatDuration, formatShortTimestamp, type Lang, t } from "./i18n.ts";
import type { ActionRow, Outgoing } from "./respond.ts";
import { discordLink, discordText, discordUrl, plainText } from "./safe-text.ts";

export const COLORS = {
  answer: 0x2f6fde,
  abstained: 0x8a8f98,
  figures: 0x1f9d74,
  admin: 0xd98b1c,
  error: 0xc93c3c,
};

/** Custom id prefix of the "Passage n" buttons: `passage:<n>:<chunkId>:<sentence hash>:<index version>`. */
export const PASSAGE_PREFIX = "passage:";
/** Custom id prefix of the 👍/👎 buttons: `fb:<up|down>:<answerId>`. */
export const FEEDBACK_PREFIX = "fb:";

/** A short hash of the supporting sentence: the button finds it again in the chunk after a restart. */
export function sentenceHash(sentence: string): string {
  return createHash("sha256").update(sentence.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 8);
}

export function passageCustomId(n: number, chunkId: string, quote?: string, indexVersion?: string): string {
  const parts = [`${PASSAGE_PREFIX}${n}`, chunkId];
  if (quote) parts.push(sentenceHash(quote));
  if (quote && indexVersion) parts.push(indexVersion);
  return parts.join(":").slice(0, 100);
}

export interface PassageRef {
  n: number;
  chunkId: string;
  sentenceHash?: string;
  indexVersion?: string;
}

/** Also reads the older `passage:<n>:<chunkId>` of messages sent before sentence hashes existed. */
export function parsePassageCustomId(customId: string): PassageRef | null {
  const m = /^passage:(\d+):([^:]+)(?::([0-9a-f]{8}))?(?::([^:]+))?$/.exec(customId);
  if (!m) return null;
  return {
    n: Number(m[1]),
    chunkId: m[2] as string,
    ...(m[3] ? { sentenceHash: m[3] } : {}),
    ...(m[4] ? { indexVersion: m[4] } : {}),
  };
}

export function feedbackCustomId(vote: "up" | "down", answerId: string): string {
  return `${FEEDBACK_PREFIX}${vote}:${answerId}`;
}

export function parseFeedbackCustomId(customId: string): { vote: "up" | "down"; answerId: string } | null {
  const m = /^fb:(up|down):([A-Za-z0-9_-]{4,64})$/.exec(customId);
  return m ? { vote: m[1] as "up" | "down", answerId: m[2] as string } : null;
}

export interface AnswerContext {
  documents: DocumentMeta[];
  status: EngineStatus;
  /** Set when the answer is logged: adds 👍/👎 buttons that refer to it. */
  answerId?: string;
}

/** "Artikel vom 1. Februar 2026 · Index vom 29.11.2026 14:21 UTC · Suchmodus: nur Stichwörter". */
export function plainFooter(
  doc: DocumentMeta | undefined,
  status: EngineStatus,
  mode: RetrievalMode,
  lang: Lang,
): string {
  const s = t(lang);
  return [
    doc?.date ? s.articleOf(formatArticleDate(doc.date, lang)) : undefined,
    s.indexOf(formatShortTimestamp(status.builtAt, lang)),
    s.modeWords[mode],
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * An ISO timestamp as Discord's timestamp markup ("29 November 2026 14:21"), shown in each reader's own
 * locale and time zone; anything else as is. Only for embed descriptions and field values: titles and
 * footers show the markup raw (footers use formatShortTimestamp).
 */
export function discordTimestamp(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || "–";
  return time(date, TimestampStyles.LongDateShortTime);
}

/** The author line of an embed: the document's title, linked to its own URL when it has one. */
function documentAuthor(doc: DocumentMeta): NonNullable<APIEmbed["author"]> {
  const url = discordUrl(doc.url);
  return { name: plainText(doc.title) || doc.id, ...(url ? { url } : {}) };
}

/**
 * The answer embed: the answer with [n] markers; one field per citation with its section and the evidence in
 * its passage (the supporting sentence in bold, or a pointer to it when the answer already says it word for
 * word); the document linked once, in the author line, to its own URL; a plain-words footer; buttons.
 */
export function renderAnswer(answer: Answer, ctx: AnswerContext): Outgoing {
  const s = t(answer.lang);
  const docId = answer.citations[0]?.documentId;
  const doc = ctx.documents.find((d) => d.id === docId) ?? ctx.documents[0];
  const answerText = conciseAnswer(answer.answer, answer.citations);

  const fields: APIEmbedField[] = answer.citations.map((c) => {
    const ev = evidenceParts(c);
    const repeated = !answer.abstained && answerRepeats(answerText, c);
    const sentence = repeated ? pointerOf(ev.sentence) : ev.sentence;
    const value = [discordText(ev.before), `**${discordText(sentence)}**`, discordText(ev.after)]
      .filter(Boolean)
      .join(" ");
    const other = c.documentId !== doc?.id ? ctx.documents.find((d) => d.id === c.documentId) : undefined;
    const where = other ? ` · ${s.inDocument(plainText(other.title))}` : "";
    return {
      name: `[${c.n}] ${c.weak ? `${s.closestPassage} · ` : ""}${discordText(plainText(c.section))}${discordText(where)}`,
      value: `> ${value}`,
    };
  });

  const embed: APIEmbed = {
    color: answer.abstained ? COLORS.abstained : COLORS.answer,
    title: discordText(plainText(answer.question)),
    description: discordText(answerText),
    fields,
    footer: { text: plainFooter(doc, ctx.status, answer.mode, answer.lang) },
  };
  if (doc) embed.author = documentAuthor(doc);

  const buttons: ActionRow["components"] = answer.citations.slice(0, 10).map((c) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: s.passageButton(c.n),
    custom_id: passageCustomId(c.n, c.chunkId, c.quote, ctx.status.indexVersion),
  }));
  if (ctx.answerId) {
    buttons.push(
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: "👍" },
        label: s.feedbackUp,
        custom_id: feedbackCustomId("up", ctx.answerId),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: "👎" },
        label: s.feedbackDown,
        custom_id: feedbackCustomId("down", ctx.answerId),
      },
    );
  }
  const components: ActionRow[] = [];
  // 👍/👎 start a row of their own when the passage buttons leave no room beside them.
  const passageCount = Math.min(answer.citations.length, 10);
  const rows =
    passageCount + (ctx.answerId ? 2 : 0) <= 5
      ? [buttons]
      : [buttons.slice(0, passageCount), buttons.slice(passageCount)];
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 5) {
      components.push({ type: ComponentType.ActionRow, components: row.slice(i, i + 5) });
    }
  }
  return { embeds: [embed], components };
}

/**
 * The whole passage behind a citation, read from the live index: section, the document linked to its own
 * URL, the supporting sentence in bold. Reference URLs are not shown here: they are not the passage's source.
 */
export function renderPassage(ref: PassageRef, passage: Passage, status: EngineStatus, lang: Lang): Outgoing {
  const { chunk, document } = passage;
  const sentence = ref.sentenceHash
    ? chunk.sentences.find((x) => sentenceHash(x.text) === ref.sentenceHash)?.text
    : undefined;
  const text = discordText(chunk.text);
  const bold = sentence ? discordText(sentence.replace(/\s+/g, " ").trim()) : "";
  const flat = text.replace(/\s+/g, " ");
  const at = bold ? flat.indexOf(bold) : -1;
  const description = at >= 0 ? `${flat.slice(0, at)}**${bold}**${flat.slice(at + bold.length)}` : text;
  return {
    embeds: [
      {
        color: COLORS.answer,
        author: documentAuthor(document),
        title: `[${ref.n}] ${discordText(plainText(chunk.section))}`,
        description,
        footer: { text: plainFooter(document, status, status.mode, lang) },
      },
    ],
  };
}

function sourceLinks(sources: SourceLink[], max = 3): string {
  return sources
    .slice(0, max)
    .map((s) => discordLink(s.title, s.url))
    .join(" · ");
}

/** A model id as users may see it: a folder path becomes its last name (no server paths in messages). */
export function publicModelName(modelId: string): string {
  const parts = modelId.split(/[\\/]/).filter(Boolean);
  // "Xenova/multilingual-e5-small" is a Hub id (owner/name); anything longer or absolute is a folder.
  if (!modelId.startsWith("/") && !/^[A-Za-z]:/.test(modelId) && parts.length <= 2) return modelId;
  return parts.at(-1) ?? modelId;
}

/**
 * One embed per document (title linked to the document's own URL, date, language, its reference list,
 * labelled as such) and one for the index in plain words. No file paths, no raw errors: those go to the log.
 */
export function renderSources(documents: DocumentMeta[], status: EngineStatus, lang: Lang): Outgoing {
  const s = t(lang);
  const docEmbeds: APIEmbed[] = documents.slice(0, 9).map((d) => {
    const references = d.sources.slice(0, 10).map((src) => `• ${sourceLinks([src])}`);
    if (d.sources.length > references.length) references.push(`… +${d.sources.length - references.length}`);
    const lines = [
      d.date ? `**${s.date}:** ${formatArticleDate(d.date, lang)}` : undefined,
      `**${s.language}:** ${d.language}`,
      references.length ? `**${s.references}** (${s.referencesNote}):\n${references.join("\n")}` : undefined,
    ].filter(Boolean);
    const url = discordUrl(d.url);
    return {
      color: COLORS.answer,
      title: discordText(plainText(d.title)),
      ...(url ? { url } : {}),
      description: lines.join("\n"),
    };
  });
  const statusEmbed: APIEmbed = {
    color: COLORS.abstained,
    title: s.sourcesTitle,
    fields: [
      { name: s.searchMode, value: s.modeDetail[status.mode], inline: false },
      { name: s.built, value: discordTimestamp(status.builtAt), inline: true },
      { name: s.documents, value: String(status.documents), inline: true },
      { name: s.chunks, value: String(status.chunks), inline: true },
      { name: s.figures, value: String(status.figures), inline: true },
      {
        name: s.model,
        value: status.modelId ? discordText(publicModelName(status.modelId)) : s.noModel,
        inline: true,
      },
      { name: s.reindexing, value: status.reindexing ? s.yes : s.no, inline: true },
    ],
    footer: { text: `${s.indexStatus} ${status.indexVersion}` },
  };
  return { embeds: [...docEmbeds, statusEmbed] };
}

export function renderHelp(lang: Lang, options: { mentions: boolean; threads: boolean }): Outgoing {
  const s = t(lang);
  return {
    embeds: [
      { color: COLORS.answer, title: s.helpTitle, description: s.help(options.mentions, options.threads) },
    ],
  };
}

export function renderReindexProgress(p: ReindexProgress, lang: Lang): string {
  const s = t(lang);
  return s.reindexProgress(s.phase[p.phase] ?? p.phase, p.done, p.total);
}

function changeList(changes: FigureChange[], lang: Lang): string {
  if (changes.length === 0) return t(lang).none;
  const shown = changes.slice(0, 15).map((c) => `• ${discordText(c.label)} (${discordText(c.text)})`);
  if (changes.length > shown.length) shown.push(`… +${changes.length - shown.length}`);
  return shown.join("\n");
}

export function renderReindexReport(r: ReindexReport, lang: Lang): Outgoing {
  const s = t(lang);
  const fields: APIEmbedField[] = [
    { name: s.documents, value: String(r.documents), inline: true },
    { name: s.chunks, value: `${r.chunks} (+${r.chunksAdded} / −${r.chunksRemoved})`, inline: true },
    {
      name: s.figures,
      value: `${r.figures} (+${r.figuresAdded.length} / −${r.figuresRemoved.length} / ~${r.figuresChanged.length})`,
      inline: true,
    },
    { name: s.duration, value: formatDuration(r.durationMs, lang), inline: true },
    { name: s.indexStatus, value: `\`${r.indexVersion}\``, inline: true },
  ];
  if (r.figuresAdded.length) fields.push({ name: s.figuresAdded, value: changeList(r.figuresAdded, lang) });
  if (r.figuresRemoved.length)
    fields.push({ name: s.figuresRemoved, value: changeList(r.figuresRemoved, lang) });
  if (r.figuresChanged.length)
    fields.push({ name: s.figuresChanged, value: changeList(r.figuresChanged, lang) });
  return { embeds: [{ color: COLORS.admin, title: s.reindexDone, fields }] };
}
