/**
 * Crash safety of the saved index: a re-index killed with SIGKILL at many points, damaged index files, and
 * bad corpora. After every kill a fresh engine loads the last complete index and answers correctly; damage is
 * detected by the manifest checksums and leads to a rebuild or a clear refusal; a bad corpus is refused with a
 * CorpusError while the old index keeps serving.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CorpusError,
  defaultEmbeddingOptions,
  type EmbeddingOptions,
  type Engine,
  IndexIntegrityError,
  loadEngine,
  silentLogger,
} from "../../retrieval/index.ts";
import { readCurrentVersion, readSnapshot } from "../../retrieval/store/index-store.ts";
import type { Logger } from "../../retrieval/types.ts";
import { writeTestModel } from "../../tools/test-model/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHILD = path.join(ROOT, "test/support/reindex-child.ts");
const AZURE = "Wie viel hat OpenAI für Azure-Services zugesagt?";
/**
 * Kills per child mode; each costs a child start-up plus three re-index cycles. In-process runs are hybrid
 * (vector files are written too); worker-process runs are lexical, because every cycle forks a process.
 */
const KILLS_IN_PROCESS = 12;
const KILLS_IN_WORKER = 4;
const CHILD_READY_MS = 20_000;

let dir: string;
let corpusDir: string;
let modelsDir: string;
let modelId: string;

const lexical: EmbeddingOptions = { ...defaultEmbeddingOptions, enabled: false };

function hybrid(): EmbeddingOptions {
  return { ...defaultEmbeddingOptions, model: modelId, modelsDir, queryPrefix: "", passagePrefix: "" };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    ...silentLogger,
    warnings,
    warn: (obj, msg) => warnings.push(typeof obj === "string" ? obj : (msg ?? "")),
  };
}

