/**
 * Parses one corpus file into metadata and content blocks. Copes with what scraped news articles look like:
 * page-chrome teasers with dates above the article, the article date glued to the first sentence
 * ("01/02/2026Nvidia …"), question-style headings, markdown tables, bullet lists and a trailing list of source URLs.
 */
import { safeWebUrl } from "../text/safe-url.ts";
import type { Lang, SourceLink } from "../types.ts";
import { readFrontMatter } from "./front-matter.ts";

export interface TextLine {
  text: string;
  /** Offset of `text` in the raw document. */
  start: number;
}

export type Block =
  | { kind: "heading"; line: TextLine }
  | { kind: "paragraph"; line: TextLine }
  | { kind: "list"; intro?: TextLine; items: TextLine[] }
  | { kind: "table"; header: string[]; rows: { cells: string[]; line: TextLine }[] };

export interface ParsedDocument {
  title?: string;
  /** The document's own address (front matter `url`), when it is a safe web link. */
  url?: string;
  date?: string;
  language?: Lang;
  sources: SourceLink[];
  blocks: Block[];
}

const DATE_RE = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/;
const SOURCE_HEADINGS = /^(#+\s*)?(quellenangabe|quellen|sources?|references|einzelnachweise)\s*:?\s*$/i;
const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;
const URL_RE = /https?:\/\/[^\s<>()]+/g;

/** "01/02/2026" → "2026-02-01" (day first, as German sites write it). */
export function parseDate(text: string): string | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) {
    const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
    return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  }
  const [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function splitLines(raw: string, from: number): TextLine[] {
  const lines: TextLine[] = [];
  let pos = from;
  for (const part of raw.slice(from).split("\n")) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text) lines.push({ text, start: pos + lead });
    pos += part.length + 1;
  }
  return lines;
}

function isTableLine(text: string): boolean {
  return text.startsWith("|") && text.endsWith("|");
}

function tableCells(text: string): string[] {
  return text
    .slice(1, -1)
    .split("|")
    .map((c) => c.trim());
}

/**
 * A heading is a short single line without sentence-final period or colon: markdown `#`, a question
 * ("Warum … ?") or a title-like phrase followed by more text.
 */
function isHeading(line: TextLine, next: TextLine | undefined): boolean {
  const t = line.text;
  if (/^#{1,6}\s/.test(t)) return true;
  if (!next || t.length > 160 || isTableLine(t) || LIST_ITEM.test(t)) return false;
  if (/[.:;,!]$/.test(t) || /https?:\/\//.test(t)) return false;
  // More than one sentence on the line means it is a paragraph.
  if (/[.!?]\s+\p{Lu}/u.test(t)) return false;
  return t.split(/\s+/).length >= 2 || t.endsWith("?");
}

/**
 * Page chrome: lines above the article such as teaser headlines of other stories, each followed by
 * its date. When a line starts with a date glued to text, that date is the article's and the article
 * starts there; everything above it is chrome.
 */
function findArticleStart(lines: TextLine[]): { index: number; date?: string; dateLength: number } {
  const probe = Math.min(lines.length, 12);
  for (let i = 0; i < probe; i++) {
    const line = lines[i] as TextLine;
    const m = DATE_RE.exec(line.text);
    if (m && line.text.length > m[0].length) {
      return { index: i, date: parseDate(m[0]), dateLength: m[0].length };
    }
  }
  // Otherwise: the article starts after the last standalone date line near the top, if any.
  let lastDate = -1;
  for (let i = 0; i < probe; i++) {
    if (DATE_RE.test((lines[i] as TextLine).text) && (lines[i] as TextLine).text.length <= 12) lastDate = i;
  }
  if (lastDate >= 0) {
    return { index: lastDate + 1, date: parseDate((lines[lastDate] as TextLine).text), dateLength: 0 };
  }
  return { index: 0, dateLength: 0 };
}

function urlTitle(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** Throws FrontMatterError when the front matter cannot be read. */
export function parseDocument(raw: string): ParsedDocument {
  const { fields, end } = readFrontMatter(raw);
  let lines = splitLines(raw, end);
  const sources: SourceLink[] = [];
  const blocks: Block[] = [];

  let date = fields.date ? parseDate(fields.date) : undefined;
  if (end === 0) {
    const start = findArticleStart(lines);
    date ??= start.date;
    lines = lines.slice(start.index);
    const first = lines[0];
    if (first && start.dateLength > 0) {
      const rest = first.text.slice(start.dateLength);
      const lead = rest.length - rest.trimStart().length;
      lines[0] = { text: rest.trim(), start: first.start + start.dateLength + lead };
    }
  }

  // Every URL is untrusted: only safe web links are kept (javascript:, data:, credentials, markdown tricks are not).
  const addSource = (raw: string) => {
    const url = safeWebUrl(raw);
    if (url && !sources.some((s) => s.url === url)) sources.push({ title: urlTitle(url), url });
  };
  for (const url of fields.sources ?? []) addSource(url);

  let inSources = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as TextLine;
    if (SOURCE_HEADINGS.test(line.text)) {
      inSources = true;
      continue;
    }
    if (inSources) {
      const urls = line.text.match(URL_RE);
      if (urls) {
        for (const url of urls) addSource(url.replace(/[.,;]+$/, ""));
        continue;
      }
      inSources = false;
    }
    if (isTableLine(line.text)) {
      const tableLines: TextLine[] = [];
      while (i < lines.length && isTableLine((lines[i] as TextLine).text))
        tableLines.push(lines[i++] as TextLine);
      i--;
      blocks.push(toTable(tableLines));
      continue;
    }
    if (LIST_ITEM.test(line.text)) {
      const items: TextLine[] = [];
      while (i < lines.length && LIST_ITEM.test((lines[i] as TextLine).text)) {
        const item = lines[i++] as TextLine;
        const marker = LIST_ITEM.exec(item.text)?.[0].length ?? 0;
        items.push({ text: item.text.slice(marker).trim(), start: item.start + marker });
      }
      i--;
      const previous = blocks.at(-1);
      // "… durch :" introduces the list: keep it with the items so each item reads in context.
      if (previous?.kind === "paragraph" && /:\s*$/.test(previous.line.text)) {
        blocks.pop();
        blocks.push({ kind: "list", intro: previous.line, items });
      } else {
        blocks.push({ kind: "list", items });
      }
      continue;
    }
    const headingText = line.text.replace(/^#{1,6}\s+/, "");
    if (isHeading(line, lines[i + 1])) {
      blocks.push({
        kind: "heading",
        line: { text: headingText, start: line.start + (line.text.length - headingText.length) },
      });
      continue;
    }
    blocks.push({ kind: "paragraph", line });
  }

  const language =
    fields.language === "en" || fields.lang === "en" ? "en" : fields.language === "de" ? "de" : undefined;
  const title = fields.title || undefined;
  const url = fields.url ? (safeWebUrl(fields.url) ?? undefined) : undefined;
  return { title, ...(url ? { url } : {}), date, language, sources, blocks };
}

function toTable(lines: TextLine[]): Block {
  const isSeparator = (t: string) => /^\|[\s:|-]+\|$/.test(t);
  const header = tableCells((lines[0] as TextLine).text);
  const body = lines.slice(1).filter((l) => !isSeparator(l.text));
  return { kind: "table", header, rows: body.map((line) => ({ cells: tableCells(line.text), line })) };
}
