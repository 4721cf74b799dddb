/**
 * `npm run register`: one bulk PUT of all slash commands, to DISCORD_GUILD_ID when set (instant) or globally
 * (Discord propagates global commands over a while). Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { REST } from "discord.js";
import { commandData } from "../bot/commands/index.ts";
import { registerCommands } from "../bot/register.ts";
import { ConfigError, loadConfig } from "../config/index.ts";
import { scrubSecrets } from "../config/logger.ts";

try {
  const config = loadConfig();
  const discord = config.discord;
  if (!discord) throw new ConfigError(["DISCORD_TOKEN: required to register commands"]);
  if (!discord.clientId) {
    throw new ConfigError([
      "DISCORD_CLIENT_ID: required to register commands (General Information → Application ID)",
    ]);
  }
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token);
  try {
    const count = await registerCommands(rest, { applicationId: discord.clientId, guildId: discord.guildId });
    const names = commandData.map((c) => `/${c.name}`).join(", ");
    console.log(
      discord.guildId
        ? `Registered ${count} commands in server ${discord.guildId}: ${names}`
        : `Registered ${count} global commands: ${names} (they can take a while to appear everywhere)`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Registering the commands failed: ${scrubSecrets(message, [discord.token])}`);
    process.exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
