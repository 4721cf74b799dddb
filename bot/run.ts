/**
 * The bot's life in one process, from a loaded engine to shutdown: follows snapshots other shards write,
 * installs the signal handlers first (a SIGTERM during login still shuts down cleanly), logs in, and on a fatal
 * error or signal stops the bot and closes the engine once. `npm start` imports this only with a Discord token.
 */
import type { AppConfig, DiscordConfig } from "../config/index.ts";
import type { Engine } from "../retrieval/index.ts";
import { watchIndexOnDisk } from "./index-refresh.ts";
import { installProcessHandlers } from "./lifecycle.ts";
import type { BotLogger } from "./log.ts";
import { type RunningBot, startBot } from "./main.ts";

export async function runDiscordBot(
  config: AppConfig & { discord: DiscordConfig },
  engine: Engine,
  logger: BotLogger,
): Promise<void> {
  const discord = config.discord;
  let bot: RunningBot | undefined;
  let stopping: Promise<void> | undefined;
  // Another shard's /reindex (or `npm run index`) writes a new snapshot: switch to it.
  const stopWatching = watchIndexOnDisk(engine, logger, discord.indexRefreshMs);
  const shutdown = () => {
    stopping ??= (async () => {
      stopWatching();
      await bot?.stop();
      await engine.close();
    })();
    return stopping;
  };
  installProcessHandlers(logger, shutdown, { hardTimeoutMs: discord.shutdownTimeoutMs + 5_000 });
  try {
    bot = await startBot(config, engine, logger, {
      onFatal: () => {
        void shutdown().finally(() => process.exit(1));
      },
    });
  } catch (err) {
    logger.fatal({ err }, "could not start the Discord bot");
    await engine.close().catch(() => {});
    process.exit(1);
  }
}
