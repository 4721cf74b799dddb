/**
 * The one place that reads the environment. Everything else receives typed values from here.
 * `.env` is loaded by dotenv; real environment variables win over it.
 */
import path from "node:path";
import dotenv from "dotenv";
import { z } from "zod";
import { defaultEmbeddingOptions, type EngineOptions } from "../retrieval/options.ts";

/** A boolean switch: true/false, 1/0, yes/no, on/off in any case; unset or empty means "not given". */
const switchValue = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.stringbool({ truthy: ["true", "1", "yes", "on"], falsy: ["false", "0", "no", "off"] }).optional(),
);
const bool = (fallback: boolean) => switchValue.transform((v) => v ?? fallback);

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const snowflake = z.string().regex(/^\d{15,22}$/, "must be a Discord id (15–22 digits)");

const idList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const ids = (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const id of ids) {
      if (!snowflake.safeParse(id).success) {
        ctx.addIssue({ code: "custom", message: `"${id}" is not a Discord id (15–22 digits)` });
        return z.NEVER;
      }
    }
    return ids;
  });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

/** A folder; empty or blank means the default (an empty path would resolve to the working directory itself). */
const folder = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? fallback : v.trim()));

/** The Discord REST base: http(s) only (the gateway URL is asked from it). */
const apiUrl = z
  .url({ message: "must be a URL such as https://discord.com/api" })
  .refine((v) => /^https?:\/\//i.test(v), { message: "must be an http:// or https:// URL" });

const envSchema = z.object({
  // Retrieval
  CORPUS_DIR: folder("corpus"),
  INDEX_DIR: folder("data"),
  EMBEDDINGS_ENABLED: bool(true),
  EMBEDDING_MODEL: z.string().min(1).default(defaultEmbeddingOptions.model),
  EMBEDDING_QUANTIZED: bool(true),
  MODELS_DIR: folder("models"),
  ALLOW_REMOTE_MODELS: bool(false),
  MODEL_LOAD_TIMEOUT_MS: int(20_000, 100, 600_000),
  // The question log (questions, abstentions, 👍/👎) read by /stats; default INDEX_DIR/feedback.jsonl; "off" = none.
  FEEDBACK_FILE: optionalText,
  // Logging
  // Unset: "info" (the console chat on a terminal: warnings and errors only, one readable line each).
  LOG_LEVEL: z
    .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent", ""])
    .optional()
    .transform((v) => (v ? v : undefined)),
  LOG_PRETTY: switchValue,
  // Discord
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_API_URL: optionalText.pipe(apiUrl.optional()),
  ADMIN_USER_IDS: idList,
  ADMIN_ROLE_IDS: idList,
  MENTIONS_ENABLED: bool(false),
  THREADS_ENABLED: bool(true),
  REGISTER_COMMANDS: bool(false),
  USER_COOLDOWN_MS: int(3_000, 0, 3_600_000),
  // A question that comes at most this long before the user's cooldown ends is answered when it ends.
  COOLDOWN_QUEUE_MS: int(5_000, 0, 60_000),
  MAX_CONCURRENT_ASKS: int(4, 1, 256),
  MAX_QUEUED_ASKS: int(1_000, 0, 100_000),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 120_000),
  SHARD_COUNT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "" || v.trim() === "auto") return "auto" as const;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) {
        ctx.addIssue({ code: "custom", message: 'must be "auto" or a whole number from 1 to 64' });
        return z.NEVER;
      }
      return n;
    }),
  // How often a running bot checks for an index another process wrote (another shard, `npm run index`); 0 = never.
  INDEX_REFRESH_MS: int(30_000, 0, 3_600_000),
  // Corpus changes from Discord and `npm run corpus`
  CORPUS_EDITORS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() || "operators";
      if (value !== "operators" && value !== "server-admins") {
        ctx.addIssue({ code: "custom", message: 'must be "operators" or "server-admins"' });
        return z.NEVER;
      }
      return value;
    }),
  MAX_DOCUMENT_BYTES: int(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  FETCH_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const hosts = (v ?? "")
        .split(",")
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      for (const host of hosts) {
        if (!/^(\[[0-9a-f:.]+\]|[0-9a-f:]+|[a-z0-9.-]+)$/.test(host)) {
          ctx.addIssue({ code: "custom", message: `"${host}" is not a host name or IP address` });
          return z.NEVER;
        }
      }
      return hosts;
    }),
  CORPUS_REFRESH_HOURS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return 0;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 8_760) {
        ctx.addIssue({ code: "custom", message: "must be a number of hours from 0 (off) to 8760" });
        return z.NEVER;
      }
      return n;
    }),
});

export type Env = z.infer<typeof envSchema>;
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";

