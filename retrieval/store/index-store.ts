/**
 * Crash-safe persisted index snapshots.
 *
 *   <indexDir>/CURRENT                     name of the live snapshot
 *   <indexDir>/snapshots/<version>/        manifest.json, documents.json, chunks.bin (columnar chunks),
 *                                          figures.json, lexical.bin (BM25 postings), vectors.f32,
 *                                          vectors.hnsw (HNSW)
 *
 * Everything a running bot needs is in the snapshot, prepared by whoever wrote it: loading reads the files,
 * has their checksums computed off the main thread (worker threads, all files at once, file-hash.ts) and views
 * typed arrays; what little runs on the main thread runs in slices that yield to the event
 * loop, so a live bot keeps answering during a swap. Chunks become objects only when asked for (chunk-table.ts)
 * and figures are parsed on first use (figure-list.ts): a start at 100k chunks creates almost no objects.
 *
 * A snapshot is written into `tmp-*`, fsynced, then renamed into `snapshots/`; only then is CURRENT
 * replaced (write + fsync + rename). A crash at any point leaves CURRENT naming a complete snapshot.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { noPause, type Pause, slicer } from "../cooperative.ts";
import { IndexIntegrityError } from "../errors.ts";
import type { LexicalIndex } from "../lexical/bm25.ts";
import { deserializeLexical, LEXICAL_FILE, serializeLexical } from "../lexical/persist.ts";
import type { Chunk, DocumentMeta, Figure, Logger } from "../types.ts";
import { HNSW_FILE, VECTORS_FILE, VectorIndex } from "../vector/vector-index.ts";
import {
  CHUNKS_FILE,
  type ChunkList,
  chunkIdsOf,
  chunkList,
  encodeChunks,
  PackedChunkList,
} from "./chunk-table.ts";
import { compactFigure, expandFigure, type StoredFigure } from "./compact.ts";
import { FigureList } from "./figure-list.ts";
import { hashBufferOffThread, hashFileOffThread } from "./file-hash.ts";
import { explainWriteError } from "./write-errors.ts";

/**
 * Snapshots of another format are rebuilt from the corpus (2: the lexical index is saved too; 3: chunks are a
 * columnar file and the manifest counts them instead of listing their ids).
 */
export const SNAPSHOT_FORMAT = 3;

/** A snapshot written by another version of Fundstelle: not damaged, just to be rebuilt. */
export class SnapshotFormatError extends IndexIntegrityError {
  override name = "SnapshotFormatError";
}

export interface IndexManifest {
  formatVersion: typeof SNAPSHOT_FORMAT;
  indexVersion: string;
  createdAt: string;
  corpusHash: string;
  /** Names, sizes and modification times of the corpus files it was built from (null: unknown). */
  corpusFingerprint: string | null;
  /** Number of chunks (their ids are in chunks.bin). */
  chunks: number;
  /** Number of figures in figures.json (they are parsed on first use). */
  figures: number;
  model: { id: string; dims: number; quantized: boolean } | null;
  vectorIndex: { kind: "exact" | "hnsw"; M?: number; efConstruction?: number } | null;
  files: Record<string, { sha256: string; bytes: number }>;
}

export interface IndexSnapshot {
  manifest: IndexManifest;
  documents: DocumentMeta[];
  chunks: ChunkList;
  figures: FigureList;
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
}

export interface SnapshotData {
  corpusHash: string;
  /** See IndexManifest; absent for snapshots not built from a corpus folder. */
  corpusFingerprint?: string | null;
  documents: DocumentMeta[];
  /** A fresh build's chunks, or those of a snapshot read back (written again under a new version). */
  chunks: readonly Chunk[] | ChunkList;
  figures: Figure[] | FigureList;
  lexical: LexicalIndex;
  vectors: VectorIndex | null;
  model: IndexManifest["model"];
}

const CURRENT = "CURRENT";
const SNAPSHOTS = "snapshots";
const MANIFEST = "manifest.json";
const KEEP_SNAPSHOTS = 2;
/** A temp dir of a live process on another host (shared volume) is left alone for this long. */
const STALE_TMP_MS = 60 * 60 * 1000;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Temp dirs and files this process is writing right now; never pruned. */
const inProgress = new Set<string>();

/**
 * Writes a snapshot and makes it current. A file-system failure (disk full, read-only, permissions, a wrong
 * path) becomes an IndexWriteError that says so in plain words and names the folder, for every caller.
 */
