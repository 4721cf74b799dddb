/**
 * /figures as a reader sees it: one compact line per fact, grouped by document and topic, in pages that fit
 * one message; page buttons and a select menu whose custom ids carry everything needed to redo the page
 * (page, index version, topic), so they keep working after a restart. Pure: no Discord I/O here.
 */
import { type APIEmbed, ButtonStyle, ComponentType } from "discord.js";
import type { DocumentMeta, Figure, Lang } from "../../retrieval/index.ts";
import { t } from "../i18n.ts";
import type { ActionRow, Outgoing } from "../respond.ts";
import { discordText, discordUrl, plainText } from "../safe-text.ts";
import { type FigureGroup, type FigureRow, groupFigures } from "./group.ts";
import { shortValue } from "./short-value.ts";

export const FIGURES_PREFIX = "fig:";
const COLOR = 0x1f9d74;
/** Room for the lines of one page; the embed description may hold 4096, the rest is headings and slack. */
const PAGE_CHARS = 3600;
/** A select menu holds at most 25 options: one per figure of the page. */
const PAGE_ROWS = 25;
/** custom_id is at most 100 characters; the topic gets what the prefix, page and version leave. */
const CUSTOM_ID_MAX = 100;

export interface FiguresState {
  page: number;
  indexVersion: string;
  topic?: string;
}

export function figuresCustomId(kind: "page" | "quote", state: FiguresState): string {
  const head = `${FIGURES_PREFIX}${kind === "page" ? "p" : "q"}:${state.page}:${state.indexVersion}:`;
  return `${head}${(state.topic ?? "").slice(0, Math.max(0, CUSTOM_ID_MAX - head.length))}`;
}

export function parseFiguresCustomId(customId: string): ({ kind: "page" | "quote" } & FiguresState) | null {
  const m = /^fig:([pq]):(\d{1,4}):([^:]+):(.*)$/s.exec(customId);
  if (!m) return null;
  return {
    kind: m[1] === "p" ? "page" : "quote",
    page: Number(m[2]),
    indexVersion: m[3] as string,
    ...(m[4] ? { topic: m[4] } : {}),
  };
}

/** Letters and digits only, lowercased: "$250B" and "$250 B" compare equal. */
function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The short normalized value, or undefined when it only repeats the value as written ("27%" / "27 %"). */
export function normalizedValue(row: FigureRow, lang: Lang): string | undefined {
  const normalized = shortValue(row.value, row.unit, lang);
  const same = row.texts.length === 1 && bare(row.texts[0] as string) === bare(normalized);
  return same ? undefined : normalized;
}

/** "**OpenAI: Bewertung** — 830 Milliarden Dollar · 830 Mrd. $" (the normalized value only when it adds something). */
export function figureLine(row: FigureRow, lang: Lang): string {
  const written = row.texts.map((x) => discordText(x)).join(" / ");
  const normalized = normalizedValue(row, lang);
  return `**${discordText(row.label)}** — ${written}${normalized ? ` · ${discordText(normalized)}` : ""}`;
}

interface PageLine {
  text: string;
  row?: FigureRow;
  /** Running number of the figure across all pages. */
  n?: number;
}

