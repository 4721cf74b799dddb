import { appendFile, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestText, readCorpus } from "../../../retrieval/corpus/ingest.ts";
import { CorpusError } from "../../../retrieval/errors.ts";

const corpusDir = path.resolve(import.meta.dirname, "../../../corpus");

describe("ingestion of the real article", async () => {
  const corpus = await readCorpus(corpusDir);
  const doc = corpus.documents[0];
  const all = corpus.chunks.map((c) => c.text).join("\n");

  it("reads the glued date as the article date and keeps teasers out", () => {
    expect(doc?.date).toBe("2026-02-01");
    expect(all).not.toContain("Perseverance");
    expect(all).not.toContain("Kindesmissbrauchs");
    expect(corpus.chunks[0]?.text.startsWith("Nvidia und OpenAI standen")).toBe(true);
  });

  it("collects the Quellenangabe URLs as sources and never chunks them", () => {
    expect(doc?.sources.length).toBe(10);
    expect(doc?.sources[0]).toEqual({
      title: "openai.com",
      url: "https://openai.com/index/openai-nvidia-systems-partnership/",
    });
    expect(all).not.toContain("https://");
    expect(all).not.toContain("Quellenangabe");
  });

  it("uses question-style headings as sections", () => {
    const sections = new Set(corpus.chunks.map((c) => c.section));
    expect(sections).toContain("Wie Microsoft der große Gewinner in OpenAIs Infrastruktur-Schlacht wird");
    expect(sections).toContain(
      "Könnte Amazons 50 Milliarden Dollar Nvidias zusammengebrochene Investition ersetzen ?",
    );
  });

  it("keeps table column headers with every row", () => {
    const table = corpus.chunks.find((c) => c.kind === "table" && c.text.includes("27% Eigentum"));
    expect(table?.sentences.find((s) => s.text.includes("27%"))?.text).toBe(
      "Partnership Element: Investitionsanteil; Microsoft Position: 27% Eigentum; Strategic Value: Einfluss auf Richtung",
    );
  });

  it("keeps a list's intro with its items", () => {
    const list = corpus.chunks.find((c) => c.kind === "list");
    expect(list?.sentences[0]?.text).toMatch(/Infrastruktur-Retter durch :$/);
    expect(list?.sentences.some((s) => s.text.includes("Andy Jassy"))).toBe(true);
  });

  it("gives prose chunks offsets that point at their text, and stable unique ids", async () => {
    const raw = await readFile(path.join(corpusDir, doc?.path ?? ""), "utf8");
    const prose = corpus.chunks.filter((c) => c.kind === "prose");
    expect(prose.length).toBeGreaterThan(10);
    for (const chunk of prose) {
      expect(chunk.sentences.length).toBeGreaterThan(0);
      expect(chunk.sentences.length).toBeLessThanOrEqual(3);
      for (const s of chunk.sentences) expect(raw.slice(s.start, s.end)).toBe(s.text);
      expect(chunk.start).toBe(chunk.sentences[0]?.start);
      expect(chunk.end).toBe(chunk.sentences.at(-1)?.end);
    }
    const ids = corpus.chunks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("ingestText", () => {
  it("reads front matter for title, date, language and sources", () => {
    const raw =
      "---\ntitle: Test\ndate: 2025-03-04\nlanguage: en\nsources:\n  - https://example.org/a\n---\nFirst sentence here. Second one.\n";
    const { document, chunks } = ingestText("t.md", raw);
    expect(document).toMatchObject({ id: "t", title: "Test", date: "2025-03-04", language: "en" });
    expect(document.sources).toEqual([{ title: "example.org", url: "https://example.org/a" }]);
    expect(chunks[0]?.text).toBe("First sentence here. Second one.");
    expect(raw.slice(chunks[0]?.start, chunks[0]?.end)).toBe(chunks[0]?.text);
  });
});

describe("readCorpus on bad input", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const make = async (name: string, content: string | Buffer) => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    await writeFile(path.join(dir, name), content);
    return dir;
  };

  it("rejects an empty folder, an empty file, invalid UTF-8 and binary files with clear errors", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    await expect(readCorpus(dir)).rejects.toThrow(/no \.txt or \.md file/);
    await rm(dir, { recursive: true });
    await expect(readCorpus(await make("a.txt", "   \n"))).rejects.toThrow(/empty/);
    await rm(dir, { recursive: true });
    await expect(readCorpus(await make("a.txt", Buffer.from([0xff, 0xfe, 0x41])))).rejects.toThrow(
      /not valid UTF-8/,
    );
    await rm(dir, { recursive: true });
    await expect(readCorpus(await make("a.txt", "abc\u0000def"))).rejects.toBeInstanceOf(CorpusError);
  });

  it("rejects front matter that is not YAML, naming the file and the line", async () => {
    const error = await readCorpus(await make("a.md", "---\ntitle: [Nvidia, Rekord\n---\nEin Satz.\n")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as Error).message).toMatch(/^a\.md: the front matter is not valid YAML at line 2/);
  });

  it("rejects files over the size limit", async () => {
    await expect(
      readCorpus(await make("a.txt", "Ein Satz. ".repeat(100)), { maxFileBytes: 100, maxTotalBytes: 1000 }),
    ).rejects.toThrow(/limit is 100 bytes/);
  });
});

