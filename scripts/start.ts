/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise a console chat with the same engine.
 * Startup failures are logged and end the process with a non-zero code; nothing half-alive stays behind.
 * The bot's modules (and with them discord.js, a third of a second to load) are imported only with a token.
 */

import { fileURLToPath } from "node:url";
import { type AppConfig, ConfigError, loadConfig } from "../config/index.ts";
import { createLogger } from "../config/logger.ts";
import { CorpusStore } from "../retrieval/corpus-admin/index.ts";
import { type Engine, loadEngine } from "../retrieval/index.ts";

let config: AppConfig;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// The console chat on a terminal greets a person, not a log collector: unless LOG_LEVEL or LOG_PRETTY says
// otherwise, only warnings and errors, one readable line each.
const quietTerminal = !config.discord && process.stdout.isTTY === true && !config.log.explicit;
const logger = createLogger(
  quietTerminal ? { ...config.log, level: "warn" } : config.log,
  config.discord ? [config.discord.token] : [],
  { humanLines: quietTerminal },
);

// Several shards: this process only manages shard processes (each runs this script again) and never returns.
const shards = config.discord ? await import("../bot/shard.ts") : null;
if (config.discord && shards && !shards.isShardProcess()) {
  const { runShardManager, shardCountFor } = shards;
  const shardCount = await shardCountFor(config.discord, logger).catch((err: unknown) => {
    logger.fatal({ err }, "could not start the Discord bot");
    process.exit(1);
  });
  if (shardCount > 1) {
    const script = fileURLToPath(import.meta.url);
    const stopTimeoutMs = config.discord.shutdownTimeoutMs + 5_000;
    process.exit(await runShardManager(config.discord, logger, { script, shardCount, stopTimeoutMs }));
  }
}

let engine: Engine;
try {
  // A corpus change a crash interrupted is undone first, so the engine sees the corpus as it was before it.
  await new CorpusStore(config.engine.corpusDir).recover().then((undone) => {
    if (undone) logger.warn("undid an interrupted corpus change");
  });
  engine = await loadEngine({ ...config.engine, logger: logger.child({ module: "engine" }) });
} catch (err) {
  logger.fatal({ err }, "could not load the retrieval engine");
  process.exit(1);
}
const status = engine.status();
logger.info(
  {
    mode: status.mode,
    documents: status.documents,
    chunks: status.chunks,
    indexVersion: status.indexVersion,
  },
  "engine ready",
);

if (config.discord) {
  const { runDiscordBot } = await import("../bot/run.ts");
  await runDiscordBot({ ...config, discord: config.discord }, engine, logger);
} else {
  logger.info("DISCORD_TOKEN is not set: starting the console chat");
  const { runConsoleChat } = await import("../cli/console-chat.ts");
  await runConsoleChat(engine);
  await engine.close();
}
