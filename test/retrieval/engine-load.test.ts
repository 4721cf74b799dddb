/** Starting from a saved snapshot: old formats, the corpus check, figures parsed on first use. */
import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusFingerprint } from "../../retrieval/corpus/ingest.ts";
import { type Logger, loadEngine } from "../../retrieval/index.ts";
import { readCurrentVersion } from "../../retrieval/store/index-store.ts";
import { type TempEngine, tempEngine } from "../support/temp-engine.ts";

function recordingLogger() {
  const lines: string[] = [];
  const record = (obj: object | string, msg?: string) =>
    lines.push(`${msg ?? ""} ${typeof obj === "string" ? obj : JSON.stringify(obj)}`);
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  return { logger, lines };
}

describe("engine start from a saved snapshot", () => {
  let ctx: TempEngine;
  beforeAll(async () => {
    ctx = await tempEngine();
  });
  afterAll(() => ctx.dispose());

  const corpusFile = async () => {
    const { readdir } = await import("node:fs/promises");
    const name = (await readdir(ctx.corpusDir)).find((f) => /\.(txt|md)$/.test(f));
    if (!name) throw new Error("the test corpus has no article");
    return path.join(ctx.corpusDir, name);
  };

  it("parses figures only when asked for them, and then all of them", async () => {
    const again = await loadEngine(ctx.options);
    const status = again.status();
    expect(status.indexVersion).toBe(ctx.engine.status().indexVersion);
    expect(status.figures).toBeGreaterThan(0);
    expect(again.figures()).toHaveLength(status.figures);
    expect(again.figures()).toEqual(ctx.engine.figures());
    await again.close();
  });

  it("serves the same passages by id as the engine that built the index", async () => {
    const again = await loadEngine(ctx.options);
    const answer = await ctx.engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?");
    const cited = answer.citations[0];
    expect(cited).toBeTruthy();
    expect(again.passage(cited?.chunkId ?? "")).toEqual(ctx.engine.passage(cited?.chunkId ?? ""));
    expect(again.passage("no-such-chunk")).toBeUndefined();
    expect(await again.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).toMatchObject({
      answer: answer.answer,
      citations: answer.citations,
    });
    await again.close();
  });

  it("trusts an unchanged corpus by its fingerprint; a touched file is hashed again and, unchanged, kept", async () => {
    const file = await corpusFile();
    const before = await corpusFingerprint(ctx.corpusDir);
    const version = await readCurrentVersion(ctx.indexDir);
    const info = await stat(file);
    await utimes(file, info.atime, new Date(info.mtimeMs + 5_000));
    expect(await corpusFingerprint(ctx.corpusDir)).not.toBe(before);
    const again = await loadEngine(ctx.options);
    // Same content: the full hash matches and the snapshot is served, not rebuilt.
    expect(again.status().indexVersion).toBe(version);
    await again.close();
  });

  it("rebuilds when a file's content changed", async () => {
    const file = await corpusFile();
    const original = await readFile(file, "utf8");
    const version = await readCurrentVersion(ctx.indexDir);
    try {
      await writeFile(file, `${original}\n\nEin neuer Absatz über Rechenzentren in Hessen.\n`);
      const again = await loadEngine(ctx.options);
      expect(again.status().indexVersion).not.toBe(version);
      await again.close();
    } finally {
      await writeFile(file, original);
    }
  });

  it("rebuilds a snapshot of an older format, saying so in one log line", async () => {
    const version = await readCurrentVersion(ctx.indexDir);
    const manifestFile = path.join(ctx.indexDir, "snapshots", version ?? "", "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, formatVersion: 2 }));
    const { logger, lines } = recordingLogger();
    const again = await loadEngine({ ...ctx.options, logger });
    const notes = lines.filter((l) => l.includes("snapshot format"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /rebuilding the saved index .*has snapshot format 2; this version reads format 3/,
    );
    expect(again.status().indexVersion).not.toBe(version);
    expect((await again.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).answer).toContain("250");
    await again.close();
  });
});
