import { Client, GatewayIntentBits } from "discord.js";
import type { DiscordConfig } from "../config/index.ts";
import { isShardProcess } from "./shard.ts";

/** Gateway intents: Guilds only, plus messages and (privileged) Message Content when mentions are enabled. */
export function intentsFor(config: Pick<DiscordConfig, "mentionsEnabled">): GatewayIntentBits[] {
  return config.mentionsEnabled
    ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
    : [GatewayIntentBits.Guilds];
}

export function createClient(config: DiscordConfig): Client {
  // discord.js also reads SHARD_COUNT from the environment (its ShardingManager contract) and rejects a
  // non-number such as our "auto". Outside a ShardingManager the parsed config is what counts.
  if (
    !process.env.SHARDING_MANAGER &&
    process.env.SHARD_COUNT !== undefined &&
    !/^\d+$/.test(process.env.SHARD_COUNT)
  ) {
    delete process.env.SHARD_COUNT;
  }
  // A shard process of bot/shard.ts runs only the shard it was given: discord.js reads SHARDS/SHARD_COUNT itself.
  const shards = isShardProcess()
    ? {}
    : config.shardCount === "auto"
      ? { shards: "auto" as const }
      : { shardCount: config.shardCount, shards: Array.from({ length: config.shardCount }, (_, i) => i) };
  return new Client({
    intents: intentsFor(config),
    // Nothing the bot sends pings anyone, whatever text it echoes. respond.ts sets it on every send as well.
    allowedMentions: { parse: [], repliedUser: false },
    // One base for REST; the gateway URL comes from GET /gateway/bot on that base.
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    ...shards,
  });
}
