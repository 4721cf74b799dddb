/**
 * /corpus end to end: the real discord.js client, the real engine (lexical mode, re-index in the worker process)
 * and the real fetcher against the fake Discord and a news page served on 127.0.0.1 (reachable only through
 * FETCH_ALLOW_HOSTS, as a test allow-list). Operators add a page and a Markdown attachment, /ask answers from
 * them, list/remove/refresh work; members and (by default) server admins are refused, ephemerally.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../bot/main.ts";
import { loadConfig } from "../../config/index.ts";
import { defaultEmbeddingOptions, type Engine, loadEngine } from "../../retrieval/index.ts";
import { FakeDiscord, PERMS, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";
import { PageServer } from "../support/page-server.ts";
import { projectRoot } from "../support/temp-engine.ts";

const WAIT = 30_000;
const EPHEMERAL = 64;
const fixture = (name: string) => readFileSync(path.join(projectRoot, "test/fixtures/corpus", name));

interface Setup {
  fake: FakeDiscord;
  pages: PageServer;
  bot: RunningBot;
  engine: Engine;
  dir: string;
  corpusDir: string;
}

async function setUp(env: Record<string, string> = {}): Promise<Setup> {
  const dir = mkdtempSync(path.join(tmpdir(), "fundstelle-corpus-e2e-"));
  const corpusDir = path.join(dir, "corpus");
  cpSync(path.join(projectRoot, "corpus"), corpusDir, { recursive: true });
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
  const pages = await PageServer.start();
  pages.page("/wirtschaft/kiel-waermespeicher", fixture("news-page.html"));
  const engine = await loadEngine({
    corpusDir,
    indexDir: path.join(dir, "index"),
    embedding: { ...defaultEmbeddingOptions, enabled: false },
  });
  const config = loadConfig(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
      ADMIN_ROLE_IDS: fake.adminRoleId,
      USER_COOLDOWN_MS: "0",
      CORPUS_DIR: corpusDir,
      // The page server and the fake's attachment CDN both listen on 127.0.0.1.
      FETCH_ALLOW_HOSTS: "127.0.0.1",
      ...env,
    },
    { dotenvPath: false },
  );
  const logger = pino({ level: "silent" });
  const bot = await startBot(config, engine, logger, { progressIntervalMs: 0 });
  return { fake, pages, bot, engine, dir, corpusDir };
}

async function tearDown(s: Setup | undefined): Promise<void> {
  await s?.bot.stop();
  await s?.engine.close();
  await s?.fake.close();
  await s?.pages.close();
  if (s) rmSync(s.dir, { recursive: true, force: true });
}

const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);

function text(body: { content?: string; embeds?: unknown[] } | null | undefined): string {
  return `${body?.content ?? ""}\n${JSON.stringify(body?.embeds ?? [])}`;
}

/** Sends a command; returns its acknowledgement and the last edit that satisfies `done` (or the reply). */
async function run(
  s: Setup,
  name: string,
  options: Parameters<FakeDiscord["sendCommand"]>[1],
  from: Parameters<FakeDiscord["sendCommand"]>[2],
  done: (body: string) => boolean = () => true,
): Promise<{ ack: RecordedRequest; final: string }> {
  const sent = s.fake.sendCommand(name, options, from);
  const ack = await s.fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
  if (ack.body.type === 4) return { ack, final: text(ack.body.data) };
  const edit = await s.fake.waitForRequest(
    "PATCH",
    /\/messages\/@original$/,
    WAIT,
    (r) => r.path.includes(`/${sent.token}/`) && done(text(r.body)),
  );
  return { ack, final: text(edit.body) };
}

const corpusFiles = (s: Setup) =>
  readdirSync(s.corpusDir)
    .filter((n) => !n.startsWith("."))
    .sort();

