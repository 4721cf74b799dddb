/** Ids and permission bits as Discord hands them out. */
import { PermissionFlagsBits } from "discord-api-types/v10";

let counter = 0n;
/** A realistic, unique, 18–19 digit snowflake (discord.js's REST buckets expect 17–19 digits). */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | counter).toString();
}

/** Permission bits as Discord sends them in `member.permissions`. */
export const PERMS = {
  member:
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.UseApplicationCommands |
    PermissionFlagsBits.CreatePublicThreads |
    PermissionFlagsBits.SendMessagesInThreads,
  manageGuild: PermissionFlagsBits.ManageGuild,
  administrator: PermissionFlagsBits.Administrator,
};
