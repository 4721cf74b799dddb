/**
 * Corpus changes against the real engine (lexical mode, re-index in the worker process): add by link and by
 * file, list, remove, refresh, duplicates, and every refusal leaving the corpus folder and the live index as
 * they were.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusStore } from "../../../retrieval/corpus-admin/corpus-store.ts";
import {
  CorpusAdmin,
  CorpusChangeRefused,
  defaultFetchLimits,
  type FetchPolicy,
} from "../../../retrieval/corpus-admin/index.ts";
import { PageServer } from "../../support/page-server.ts";
import { projectRoot, type TempEngine, tempEngine } from "../../support/temp-engine.ts";

const fixture = (name: string) => readFileSync(path.join(projectRoot, "test/fixtures/corpus", name));
const NEWS = fixture("news-page.html").toString("utf8");
const ACTOR = "test:operator";

let server: PageServer;
let temp: TempEngine;
let admin: CorpusAdmin;
const policy: FetchPolicy = {
  limits: { ...defaultFetchLimits, maxBytes: 64 * 1024, totalTimeoutMs: 1_500 },
  allowHosts: ["127.0.0.1"],
};

/** File names and contents of the corpus folder (hidden files included), and the live index version. */
function snapshot() {
  const files = readdirSync(temp.corpusDir)
    .filter((n) => !n.startsWith(".corpus-backup") && n !== ".corpus-audit.jsonl")
    .sort()
    .map((n) => [n, readFileSync(path.join(temp.corpusDir, n), "utf8")]);
  return { files, index: temp.engine.status().indexVersion, documents: temp.engine.documents().length };
}

async function refused(work: Promise<unknown>): Promise<CorpusChangeRefused> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CorpusChangeRefused) return error;
    throw error;
  }
  throw new Error("the change was not refused");
}

