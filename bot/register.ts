import { type REST, Routes } from "discord.js";
import { commandData } from "./commands/index.ts";

export interface RegisterTarget {
  applicationId: string;
  /** Register in this server only (instant); without it the commands are global (propagate over time). */
  guildId?: string;
}

/** One bulk PUT that replaces the whole command list. Returns how many commands Discord now has. */
export async function registerCommands(rest: REST, target: RegisterTarget): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const result = (await rest.put(route, { body: commandData })) as unknown[];
  return Array.isArray(result) ? result.length : commandData.length;
}
