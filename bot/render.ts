/** Pure functions from engine data to Discord payloads. No I/O; limits are enforced later by respond.ts. */
import { type APIEmbed, type APIEmbedField, ButtonStyle, ComponentType } from "discord.js";
import type {
  Answer,
  Citation,
  DocumentMeta,
  EngineStatus,
  FigureChange,
  ReindexProgress,
  ReindexReport,
  SourceLink,
} from "../retrieval/types.ts";
import { formatDate, formatDuration, formatTimestamp, type Lang, t } from "./i18n.ts";
import type { ActionRow, Outgoing } from "./respond.ts";
import { discordLink, discordText, discordUrl, plainText } from "./safe-text.ts";

export const COLORS = {
  answer: 0x2f6fde,
  abstained: 0x8a8f98,
  figures: 0x1f9d74,
  admin: 0xd98b1c,
  error: 0xc93c3c,
};

/** Custom id prefix of the "Passage n" buttons: `passage:<n>:<chunkId>`. */
export const PASSAGE_PREFIX = "passage:";

export function passageCustomId(n: number, chunkId: string): string {
  return `${PASSAGE_PREFIX}${n}:${chunkId}`.slice(0, 100);
}

export function parsePassageCustomId(customId: string): { n: number; chunkId: string } | null {
  const m = /^passage:(\d+):(.+)$/.exec(customId);
  return m ? { n: Number(m[1]), chunkId: m[2] as string } : null;
}

/** What the "Passage n" button shows; kept in a bounded cache keyed by chunk id. */
export interface PassageEntry {
  section: string;
  passage: string;
  quote: string;
  sources: SourceLink[];
  lang: Lang;
}

export function passageEntryOf(citation: Citation, lang: Lang): PassageEntry {
  return {
    section: citation.section,
    passage: citation.passage,
    quote: citation.quote,
    sources: citation.sources,
    lang,
  };
}

function sourceLinks(sources: SourceLink[], max = 3): string {
  return sources
    .slice(0, max)
    .map((s) => discordLink(s.title, s.url))
    .join(" · ");
}

export interface AnswerContext {
  documents: DocumentMeta[];
  status: EngineStatus;
}

/** The answer embed: answer with [n] markers, one field per citation quoting its sentence, footer, buttons. */
export function renderAnswer(answer: Answer, ctx: AnswerContext): Outgoing {
  const s = t(answer.lang);
  const docId = answer.citations[0]?.documentId;
  const doc = ctx.documents.find((d) => d.id === docId) ?? ctx.documents[0];

  const fields: APIEmbedField[] = answer.citations.map((c) => {
    const links = sourceLinks(c.sources, 2);
    const quote = discordText(c.quote.replace(/\s+/g, " ").trim());
    return {
      name: `[${c.n}] ${c.weak ? `${s.closestPassage} · ` : ""}${discordText(c.section)}`,
      value: `> ${quote}${links ? `\n${links}` : ""}`,
    };
  });

  const footer = [
    doc?.date ? s.articleOf(formatDate(doc.date, answer.lang)) : undefined,
    s.index(ctx.status.indexVersion),
    s.mode(answer.mode),
  ]
    .filter(Boolean)
    .join(" · ");

  const embed: APIEmbed = {
    color: answer.abstained ? COLORS.abstained : COLORS.answer,
    title: discordText(plainText(answer.question)),
    description: discordText(answer.answer),
    fields,
    footer: { text: footer },
  };
  if (doc) {
    const url = discordUrl(doc.sources[0]?.url);
    embed.author = { name: plainText(doc.title) || doc.id, ...(url ? { url } : {}) };
  }

  const buttons = answer.citations.slice(0, 25).map((c) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: s.passageButton(c.n),
    custom_id: passageCustomId(c.n, c.chunkId),
  }));
  const components: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    components.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  }
  return { embeds: [embed], components };
}

/** The full passage of a citation, the quoted sentence in bold. */
export function renderPassage(n: number, entry: PassageEntry): Outgoing {
  const passage = discordText(entry.passage);
  const quote = discordText(entry.quote);
  const at = quote ? passage.indexOf(quote) : -1;
  const description =
    at >= 0 ? `${passage.slice(0, at)}**${quote}**${passage.slice(at + quote.length)}` : passage;
  const links = sourceLinks(entry.sources, 10);
  return {
    embeds: [
      {
        color: COLORS.answer,
        title: `[${n}] ${discordText(entry.section)}`,
        description,
        ...(links ? { fields: [{ name: t(entry.lang).sources, value: links }] } : {}),
      },
    ],
  };
}

/** One embed per document (title, date, sources) and one for the index status. */
export function renderSources(documents: DocumentMeta[], status: EngineStatus, lang: Lang): Outgoing {
  const s = t(lang);
  const docEmbeds: APIEmbed[] = documents.slice(0, 9).map((d) => {
    const lines = [
      d.date ? `**${s.date}:** ${formatDate(d.date, lang)}` : undefined,
      `**${s.language}:** ${d.language}`,
      d.sources.length
        ? `**${s.sources}:**\n${d.sources.map((src) => `• ${sourceLinks([src])}`).join("\n")}`
        : undefined,
    ].filter(Boolean);
    const url = discordUrl(d.sources[0]?.url);
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
      { name: s.indexStatus, value: `\`${status.indexVersion}\` · ${status.mode}`, inline: true },
      { name: s.built, value: formatTimestamp(status.builtAt, lang), inline: true },
      { name: s.documents, value: String(status.documents), inline: true },
      { name: s.chunks, value: String(status.chunks), inline: true },
      { name: s.figures, value: String(status.figures), inline: true },
      { name: s.model, value: status.modelId ?? status.modelError ?? "–", inline: true },
      { name: s.reindexing, value: status.reindexing ? s.yes : s.no, inline: true },
    ],
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
