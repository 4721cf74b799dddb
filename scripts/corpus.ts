/**
 * `npm run corpus -- add <url|file>`, `list [--json]`, `remove <id>`, `refresh` (see cli/corpus-command.ts).
 * Exit codes: 0 done, 2 bad usage or configuration, 4 refused (corpus and index unchanged), 1 failure.
 */
import { runCorpusCommand } from "../cli/corpus-command.ts";
import { loadCliConfig } from "../cli/engine-cli.ts";
import { createLogger } from "../config/logger.ts";

const config = loadCliConfig();
const exitCode = await runCorpusCommand(process.argv.slice(2), {
  config,
  logger: createLogger(config.log, []),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exit(exitCode);
