/** Starts the Discord side: client, handlers, login; returns a stop() for graceful shutdown. */
import { once } from "node:events";
import { type Client, Events, Team } from "discord.js";
import type { AppConfig } from "../config/index.ts";
import {
  type CorpusAdmin,
  defaultFetchLimits,
  type Engine,
  loadCorpusAdmin,
  withTimeout,
} from "../retrieval/index.ts";
import { createClient } from "./client.ts";
import { commandsByName, componentHandlers } from "./commands/index.ts";
import { type BotContext, createContext } from "./context.ts";
import { Dispatcher } from "./dispatcher.ts";
import { attachClientLogging } from "./lifecycle.ts";
import type { BotLogger } from "./log.ts";
import { registerCommands } from "./register.ts";

export interface BotOptions {
  /** Minimum pause between re-index progress edits (default 1500 ms). */
  progressIntervalMs?: number;
  /** How long to wait for READY after login (default 30 s). */
  readyTimeoutMs?: number;
  /** Called when the gateway connection is lost for good (bad token, disallowed intents). */
  onFatal?: (reason: string) => void;
  /** Corpus changes for /corpus (default: one on CORPUS_DIR with the configured fetch limits). */
  corpus?: CorpusAdmin;
  /** Re-indexes per guild (default 5 per 10 minutes). */
  reindexLimit?: { max: number; windowMs: number };
}

/** The corpus admin the bot uses unless the caller passes one: CORPUS_DIR, MAX_DOCUMENT_BYTES, FETCH_ALLOW_HOSTS. */
export async function corpusAdminFor(
  config: AppConfig,
  engine: Engine,
  logger: BotLogger,
): Promise<CorpusAdmin> {
  const { CorpusAdmin } = await loadCorpusAdmin();
  return new CorpusAdmin({
    corpusDir: config.engine.corpusDir,
    fetch: {
      limits: { ...defaultFetchLimits, maxBytes: config.corpus.maxDocumentBytes },
      allowHosts: config.corpus.fetchAllowHosts,
    },
    reindex: (onProgress) => engine.reindex(onProgress),
    logger: logger.child({ module: "corpus" }),
  });
}

/** The application's owner, or its team's members, are operators; asked once after READY. */
async function loadOwners(client: Client<true>, ctx: BotContext, log: BotLogger): Promise<void> {
  try {
    const application = await client.application.fetch();
    const owner = application.owner;
    if (owner instanceof Team) for (const id of owner.members.keys()) ctx.ownerIds.add(id);
    else if (owner) ctx.ownerIds.add(owner.id);
    log.debug({ owners: ctx.ownerIds.size }, "application owners loaded");
  } catch (err) {
    log.warn(
      { err },
      "could not read the application's owner; operators are ADMIN_USER_IDS/ADMIN_ROLE_IDS only",
    );
  }
}

export interface RunningBot {
  client: Client<true>;
  dispatcher: Dispatcher;
  /** Stop taking new work, wait for work in flight (SHUTDOWN_TIMEOUT_MS), destroy the client. Idempotent. */
  stop(): Promise<void>;
}

function waitForReady(client: Client, timeoutMs: number): Promise<Client<true>> {
  return withTimeout(
    timeoutMs,
    async (signal) => {
      const [ready] = (await once(client, Events.ClientReady, { signal })) as [Client<true>];
      return ready;
    },
    () => new Error(`Discord did not report READY within ${timeoutMs} ms`),
  );
}

export async function startBot(
  config: AppConfig,
  engine: Engine,
  logger: BotLogger,
  options: BotOptions = {},
): Promise<RunningBot> {
  const discord = config.discord;
  if (!discord) throw new Error("startBot needs a Discord configuration (set DISCORD_TOKEN)");
  const log = logger.child({ module: "bot" });
  const client = createClient(discord);
  const ctx = createContext(engine, discord, log, {
    progressIntervalMs: options.progressIntervalMs,
    feedbackFile: config.feedbackFile,
    corpus: options.corpus ?? (await corpusAdminFor(config, engine, log)),
    maxDocumentBytes: config.corpus.maxDocumentBytes,
    reindexLimit: options.reindexLimit,
  });
  const dispatcher = new Dispatcher(ctx, commandsByName, componentHandlers);

  attachClientLogging(client, log, options.onFatal);
  client.on(Events.InteractionCreate, (interaction) => {
    void dispatcher.handleInteraction(interaction);
  });
  if (discord.mentionsEnabled) {
    client.on(Events.MessageCreate, (message) => {
      void dispatcher.handleMessage(message);
    });
  }

  // Listen for READY before logging in. login() runs once: on failure the caller exits, it never loops.
  const ready = waitForReady(client, options.readyTimeoutMs ?? 30_000);
  ready.catch(() => {});
  let readyClient: Client<true>;
  try {
    await client.login(discord.token);
    readyClient = await ready;
  } catch (err) {
    await client.destroy().catch(() => {});
    throw err;
  }
  log.info(
    {
      user: readyClient.user.tag,
      userId: readyClient.user.id,
      guilds: readyClient.guilds.cache.size,
      mentions: discord.mentionsEnabled,
      threads: discord.threadsEnabled,
    },
    "connected to Discord",
  );

  await loadOwners(readyClient, ctx, log);
  const stopRefreshing = ctx.corpus
    ? (await loadCorpusAdmin()).startRefreshTimer(ctx.corpus, config.corpus.refreshHours, log)
    : () => {};

  if (discord.registerCommands) {
    const applicationId = discord.clientId ?? readyClient.application.id;
    try {
      const count = await registerCommands(readyClient.rest, { applicationId, guildId: discord.guildId });
      log.info({ count, scope: discord.guildId ? "guild" : "global" }, "slash commands registered");
    } catch (err) {
      log.error({ err }, "registering slash commands failed; the bot keeps running with the existing ones");
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      dispatcher.stopAccepting();
      stopRefreshing();
      const pending = dispatcher.inFlight;
      const finished = await dispatcher.drain(discord.shutdownTimeoutMs);
      if (!finished)
        log.warn({ pending: dispatcher.inFlight }, "shutdown timeout: abandoning work in flight");
      else if (pending > 0) log.info({ pending }, "work in flight finished");
      await client.destroy();
      log.info("disconnected from Discord");
    })();
    return stopping;
  };
  return { client: readyClient, dispatcher, stop };
}
