/**
 * `npm run corpus -- add <url|file>`, `list [--json]`, `remove <id>`, `refresh`: corpus changes from the shell,
 * the same code as /corpus in Discord. Each change re-indexes and prints the change report.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import type { AppConfig } from "../config/index.ts";
import type { createLogger } from "../config/logger.ts";
import {
  CorpusAdmin,
  CorpusBusyError,
  CorpusChangeRefused,
  CorpusStore,
  type DocumentInput,
  defaultFetchLimits,
  formatChangeReport,
} from "../retrieval/corpus-admin/index.ts";
import { loadEngine, terminalSafe } from "../retrieval/index.ts";

export const CORPUS_USAGE = `Usage:
  npm run corpus -- add <url|file>    add a web page, .txt, .md or .html file
  npm run corpus -- list [--json]     list the documents
  npm run corpus -- remove <id>       remove a document (ids: see list)
  npm run corpus -- refresh           fetch documents added by link again
`;

/** Exit codes: 0 done, 2 bad usage, 4 refused (corpus and index unchanged), 1 failure. */
export type CorpusExitCode = 0 | 1 | 2 | 4;

export interface CorpusCommandIo {
  config: AppConfig;
  logger: ReturnType<typeof createLogger>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const COMMANDS = ["add", "list", "remove", "refresh"] as const;
type Command = (typeof COMMANDS)[number];

export async function runCorpusCommand(args: string[], io: CorpusCommandIo): Promise<CorpusExitCode> {
  const [command, argument, ...rest] = args;
  const usage = (message?: string): CorpusExitCode => {
    if (message) io.stderr(`${message}\n`);
    io.stderr(CORPUS_USAGE);
    return 2;
  };
  if (!command || !(COMMANDS as readonly string[]).includes(command))
    return usage(command && `Unknown command: ${command}`);
  if ((command === "add" || command === "remove") && (!argument || rest.length > 0))
    return usage(`${command} needs one argument`);

  const store = new CorpusStore(io.config.engine.corpusDir);
  if (command === "list") {
    await listDocuments(store, argument === "--json", io);
    return 0;
  }
  let input: DocumentInput | undefined;
  if (command === "add") {
    try {
      input = await inputOf(argument as string);
    } catch (error) {
      return usage(`Cannot read ${argument}: ${(error as Error).message}`);
    }
  }
  return change(command as Exclude<Command, "list">, store, input, argument, io);
}

async function listDocuments(store: CorpusStore, json: boolean, io: CorpusCommandIo): Promise<void> {
  const docs = await store.list();
  if (json) {
    io.stdout(
      `${JSON.stringify(
        docs.map(({ raw: _raw, ...d }) => d),
        null,
        2,
      )}\n`,
    );
    return;
  }
  // Titles and links come from articles and fetched pages: no escape sequence reaches the terminal.
  for (const d of docs) {
    const cells = [d.id, d.date ?? "-", d.title, ...(d.sourceUrl ? [d.sourceUrl] : [])];
    io.stdout(`${cells.map((cell) => terminalSafe(cell, { multiline: false })).join("\t")}\n`);
  }
}

async function inputOf(target: string): Promise<DocumentInput> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: "url", url: target };
  return { kind: "file", name: path.basename(target), bytes: await readFile(target) };
}

async function change(
  command: Exclude<Command, "list">,
  store: CorpusStore,
  input: DocumentInput | undefined,
  argument: string | undefined,
  io: CorpusCommandIo,
): Promise<CorpusExitCode> {
  const { config, logger } = io;
  try {
    if (await store.recover()) logger.warn("undid an interrupted corpus change");
    const engine = await loadEngine({ ...config.engine, logger });
    const admin = new CorpusAdmin({
      corpusDir: config.engine.corpusDir,
      fetch: {
        limits: { ...defaultFetchLimits, maxBytes: config.corpus.maxDocumentBytes },
        allowHosts: config.corpus.fetchAllowHosts,
      },
      reindex: (onProgress) => engine.reindex(onProgress),
      logger,
    });
    const actor = `cli:${userInfo().username}`;
    try {
      const report =
        command === "add" && input
          ? await admin.add(input, actor)
          : command === "remove"
            ? await admin.remove(argument as string, actor)
            : await admin.refresh(actor);
      io.stdout(`${terminalSafe(formatChangeReport(report))}\n`);
    } finally {
      await engine.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof CorpusChangeRefused || error instanceof CorpusBusyError) {
      io.stderr(`Refused: ${terminalSafe(error.message)}\nThe corpus and the index are unchanged.\n`);
      return 4;
    }
    logger.error({ err: error }, "corpus change failed");
    io.stderr(`Error: ${terminalSafe((error as Error).message)}\n`);
    return 1;
  }
}
