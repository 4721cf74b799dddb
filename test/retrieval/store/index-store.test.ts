import { mkdir, mkdtemp, readdir, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IndexIntegrityError } from "../../../retrieval/errors.ts";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { buildConcepts } from "../../../retrieval/lexical/query.ts";
import {
  type IndexManifest,
  readCurrentVersion,
  readSnapshot,
  type SnapshotData,
  SnapshotFormatError,
  writeSnapshot,
} from "../../../retrieval/store/index-store.ts";
import type { Chunk, DocumentMeta, Figure, Logger } from "../../../retrieval/types.ts";
import { VectorIndex } from "../../../retrieval/vector/vector-index.ts";

const warnings: string[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  warn: (obj, msg) => warnings.push(typeof obj === "string" ? obj : (msg ?? "")),
  error() {},
};

const DIMS = 8;

const documents: DocumentMeta[] = [
  {
    id: "artikel.de",
    path: "artikel.de.txt",
    title: "Ein Artikel",
    language: "de",
    sources: [{ title: "Quelle", url: "https://example.org/a" }],
    contentHash: "ab".repeat(32),
  },
];

function chunk(i: number): Chunk {
  const text = `Satz Nummer ${i} über Nvidia und OpenAI.`;
  return {
    id: `c${i}`,
    documentId: "artikel.de",
    section: "Einleitung",
    kind: "prose",
    text,
    start: i * 100,
    end: i * 100 + text.length,
    sentences: [{ text, start: i * 100, end: i * 100 + text.length }],
  };
}

const figures: Figure[] = [
  {
    label: "Deal-Volumen",
    text: "100 Milliarden Dollar",
    value: 100e9,
    unit: "USD",
    quote: "Satz Nummer 0 über Nvidia und OpenAI.",
    chunkId: "c0",
    documentId: "artikel.de",
    documentTitle: "Artikel",
    section: "Einleitung",
    topics: ["nvidia", "openai"],
    keyScore: 0.6,
    key: true,
    factId: "c0:100 Milliarden Dollar",
    primary: true,
    alternates: [],
  },
];

function vectorFor(i: number): Float32Array {
  return Float32Array.from({ length: DIMS }, (_, d) => Math.sin(i * 7 + d * 3));
}

function snapshotData(
  options: { chunks?: number; hnsw?: boolean; corpusHash?: string; vectors?: boolean } = {},
) {
  const chunks = Array.from({ length: options.chunks ?? 5 }, (_, i) => chunk(i));
  const withVectors = options.vectors ?? true;
  return {
    corpusHash: options.corpusHash ?? "f00d".repeat(16),
    documents,
    chunks,
    figures,
    lexical: new LexicalIndex(chunks.map((c) => ({ body: c.text, section: c.section, lang: "de" as const }))),
    vectors: withVectors
      ? VectorIndex.build(
          chunks.map((_, i) => vectorFor(i)),
          DIMS,
          { exactBelow: options.hnsw ? 0 : 1000 },
        )
      : null,
    model: withVectors ? { id: "fundstelle-test-model", dims: DIMS, quantized: true } : null,
  } satisfies SnapshotData;
}

const snapshotDir = (indexDir: string, manifest: IndexManifest) =>
  path.join(indexDir, "snapshots", manifest.indexVersion);

