/**
 * `npm run corpus -- add <url|file>`, `list [--json]`, `remove <id>`, `refresh`: corpus changes from the shell,
 * the same code as /corpus in Discord. Each change re-indexes and prints the change report.
 * Exit codes: 0 done, 2 bad usage or configuration, 4 refused (corpus and index unchanged), 1 failure.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { loadCliConfig } from "../cli/engine-cli.ts";
import { createLogger } from "../config/logger.ts";
import {
  CorpusAdmin,
  CorpusBusyError,
  CorpusChangeRefused,
  CorpusStore,
  type DocumentInput,
  defaultFetchLimits,
  formatChangeReport,
} from "../retrieval/corpus-admin/index.ts";
import { loadEngine } from "../retrieval/index.ts";

const USAGE = `Usage:
  npm run corpus -- add <url|file>    add a web page, .txt, .md or .html file
  npm run corpus -- list [--json]     list the documents
  npm run corpus -- remove <id>       remove a document (ids: see list)
  npm run corpus -- refresh           fetch documents added by link again
`;

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(USAGE);
  process.exit(2);
}

const [command, argument, ...rest] = process.argv.slice(2);
if (!command || !["add", "list", "remove", "refresh"].includes(command))
  usage(command && `Unknown command: ${command}`);
if ((command === "add" || command === "remove") && (!argument || rest.length > 0))
  usage(`${command} needs one argument`);

const config = loadCliConfig();
const logger = createLogger(config.log, []);
const store = new CorpusStore(config.engine.corpusDir);

if (command === "list") {
  const docs = await store.list();
  if (argument === "--json") {
    process.stdout.write(
      `${JSON.stringify(
        docs.map(({ raw: _raw, ...d }) => d),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const d of docs) {
      process.stdout.write(`${d.id}\t${d.date ?? "-"}\t${d.title}${d.sourceUrl ? `\t${d.sourceUrl}` : ""}\n`);
    }
  }
  process.exit(0);
}

async function inputOf(target: string): Promise<DocumentInput> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: "url", url: target };
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (error) {
    usage(`Cannot read ${target}: ${(error as Error).message}`);
  }
  return { kind: "file", name: path.basename(target), bytes };
}

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
      command === "add"
        ? await admin.add(await inputOf(argument as string), actor)
        : command === "remove"
          ? await admin.remove(argument as string, actor)
          : await admin.refresh(actor);
    process.stdout.write(`${formatChangeReport(report)}\n`);
  } finally {
    await engine.close();
  }
} catch (error) {
  if (error instanceof CorpusChangeRefused || error instanceof CorpusBusyError) {
    process.stderr.write(`Refused: ${error.message}\nThe corpus and the index are unchanged.\n`);
    process.exit(4);
  }
  logger.error({ err: error }, "corpus change failed");
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exit(1);
}
