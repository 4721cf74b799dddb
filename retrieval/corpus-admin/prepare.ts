/**
 * Turns what an admin hands over (a link, an uploaded file, a local file) into one corpus document:
 * fetched safely, decoded, reduced to the article, with front matter. Nothing touches the disk here.
 */
import path from "node:path";
import { FrontMatterError, stripFrontMatter } from "../corpus/front-matter.ts";
import { type ParsedDocument, parseDocument } from "../corpus/parse.ts";
import { decodeText } from "./decode.ts";
import type { DocumentFields } from "./document-file.ts";
import { CorpusChangeRefused } from "./errors.ts";
import { extractArticle } from "./extract.ts";
import { ACCEPTED_TYPES, type FetchPolicy, safeFetch } from "./safe-fetch.ts";

export type DocumentInput =
  /** A web page, text or Markdown file on the web. */
  | { kind: "url"; url: string }
  /** An uploaded file behind a URL (a Discord attachment): fetched under the same rules. */
  | { kind: "attachment"; name: string; url: string }
  /** A local file (the CLI). */
  | { kind: "file"; name: string; bytes: Buffer };

export interface PreparedDocument {
  fields: Omit<DocumentFields, "addedAt" | "addedBy">;
  body: string;
}

type Format = "html" | "markdown" | "text" | "pdf";

const BY_EXTENSION: Record<string, Format> = {
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".md": "markdown",
  ".markdown": "markdown",
  ".txt": "text",
  ".pdf": "pdf",
};

const BY_MIME: Record<string, Format> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "application/pdf": "pdf",
};

function formatOfName(name: string): Format | undefined {
  return BY_EXTENSION[path.extname(name).toLowerCase()];
}

function refuseUnknownFile(name: string): never {
  throw new CorpusChangeRefused(
    "unsupported-type",
    `${path.basename(name).slice(0, 100)}: only .txt, .md and .html files can be added.`,
  );
}

function checkSize(bytes: Buffer, maxBytes: number): void {
  if (bytes.length > maxBytes) {
    throw new CorpusChangeRefused(
      "too-large",
      `The file is ${bytes.length} bytes; the limit is ${maxBytes} bytes (MAX_DOCUMENT_BYTES).`,
    );
  }
}

export async function prepareDocument(input: DocumentInput, policy: FetchPolicy): Promise<PreparedDocument> {
  if (input.kind === "file") {
    const format = formatOfName(input.name) ?? refuseUnknownFile(input.name);
    checkSize(input.bytes, policy.limits.maxBytes);
    return fromBytes(format, input.bytes, undefined, { fileName: path.basename(input.name) });
  }
  if (input.kind === "attachment") {
    // Decide by the name first: refuse a .exe before downloading it.
    const format = formatOfName(input.name) ?? refuseUnknownFile(input.name);
    const fetched = await safeFetch(input.url, {
      ...policy,
      acceptTypes: [...ACCEPTED_TYPES, "application/octet-stream"],
    });
    return fromBytes(format, fetched.body, fetched.charset, { fileName: path.basename(input.name) });
  }
  const fetched = await safeFetch(input.url, policy);
  const format = BY_MIME[fetched.mimeType] ?? "text";
  return fromBytes(format, fetched.body, fetched.charset, { url: fetched.url });
}

function fromBytes(
  format: Format,
  bytes: Buffer,
  charset: string | undefined,
  origin: { url?: string; fileName?: string },
): PreparedDocument {
  if (format === "pdf") {
    throw new CorpusChangeRefused(
      "unsupported-type",
      "PDF documents are not supported; add the article's web page, or save it as text or Markdown.",
    );
  }
  const text = decodeText(bytes, charset, format === "html");
  if (format === "html") {
    const article = extractArticle(text, origin.url ?? "https://attachment.invalid/");
    return {
      fields: {
        title: article.title,
        byline: article.byline,
        date: article.date,
        language: article.language,
        sourceUrl: origin.url,
        canonicalUrl: article.canonicalUrl,
        fileName: origin.fileName,
        sources: origin.url ? [article.canonicalUrl ?? origin.url, ...article.sources] : article.sources,
      },
      body: article.markdown,
    };
  }
  // Text and Markdown are taken as they are; their own front matter (title, date, language, sources) is kept.
  let parsed: ParsedDocument;
  try {
    parsed = parseDocument(text);
  } catch (error) {
    if (error instanceof FrontMatterError)
      throw new CorpusChangeRefused("invalid-document", `${capitalised(error.message)}.`);
    throw error;
  }
  const body = stripFrontMatter(text).trim();
  if (body.replace(/\s+/g, "").length === 0) {
    throw new CorpusChangeRefused("empty-article", "The document has no text.");
  }
  const firstHeading = parsed.blocks.find((b) => b.kind === "heading");
  const fallbackTitle = origin.fileName
    ? origin.fileName.replace(/\.[^.]+$/, "")
    : (origin.url && lastPathSegment(origin.url)) || "Untitled";
  return {
    fields: {
      title: parsed.title ?? (firstHeading?.kind === "heading" ? firstHeading.line.text : fallbackTitle),
      date: parsed.date,
      language: parsed.language,
      sourceUrl: origin.url,
      fileName: origin.fileName,
      sources: [...(origin.url ? [origin.url] : []), ...parsed.sources.map((s) => s.url)],
    },
    body,
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function lastPathSegment(url: string): string {
  const segment = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