export async function writeSnapshot(
  indexDir: string,
  data: SnapshotData,
  logger: Logger,
): Promise<IndexManifest> {
  try {
    return await writeSnapshotFiles(indexDir, data, logger);
  } catch (error) {
    throw explainWriteError(error, indexDir) ?? error;
  }
}

async function writeSnapshotFiles(
  indexDir: string,
  data: SnapshotData,
  logger: Logger,
): Promise<IndexManifest> {
  if (data.vectors && !data.model) throw new Error("writeSnapshot: vectors given without model info");
  if (data.vectors && data.model && data.vectors.dims !== data.model.dims) {
    throw new Error(`writeSnapshot: vectors have ${data.vectors.dims} dims, model says ${data.model.dims}`);
  }
  if (data.vectors && data.vectors.size !== data.chunks.length) {
    throw new Error(`writeSnapshot: ${data.vectors.size} vectors for ${data.chunks.length} chunks`);
  }
  if (data.lexical.size !== data.chunks.length) {
    throw new Error(
      `writeSnapshot: a lexical index of ${data.lexical.size} for ${data.chunks.length} chunks`,
    );
  }
  const snapshotsDir = path.join(indexDir, SNAPSHOTS);
  await mkdir(snapshotsDir, { recursive: true });
  const createdAt = nextTimestamp();
  const version = snapshotVersion(createdAt, data.corpusHash);
  const tmpName = `tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmpDir = path.join(indexDir, tmpName);
  inProgress.add(tmpName);
  try {
    await mkdir(tmpDir);
    const files: IndexManifest["files"] = {};
    const chunks = chunkList(data.chunks);
    const figureCount = data.figures instanceof FigureList ? data.figures.count : data.figures.length;
    const contents: Array<[string, Buffer]> = [
      ["documents.json", jsonLines(data.documents)],
      [CHUNKS_FILE, encodeChunks(chunks)],
      ["figures.json", figureLines(data.figures, chunks)],
      [LEXICAL_FILE, serializeLexical(data.lexical)],
    ];
    for (const [name, content] of contents) {
      files[name] = await writeDurably(path.join(tmpDir, name), content);
    }
    if (data.vectors) {
      for (const name of await data.vectors.save(tmpDir)) {
        files[name] = await syncAndHash(path.join(tmpDir, name));
      }
    }
    const manifest: IndexManifest = {
      formatVersion: SNAPSHOT_FORMAT,
      indexVersion: version,
      createdAt: createdAt.toISOString(),
      corpusHash: data.corpusHash,
      corpusFingerprint: data.corpusFingerprint ?? null,
      chunks: data.chunks.length,
      figures: figureCount,
      model: data.model,
      vectorIndex: data.vectors ? describeVectors(data.vectors) : null,
      files,
    };
    await writeDurably(path.join(tmpDir, MANIFEST), Buffer.from(JSON.stringify(manifest, null, 2)));
    await syncDir(tmpDir);
    await rename(tmpDir, path.join(snapshotsDir, version));
    await syncDir(snapshotsDir);
    await writeCurrent(indexDir, version);
    logger.info({ indexVersion: version, files: Object.keys(files).length }, "index snapshot written");
    await pruneSafely(indexDir, version, logger);
    return manifest;
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true }).catch(() => {});
    throw error;
  } finally {
    inProgress.delete(tmpName);
  }
}

/** Null when there is no index yet; IndexIntegrityError when the saved one is damaged. */
export async function readSnapshot(
  indexDir: string,
  logger: Logger,
  /** vectors: false leaves the vector files unread (a lexical-only engine has no use for them). */
  options: ReadOptions = { vectors: true },
): Promise<IndexSnapshot | null> {
  const current = await readCurrentFile(indexDir);
  if (current === null) return readNewestSnapshot(indexDir, logger, options);
  try {
    return await readVersion(indexDir, current, options);
  } catch (error) {
    // Another process may have swapped in a newer snapshot and pruned ours while we read it.
    const now = await readCurrentFile(indexDir);
    if (error instanceof IndexIntegrityError && now !== null && now !== current) {
      return readVersion(indexDir, now, options);
    }
    throw error;
  }
}

/**
 * What a report compares against (chunk ids and figures of the live snapshot), without loading the rest.
 * Null when there is no readable snapshot: the report then counts everything as added.
 */
export async function readSnapshotSummary(
  indexDir: string,
): Promise<{ indexVersion: string; chunkIds: string[]; figures: Figure[] } | null> {
  try {
    const version = await readCurrentFile(indexDir);
    if (version === null) return null;
    const dir = path.join(indexDir, SNAPSHOTS, version);
    const manifest = parseManifest(await readJson(dir, MANIFEST, version), version);
    const [chunkFile, figureFile] = await Promise.all([
      readVerified(dir, CHUNKS_FILE, manifest),
      readVerified(dir, "figures.json", manifest),
    ]);
    const chunks = await readChunks(chunkFile, manifest, noPause);
    const figures = readFigures(figureFile, chunks, manifest).all();
    return { indexVersion: version, chunkIds: chunkIdsOf(chunks), figures };
  } catch {
    return null;
  }
}

/** Name of the live snapshot, or null when there is none (cheap: one small file read). */
export async function readCurrentVersion(indexDir: string): Promise<string | null> {
  try {
    return await readCurrentFile(indexDir);
  } catch {
    return null;
  }
}

async function readCurrentFile(indexDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path.join(indexDir, CURRENT), "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
  const version = text.trim();
  if (!SAFE_NAME.test(version)) {
    throw new IndexIntegrityError(
      `${path.join(indexDir, CURRENT)} does not name a snapshot (${JSON.stringify(text.slice(0, 40))})`,
    );
  }
  return version;
}

/** CURRENT is missing (first write crashed before it, or it was deleted): every renamed snapshot is complete. */
async function readNewestSnapshot(
  indexDir: string,
  logger: Logger,
  options: ReadOptions,
): Promise<IndexSnapshot | null> {
  const versions = await listSnapshots(indexDir);
  let lastError: unknown;
  for (const version of versions.reverse()) {
    try {
      const snapshot = await readVersion(indexDir, version, options);
      logger.warn(
        { indexDir, indexVersion: version },
        "index CURRENT file is missing; using the newest snapshot",
      );
      return snapshot;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  return null;
}

export interface ReadOptions {
  vectors: boolean;
}

async function readVersion(indexDir: string, version: string, options: ReadOptions): Promise<IndexSnapshot> {
  const dir = path.join(indexDir, SNAPSHOTS, version);
  const manifest = parseManifest(await readJson(dir, MANIFEST, version), version);
  const pause = slicer();
  for (const name of REQUIRED_FILES) {
    if (!manifest.files[name]) throw integrity(version, `the manifest does not list ${name}`);
  }
  // Every file is read and checked at once (the digests run in the thread pool, in parallel); files this
  // version does not read are checked too: a damaged snapshot is never served.
  const unknown = Object.keys(manifest.files).filter((name) => !KNOWN_FILES.has(name));
  const vectorsWanted = options.vectors && manifest.vectorIndex !== null;
  const [documentsFile, chunkFile, figureFile, lexicalFile, vectorsFile] = await Promise.all([
    ...REQUIRED_FILES.map((name) => readVerified(dir, name, manifest)),
    vectorsWanted && manifest.files[VECTORS_FILE] ? readVerified(dir, VECTORS_FILE, manifest) : null,
    ...unknown.map((name) => readVerified(dir, name, manifest)),
  ]);
  const documents = await parseArray(
    documentsFile as Buffer,
    "documents.json",
    version,
    pause,
    (value) => value as DocumentMeta,
  );
  const chunks = await readChunks(chunkFile as Buffer, manifest, pause);
  const figures = readFigures(figureFile as Buffer, chunks, manifest);
  let lexical: LexicalIndex;
  try {
    lexical = await deserializeLexical(lexicalFile as Buffer, pause);
  } catch (error) {
    if (error instanceof IndexIntegrityError) throw error;
    throw integrity(version, `the lexical index cannot be loaded (${(error as Error).message})`, error);
  }
  if (lexical.size !== chunks.length) {
    throw integrity(version, `the lexical index covers ${lexical.size} chunks, not ${chunks.length}`);
  }
  const vectors = vectorsWanted
    ? await readVectors(dir, manifest, vectorsFile ?? null, chunks.length, pause)
    : null;
  return { manifest, documents, chunks, figures, lexical, vectors };
}

async function readChunks(content: Buffer, manifest: IndexManifest, pause: Pause): Promise<ChunkList> {
  let chunks: ChunkList;
  try {
    chunks = await PackedChunkList.decode(content, pause);
  } catch (error) {
    throw integrity(
      manifest.indexVersion,
      `the chunks cannot be loaded (${(error as Error).message})`,
      error,
    );
  }
  if (chunks.length !== manifest.chunks) {
    throw integrity(
      manifest.indexVersion,
      `${CHUNKS_FILE} holds ${chunks.length} chunks, the manifest says ${manifest.chunks}`,
    );
  }
  return chunks;
}

/** Figures are parsed on first use; a line that is not a figure of these chunks is an integrity error then. */
function readFigures(content: Buffer, chunks: ChunkList, manifest: IndexManifest): FigureList {
  const version = manifest.indexVersion;
  const chunkOf = (id: string) => chunks.at(chunks.indexOfId(id));
  try {
    return FigureList.lazy(content, manifest.figures, (line) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw integrity(version, `figures.json is not valid JSON (${(error as Error).message})`);
      }
      return expandOne(value, (v) => expandFigure(v as StoredFigure, chunkOf), "figures.json", version);
    });
  } catch (error) {
    throw integrity(version, `figures.json cannot be read (${(error as Error).message})`, error);
  }
}

const REQUIRED_FILES = ["documents.json", CHUNKS_FILE, "figures.json", LEXICAL_FILE] as const;

const KNOWN_FILES = new Set<string>([...REQUIRED_FILES, VECTORS_FILE, HNSW_FILE]);

/**
 * Reads a file the manifest lists and checks its size and sha256. The digest runs in a worker thread
 * (file-hash.ts), so hashing hundreds of megabytes neither blocks the event loop nor waits for the other files.
 */
async function readVerified(dir: string, name: string, manifest: IndexManifest): Promise<Buffer> {
  const version = manifest.indexVersion;
  const expected = manifest.files[name];
  if (!expected) throw integrity(version, `the manifest does not list ${name}`);
  const content = await readFile(path.join(dir, name)).catch((error: unknown) => {
    throw integrity(version, `file ${name} is missing or unreadable (${errorCode(error) ?? String(error)})`);
  });
  if (content.byteLength !== expected.bytes) {
    throw integrity(
      version,
      `file ${name} has ${content.byteLength} bytes, the manifest says ${expected.bytes}`,
    );
  }
  const hashed = await hashBufferOffThread(content).catch((error: unknown) => {
    throw integrity(version, `file ${name} could not be checked (${(error as Error).message})`);
  });
  if (hashed.sha256 !== expected.sha256) throw integrity(version, `file ${name} fails its sha256 check`);
  return hashed.content;
}

/**
 * One element per line (see jsonLines), so a large array is parsed element by element between pauses;
 * `expand` turns each stored element into the value the index uses (it throws on a bad one).
 */
async function parseArray<T>(
  content: Buffer,
  name: string,
  version: string,
  pause: Pause,
  expand: (value: unknown) => T,
): Promise<T[]> {
  const bad = (problem: string) => integrity(version, `${name} is not valid JSON (${problem})`);
  const out: T[] = [];
  let at = content.indexOf(NEWLINE);
  if (at < 0 || content.toString("utf8", 0, at) !== "[") {
    return expandAll(parseWhole(content, name, version), expand, name, version);
  }
  at++;
  for (;;) {
    const end = content.indexOf(NEWLINE, at);
    if (end < 0) throw bad("unterminated array");
    const line = content.toString("utf8", at, content[end - 1] === COMMA ? end - 1 : end);
    at = end + 1;
    if (line === "]") break;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw bad((error as Error).message);
    }
    out.push(expandOne(value, expand, name, version));
    await pause();
  }
  if (at !== content.byteLength) throw bad("data after the array");
  return out;
}

function expandOne<T>(value: unknown, expand: (value: unknown) => T, name: string, version: string): T {
  if (typeof value !== "object" || value === null) throw integrity(version, `${name} holds a non-object`);
  try {
    return expand(value);
  } catch (error) {
    throw integrity(version, `${name} is inconsistent (${(error as Error).message})`);
  }
}

function expandAll<T>(values: unknown[], expand: (value: unknown) => T, name: string, version: string): T[] {
  return values.map((value) => expandOne(value, expand, name, version));
}

function parseWhole(content: Buffer, name: string, version: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(content.toString("utf8"));
  } catch (error) {
    throw integrity(version, `${name} is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw integrity(version, `${name} is not an array`);
  return value;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/** Checks a file without holding it in memory (the HNSW graph: native code reads it itself). */
async function verifyOffThread(dir: string, name: string, manifest: IndexManifest): Promise<void> {
  const version = manifest.indexVersion;
  const expected = manifest.files[name];
  if (!expected) throw integrity(version, `the manifest does not list ${name}`);
  const actual = await hashFileOffThread(path.join(dir, name)).catch((error: unknown) => {
    throw integrity(version, `file ${name} is missing or unreadable (${(error as Error).message})`);
  });
  if (actual.bytes !== expected.bytes) {
    throw integrity(version, `file ${name} has ${actual.bytes} bytes, the manifest says ${expected.bytes}`);
  }
  if (actual.sha256 !== expected.sha256) throw integrity(version, `file ${name} fails its sha256 check`);
}

/** figures.json; figures read from a snapshot and never parsed are written as they were read. */
function figureLines(figures: Figure[] | FigureList, chunks: ChunkList): Buffer {
  if (figures instanceof FigureList) {
    const stored = figures.unparsedLines;
    if (stored) return stored;
  }
  const chunkOf = (id: string) => chunks.at(chunks.indexOfId(id));
  const all = figures instanceof FigureList ? figures.all() : figures;
  return jsonLines(all.map((f) => compactFigure(f, chunkOf)));
}

/** A JSON array with one element per line (JSON.stringify never emits a raw newline inside a value). */
function jsonLines(items: unknown[]): Buffer {
  if (items.length === 0) return Buffer.from("[\n]\n");
  return Buffer.from(`[\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n]\n`);
}

async function readVectors(
  dir: string,
  manifest: IndexManifest,
  raw: Buffer | null,
  count: number,
  pause: Pause,
): Promise<VectorIndex | null> {
  const { vectorIndex, model, indexVersion } = manifest;
  if (!vectorIndex) return null;
  if (!model) throw integrity(indexVersion, "the manifest has a vector index but no model");
  const required = vectorIndex.kind === "hnsw" ? [VECTORS_FILE, HNSW_FILE] : [VECTORS_FILE];
  for (const name of required) {
    if (!manifest.files[name]) throw integrity(indexVersion, `the manifest does not list ${name}`);
  }
  if (!raw) throw integrity(indexVersion, `${VECTORS_FILE} was not read`);
  // The graph file is checked while native code reads it, both in the thread pool; it is served only if it passes.
  const graphChecked = manifest.files[HNSW_FILE]
    ? verifyOffThread(dir, HNSW_FILE, manifest)
    : Promise.resolve();
  // Handled below; without this a failed check would count as unhandled while the load is still running.
  graphChecked.catch(() => {});
  let index: VectorIndex;
  try {
    index = await VectorIndex.load(
      dir,
      model.dims,
      count,
      {
        // Load the kind that was saved, whatever the current default threshold is.
        exactBelow: vectorIndex.kind === "hnsw" ? 0 : Number.POSITIVE_INFINITY,
        ...(vectorIndex.M !== undefined ? { M: vectorIndex.M } : {}),
        ...(vectorIndex.efConstruction !== undefined ? { efConstruction: vectorIndex.efConstruction } : {}),
      },
      { raw, pause },
    );
  } catch (error) {
    await graphChecked;
    throw integrity(indexVersion, `vectors cannot be loaded (${(error as Error).message})`, error);
  }
  await graphChecked;
  return index;
}

const fileName = z.string().regex(SAFE_NAME);
const manifestSchema = z.object({
  formatVersion: z.literal(SNAPSHOT_FORMAT),
  indexVersion: fileName,
  createdAt: z.string().min(1),
  corpusHash: z.string(),
  corpusFingerprint: z.string().nullable(),
  chunks: z.number().int().min(0),
  figures: z.number().int().min(0),
  model: z
    .object({ id: z.string().min(1), dims: z.number().int().positive(), quantized: z.boolean() })
    .nullable(),
  vectorIndex: z
    .object({
      kind: z.enum(["exact", "hnsw"]),
      M: z.number().int().positive().optional(),
      efConstruction: z.number().int().positive().optional(),
    })
    .nullable(),
  files: z.record(
    fileName,
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }),
  ),
});

