/**
 * Sharding across processes with discord.js's ShardingManager. With SHARD_COUNT > 1 (or "auto" when Discord
 * recommends more than one shard) `npm start` becomes a manager that runs every shard as its own process
 * (scripts/start.ts again, with SHARDS/SHARD_COUNT set). Every shard loads the same index files; a /reindex
 * in one shard writes a new snapshot, and the others switch to it through watchIndexOnDisk.
 *
 * A shard that dies takes the whole bot down (exit 1) instead of being respawned: a crash-and-relogin loop
 * can burn Discord's 1000 IDENTIFYs a day, and a supervisor (systemd, Docker) restarts with backoff anyway.
 */
import { once } from "node:events";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import {
  DiscordAPIError,
  REST,
  type RESTGetAPIGatewayBotResult,
  Routes,
  type Shard,
  ShardingManager,
} from "discord.js";
import type { DiscordConfig } from "../config/index.ts";
import { TimeoutError, withTimeout } from "../retrieval/index.ts";
import type { BotLogger } from "./log.ts";

/** tsx's loader by absolute URL: shard processes run TypeScript whatever the working directory. */
/** Shards run the start script again: compiled JavaScript on plain node, TypeScript sources through tsx. */
function shardExecArgv(script: string): string[] {
  if (!script.endsWith(".ts")) return [];
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
}
/** Discord allows one IDENTIFY per 5 s per concurrency bucket; discord.js's default spacing. */
const SPAWN_DELAY_MS = 5_500;

/** True inside a shard process started by the manager. */
export function isShardProcess(): boolean {
  return process.env.SHARDS !== undefined && typeof process.send === "function";
}

/**
 * The configured shard count; for "auto", Discord's recommendation (1 when Discord cannot be reached). A rejected
 * token throws: logging in would only be rejected a second time.
 */
export async function shardCountFor(discord: DiscordConfig, logger: BotLogger): Promise<number> {
  if (discord.shardCount !== "auto") return discord.shardCount;
  try {
    const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } catch (err) {
    if (err instanceof DiscordAPIError && (err.status === 401 || err.status === 403)) throw err;
    logger.warn({ err }, "could not ask Discord for the recommended shard count; running one process");
    return 1;
  }
}

export interface ShardManagerOptions {
  /** The entry each shard runs (scripts/start.ts). */
  script: string;
  shardCount: number;
  /** Bound on waiting for shards to stop at shutdown (SHUTDOWN_TIMEOUT_MS + margin). */
  stopTimeoutMs: number;
  /** Bound on waiting for each shard to report READY. */
  readyTimeoutMs?: number;
}

/**
 * Spawns the shards and resolves with the process exit code once they are all gone: 0 after SIGINT/SIGTERM,
 * 1 when a shard died or could not start.
 */
export async function runShardManager(
  discord: DiscordConfig,
  logger: BotLogger,
  options: ShardManagerOptions,
): Promise<number> {
  const log = logger.child({ module: "shards" });
  const manager = new ShardingManager(options.script, {
    token: discord.token,
    totalShards: options.shardCount,
    mode: "process",
    respawn: false,
    execArgv: shardExecArgv(options.script),
  });
  let stopping: Promise<number> | undefined;
  let stopped: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    stopped = resolve;
  });
  const stop = (code: number, reason: string) => {
    if (!stopping) {
      stopping = (async () => {
        log.info({ reason }, "stopping every shard");
        await stopShards([...manager.shards.values()], options.stopTimeoutMs, log);
        return code;
      })();
      void stopping.then(stopped);
    }
    return stopping;
  };
  manager.on("shardCreate", (shard) => {
    log.info({ shardId: shard.id, shardCount: options.shardCount }, "shard process started");
    shard.on("death", (child) => {
      if (stopping) return;
      const exitCode = "exitCode" in child ? child.exitCode : null;
      log.fatal(
        { shardId: shard.id, exitCode },
        "a shard process died; stopping the bot so it restarts whole",
      );
      void stop(1, `shard ${shard.id} died`);
    });
  });
  const onSignal = (signal: NodeJS.Signals) => void stop(0, signal);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await manager.spawn({
      amount: options.shardCount,
      delay: SPAWN_DELAY_MS,
      timeout: options.readyTimeoutMs ?? 60_000,
    });
    log.info({ shardCount: options.shardCount }, "all shards ready");
  } catch (err) {
    log.fatal({ err }, "shards could not be started");
    return stop(1, "spawn failed");
  }
  return done;
}

/** SIGTERM lets each shard drain its answers; whatever is still alive after the bound gets SIGKILL. */
async function stopShards(shards: Shard[], timeoutMs: number, log: BotLogger): Promise<void> {
  const alive = shards
    .map((shard) => ({ shard, child: shard.process }))
    .filter(({ child }) => child && child.exitCode === null && child.signalCode === null);
  const exited = withTimeout(timeoutMs, (signal) =>
    Promise.all(alive.map(({ child }) => (child ? once(child, "exit", { signal }) : undefined))),
  );
  for (const { child } of alive) child?.kill("SIGTERM");
  const inTime = await exited.then(
    () => true,
    (error: unknown) => {
      if (error instanceof TimeoutError) return false;
      throw error;
    },
  );
  if (inTime) return;
  for (const { shard, child } of alive) {
    if (child && child.exitCode === null && child.signalCode === null) {
      log.warn({ shardId: shard.id }, "shard did not stop in time; killing it");
      child.kill("SIGKILL");
    }
  }
}