export interface DiscordConfig {
  token: string;
  clientId?: string;
  guildId?: string;
  /** REST base such as `https://discord.com/api`; tests point it at a fake on 127.0.0.1. */
  apiUrl?: string;
  adminUserIds: string[];
  adminRoleIds: string[];
  mentionsEnabled: boolean;
  threadsEnabled: boolean;
  registerCommands: boolean;
  userCooldownMs: number;
  /** Cooldown waits up to this long are queued (answered when the wait is over) instead of refused. */
  cooldownQueueMs: number;
  maxConcurrentAsks: number;
  maxQueuedAsks: number;
  shutdownTimeoutMs: number;
  shardCount: number | "auto";
  indexRefreshMs: number;
  /** Who may change the corpus and re-index: the bot's operators only, or also each server's admins. */
  corpusEditors: CorpusEditors;
}

export type CorpusEditors = "operators" | "server-admins";

export interface CorpusConfig {
  /** Largest document fetched or uploaded (MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: number;
  /** Hosts exempt from the private-address check (FETCH_ALLOW_HOSTS); meant for tests on 127.0.0.1. */
  fetchAllowHosts: string[];
  /** Re-fetch URL documents every this many hours; 0 = never (CORPUS_REFRESH_HOURS). */
  refreshHours: number;
}

export interface AppConfig {
  engine: EngineOptions;
  /**
   * Append-only JSONL of questions, abstentions and votes (FEEDBACK_FILE, default INDEX_DIR/feedback.jsonl);
   * null when FEEDBACK_FILE=off.
   */
  feedbackFile: string | null;
  corpus: CorpusConfig;
  log: {
    level: LogLevel;
    pretty: boolean;
    /** LOG_LEVEL or LOG_PRETTY was set: the console chat keeps the operator's choice instead of its quiet lines. */
    explicit: boolean;
  };
  /** Present only when `DISCORD_TOKEN` is set. */
  discord?: DiscordConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example and the README.`,
    );
    this.name = "ConfigError";
  }
}

/** Parses and validates the environment once. Throws ConfigError naming every bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { dotenvPath?: string | false; root?: string } = {},
): AppConfig {
  const root = options.root ?? process.cwd();
  let source: NodeJS.ProcessEnv = env;
  if (options.dotenvPath !== false) {
    const parsed = dotenv.config({
      path: options.dotenvPath ?? path.join(root, ".env"),
      processEnv: {},
      quiet: true,
    });
    source = { ...(parsed.parsed ?? {}), ...env };
  }
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    );
  }
  const e = result.data;
  const resolve = (p: string) => path.resolve(root, p);
  const config: AppConfig = {
    engine: {
      corpusDir: resolve(e.CORPUS_DIR),
      indexDir: resolve(e.INDEX_DIR),
      embedding: {
        ...defaultEmbeddingOptions,
        enabled: e.EMBEDDINGS_ENABLED,
        model: e.EMBEDDING_MODEL,
        modelsDir: resolve(e.MODELS_DIR),
        allowRemote: e.ALLOW_REMOTE_MODELS,
        quantized: e.EMBEDDING_QUANTIZED,
        loadTimeoutMs: e.MODEL_LOAD_TIMEOUT_MS,
      },
    },
    feedbackFile:
      e.FEEDBACK_FILE === "off"
        ? null
        : e.FEEDBACK_FILE
          ? resolve(e.FEEDBACK_FILE)
          : path.join(resolve(e.INDEX_DIR), "feedback.jsonl"),
    corpus: {
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      fetchAllowHosts: e.FETCH_ALLOW_HOSTS,
      refreshHours: e.CORPUS_REFRESH_HOURS,
    },
    log: {
      level: e.LOG_LEVEL ?? "info",
      pretty: e.LOG_PRETTY ?? false,
      explicit: e.LOG_LEVEL !== undefined || e.LOG_PRETTY !== undefined,
    },
  };
  if (e.DISCORD_TOKEN) {
    config.discord = {
      token: e.DISCORD_TOKEN,
      clientId: e.DISCORD_CLIENT_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
      adminUserIds: e.ADMIN_USER_IDS,
      adminRoleIds: e.ADMIN_ROLE_IDS,
      mentionsEnabled: e.MENTIONS_ENABLED,
      threadsEnabled: e.THREADS_ENABLED,
      registerCommands: e.REGISTER_COMMANDS,
      userCooldownMs: e.USER_COOLDOWN_MS,
      cooldownQueueMs: e.COOLDOWN_QUEUE_MS,
      maxConcurrentAsks: e.MAX_CONCURRENT_ASKS,
      maxQueuedAsks: e.MAX_QUEUED_ASKS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      shardCount: e.SHARD_COUNT,
      indexRefreshMs: e.INDEX_REFRESH_MS,
      corpusEditors: e.CORPUS_EDITORS,
    };
  }
  return config;
}