function parseManifest(value: unknown, version: string): IndexManifest {
  const format = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof format === "number" && format !== SNAPSHOT_FORMAT) {
    throw new SnapshotFormatError(
      `Saved index ${version} has snapshot format ${format}; this version reads format ${SNAPSHOT_FORMAT} and rebuilds it.`,
    );
  }
  const result = manifestSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw integrity(
      version,
      `manifest.json is malformed (${issue?.path.join(".") || "root"}: ${issue?.message})`,
    );
  }
  if (result.data.indexVersion !== version) {
    throw integrity(version, `manifest.json names version ${result.data.indexVersion}`);
  }
  return result.data;
}

async function readJson(dir: string, name: string, version: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), "utf8");
  } catch (error) {
    throw integrity(version, `${name} is missing or unreadable (${errorCode(error) ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw integrity(version, `${name} is not valid JSON (${(error as Error).message})`);
  }
}

function integrity(version: string, problem: string, cause?: unknown): IndexIntegrityError {
  return new IndexIntegrityError(`Saved index ${version}: ${problem}.`, cause ? { cause } : undefined);
}

function describeVectors(vectors: VectorIndex): NonNullable<IndexManifest["vectorIndex"]> {
  if (vectors.kind === "exact") return { kind: "exact" };
  return { kind: "hnsw", M: vectors.options.M, efConstruction: vectors.options.efConstruction };
}

let lastTimestamp = 0;

/** Strictly increasing within the process, so version names sort in write order even within one millisecond. */
function nextTimestamp(): Date {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return new Date(lastTimestamp);
}

/** Sortable by time (UTC, ms) and recognizable by corpus; the random tail avoids clashes between processes. */
function snapshotVersion(createdAt: Date, corpusHash: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, "").replace(".", "");
  const hash = corpusHash.replace(/[^0-9a-zA-Z]/g, "").slice(0, 8) || "nohash";
  return `${stamp}-${hash}-${randomBytes(2).toString("hex")}`;
}

async function writeCurrent(indexDir: string, version: string): Promise<void> {
  const tmpName = `${CURRENT}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  inProgress.add(tmpName);
  const tmpFile = path.join(indexDir, tmpName);
  try {
    await writeDurably(tmpFile, Buffer.from(`${version}\n`));
    await rename(tmpFile, path.join(indexDir, CURRENT));
    await syncDir(indexDir);
  } catch (error) {
    await rm(tmpFile, { force: true }).catch(() => {});
    throw error;
  } finally {
    inProgress.delete(tmpName);
  }
}

async function writeDurably(file: string, content: Buffer): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(file, "w");
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { sha256: sha256(content), bytes: content.byteLength };
}