beforeAll(async () => {
  server = await PageServer.start();
  server.page("/wirtschaft/kiel-waermespeicher", NEWS);
  server.page("/same-article-elsewhere", NEWS.replace(/<link rel="canonical"[^>]*>/, ""));
  temp = await tempEngine();
  admin = new CorpusAdmin({
    corpusDir: temp.corpusDir,
    fetch: policy,
    reindex: (onProgress) => temp.engine.reindex(onProgress),
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await temp?.dispose();
});

describe("CorpusAdmin", () => {
  it("adds a news page: article text only, front matter, change report, audit entry, answerable", async () => {
    const report = await admin.add(
      { kind: "url", url: server.url("/wirtschaft/kiel-waermespeicher") },
      ACTOR,
    );
    const [doc] = report.documents;
    expect(doc?.outcome).toBe("added");
    expect(doc?.title).toBe("Kiel baut den größten Wärmespeicher Norddeutschlands");
    expect(doc?.date).toBe("2026-03-14");
    expect(doc?.firstSentence).toMatch(/^Die Stadtwerke Kiel investieren 68 Millionen Euro/);
    expect(report.index?.chunksAdded).toBeGreaterThan(0);
    expect(report.index?.chunksRemoved).toBe(0);
    expect(report.index?.figuresAdded.length).toBeGreaterThan(0);
    expect(report.index?.documents).toBe(2);

    const raw = await readFile(path.join(temp.corpusDir, `${doc?.id}.md`), "utf8");
    expect(raw).toMatch(/^---\ntitle: Kiel baut den größten Wärmespeicher Norddeutschlands\n/);
    expect(raw).toContain("byline: Jana Petersen");
    expect(raw).toContain(
      "canonical_url: https://www.nordkurier-digital.example/wirtschaft/kiel-waermespeicher-2026",
    );
    expect(raw).toContain("  - https://www.stadtwerke-kiel.example/presse/waermespeicher");
    expect(raw).toContain("| Investition | 68 Millionen Euro |");
    for (const chrome of [
      "Cookies",
      "Anzeige",
      "Stromvertrag",
      "Newsletter",
      "Mehr zum Thema",
      "Impressum",
      "Abo:",
    ]) {
      expect(raw).not.toContain(chrome);
    }

    const answer = await temp.engine.ask("Wie viel investieren die Stadtwerke Kiel in den Wärmespeicher?");
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.documentId).toBe(doc?.id);
    expect(answer.answer).toContain("68 Millionen Euro");

    const audit = await admin.audit.entries();
    expect(audit.at(-1)).toMatchObject({ actor: ACTOR, action: "add", documentId: doc?.id });
    expect(audit.at(-1)?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.at(-1)?.sourceUrl).toBe(server.url("/wirtschaft/kiel-waermespeicher"));
  }, 60_000);

  it("refuses duplicates by URL and by content, pointing at the existing document", async () => {
    const before = snapshot();
    const byUrl = await refused(
      admin.add({ kind: "url", url: server.url("/wirtschaft/kiel-waermespeicher") }, ACTOR),
    );
    expect(byUrl.code).toBe("duplicate");
    expect(byUrl.message).toContain("Kiel baut den größten Wärmespeicher");
    const byContent = await refused(
      admin.add({ kind: "url", url: server.url("/same-article-elsewhere") }, ACTOR),
    );
    expect(byContent.code).toBe("duplicate");
    expect(snapshot()).toEqual(before);
  });

  it("adds a Markdown file as it is, keeping its own front matter", async () => {
    const report = await admin.add(
      { kind: "file", name: "solar.md", bytes: fixture("attachment.md") },
      ACTOR,
    );
    expect(report.documents[0]).toMatchObject({
      outcome: "added",
      title: "Lübeck eröffnet schwimmendes Solarkraftwerk",
      date: "2026-04-02",
    });
    expect((await admin.list()).map((d) => d.title)).toContain("Lübeck eröffnet schwimmendes Solarkraftwerk");
    const answer = await temp.engine.ask("Wie viele Module hat das schwimmende Solarkraftwerk?");
    expect(answer.citations[0]?.documentId).toBe(report.documents[0]?.id);
  }, 60_000);

  it.each([
    [
      "an empty article",
      "/empty",
      "<html><body><nav><a href='/'>Start</a></nav><p>Kurz.</p></body></html>",
      "text/html",
      "empty-article",
    ],
    [
      "a non-UTF-8 page",
      "/latin1",
      Buffer.from("<html><body><p>Gr\xfc\xdfe aus K\xf6ln</p></body></html>", "latin1"),
      "text/html",
      "bad-encoding",
    ],
    ["a wrong type", "/pic", Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png", "unsupported-type"],
    [
      "an oversized page",
      "/huge",
      `<html><body>${"<p>Viel Text.</p>".repeat(10_000)}</body></html>`,
      "text/html",
      "too-large",
    ],
    ["a PDF", "/doc.pdf", Buffer.from("%PDF-1.7\n"), "application/pdf", "unsupported-type"],
  ])("refuses %s and changes nothing", async (_what, route, body, type, code) => {
    server.page(route, body, type);
    const before = snapshot();
    const error = await refused(admin.add({ kind: "url", url: server.url(route) }, ACTOR));
    expect(error.code).toBe(code);
    expect(snapshot()).toEqual(before);
  });

  it("refuses a Markdown file whose front matter is not YAML, saying where, and changes nothing", async () => {
    const before = snapshot();
    const bytes = Buffer.from("---\ntitle: [Kiel: Speicher\n---\n# Kiel\n\nEin Satz über Kiel.\n");
    const error = await refused(admin.add({ kind: "file", name: "kiel.md", bytes }, ACTOR));
    expect(error.code).toBe("invalid-document");
    expect(error.message).toMatch(/^The front matter is not valid YAML at line 2/);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ["a loopback address", "http://127.0.0.1:9/x"],
    ["an IPv6 loopback address", "http://[::1]/x"],
    ["an IPv4-mapped address", "http://[::ffff:7f00:1]/x"],
    ["a decimal address", "http://2130706433/"],
    ["an octal address", "http://0177.0.0.01/"],
  ])("refuses %s and changes nothing", async (_what, url) => {
    const strict = new CorpusAdmin({
      corpusDir: temp.corpusDir,
      fetch: { ...policy, allowHosts: [] },
      reindex: (p) => temp.engine.reindex(p),
    });
    const before = snapshot();
    expect((await refused(strict.add({ kind: "url", url }, ACTOR))).code).toBe("blocked-address");
    expect(snapshot()).toEqual(before);
  });

  it("refuses a redirect to a private address, a private DNS answer and a slow drip, changing nothing", async () => {
    server.redirect("/go", "http://192.168.1.1/router");
    server.routes.set("/slow", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("<p>"), 100);
      res.on("close", () => clearInterval(timer));
      setTimeout(() => res.end(), 5_000).unref();
    });
    const before = snapshot();
    expect((await refused(admin.add({ kind: "url", url: server.url("/go") }, ACTOR))).code).toBe(
      "blocked-address",
    );
    expect((await refused(admin.add({ kind: "url", url: server.url("/slow") }, ACTOR))).code).toBe("timeout");
    const dns = new CorpusAdmin({
      corpusDir: temp.corpusDir,
      fetch: { ...policy, resolve: async () => [{ address: "10.0.0.8", family: 4 }] },
      reindex: (p) => temp.engine.reindex(p),
    });
    expect((await refused(dns.add({ kind: "url", url: "http://news.example/a" }, ACTOR))).code).toBe(
      "blocked-address",
    );
    expect(snapshot()).toEqual(before);
  });

  it("puts the corpus back when the re-index fails", async () => {
    const failing = new CorpusAdmin({
      corpusDir: temp.corpusDir,
      fetch: policy,
      reindex: async () => {
        throw new Error("worker died");
      },
    });
    server.page("/other", NEWS.replace(/Kiel/g, "Rostock").replace(/<link rel="canonical"[^>]*>/, ""));
    const before = snapshot();
    await expect(failing.add({ kind: "url", url: server.url("/other") }, ACTOR)).rejects.toThrow(
      "worker died",
    );
    expect(snapshot()).toEqual(before);
  });

  it("undoes a change a crash interrupted (recover before the engine loads)", async () => {
    const crashed = mkdtempSync(path.join(tmpdir(), "fundstelle-crash-"));
    try {
      const original = path.join(crashed, "original");
      cpSync(temp.corpusDir, original, { recursive: true });
      const store = new CorpusStore(original);
      const doc = (await store.list()).find((d) => d.title.startsWith("Lübeck"));
      const atCrash = path.join(crashed, "at-crash");
      // The commit step copies the folder as a crash would leave it: new file written, old one removed.
      await expect(
        store.transaction(
          {
            write: [{ file: "new-article.md", content: "---\ntitle: Neu\n---\nText.\n" }],
            remove: [doc?.file ?? ""],
          },
          async () => {
            cpSync(original, atCrash, { recursive: true });
            throw new Error("simulated crash");
          },
        ),
      ).rejects.toThrow("simulated crash");
      const list = (dir: string) =>
        readdirSync(dir)
          .filter((n) => !n.startsWith("."))
          .sort();
      expect(list(atCrash)).toContain("new-article.md");
      expect(list(atCrash)).not.toContain(doc?.file);
      expect(await new CorpusStore(atCrash).recover()).toBe(true);
      expect(list(atCrash)).toEqual(list(original));
      expect(readFileSync(path.join(atCrash, doc?.file ?? ""), "utf8")).toBe(doc?.raw);
      expect(await new CorpusStore(atCrash).recover()).toBe(false);
    } finally {
      rmSync(crashed, { recursive: true, force: true });
    }
  });

  it("refreshes: unchanged pages are skipped, changed ones re-indexed", async () => {
    const unchanged = await admin.refresh(ACTOR);
    expect(unchanged.index).toBeUndefined();
    expect(unchanged.documents.map((d) => d.outcome)).toEqual(["unchanged"]);

    server.page(
      "/wirtschaft/kiel-waermespeicher",
      NEWS.replace("68 Millionen Euro in einen", "71 Millionen Euro in einen"),
    );
    const changed = await admin.refresh(ACTOR);
    expect(changed.documents[0]?.outcome).toBe("updated");
    expect(changed.documents[0]?.firstSentence).toContain("71 Millionen Euro");
    expect(changed.index?.chunksAdded).toBeGreaterThan(0);
    expect(changed.index?.chunksRemoved).toBeGreaterThan(0);
    expect((await admin.audit.entries()).at(-1)).toMatchObject({ action: "refresh", outcome: "updated" });
  }, 60_000);

  it("removes a document; its passages leave the index", async () => {
    const id = (await admin.list()).find((d) => d.title.startsWith("Kiel"))?.id ?? "";
    const report = await admin.remove(id, ACTOR);
    expect(report.documents[0]).toMatchObject({ outcome: "removed", id });
    expect(report.index?.chunksRemoved).toBeGreaterThan(0);
    expect(temp.engine.documents().map((d) => d.id)).not.toContain(id);
    expect((await refused(admin.remove(id, ACTOR))).code).toBe("not-found");
  }, 60_000);
});