describe("files that share a name or are still being written", () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a.txt and a.md are two documents, each with its own title, date and links", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    await writeFile(
      path.join(dir, "a.txt"),
      "---\ntitle: Text über Äpfel\ndate: 2026-01-05\nsources:\n  - https://txt.example/a\n---\nÄpfel wachsen an Bäumen in Südtirol.\n",
    );
    await writeFile(
      path.join(dir, "a.md"),
      "---\ntitle: Markdown über Birnen\ndate: 2026-03-07\nsources:\n  - https://md.example/b\n---\nBirnen reifen im Herbst am Bodensee.\n",
    );
    const corpus = await readCorpus(dir);
    const ids = corpus.documents.map((d) => d.id);
    expect(new Set(ids).size).toBe(2);
    const byId = new Map(corpus.documents.map((d) => [d.id, d]));
    for (const chunk of corpus.chunks) {
      const doc = byId.get(chunk.documentId);
      if (chunk.text.includes("Äpfel")) {
        expect(doc?.title).toBe("Text über Äpfel");
        expect(doc?.date).toBe("2026-01-05");
        expect(doc?.sources.map((s) => s.url)).toEqual(["https://txt.example/a"]);
      } else {
        expect(doc?.title).toBe("Markdown über Birnen");
        expect(doc?.date).toBe("2026-03-07");
        expect(doc?.sources.map((s) => s.url)).toEqual(["https://md.example/b"]);
      }
    }
  });

  it("waits for a file whose writer finishes soon, and indexes all of it", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    const file = path.join(dir, "live.txt");
    await writeFile(file, "Der erste Satz ist da.");
    const rest = setTimeout(() => void appendFile(file, " Der zweite Satz kam etwas später."), 100);
    try {
      const corpus = await readCorpus(dir, { settleMs: 250, maxSettleWaits: 4 });
      expect(corpus.chunks.map((c) => c.text).join(" ")).toContain("Der zweite Satz kam etwas später.");
    } finally {
      clearTimeout(rest);
    }
  });

  it("refuses a file that keeps changing, with a clear message, instead of indexing half of it", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    const file = path.join(dir, "growing.txt");
    await writeFile(file, "Anfang.");
    let n = 0;
    const writer = setInterval(() => void appendFile(file, ` Satz ${++n}.`), 20);
    try {
      await expect(readCorpus(dir, { settleMs: 100, maxSettleWaits: 3 })).rejects.toThrow(
        /growing\.txt is still being written/,
      );
    } finally {
      clearInterval(writer);
    }
  });

  it("an old, finished file is read without waiting", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-corpus-"));
    const file = path.join(dir, "old.txt");
    await writeFile(file, "Ein alter Satz.");
    const past = new Date(Date.now() - 60_000);
    await utimes(file, past, past);
    // A settle pause of a minute would outlast the test's timeout: the old file must not wait for it.
    const corpus = await readCorpus(dir, { settleMs: 60_000 });
    expect(corpus.documents).toHaveLength(1);
  });
});
