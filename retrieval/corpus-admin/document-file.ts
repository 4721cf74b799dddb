/**
 * The corpus file format written by corpus changes: front matter the ingestion reads (title, date, language,
 * sources) plus provenance (byline, canonical and fetched URL, content hash), then the article as Markdown.
 * All of it comes from untrusted pages, so every value is made one safe line before it is written.
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { stripControlSequences } from "../text/control.ts";
import { safeWebUrl } from "../text/safe-url.ts";

export interface DocumentFields {
  title: string;
  date?: string;
  language?: string;
  byline?: string;
  /** The URL the document was fetched from (refresh fetches it again). */
  sourceUrl?: string;
  canonicalUrl?: string;
  /** Original file name of an uploaded attachment. */
  fileName?: string;
  addedAt: string;
  addedBy?: string;
  sources: string[];
}

/** One line, no control or bidi-override characters, bounded length. */
export function oneLine(value: string, max = 300): string {
  const cleaned = stripControlSequences(value)
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1).trimEnd()}…` : cleaned;
}

/** An http(s) URL fit for the corpus (the ingestion's own check: no spaces, controls or credentials). */
export function safeUrl(value: string | undefined): string | undefined {
  return safeWebUrl(value) ?? undefined;
}

/** sha256 of the body with whitespace normalised: the same article fetched twice hashes the same. */
export function contentHashOf(body: string): string {
  return createHash("sha256").update(body.replace(/\s+/g, " ").trim()).digest("hex");
}

/** The file: YAML front matter (quoted where a value needs it, e.g. a title with ": ") and the body. */
export function renderDocument(fields: DocumentFields, body: string): string {
  const front: Record<string, string | string[]> = { title: oneLine(fields.title) || "Untitled" };
  const add = (key: string, value: string | undefined) => {
    const v = value === undefined ? "" : oneLine(value);
    if (v) front[key] = v;
  };
  add("date", fields.date && /^\d{4}-\d{2}-\d{2}$/.test(fields.date) ? fields.date : undefined);
  add("language", fields.language && /^[a-z]{2}$/.test(fields.language) ? fields.language : undefined);
  add("byline", fields.byline);
  // The document's own address, which citations link to: the canonical URL, else where it was fetched from.
  add("url", safeUrl(fields.canonicalUrl) ?? safeUrl(fields.sourceUrl));
  add("source_url", safeUrl(fields.sourceUrl));
  add("canonical_url", safeUrl(fields.canonicalUrl));
  add("file_name", fields.fileName);
  add("added_at", fields.addedAt);
  add("added_by", fields.addedBy);
  add("content_hash", contentHashOf(body));
  const sources = fields.sources.map(safeUrl).filter((u): u is string => u !== undefined);
  if (sources.length > 0) front.sources = sources;
  // lineWidth 0: one line per value, as the corpus files have always been written.
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body.trim()}\n`;
}

/** File-name-safe id from a title: ASCII letters and digits with dashes, German umlauts spelled out. */
export function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "document";
}
