/** Reads the corpus folder: every `.txt`/`.md` file is one document. Bad input raises CorpusError. */
import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { CorpusError } from "../errors.ts";
import { stripControlSequences } from "../text/control.ts";
import { detectLanguage } from "../text/language.ts";
import type { Chunk, DocumentMeta } from "../types.ts";
import { type ChunkingOptions, chunkBlocks, defaultChunking } from "./chunker.ts";
import { FrontMatterError } from "./front-matter.ts";
import { parseDocument } from "./parse.ts";

export interface CorpusLimits {
  /** Largest accepted file, bytes. */
  maxFileBytes: number;
  /** Largest accepted corpus, bytes. */
  maxTotalBytes: number;
  /** A file changed more recently than this may still be being written: wait this long and look again. */
  settleMs: number;
  /** How often to wait for a changing file before refusing it as "still being written". */
  maxSettleWaits: number;
}

export const defaultCorpusLimits: CorpusLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  settleMs: 300,
  maxSettleWaits: 5,
};

export interface Corpus {
  documents: DocumentMeta[];
  chunks: Chunk[];
  /** sha256 over every document's path and content: changes whenever the corpus does. */
  hash: string;
  /** The files' names, sizes and modification times as they were read (see `corpusFingerprint`). */
  fingerprint: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * Parses one document's text (exported for tests and for callers that hold text in memory). Terminal escape
 * sequences and control characters are removed first, so no later stage (figures, answers, output) sees them.
 */
export function ingestText(
  relativePath: string,
  text: string,
  chunking: ChunkingOptions = defaultChunking,
  id: string = documentIdOf(relativePath),
): { document: DocumentMeta; chunks: Chunk[] } {
  const raw = stripControlSequences(text);
  const parsed = parseDocument(raw);
  const firstHeading = parsed.blocks.find((b) => b.kind === "heading");
  const title = parsed.title ?? (firstHeading?.kind === "heading" ? firstHeading.line.text : id);
  const bodyText = parsed.blocks
    .map((b) => (b.kind === "heading" || b.kind === "paragraph" ? b.line.text : ""))
    .join(" ");
  const language = parsed.language ?? detectLanguage(bodyText);
  const chunks = chunkBlocks(id, title, parsed.blocks, raw, chunking);
  const document: DocumentMeta = {
    id,
    path: relativePath,
    title,
    ...(parsed.url ? { url: parsed.url } : {}),
    date: parsed.date,
    language,
    sources: parsed.sources,
    contentHash: sha256(raw),
  };
  return { document, chunks };
}

/** `nvidia-openai-deal.de.txt` → `nvidia-openai-deal.de`. */
export function documentIdOf(relativePath: string): string {
  return path.basename(relativePath).replace(/\.(txt|md)$/i, "");
}

/**
 * Document ids from file names; files that share a base name (`a.txt` and `a.md`) keep their extension in
 * the id, so neither shows the other's title, links or date.
 */
export function documentIds(paths: string[]): string[] {
  const count = new Map<string, number>();
  for (const p of paths) count.set(documentIdOf(p), (count.get(documentIdOf(p)) ?? 0) + 1);
  return paths.map((p) => ((count.get(documentIdOf(p)) ?? 0) > 1 ? path.basename(p) : documentIdOf(p)));
}

export interface CorpusFile {
  /** Path relative to the corpus folder. */
  path: string;
  /** UTF-8 text with normalized line ends. */
  raw: string;
  /** Size and modification time of the bytes that were read. */
  stats: FileStamp;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The files a corpus folder holds: `.txt` and `.md`, no hidden ones, sorted. */
function corpusFileNames(entries: string[]): string[] {
  return entries.filter((f) => /\.(txt|md)$/i.test(f) && !f.startsWith(".")).sort();
}

/**
 * A cheap stand-in for the content hash: the ingestion version and every file's name, size and modification
 * time. A start whose corpus has the fingerprint the snapshot was built from trusts the snapshot's corpus hash
 * instead of reading and hashing every file (half a second at 100k chunks); any difference (an edit, a touch,
 * a copy) falls back to the full content hash, so a changed corpus is never missed for want of a new mtime
 * unless a file was rewritten with the same size within the same millisecond and its time set back.
 */
export function fingerprintOf(files: Array<{ path: string; stats: FileStamp }>): string {
  return sha256(
    [INGEST_VERSION, ...files.map((f) => `${f.path}\u0000${f.stats.size}\u0000${f.stats.mtimeMs}`)].join(
      "\n",
    ),
  );
}

/** The fingerprint of the corpus folder as it is now (one stat per file, nothing read); null when unreadable. */
export async function corpusFingerprint(corpusDir: string): Promise<string | null> {
  try {
    const names = corpusFileNames(await readdir(corpusDir));
    const files: Array<{ path: string; stats: FileStamp }> = [];
    for (const name of names) {
      const info = await stat(path.join(corpusDir, name));
      if (info.isFile()) files.push({ path: name, stats: { size: info.size, mtimeMs: info.mtimeMs } });
    }
    return fingerprintOf(files);
  } catch {
    return null;
  }
}

/** Reads and validates every corpus file: the part of ingestion that can fail on bad input. */
export async function readCorpusFiles(
  corpusDir: string,
  overrides: Partial<CorpusLimits> = {},
): Promise<CorpusFile[]> {
  const limits: CorpusLimits = { ...defaultCorpusLimits, ...overrides };
  let entries: string[];
  try {
    entries = await readdir(corpusDir);
  } catch (error) {
    throw new CorpusError(`Cannot read the corpus folder ${corpusDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const names = corpusFileNames(entries);
  if (names.length === 0) throw new CorpusError(`The corpus folder ${corpusDir} holds no .txt or .md file.`);
  const files: CorpusFile[] = [];
  let total = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const name of names) {
    const full = path.join(corpusDir, name);
    let bytes: Buffer;
    let stats: FileStamp;
    try {
      const read = await readWhenSettled(full, name, limits);
      if (!read) continue;
      total += read.bytes.length;
      if (total > limits.maxTotalBytes)
        throw new CorpusError(`The corpus exceeds ${limits.maxTotalBytes} bytes in total.`);
      bytes = read.bytes;
      stats = { size: read.stats.size, mtimeMs: read.stats.mtimeMs };
    } catch (error) {
      if (error instanceof CorpusError) throw error;
      throw new CorpusError(`Cannot read ${name}: ${(error as Error).message}`, { cause: error });
    }
    let raw: string;
    try {
      raw = decoder
        .decode(bytes)
        .replace(/^\uFEFF/, "")
        .replace(/\r\n?/g, "\n");
    } catch (error) {
      throw new CorpusError(`${name} is not valid UTF-8 text.`, { cause: error });
    }
    if (raw.includes("\u0000")) throw new CorpusError(`${name} looks binary (it contains NUL bytes).`);
    if (raw.trim() === "") throw new CorpusError(`${name} is empty.`);
    files.push({ path: name, raw, stats });
  }
  if (files.length === 0) throw new CorpusError(`The corpus folder ${corpusDir} holds no readable document.`);
  return files;
}

/**
 * Bumped whenever ingestion changes what it makes of the same files (e.g. removing escape sequences, refusing
 * unsafe URLs): snapshots built by an older ingestion then count as stale and are rebuilt.
 */
// ingest-3: search terms of scales and money from the quantity lexicon; single sentences judged by text/language.ts.
const INGEST_VERSION = "ingest-3";

const sameFile = (a: Stats, b: Stats) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/**
 * A file's bytes once it has stopped changing; null when it is not a regular file. A file that changed within
 * `settleMs` (an editor saving, a copy in progress) is looked at again after a pause, and a file that changes
 * while it is read is read again, so a half-written article is never indexed; one that keeps changing is
 * refused with a CorpusError (the index is left as it is).
 */
async function readWhenSettled(
  full: string,
  name: string,
  limits: CorpusLimits,
): Promise<{ bytes: Buffer; stats: Stats } | null> {
  let before = await stat(full);
  for (let attempt = 0; attempt <= limits.maxSettleWaits; attempt++) {
    if (!before.isFile()) return null;
    if (before.size > limits.maxFileBytes) {
      throw new CorpusError(
        `${name} is ${before.size} bytes; the limit is ${limits.maxFileBytes} bytes per file.`,
      );
    }
    // Recently modified (or dated in the future): unchanged after a pause means the writer is done.
    if (Date.now() - before.mtimeMs < limits.settleMs) {
      await delay(limits.settleMs);
      const later = await stat(full);
      if (!sameFile(before, later)) {
        before = later;
        continue;
      }
    }
    const bytes = await readFile(full);
    const after = await stat(full);
    if (sameFile(before, after) && bytes.length === after.size) return { bytes, stats: after };
    before = after;
  }
  throw new CorpusError(
    `${name} is still being written (it kept changing for ${limits.settleMs * (limits.maxSettleWaits + 1)} ms); ` +
      "nothing was indexed from it. Try again once the file is complete.",
  );
}

/** sha256 over every file's path and content (and the ingestion version): changes whenever the corpus does. */
export function corpusHash(files: CorpusFile[]): string {
  return sha256([INGEST_VERSION, ...files.map((f) => `${f.path}\u0000${sha256(f.raw)}`)].join("\n"));
}

export async function readCorpus(
  corpusDir: string,
  limits: Partial<CorpusLimits> = {},
  chunking: ChunkingOptions = defaultChunking,
): Promise<Corpus> {
  const files = await readCorpusFiles(corpusDir, limits);
  const documents: DocumentMeta[] = [];
  const chunks: Chunk[] = [];
  const ids = documentIds(files.map((f) => f.path));
  for (const [i, file] of files.entries()) {
    let ingested: ReturnType<typeof ingestText>;
    try {
      ingested = ingestText(file.path, file.raw, chunking, ids[i]);
    } catch (error) {
      if (error instanceof FrontMatterError)
        throw new CorpusError(`${file.path}: ${error.message}.`, { cause: error });
      throw error;
    }
    const { document, chunks: docChunks } = ingested;
    if (docChunks.length === 0) throw new CorpusError(`${file.path} has no text to index.`);
    documents.push(document);
    chunks.push(...docChunks);
  }
  return { documents, chunks, hash: corpusHash(files), fingerprint: fingerprintOf(files) };
}
