/** Shared start-up for the command-line entry points: config, logger, engine, and clean failure. */
import { type AppConfig, ConfigError, loadConfig } from "../config/index.ts";
import { createLogger } from "../config/logger.ts";
import { CorpusError, type Engine, IndexWriteError, loadEngine } from "../retrieval/index.ts";

export interface CliContext {
  config: AppConfig;
  engine: Engine;
  logger: ReturnType<typeof createLogger>;
}

export function loadCliConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs `main` with a loaded engine; turns expected failures into one clear line and a non-zero exit. */
export async function runWithEngine(main: (ctx: CliContext) => Promise<void>): Promise<void> {
  const config = loadCliConfig();
  const logger = createLogger(config.log, config.discord ? [config.discord.token] : []);
  try {
    const engine = await loadEngine({ ...config.engine, logger });
    await main({ config, engine, logger });
    await engine.close();
  } catch (error) {
    exitOnCliError(error, logger);
  }
}

/** One clear line and an exit code per kind of failure: 3 corpus, 4 index not written, 1 anything else. */
export function exitOnCliError(error: unknown, logger: ReturnType<typeof createLogger>): never {
  if (error instanceof CorpusError) {
    process.stderr.write(`Corpus problem: ${error.message}\n`);
    process.exit(3);
  }
  if (error instanceof IndexWriteError) {
    // "disk full", "read-only", "path" in plain words, naming the folder; the old index is untouched.
    process.stderr.write(`Index not saved: ${error.message}\n`);
    process.exit(4);
  }
  logger.error({ err: error }, "failed");
  process.stderr.write(`Error: ${(error as Error).message}\n`);
  process.exit(1);
}