describe("/corpus against a fake Discord (default policy: operators)", () => {
  let s: Setup;
  const operator = () => ({ user: s.fake.roleAdmin, roles: [s.fake.adminRoleId], locale: "de" });

  beforeAll(async () => {
    s = await setUp();
  }, 60_000);
  afterAll(() => tearDown(s));

  it("refuses a member and a server admin, ephemerally, and changes nothing", async () => {
    const before = { files: corpusFiles(s), index: s.engine.status().indexVersion };
    const url = s.pages.url("/wirtschaft/kiel-waermespeicher");
    for (const from of [
      { user: s.fake.member, permissions: PERMS.member },
      { user: s.fake.admin, permissions: PERMS.member | PERMS.manageGuild },
      { user: s.fake.admin, permissions: PERMS.member | PERMS.administrator },
    ]) {
      const { ack, final } = await run(s, "corpus add", { url }, from);
      expect(ack.body.type).toBe(4);
      expect(ack.body.data.flags).toBe(EPHEMERAL);
      expect(final).toContain("nur die Betreiber des Bots");
      const reindex = await run(s, "reindex", {}, from);
      expect(reindex.ack.body.data.flags).toBe(EPHEMERAL);
      expect(reindex.final).toContain("nur die Betreiber des Bots");
    }
    expect(s.pages.hits).toHaveLength(0);
    expect({ files: corpusFiles(s), index: s.engine.status().indexVersion }).toEqual(before);
  }, 60_000);

  it("an operator adds a news page: ephemeral change report with title, date and first sentence", async () => {
    const { ack, final } = await run(
      s,
      "corpus add",
      { url: s.pages.url("/wirtschaft/kiel-waermespeicher") },
      operator(),
      (t) => t.includes("Dokument hinzugefügt") || t.includes("Nicht übernommen"),
    );
    expect(ack.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(final).toContain("Kiel baut den größten Wärmespeicher Norddeutschlands");
    expect(final).toContain("2026-03-14");
    expect(final).toContain("Die Stadtwerke Kiel investieren 68 Millionen Euro");
    expect(final).toMatch(/Abschnitte","value":"\d+ \(\+\d+ \/ −0\)/);
    expect(final).toContain("Neue Kennzahlen");
    expect(s.engine.documents().map((d) => d.title)).toContain(
      "Kiel baut den größten Wärmespeicher Norddeutschlands",
    );
  }, 60_000);

  it("/ask answers from the new page, citing it by name", async () => {
    const { final } = await run(
      s,
      "ask",
      { question: "Wie viel Geld gibt das Land Schleswig-Holstein für den Wärmespeicher?" },
      { user: s.fake.member },
    );
    expect(final).toContain("12 Millionen Euro");
    expect(final).toContain('"author":{"name":"Kiel baut den größten Wärmespeicher Norddeutschlands"');
  }, 60_000);

  it("an operator adds a Markdown attachment, and /ask answers from it", async () => {
    const file = s.fake.attach("solarkraftwerk.md", fixture("attachment.md"), "text/markdown; charset=utf-8");
    const { final } = await run(s, "corpus add", { file }, operator(), (t) =>
      t.includes("Dokument hinzugefügt"),
    );
    expect(final).toContain("Lübeck eröffnet schwimmendes Solarkraftwerk");
    expect(final).toContain("Auf dem Baggersee bei Lübeck-Moisling");
    const answer = await run(
      s,
      "ask",
      { question: "Wie viele Module hat das schwimmende Solarkraftwerk?" },
      { user: s.fake.member },
    );
    expect(answer.final).toContain("9.800");
    expect(answer.final).toContain('"author":{"name":"Lübeck eröffnet schwimmendes Solarkraftwerk"');
  }, 60_000);

  it("refuses a duplicate and a private address with a clear ephemeral message; nothing changes", async () => {
    const before = { files: corpusFiles(s), index: s.engine.status().indexVersion };
    const duplicate = await run(
      s,
      "corpus add",
      { url: s.pages.url("/wirtschaft/kiel-waermespeicher") },
      operator(),
      (t) => t.includes("Nicht übernommen"),
    );
    expect(duplicate.ack.body.data.flags).toBe(EPHEMERAL);
    expect(duplicate.final).toContain("Already in the corpus as");
    const internal = await run(
      s,
      "corpus add",
      { url: "http://169.254.169.254/latest/meta-data/" },
      operator(),
      (t) => t.includes("Nicht übernommen"),
    );
    expect(internal.final).toContain("link-local");
    const wrongFile = s.fake.attach("programm.exe", Buffer.from([0x4d, 0x5a]), "application/octet-stream");
    const exe = await run(s, "corpus add", { file: wrongFile }, operator(), (t) =>
      t.includes("Nicht übernommen"),
    );
    expect(exe.final).toContain(".txt, .md and .html");
    expect({ files: corpusFiles(s), index: s.engine.status().indexVersion }).toEqual(before);
  }, 60_000);

  it("lists documents, autocompletes titles for remove, and the application owner counts as operator", async () => {
    const { final } = await run(s, "corpus list", {}, { user: s.fake.owner, permissions: PERMS.member });
    expect(final).toContain("Korpus: 3 Dokumente");
    expect(final).toContain("Lübeck eröffnet schwimmendes Solarkraftwerk");
    expect(final).toContain("Kiel baut den größten");
    const sent = s.fake.sendAutocomplete("corpus remove", "document", "lüb", { user: s.fake.roleAdmin });
    const answer = await s.fake.waitForRequest("POST", callbackOf(sent.id), WAIT);
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices).toEqual([
      {
        name: "Lübeck eröffnet schwimmendes Solarkraftwerk (luebeck-eroeffnet-schwimmendes-solarkraftwerk)",
        value: "luebeck-eroeffnet-schwimmendes-solarkraftwerk",
      },
    ]);
  }, 60_000);

  it("refresh skips unchanged pages and re-indexes changed ones", async () => {
    const unchanged = await run(s, "corpus refresh", {}, operator(), (t) =>
      t.includes("Korpus aktualisiert"),
    );
    expect(unchanged.final).toContain("unverändert");
    expect(unchanged.final).toContain("Keine Änderungen");
    s.pages.page(
      "/wirtschaft/kiel-waermespeicher",
      fixture("news-page.html")
        .toString("utf8")
        .replace("fördert den Bau mit 12 Millionen", "fördert den Bau mit 15 Millionen"),
    );
    const changed = await run(s, "corpus refresh", {}, operator(), (t) => t.includes("Korpus aktualisiert"));
    expect(changed.final).toContain("aktualisiert");
    expect(changed.final).toContain("15 Millionen Euro");
    const answer = await run(
      s,
      "ask",
      { question: "Wie viel Geld gibt das Land Schleswig-Holstein für den Wärmespeicher?" },
      { user: s.fake.member },
    );
    expect(answer.final).toContain("15 Millionen Euro");
  }, 60_000);

  it("removes a document; /ask no longer cites it", async () => {
    const { final } = await run(
      s,
      "corpus remove",
      { document: "luebeck-eroeffnet-schwimmendes-solarkraftwerk" },
      operator(),
      (t) => t.includes("Dokument entfernt"),
    );
    expect(final).toContain("Lübeck eröffnet schwimmendes Solarkraftwerk");
    expect(final).toMatch(/Abschnitte","value":"\d+ \(\+0 \/ −\d+\)/);
    expect(corpusFiles(s)).not.toContain("luebeck-eroeffnet-schwimmendes-solarkraftwerk.md");
    const answer = await run(
      s,
      "ask",
      { question: "Wie viele Module hat das schwimmende Solarkraftwerk?" },
      { user: s.fake.member },
    );
    expect(answer.final).not.toContain("Lübeck eröffnet schwimmendes Solarkraftwerk");
    const audit = readFileSync(path.join(s.corpusDir, ".corpus-audit.jsonl"), "utf8").trim().split("\n");
    expect(audit.map((l) => JSON.parse(l).action)).toEqual(["add", "add", "refresh", "remove"]);
    expect(JSON.parse(audit[0] ?? "{}").actor).toBe(`discord:${s.fake.roleAdmin.id}@${s.fake.guildId}`);
  }, 60_000);
});

describe("/corpus with CORPUS_EDITORS=server-admins", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp({ CORPUS_EDITORS: "server-admins" });
  }, 60_000);
  afterAll(() => tearDown(s));

  it("a server admin may add; a plain member is still refused", async () => {
    const member = await run(
      s,
      "corpus add",
      { url: s.pages.url("/wirtschaft/kiel-waermespeicher") },
      {
        user: s.fake.member,
        permissions: PERMS.member,
      },
    );
    expect(member.ack.body.data.flags).toBe(EPHEMERAL);
    expect(member.final).toContain("nur Server-Admins");
    const { final } = await run(
      s,
      "corpus add",
      { url: s.pages.url("/wirtschaft/kiel-waermespeicher") },
      { user: s.fake.admin, permissions: PERMS.member | PERMS.manageGuild },
      (t) => t.includes("Dokument hinzugefügt") || t.includes("Nicht übernommen"),
    );
    expect(final).toContain("Dokument hinzugefügt");
    await waitFor(() => s.engine.documents().length === 2, WAIT, "the new document in the live index");
  }, 60_000);
});
