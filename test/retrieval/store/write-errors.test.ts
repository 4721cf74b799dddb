import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestText } from "../../../retrieval/corpus/ingest.ts";
import { IndexWriteError } from "../../../retrieval/errors.ts";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { writeSnapshot } from "../../../retrieval/store/index-store.ts";
import { explainWriteError } from "../../../retrieval/store/write-errors.ts";
import { silentLogger } from "../../../retrieval/types.ts";

const fsError = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("explainWriteError", () => {
  it.each([
    ["ENOSPC", "disk-full", "the disk is full"],
    ["EDQUOT", "disk-full", "the disk is full"],
    ["EROFS", "read-only", "read-only"],
    ["EACCES", "permission", "permissions"],
    ["ENOTDIR", "path", "the path is wrong"],
    ["ENOENT", "path", "the path is wrong"],
  ])("%s → %s, naming the folder", (code, reason, words) => {
    const explained = explainWriteError(fsError(code), "/data/index");
    expect(explained).toBeInstanceOf(IndexWriteError);
    expect(explained?.reason).toBe(reason);
    expect(explained?.code).toBe(code);
    expect(explained?.message).toContain("/data/index");
    expect(explained?.message).toContain(words);
  });

  it("leaves other errors alone", () => {
    expect(explainWriteError(new Error("bug"), "/x")).toBeNull();
    expect(explainWriteError(fsError("ECONNRESET"), "/x")).toBeNull();
    expect(explainWriteError(undefined, "/x")).toBeNull();
  });
});

describe("writeSnapshot into a folder that cannot be written", () => {
  it("a file where the index folder should be: an IndexWriteError saying the path is wrong", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-write-"));
    try {
      const indexDir = path.join(dir, "index");
      await writeFile(indexDir, "not a folder");
      const { document, chunks } = ingestText("a.txt", "Ein Satz über Zahlen: 42 Prozent.");
      const data = {
        corpusHash: "ab".repeat(32),
        documents: [document],
        chunks,
        figures: [],
        lexical: new LexicalIndex(
          chunks.map((c) => ({ body: c.text, section: c.section, lang: "de" as const })),
        ),
        vectors: null,
        model: null,
      };
      const failed = await writeSnapshot(indexDir, data, silentLogger).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(IndexWriteError);
      expect((failed as IndexWriteError).reason).toBe("path");
      expect((failed as IndexWriteError).message).toContain(indexDir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
