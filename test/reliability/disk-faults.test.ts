/**
 * Degrade, don't die: an index folder on a full disk (a tiny tmpfs), on a read-only mount, or with a
 * dangling CURRENT on a read-only mount never stops the engine, `npm start` or the bot. The engine serves
 * an index built in memory with one warning that names the folder and the reason; re-indexing and
 * `npm run index` say "disk full" / "read-only" in plain words, and the live index keeps serving.
 *
 * Mounting needs root (CI runs as root); elsewhere these tests are skipped and say why.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  appendFileSync,
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  defaultEmbeddingOptions,
  type Engine,
  type EngineOptions,
  IndexWriteError,
  type Logger,
  loadEngine,
} from "../../retrieval/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEW_FACT = "\n\nDie Zebrafinken-Kommission tagte im Jahr 2031 in Wuppertal.\n";
const NEW_QUESTION = "Wo tagte die Zebrafinken-Kommission?";

/** Null when this process can mount (root with CAP_SYS_ADMIN), else why not. */
function mountProblem(): string | null {
  const probe = mkdtempSync(path.join(tmpdir(), "fundstelle-mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "pipe" });
    execFileSync("umount", [probe], { stdio: "pipe" });
    return null;
  } catch (error) {
    return `mounting is not possible here (needs root / CAP_SYS_ADMIN): ${String((error as Error).message).split("\n")[0]}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const skipReason = mountProblem();
if (skipReason) console.warn(`[disk-faults] skipped: ${skipReason}`);

interface Captured extends Logger {
  warnings: string[];
}

function capturingLogger(): Captured {
  const warnings: string[] = [];
  const text = (obj: object | string, msg?: string) =>
    `${typeof obj === "string" ? obj : JSON.stringify(obj)} ${msg ?? ""}`;
  return {
    warnings,
    debug() {},
    info() {},
    error() {},
    warn(obj, msg) {
      warnings.push(text(obj, msg));
    },
  };
}

const mounts: string[] = [];
const dirs: string[] = [];
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close().catch(() => {});
  for (const mount of mounts.splice(0).reverse()) execFileSync("umount", ["-l", mount], { stdio: "pipe" });
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), "fundstelle-disk-"));
  dirs.push(dir);
  const corpusDir = path.join(dir, "corpus");
  cpSync(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
  const options = (indexDir: string, logger?: Logger): EngineOptions => ({
    corpusDir,
    indexDir,
    embedding: { ...defaultEmbeddingOptions, enabled: false },
    ...(logger ? { logger } : {}),
  });
  const changeCorpus = () => {
    const file = path.join(corpusDir, "nvidia-openai-deal.de.txt");
    appendFileSync(file, NEW_FACT);
  };
  return { dir, corpusDir, options, changeCorpus };
}

async function load(options: EngineOptions): Promise<Engine> {
  const engine = await loadEngine(options);
  engines.push(engine);
  return engine;
}

function mountTmpfs(at: string, size: string): void {
  mkdirSync(at, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", at], { stdio: "pipe" });
  mounts.push(at);
}

function bindReadOnly(from: string, at: string): void {
  mkdirSync(at, { recursive: true });
  execFileSync("mount", ["--bind", from, at], { stdio: "pipe" });
  mounts.push(at);
  execFileSync("mount", ["-o", "remount,bind,ro", at], { stdio: "pipe" });
}

/** Writes zeros into `dir` until the file system is full. */
function fill(dir: string): void {
  const fd = openSync(path.join(dir, "filler"), "w");
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(skipReason !== null)("a full disk (tiny tmpfs)", () => {
  it("start-up serves an in-memory build with one warning; a re-index says 'disk full'; the index keeps serving", async () => {
    const w = workspace();
    const indexDir = path.join(w.dir, "index");
    mountTmpfs(indexDir, "32m");
    const first = await load(w.options(indexDir));
    await first.close();
    fill(indexDir);
    w.changeCorpus();

    const logger = capturingLogger();
    const engine = await load(w.options(indexDir, logger));
    expect(engine.status().indexVersion).toMatch(/^memory-/);
    const answer = await engine.ask(NEW_QUESTION);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain("Wuppertal");
    const aboutDisk = logger.warnings.filter((w) => w.includes(indexDir));
    expect(aboutDisk).toHaveLength(1);
    expect(aboutDisk[0]).toContain("the disk is full");

    const version = engine.status().indexVersion;
    const failed = await engine.reindex().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(IndexWriteError);
    expect((failed as IndexWriteError).reason).toBe("disk-full");
    expect((failed as IndexWriteError).message).toContain(indexDir);
    expect(engine.status().indexVersion).toBe(version);
    expect((await engine.ask(NEW_QUESTION)).answer).toContain("Wuppertal");
  }, 60_000);
});

describe.skipIf(skipReason !== null)("a read-only index folder", () => {
  it("with a saved index and a changed corpus: serves an in-memory build with one warning; a re-index says 'read-only'", async () => {
    const w = workspace();
    const source = path.join(w.dir, "index-src");
    await (await load(w.options(source))).close();
    const indexDir = path.join(w.dir, "index");
    bindReadOnly(source, indexDir);
    w.changeCorpus();

    const logger = capturingLogger();
    const engine = await load(w.options(indexDir, logger));
    expect((await engine.ask(NEW_QUESTION)).answer).toContain("Wuppertal");
    const aboutDisk = logger.warnings.filter((w) => w.includes(indexDir));
    expect(aboutDisk).toHaveLength(1);
    expect(aboutDisk[0]).toContain("read-only");
    const failed = await engine.reindex().catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(IndexWriteError);
    expect((failed as IndexWriteError).reason).toBe("read-only");
    // The refresh poll never swaps the older snapshot on disk in over the newer in-memory build.
    expect(await engine.refreshFromDisk()).toBe(false);
    expect((await engine.ask(NEW_QUESTION)).answer).toContain("Wuppertal");
  }, 60_000);

  it("with a dangling CURRENT: serves, warns once about the folder", async () => {
    const w = workspace();
    const source = path.join(w.dir, "index-src");
    await (await load(w.options(source))).close();
    writeFileSync(path.join(source, "CURRENT"), "20990101-gone-snapshot\n");
    const indexDir = path.join(w.dir, "index");
    bindReadOnly(source, indexDir);

    const logger = capturingLogger();
    const engine = await load(w.options(indexDir, logger));
    expect((await engine.ask("Wie viel hat OpenAI für Azure-Services zugesagt?")).abstained).toBe(false);
    const aboutDisk = logger.warnings.filter((w) => w.includes(indexDir) && w.includes("read-only"));
    expect(aboutDisk).toHaveLength(1);
  }, 60_000);

  it("npm start (console chat) answers with one warning; npm run index exits non-zero saying 'read-only'", async () => {
    const w = workspace();
    const source = path.join(w.dir, "index-src");
    await (await load(w.options(source))).close();
    const indexDir = path.join(w.dir, "index");
    bindReadOnly(source, indexDir);
    w.changeCorpus();
    const env = {
      ...process.env,
      CORPUS_DIR: w.corpusDir,
      INDEX_DIR: indexDir,
      EMBEDDINGS_ENABLED: "false",
      DISCORD_TOKEN: "",
      LOG_LEVEL: "warn",
    };
    const start = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", path.join(ROOT, "scripts/start.ts")],
        { cwd: ROOT, env, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(`${NEW_QUESTION}\n/quit\n`);
    });
    expect(start.code).toBe(0);
    expect(start.stdout).toContain("Wuppertal");
    expect(start.stderr).toContain(indexDir);
    expect(start.stderr).toContain("read-only");

    const index = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", path.join(ROOT, "scripts/build-index.ts")],
        { cwd: ROOT, env, timeout: 60_000 },
        (error, _stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stderr }),
      );
    });
    expect(index.code).not.toBe(0);
    expect(index.stderr).toMatch(/cannot be written: the file system is read-only/);
    expect(index.stderr).toContain(indexDir);
  }, 120_000);
});