/** For files written by someone else (the vector index): fsync them and record what is on disk. */
async function syncAndHash(file: string): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(file, "r+");
  try {
    await handle.sync();
    const content = await handle.readFile();
    return { sha256: sha256(content), bytes: content.byteLength };
  } finally {
    await handle.close();
  }
}

/** Makes renames and new entries in `dir` durable. Some platforms cannot fsync a directory; that is fine. */
async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!["EISDIR", "EPERM", "EINVAL", "EBADF", "EACCES"].includes(errorCode(error) ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

async function listSnapshots(indexDir: string): Promise<string[]> {
  const entries = await readdir(path.join(indexDir, SNAPSHOTS), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && SAFE_NAME.test(e.name))
    .map((e) => e.name)
    .sort();
}

async function pruneSafely(indexDir: string, justWritten: string, logger: Logger): Promise<void> {
  try {
    await prune(indexDir, justWritten, logger);
  } catch (error) {
    logger.warn({ indexDir, err: (error as Error).message }, "could not clean up old index snapshots");
  }
}

/** Keeps the newest snapshots plus the live one; removes leftovers of crashed writes. */
async function prune(indexDir: string, justWritten: string, logger: Logger): Promise<void> {
  const current = await readCurrentVersion(indexDir);
  const versions = await listSnapshots(indexDir);
  const keep = new Set([...versions.slice(-KEEP_SNAPSHOTS), justWritten, ...(current ? [current] : [])]);
  const removed: string[] = [];
  for (const version of versions) {
    if (keep.has(version)) continue;
    await rm(path.join(indexDir, SNAPSHOTS, version), { recursive: true, force: true });
    removed.push(version);
  }
  for (const entry of await readdir(indexDir)) {
    if (!entry.startsWith("tmp-") && !entry.startsWith(`${CURRENT}.tmp`)) continue;
    if (!(await isStaleTemp(path.join(indexDir, entry), entry))) continue;
    await rm(path.join(indexDir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  if (removed.length > 0) logger.debug({ indexDir, removed }, "pruned old index snapshots and temp files");
}

/** A temp entry is stale when no live writer owns it: not ours in progress, and its process is gone. */
async function isStaleTemp(fullPath: string, name: string): Promise<boolean> {
  if (inProgress.has(name)) return false;
  const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
  if (!Number.isInteger(pid) || pid === process.pid || !processAlive(pid)) return true;
  // The pid is alive, but it may be reused or live on another host sharing the volume: go by age.
  const info = await stat(fullPath).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > STALE_TMP_MS;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

function sha256(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
