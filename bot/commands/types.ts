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
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}