/** The list cut into pages by characters and rows; a document or topic heading repeats on a new page. */
export function paginate(groups: FigureGroup[], lang: Lang, multipleDocuments: boolean): PageLine[][] {
  const pages: PageLine[][] = [];
  let page: PageLine[] = [];
  let chars = 0;
  let rows = 0;
  let lastDoc: string | undefined;
  let lastTopic: string | undefined;
  let count = 0;
  const push = (line: PageLine) => {
    page.push(line);
    chars += line.text.length + 1;
  };
  for (const group of groups) {
    for (const row of group.rows) {
      const line = figureLine(row, lang);
      if (page.length > 0 && (rows >= PAGE_ROWS || chars + line.length + 300 > PAGE_CHARS)) {
        pages.push(page);
        page = [];
        chars = 0;
        rows = 0;
        lastDoc = undefined;
        lastTopic = undefined;
      }
      if (multipleDocuments && lastDoc !== group.documentId) {
        push({ text: `📄 **${discordText(group.documentTitle)}**` });
        lastDoc = group.documentId;
        lastTopic = undefined;
      }
      if (lastTopic !== group.topic) {
        push({ text: `__${discordText(truncateText(group.topic, 120))}__` });
        lastTopic = group.topic;
      }
      count += 1;
      push({ text: `${count}. ${line}`, row, n: count });
      rows += 1;
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export interface FiguresPage {
  payload: Outgoing;
  page: number;
  pages: number;
  rows: FigureRow[];
}

/** One page of the figures list with its select menu and, when there are several pages, page buttons. */
export function renderFiguresPage(
  figures: Figure[],
  documents: DocumentMeta[],
  state: FiguresState,
  options: { lang: Lang; topicOptionName: string },
): FiguresPage {
  const s = t(options.lang);
  const groups = groupFigures(figures, documents);
  const allRows = groups.flatMap((g) => g.rows);
  if (allRows.length === 0) {
    const content = state.topic ? s.noFigures(discordText(state.topic)) : s.noFiguresAtAll;
    return { payload: { content }, page: 0, pages: 0, rows: [] };
  }
  const documentIds = new Set(allRows.map((r) => r.documentId));
  const pages = paginate(groups, options.lang, documentIds.size > 1);
  const page = Math.min(Math.max(0, state.page), pages.length - 1);
  const lines = pages[page] ?? [];
  const numbered = lines.flatMap((l) => (l.row && l.n ? [{ row: l.row, n: l.n }] : []));
  const rows = numbered.map((x) => x.row);
  const current: FiguresState = { ...state, page };

  const footer = [
    s.figuresCount(allRows.length),
    pages.length > 1 ? s.pageOf(page + 1, pages.length) : undefined,
    s.figuresQuoteHint,
    state.topic ? undefined : s.figuresTopicHint(options.topicOptionName),
  ].filter(Boolean);
  const embed: APIEmbed = {
    color: COLOR,
    title: state.topic
      ? `${s.figuresTitle} · ${s.topic(discordText(plainText(state.topic)))}`
      : s.figuresTitle,
    description: lines.map((l) => l.text).join("\n"),
    footer: { text: footer.join(" · ") },
  };

  const components: ActionRow[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: figuresCustomId("quote", current),
          placeholder: s.figuresSelectPlaceholder,
          options: numbered.map(({ row, n }) => ({
            label: truncateText(plainText(`${n}. ${row.label}`), 100),
            description: truncateText(
              plainText(`${row.texts.join(" / ")} · ${shortValue(row.value, row.unit, options.lang)}`),
              100,
            ),
            value: row.id,
          })),
        },
      ],
    },
  ];
  if (pages.length > 1) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: s.previousPage,
          custom_id: figuresCustomId("page", { ...current, page: Math.max(0, page - 1) }),
          disabled: page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: s.nextPage,
          custom_id: figuresCustomId("page", { ...current, page: Math.min(pages.length - 1, page + 1) }),
          disabled: page === pages.length - 1,
        },
      ],
    });
  }
  return { payload: { embeds: [embed], components }, page, pages: pages.length, rows };
}

/** The evidence behind one row: every sentence that states the figure, with its section and document link. */
export function renderFigureEvidence(
  row: FigureRow,
  document: DocumentMeta | undefined,
  lang: Lang,
): Outgoing {
  const s = t(lang);
  const quotes = row.evidence.map(
    (e) =>
      `> ${discordText(e.quote.replace(/\s+/g, " ").trim())}\n— *${discordText(e.section)}*${
        e.text !== row.texts[0] ? ` (${discordText(e.text)})` : ""
      }`,
  );
  const embed: APIEmbed = {
    color: COLOR,
    title: truncateText(
      discordText(plainText(`${row.label} — ${shortValue(row.value, row.unit, lang)}`)),
      256,
    ),
    description: quotes.join("\n\n"),
  };
  if (document) {
    const url = documentUrl(document);
    embed.author = { name: plainText(document.title) || document.id, ...(url ? { url } : {}) };
  }
  if (row.evidence.length > 1) embed.footer = { text: s.statedTimes(row.evidence.length) };
  return { embeds: [embed] };
}

/** The document's own URL (front matter `url`), never one of its reference links. */
export function documentUrl(document: DocumentMeta): string | undefined {
  const url = (document as DocumentMeta & { url?: unknown }).url;
  return typeof url === "string" ? discordUrl(url) : undefined;
}