async function expectAzureAnswer(engine: Engine): Promise<void> {
  const answer = await engine.ask(AZURE);
  expect(answer.abstained).toBe(false);
  expect(answer.answer).toContain("250");
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fundstelle-crash-"));
  corpusDir = path.join(dir, "corpus");
  await cp(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
  modelsDir = path.join(dir, "models");
  modelId = (await writeTestModel(modelsDir)).modelId;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh index dir holding one complete snapshot of the good corpus. */
async function builtIndex(name: string, embedding: EmbeddingOptions = lexical): Promise<string> {
  const indexDir = path.join(dir, name);
  const engine = await loadEngine({ corpusDir, indexDir, embedding, reindexInWorker: false });
  await engine.close();
  return indexDir;
}

async function snapshotDir(indexDir: string): Promise<string> {
  const version = await readCurrentVersion(indexDir);
  if (!version) throw new Error(`no CURRENT in ${indexDir}`);
  return path.join(indexDir, "snapshots", version);
}

/** Where the kill landed, judged by what it left on disk. */
type KillPoint =
  | "snapshot half-written"
  | "pointer half-written"
  | "snapshot complete, pointer not yet"
  | "between writes";

interface KillOutcome {
  versionsWritten: string[];
  point: KillPoint;
}

async function killPoint(indexDir: string): Promise<KillPoint> {
  const entries = await readdir(indexDir);
  if (entries.some((e) => e.startsWith("tmp-"))) return "snapshot half-written";
  if (entries.some((e) => e.startsWith("CURRENT.tmp"))) return "pointer half-written";
  const current = (await readCurrentVersion(indexDir)) ?? "";
  const snapshots = await readdir(path.join(indexDir, "snapshots"));
  return snapshots.some((v) => v > current) ? "snapshot complete, pointer not yet" : "between writes";
}

function linesOf(child: ChildProcess, onLine: (line: string) => void): void {
  let buffer = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (data: string) => {
    buffer += data;
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid ?? 0), "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Waits (bounded) until no process of the group is left, so nothing writes while we check the index. */
async function groupGone(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-(child.pid ?? 0), 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process group ${child.pid} still alive 2 s after SIGKILL`);
}

/**
 * Starts the re-index loop in a child, measures how long writing a snapshot takes, then kills at `fraction`
 * of that time after a later write began, so the kills spread over every step of write, rename and prune.
 */
async function reindexAndKill(
  indexDir: string,
  options: { inWorker: boolean; fraction: number },
): Promise<KillOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CORPUS_DIR: corpusDir,
    INDEX_DIR: indexDir,
    CHILD_IN_WORKER: options.inWorker ? "1" : "0",
    ...(options.inWorker ? {} : { CHILD_MODEL: modelId, CHILD_MODELS_DIR: modelsDir }),
  };
  // Its own process group, so one SIGKILL takes the child and its re-index worker process at once.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const versionsWritten: string[] = [];
  let writeStarted = 0;
  let writeMs = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`child wrote ${versionsWritten.length} snapshots in ${CHILD_READY_MS} ms\n${stderr}`),
          ),
        CHILD_READY_MS,
      );
      child.once("exit", (code) => reject(new Error(`child exited early (${code})\n${stderr}`)));
      linesOf(child, (line) => {
        if (line === "write") {
          writeStarted = performance.now();
          if (writeMs === 0) return;
          clearTimeout(timer);
          setTimeout(resolve, writeMs * options.fraction);
        } else if (line.startsWith("wrote ")) {
          versionsWritten.push(line.slice("wrote ".length));
          if (writeMs === 0) writeMs = Math.max(1, performance.now() - writeStarted);
        }
      });
    });
  } finally {
    killGroup(child);
    await exited;
    await groupGone(child);
  }
  return { versionsWritten, point: await killPoint(indexDir) };
}

/** A fresh engine on `indexDir` (in-process re-index, warnings recorded), closed after `check`. */
async function withRestartedEngine(
  indexDir: string,
  embedding: EmbeddingOptions,
  check: (engine: Engine, logger: ReturnType<typeof recordingLogger>) => Promise<void>,
): Promise<void> {
  const logger = recordingLogger();
  const engine = await loadEngine({ corpusDir, indexDir, embedding, logger, reindexInWorker: false });
  try {
    await check(engine, logger);
  } finally {
    await engine.close();
  }
}

describe("a re-index killed with SIGKILL", () => {
  const runs: Array<{ inWorker: boolean; fraction: number }> = [];
  // Golden-ratio steps spread the kill points evenly over the write (and a little past it) without a pattern.
  for (let i = 0; i < KILLS_IN_PROCESS + KILLS_IN_WORKER; i++) {
    runs.push({ inWorker: i >= KILLS_IN_PROCESS, fraction: Math.round(((i * 0.618_034) % 1) * 120) / 100 });
  }
  let indexDir: string;
  const points = new Map<KillPoint, number>();

  beforeAll(async () => {
    indexDir = await builtIndex("kill-index");
  });

  afterAll(() => {
    const where = [...points].map(([point, n]) => `${n} ${point}`).join(", ");
    console.info(`crash-safety: ${runs.length} SIGKILLs survived (${where})`);
  });

  it.each(runs)(
    "leaves a loadable, correct index (in worker: $inWorker, killed at $fraction of a write)",
    async (run) => {
      const outcome = await reindexAndKill(indexDir, run);
      points.set(outcome.point, (points.get(outcome.point) ?? 0) + 1);
      const current = await readCurrentVersion(indexDir);
      const lastReported = outcome.versionsWritten.at(-1) ?? "";
      // CURRENT names the last reported snapshot, or one completed just before the kill hit the report.
      expect(current).not.toBeNull();
      expect((current ?? "") >= lastReported).toBe(true);
      const snapshot = await readSnapshot(indexDir, silentLogger);
      expect(snapshot?.manifest.indexVersion).toBe(current);

      await withRestartedEngine(indexDir, lexical, async (engine, logger) => {
        // Served from the saved snapshot, not rebuilt: a rebuild would hide a partial index.
        expect(engine.status().indexVersion).toBe(current);
        expect(logger.warnings).toEqual([]);
        await expectAzureAnswer(engine);
      });
    },
  );
});

describe("the states a crash can leave behind, built by hand", () => {
  /** No process has this pid, so the store treats its temp entries as leftovers of a dead writer. */
  const DEAD_PID = 99_999_999;
  type State = (indexDir: string, live: string) => Promise<void>;
  const copySnapshot = async (indexDir: string, live: string, to: string) => {
    await cp(path.join(indexDir, "snapshots", live), to, { recursive: true });
  };
  const states: Array<[string, State]> = [
    [
      "snapshot half-written in its temp dir",
      async (d, live) => {
        const tmp = path.join(d, `tmp-${DEAD_PID}-0badc0de`);
        await copySnapshot(d, live, tmp);
        await rm(path.join(tmp, "manifest.json"));
        await truncate(path.join(tmp, "chunks.bin"), 50);
      },
    ],
    [
      "snapshot complete in its temp dir, not renamed",
      (d, live) => copySnapshot(d, live, path.join(d, `tmp-${DEAD_PID}-0badc0df`)),
    ],
    [
      "newer snapshot renamed, CURRENT not switched yet",
      async (d, live) => {
        const newer = `${live.slice(0, 8)}T235959999Z-newer-0000`;
        await copySnapshot(d, live, path.join(d, "snapshots", newer));
        const file = path.join(d, "snapshots", newer, "manifest.json");
        const manifest = JSON.parse(await readFile(file, "utf8"));
        await writeFile(file, JSON.stringify({ ...manifest, indexVersion: newer }));
      },
    ],
    [
      "CURRENT.tmp half-written",
      (d, live) => writeFile(path.join(d, `CURRENT.tmp-${DEAD_PID}-0badc0e0`), live.slice(0, 5)),
    ],
    [
      "an old snapshot half-pruned",
      async (d, live) => {
        const old = path.join(d, "snapshots", "20000101T000000000Z-old-0000");
        await copySnapshot(d, live, old);
        await rm(path.join(old, "chunks.bin"));
      },
    ],
  ];

  it.each(states)(
    "%s: the engine serves CURRENT, and the next write clears the debris",
    async (name, leave) => {
      const indexDir = await builtIndex(`state-${states.findIndex(([n]) => n === name)}`);
      const live = (await readCurrentVersion(indexDir)) ?? "";
      await leave(indexDir, live);
      await withRestartedEngine(indexDir, lexical, async (engine, logger) => {
        expect(engine.status().indexVersion).toBe(live);
        expect(logger.warnings).toEqual([]);
        await expectAzureAnswer(engine);
        await engine.reindex();
        expect((await readdir(indexDir)).filter((e) => e.includes(String(DEAD_PID)))).toEqual([]);
        await expectAzureAnswer(engine);
      });
    },
  );

  it("CURRENT lost after a first write: the newest complete snapshot is used", async () => {
    const indexDir = await builtIndex("state-no-current");
    const live = (await readCurrentVersion(indexDir)) ?? "";
    await rm(path.join(indexDir, "CURRENT"));
    const engine = await loadEngine({ corpusDir, indexDir, embedding: lexical, reindexInWorker: false });
    try {
      expect(engine.status().indexVersion).toBe(live);
      await expectAzureAnswer(engine);
    } finally {
      await engine.close();
    }
  });
});

describe("a damaged saved index", () => {
  type Damage = (indexDir: string) => Promise<void>;
  const flipByte = async (file: string) => {
    const bytes = await readFile(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    await writeFile(file, bytes);
  };
  const damages: Array<[string, Damage]> = [
    ["chunks.bin truncated", async (d) => truncate(path.join(await snapshotDir(d), "chunks.bin"), 100)],
    [
      "one byte of figures.json flipped",
      async (d) => flipByte(path.join(await snapshotDir(d), "figures.json")),
    ],
    ["documents.json deleted", async (d) => rm(path.join(await snapshotDir(d), "documents.json"))],
    ["manifest.json not JSON", async (d) => writeFile(path.join(await snapshotDir(d), "manifest.json"), "{")],
    [
      "manifest checksum edited",
      async (d) => {
        const file = path.join(await snapshotDir(d), "manifest.json");
        const manifest = JSON.parse(await readFile(file, "utf8"));
        manifest.files["chunks.bin"].sha256 = "0".repeat(64);
        await writeFile(file, JSON.stringify(manifest));
      },
    ],
    [
      "CURRENT names a missing snapshot",
      (d) => writeFile(path.join(d, "CURRENT"), "20990101T000000000Z-gone-0000\n"),
    ],
    ["CURRENT is garbage", (d) => writeFile(path.join(d, "CURRENT"), "../../etc/passwd\n")],
    ["CURRENT is empty", (d) => writeFile(path.join(d, "CURRENT"), "")],
  ];

  it.each(damages)("%s: detected, rebuilt from the corpus, answers correctly", async (name, damage) => {
    const indexDir = await builtIndex(`damaged-${damages.findIndex(([n]) => n === name)}`);
    await damage(indexDir);
    await expect(readSnapshot(indexDir, silentLogger)).rejects.toThrow(IndexIntegrityError);
    await withRestartedEngine(indexDir, lexical, async (engine, logger) => {
      expect(logger.warnings.join("\n")).toMatch(/integrity check; rebuilding/);
      await expectAzureAnswer(engine);
      // The rebuild replaced the damaged snapshot with a sound one.
      expect((await readSnapshot(indexDir, silentLogger))?.manifest.indexVersion).toBe(
        engine.status().indexVersion,
      );
    });
  });

  it("flipped vector bytes in a hybrid index: detected and rebuilt, still hybrid", async () => {
    const indexDir = await builtIndex("damaged-vectors", hybrid());
    await flipByte(path.join(await snapshotDir(indexDir), "vectors.f32"));
    await withRestartedEngine(indexDir, hybrid(), async (engine, logger) => {
      expect(logger.warnings.join("\n")).toMatch(/integrity check; rebuilding/);
      expect(engine.status().mode).toBe("hybrid");
      await expectAzureAnswer(engine);
    });
  });

  it("damaged index and unreadable corpus: a clear refusal, not a guess", async () => {
    const indexDir = await builtIndex("damaged-no-corpus");
    await truncate(path.join(await snapshotDir(indexDir), "chunks.bin"), 10);
    const missing = path.join(dir, "no-such-corpus");
    await expect(loadEngine({ corpusDir: missing, indexDir, embedding: lexical })).rejects.toThrow(
      CorpusError,
    );
  });

  it("a damaged snapshot written by another process is refused by refreshFromDisk; the live index keeps serving", async () => {
    const indexDir = await builtIndex("damaged-refresh");
    const engine = await loadEngine({ corpusDir, indexDir, embedding: lexical, reindexInWorker: false });
    try {
      const other = await loadEngine({ corpusDir, indexDir, embedding: lexical, reindexInWorker: false });
      await other.reindex();
      await other.close();
      await truncate(path.join(await snapshotDir(indexDir), "chunks.bin"), 100);
      await expect(engine.refreshFromDisk()).rejects.toThrow(IndexIntegrityError);
      await expectAzureAnswer(engine);
    } finally {
      await engine.close();
    }
  });
});

describe("a bad corpus", () => {
  type Spoil = (corpus: string) => Promise<void>;
  const article = "nvidia-openai-deal.de.txt";
  const spoils: Array<[string, Spoil, RegExp]> = [
    ["no documents left", (c) => rm(path.join(c, article)), /holds no \.txt or \.md file/],
    ["corpus folder missing", (c) => rm(c, { recursive: true }), /Cannot read the corpus folder/],
    ["an empty file added", (c) => writeFile(path.join(c, "leer.txt"), " \n\n "), /leer\.txt is empty/],
    [
      "a Latin-1 file added",
      (c) => writeFile(path.join(c, "latin1.txt"), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])),
      /latin1\.txt is not valid UTF-8/,
    ],
    [
      "a binary file added",
      (c) => writeFile(path.join(c, "bild.md"), Buffer.from([0x50, 0x00, 0x4e, 0x47])),
      /looks binary/,
    ],
    [
      "an unreadable file added (dangling link)",
      (c) => symlink(path.join(c, "nowhere"), path.join(c, "kaputt.txt")),
      /Cannot read kaputt\.txt/,
    ],
    [
      "an enormous file added (21 MB, sparse)",
      async (c) => {
        await writeFile(path.join(c, "riesig.txt"), "");
        await truncate(path.join(c, "riesig.txt"), 21 * 1024 * 1024);
      },
      /riesig\.txt is \d+ bytes; the limit is/,
    ],
  ];

  let indexDir: string;

  beforeAll(async () => {
    indexDir = await builtIndex("bad-corpus-index");
  });

  /** A corpus copy the case may spoil; the engine under test reads it. */
  async function freshCorpus(): Promise<string> {
    const target = path.join(dir, "spoiled-corpus");
    await rm(target, { recursive: true, force: true });
    await mkdir(target);
    await cp(corpusDir, target, { recursive: true });
    return target;
  }

  it.each(spoils)(
    "%s: reindex rejects with a clear CorpusError, the old index keeps serving",
    async (_, spoil, message) => {
      const corpus = await freshCorpus();
      const engine = await loadEngine({ corpusDir: corpus, indexDir, embedding: lexical });
      const liveVersion = engine.status().indexVersion;
      try {
        await spoil(corpus);
        const failure = engine.reindex();
        await expect(failure).rejects.toThrow(CorpusError);
        await expect(failure).rejects.toThrow(message);
        expect(engine.status().indexVersion).toBe(liveVersion);
        expect(await readCurrentVersion(indexDir)).toBe(liveVersion);
        await expectAzureAnswer(engine);
      } finally {
        await engine.close();
      }
      // A restart with the spoiled corpus serves the saved index too, and says why it does not rebuild.
      const logger = recordingLogger();
      const restarted = await loadEngine({ corpusDir: corpus, indexDir, embedding: lexical, logger });
      try {
        expect(restarted.status().indexVersion).toBe(liveVersion);
        expect(logger.warnings.join("\n")).toMatch(/corpus unreadable; serving the saved index/);
        await expectAzureAnswer(restarted);
      } finally {
        await restarted.close();
      }
    },
  );

  it("in-process re-index refuses a bad corpus the same way", async () => {
    const corpus = await freshCorpus();
    const inProcess = await loadEngine({
      corpusDir: corpus,
      indexDir,
      embedding: lexical,
      reindexInWorker: false,
    });
    try {
      await writeFile(path.join(corpus, "leer.txt"), "");
      await expect(inProcess.reindex()).rejects.toThrow(CorpusError);
      await expectAzureAnswer(inProcess);
    } finally {
      await inProcess.close();
    }
  });
});
