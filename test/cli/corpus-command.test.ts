import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusCommandIo, runCorpusCommand } from "../../cli/corpus-command.ts";
import { loadConfig } from "../../config/index.ts";
import { createLogger } from "../../config/logger.ts";
import { TERMINAL_CONTROL, writeHostileCorpus } from "../fixtures/hostile-corpus.ts";

let dir: string;
let corpusDir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "fundstelle-corpus-cli-"));
  corpusDir = writeHostileCorpus(path.join(dir, "corpus"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one command against the temporary corpus and returns what it printed. */
async function corpus(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const config = loadConfig(
    {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(dir, "index"),
      EMBEDDINGS_ENABLED: "false",
      LOG_LEVEL: "silent",
    },
    { dotenvPath: false },
  );
  const io: CorpusCommandIo = {
    config,
    logger: createLogger(config.log, []),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = await runCorpusCommand(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("npm run corpus", () => {
  it("lists documents without letting a hostile title's escape sequences reach the terminal", async () => {
    const { code, stdout } = await corpus("list");
    expect(code).toBe(0);
    expect(stdout).toContain("Zebrabank");
    expect(stdout).not.toMatch(TERMINAL_CONTROL);
    expect(stdout.trim().split("\n")).toHaveLength(1);
  });

  it("adds a file, refuses the same file again with the corpus unchanged, and removes it", async () => {
    const file = path.join(dir, "kiel.md");
    writeFileSync(
      file,
      "# Kiel baut einen Wärmespeicher\n\nDie Stadtwerke Kiel investieren 68 Millionen Euro in einen Wärmespeicher am Ostufer der Förde. Er soll 2027 in Betrieb gehen und im Winter die Fernwärme für 20.000 Haushalte puffern.\n",
    );
    const added = await corpus("add", file);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Kiel/);
    const articles = async () => (await readdir(corpusDir)).filter((name) => !name.startsWith("."));
    const files = await articles();
    expect(files).toHaveLength(2);

    const again = await corpus("add", file);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/unchanged/);
    expect(await articles()).toEqual(files);

    const listed = await corpus("list", "--json");
    const docs = JSON.parse(listed.stdout) as Array<{ id: string; title: string }>;
    const kiel = docs.find((d) => d.title.includes("Kiel"));
    expect(kiel).toBeDefined();
    const removed = await corpus("remove", kiel?.id ?? "");
    expect(removed.code).toBe(0);
    expect(await articles()).toEqual(["zebrabank.md"]);
  }, 60_000);

  it("answers bad usage with exit code 2 and the usage text", async () => {
    for (const args of [
      [],
      ["delete"],
      ["add"],
      ["remove", "a", "b"],
      ["add", path.join(dir, "missing.md")],
    ]) {
      const { code, stderr } = await corpus(...args);
      expect(code).toBe(2);
      expect(stderr).toContain("Usage:");
    }
  });
});
