/** Client error logging and process-level handlers: signals, unhandled rejections, uncaught exceptions. */
import { type Client, Events, GatewayCloseCodes } from "discord.js";
import type { BotLogger } from "./log.ts";

const CLOSE_HINTS: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]: "the token was rejected: check DISCORD_TOKEN",
  [GatewayCloseCodes.DisallowedIntents]:
    "Discord refused the Message Content intent: switch it on in the developer portal (Bot → Privileged Gateway Intents) or set MENTIONS_ENABLED=false",
  [GatewayCloseCodes.InvalidIntents]: "invalid intents",
  [GatewayCloseCodes.ShardingRequired]: "Discord requires sharding: set SHARD_COUNT=auto",
  [GatewayCloseCodes.InvalidShard]: "invalid shard settings",
};

/**
 * Logs what the client reports. `error` must have a listener (without one the process dies). A shard that
 * disconnects for good (bad token, disallowed intents) is fatal: `onFatal` shuts the process down instead of
 * leaving it half alive; it never logs in again.
 */
export function attachClientLogging(
  client: Client,
  log: BotLogger,
  onFatal?: (reason: string) => void,
): void {
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ discord: message }, "discord client warning"));
  client.on(Events.Debug, (message) => log.trace({ discord: message }, "discord debug"));
  client.on(Events.ShardError, (err, shardId) => log.warn({ err, shardId }, "gateway connection error"));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, "gateway reconnecting"));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, "gateway session resumed"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const hint = CLOSE_HINTS[event.code] ?? "the gateway closed the connection for good";
    log.fatal({ shardId, code: event.code }, `gateway disconnected: ${hint}`);
    onFatal?.(hint);
  });
  client.rest.on("rateLimited", (info) =>
    log.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      "rate limited",
    ),
  );
}

export interface ProcessHandlerOptions {
  /** Upper bound for the whole shutdown; past it the process exits 1. */
  hardTimeoutMs: number;
  exit?: (code: number) => void;
}

/**
 * SIGINT/SIGTERM run `shutdown` once and exit 0 (1 if it fails or hangs); a second signal exits at once.
 * Unhandled rejections are logged; an uncaught exception is logged and shuts down with exit code 1.
 * Returns a function that removes the handlers (for tests).
 */
export function installProcessHandlers(
  log: BotLogger,
  shutdown: (reason: string) => Promise<void>,
  options: ProcessHandlerOptions,
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;

  const run = (reason: string, code: number) => {
    if (shuttingDown) {
      log.warn({ reason }, "second stop request: exiting now");
      exit(1);
      return;
    }
    shuttingDown = true;
    log.info({ reason }, "shutting down");
    const timer = setTimeout(() => {
      log.error({ reason }, "shutdown took too long: exiting");
      exit(1);
    }, options.hardTimeoutMs);
    timer.unref();
    shutdown(reason).then(
      () => {
        clearTimeout(timer);
        log.info("stopped");
        exit(code);
      },
      (err: unknown) => {
        clearTimeout(timer);
        log.error({ err }, "shutdown failed");
        exit(1);
      },
    );
  };

  const onSigint = () => run("SIGINT", 0);
  const onSigterm = () => run("SIGTERM", 0);
  const onRejection = (reason: unknown) => log.error({ err: reason }, "unhandled promise rejection");
  const onException = (err: Error) => {
    log.fatal({ err }, "uncaught exception");
    run("uncaughtException", 1);
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigterm);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigterm);
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
