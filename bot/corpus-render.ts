/** Discord payloads for /corpus: the change report and the document list. Page text is untrusted: escaped. */
import type { APIEmbedField } from "discord.js";
import type { ChangeReport, DocumentChange, FigureChange, ListedDocument } from "../retrieval/index.ts";
import { corpusText } from "./corpus-text.ts";
import { formatDuration, type Lang } from "./i18n.ts";
import { COLORS } from "./render.ts";
import type { Outgoing } from "./respond.ts";
import { discordText, discordUrl, plainText } from "./safe-text.ts";

/** One line of untrusted text through the Discord sanitiser, bounded. */
function safe(text: string, max: number): string {
  const line = plainText(text);
  return discordText(line.length > max ? `${line.slice(0, max - 1)}…` : line);
}

function figureList(changes: FigureChange[]): string {
  const shown = changes.slice(0, 10).map((c) => `• ${safe(c.label, 80)} (${safe(c.text, 60)})`);
  if (changes.length > shown.length) shown.push(`… +${changes.length - shown.length}`);
  return shown.join("\n");
}

function documentBlock(d: DocumentChange, lang: Lang): string {
  const s = corpusText(lang);
  const head = `**${safe(d.title, 200)}**${d.date ? ` (${d.date})` : ""} — ${s.outcome[d.outcome]}`;
  const lines = [head, `\`${safe(d.id, 80)}\`${d.chunks !== undefined ? ` · ${d.chunks} ${s.chunks}` : ""}`];
  if (d.firstSentence) lines.push(`> ${safe(d.firstSentence, 300)}`);
  if (d.reason) lines.push(safe(d.reason, 300));
  return lines.join("\n");
}

export function renderChangeReport(report: ChangeReport, lang: Lang): Outgoing {
  const s = corpusText(lang);
  const title = report.action === "add" ? s.added : report.action === "remove" ? s.removed : s.refreshed;
  const blocks = report.documents.slice(0, 10).map((d) => documentBlock(d, lang));
  if (report.documents.length > blocks.length) blocks.push(`… +${report.documents.length - blocks.length}`);
  const fields: APIEmbedField[] = [];
  const i = report.index;
  if (i) {
    fields.push(
      { name: s.chunks, value: `${i.chunks} (+${i.chunksAdded} / −${i.chunksRemoved})`, inline: true },
      {
        name: s.figures,
        value: `${i.figures} (+${i.figuresAdded.length} / −${i.figuresRemoved.length} / ~${i.figuresChanged.length})`,
        inline: true,
      },
      { name: s.documents, value: String(i.documents), inline: true },
      { name: s.index, value: `\`${i.version}\``, inline: true },
      { name: s.duration, value: formatDuration(i.durationMs, lang), inline: true },
    );
    if (i.figuresAdded.length) fields.push({ name: s.figuresAdded, value: figureList(i.figuresAdded) });
    if (i.figuresRemoved.length) fields.push({ name: s.figuresRemoved, value: figureList(i.figuresRemoved) });
    if (i.figuresChanged.length) fields.push({ name: s.figuresChanged, value: figureList(i.figuresChanged) });
  } else {
    blocks.push(s.nothingChanged);
  }
  return { embeds: [{ color: COLORS.admin, title, description: blocks.join("\n\n"), fields }] };
}

export function renderCorpusList(docs: ListedDocument[], lang: Lang): Outgoing {
  const s = corpusText(lang);
  if (docs.length === 0) return { content: s.empty };
  const lines = docs.slice(0, 40).map((d) => {
    const url = discordUrl(d.sourceUrl);
    const origin = url ? ` · <${url}>` : "";
    return `• **${safe(d.title, 120)}**${d.date ? ` (${d.date})` : ""} — \`${safe(d.id, 80)}\`${origin}`;
  });
  if (docs.length > lines.length) lines.push(`… +${docs.length - lines.length}`);
  return {
    embeds: [{ color: COLORS.admin, title: s.listTitle(docs.length), description: lines.join("\n") }],
  };
}
