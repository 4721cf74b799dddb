import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { BotContext } from "../context.ts";

/** A slash command: its registration data and its handler. */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Counts against the per-user cooldown (commands that call the engine's answering). */
  cooldown?: boolean;
  /** `waitMs` > 0: the user's cooldown ends in that long; acknowledge now and answer after the wait. */
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext, run?: { waitMs: number }): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}