describe("index store", () => {
  let indexDir: string;

  beforeEach(async () => {
    indexDir = await mkdtemp(path.join(tmpdir(), "fundstelle-store-"));
    warnings.length = 0;
  });
  afterEach(async () => {
    await rm(indexDir, { recursive: true, force: true });
  });

  it("reports no index for an empty or missing directory", async () => {
    expect(await readSnapshot(indexDir, logger)).toBeNull();
    expect(await readCurrentVersion(indexDir)).toBeNull();
    expect(await readSnapshot(path.join(indexDir, "nope"), logger)).toBeNull();
  });

  it("reads back exactly what it wrote, vectors included", async () => {
    const data = snapshotData();
    const manifest = await writeSnapshot(indexDir, data, logger);
    expect(manifest).toMatchObject({
      formatVersion: 3,
      corpusHash: data.corpusHash,
      chunks: 5,
      model: data.model,
      vectorIndex: { kind: "exact" },
    });
    expect(Object.keys(manifest.files).sort()).toEqual([
      "chunks.bin",
      "documents.json",
      "figures.json",
      "lexical.bin",
      "vectors.f32",
    ]);
    expect(manifest.indexVersion).toMatch(/^\d{8}T\d{9}Z-f00df00d-[0-9a-f]{4}$/);
    expect(await readCurrentVersion(indexDir)).toBe(manifest.indexVersion);

    const snapshot = await readSnapshot(indexDir, logger);
    expect(snapshot?.manifest).toEqual(manifest);
    expect(snapshot?.documents).toEqual(data.documents);
    const read = snapshot?.chunks;
    expect(read && Array.from({ length: read.length }, (_, i) => read.at(i))).toEqual(data.chunks);
    expect(read?.indexOfId("c3")).toBe(3);
    expect(snapshot?.figures.count).toBe(data.figures.length);
    expect(snapshot?.figures.all()).toEqual(data.figures);
    const concepts = buildConcepts("Nummer 3 Nvidia", "de", "de", data.lexical);
    expect(snapshot?.lexical.search(concepts, 5)).toEqual(data.lexical.search(concepts, 5));
    expect(snapshot?.vectors?.kind).toBe("exact");
    expect(snapshot?.vectors?.search(vectorFor(3), 2)).toEqual(data.vectors?.search(vectorFor(3), 2));
    expect(await readdir(indexDir)).toEqual(["CURRENT", "snapshots"]);
  });

  it("keeps an HNSW index as HNSW, with its parameters in the manifest", async () => {
    const data = snapshotData({ chunks: 30, hnsw: true });
    const manifest = await writeSnapshot(indexDir, data, logger);
    expect(manifest.vectorIndex).toEqual({ kind: "hnsw", M: 16, efConstruction: 200 });
    expect(manifest.files["vectors.hnsw"]?.bytes).toBeGreaterThan(0);
    const snapshot = await readSnapshot(indexDir, logger);
    expect(snapshot?.vectors?.kind).toBe("hnsw");
    expect(snapshot?.vectors?.search(vectorFor(12), 3)).toEqual(data.vectors?.search(vectorFor(12), 3));
  });

  it("stores a lexical-only index without vectors", async () => {
    const manifest = await writeSnapshot(indexDir, snapshotData({ vectors: false }), logger);
    expect(manifest.model).toBeNull();
    expect(manifest.vectorIndex).toBeNull();
    const snapshot = await readSnapshot(indexDir, logger);
    expect(snapshot?.vectors).toBeNull();
    expect(snapshot?.chunks).toHaveLength(5);
  });

  it("leaves the vectors unread for a lexical-only reader", async () => {
    const manifest = await writeSnapshot(indexDir, snapshotData(), logger);
    await truncate(path.join(snapshotDir(indexDir, manifest), "vectors.f32"), 12);
    const snapshot = await readSnapshot(indexDir, logger, { vectors: false });
    expect(snapshot?.vectors).toBeNull();
    expect(snapshot?.chunks).toHaveLength(5);
    await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/vectors\.f32 has 12 bytes/);
  });

  it("refuses inconsistent input before writing anything", async () => {
    const data = snapshotData();
    await expect(writeSnapshot(indexDir, { ...data, model: null }, logger)).rejects.toThrow(/without model/);
    await expect(writeSnapshot(indexDir, { ...data, chunks: data.chunks.slice(1) }, logger)).rejects.toThrow(
      /5 vectors for 4 chunks/,
    );
    expect(await readCurrentVersion(indexDir)).toBeNull();
  });

  describe("integrity checks", () => {
    let manifest: IndexManifest;
    let dir: string;
    beforeEach(async () => {
      manifest = await writeSnapshot(indexDir, snapshotData(), logger);
      dir = snapshotDir(indexDir, manifest);
    });

    it("detects a changed byte (same size) by checksum", async () => {
      const file = path.join(dir, "chunks.bin");
      const content = await readFile(file);
      content[10] = content[10] === 0x61 ? 0x62 : 0x61;
      await writeFile(file, content);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(IndexIntegrityError);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/chunks\.bin fails its sha256 check/);
    });

    it("detects a truncated file by its size", async () => {
      await truncate(path.join(dir, "vectors.f32"), 12);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(
        /vectors\.f32 has 12 bytes, the manifest says 160/,
      );
    });

    it("detects a missing file", async () => {
      await unlink(path.join(dir, "figures.json"));
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/figures\.json is missing/);
    });

    it("detects a malformed or mismatching manifest", async () => {
      const file = path.join(dir, "manifest.json");
      await writeFile(file, JSON.stringify({ ...manifest, chunks: 2 }));
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(
        /chunks\.bin holds 5 chunks, the manifest says 2/,
      );
      await writeFile(file, JSON.stringify({ ...manifest, formatVersion: "3" }));
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(
        /manifest\.json is malformed \(formatVersion/,
      );
      await writeFile(
        file,
        JSON.stringify({ ...manifest, files: { "../evil": { sha256: "0".repeat(64), bytes: 1 } } }),
      );
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(IndexIntegrityError);
      await writeFile(file, "{ not json");
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/manifest\.json is not valid JSON/);
    });

    it("tells an older snapshot format apart from damage", async () => {
      const file = path.join(dir, "manifest.json");
      await writeFile(file, JSON.stringify({ ...manifest, formatVersion: 1 }));
      const read = readSnapshot(indexDir, logger);
      await expect(read).rejects.toThrow(SnapshotFormatError);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(
        /snapshot format 1; this version reads format 3/,
      );
    });

    it("detects a damaged lexical index", async () => {
      const file = path.join(dir, "lexical.bin");
      const content = await readFile(file);
      content[60] = (content[60] ?? 0) ^ 0xff;
      await writeFile(file, content);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/lexical\.bin fails its sha256 check/);
      await unlink(file);
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/lexical\.bin is missing/);
    });

    it("rejects a CURRENT that names a missing snapshot or is garbage", async () => {
      await writeFile(path.join(indexDir, "CURRENT"), "20990101T000000000Z-gone-0000\n");
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(/manifest\.json is missing/);
      await writeFile(path.join(indexDir, "CURRENT"), "../../etc\n");
      await expect(readSnapshot(indexDir, logger)).rejects.toThrow(IndexIntegrityError);
      expect(await readCurrentVersion(indexDir)).toBeNull();
    });
  });

  describe("crash leftovers", () => {
    it("ignores a half-written temp dir and removes it on the next write", async () => {
      const first = await writeSnapshot(indexDir, snapshotData(), logger);
      // A writer that died mid-way (pid beyond any pid_max), and a stray CURRENT temp file.
      const deadTmp = path.join(indexDir, "tmp-999999999-deadbeef");
      await mkdir(deadTmp);
      await writeFile(path.join(deadTmp, "chunks.json"), "[{");
      await writeFile(path.join(indexDir, "CURRENT.tmp-999999999-deadbeef"), "tmp-999999999-deadbeef\n");
      // A temp dir of a live process (our parent) that is recent: another writer still busy.
      const liveTmp = path.join(indexDir, `tmp-${process.ppid}-0badc0de`);
      await mkdir(liveTmp);

      expect((await readSnapshot(indexDir, logger))?.manifest.indexVersion).toBe(first.indexVersion);

      const second = await writeSnapshot(indexDir, snapshotData({ corpusHash: "beef".repeat(16) }), logger);
      const entries = await readdir(indexDir);
      expect(entries).not.toContain("tmp-999999999-deadbeef");
      expect(entries).not.toContain("CURRENT.tmp-999999999-deadbeef");
      expect(entries).toContain(path.basename(liveTmp));
      expect((await readSnapshot(indexDir, logger))?.manifest.indexVersion).toBe(second.indexVersion);
    });

    it("keeps serving the old snapshot when a crash hit after the new one was renamed but before CURRENT", async () => {
      const first = await writeSnapshot(indexDir, snapshotData(), logger);
      const second = await writeSnapshot(indexDir, snapshotData({ corpusHash: "beef".repeat(16) }), logger);
      await writeFile(path.join(indexDir, "CURRENT"), `${first.indexVersion}\n`);
      expect((await readSnapshot(indexDir, logger))?.manifest.corpusHash).toBe(first.corpusHash);
      expect(await readCurrentVersion(indexDir)).not.toBe(second.indexVersion);
    });

    it("falls back to the newest complete snapshot when CURRENT is missing", async () => {
      await writeSnapshot(indexDir, snapshotData(), logger);
      const newest = await writeSnapshot(indexDir, snapshotData({ corpusHash: "beef".repeat(16) }), logger);
      await unlink(path.join(indexDir, "CURRENT"));
      expect(await readCurrentVersion(indexDir)).toBeNull();
      const snapshot = await readSnapshot(indexDir, logger);
      expect(snapshot?.manifest.indexVersion).toBe(newest.indexVersion);
      expect(warnings.some((w) => w.includes("CURRENT file is missing"))).toBe(true);
    });
  });

  it("keeps only the newest two snapshots", async () => {
    const written: IndexManifest[] = [];
    for (let i = 0; i < 4; i++) {
      written.push(await writeSnapshot(indexDir, snapshotData({ corpusHash: `${i}`.repeat(64) }), logger));
    }
    const kept = (await readdir(path.join(indexDir, "snapshots"))).sort();
    expect(kept).toEqual(written.slice(-2).map((m) => m.indexVersion));
    expect(await readCurrentVersion(indexDir)).toBe(written[3]?.indexVersion);
    expect((await readdir(indexDir)).sort()).toEqual(["CURRENT", "snapshots"]);
  });
});
