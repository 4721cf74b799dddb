/**
 * Buttons and select menus. Each handler owns a custom-id prefix; the custom id carries everything the
 * handler needs (index version, chunk id, answer id, page), so components keep working after a restart.
 */
import type { ButtonInteraction, StringSelectMenuInteraction } from "discord.js";
import type { BotContext } from "./context.ts";

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

export interface ComponentHandler {
  /** custom ids starting with this go to `handle`; prefixes must not be prefixes of one another. */
  prefix: string;
  handle(interaction: ComponentInteraction, ctx: BotContext): Promise<void>;
}

export function findComponentHandler(
  handlers: readonly ComponentHandler[],
  customId: string,
): ComponentHandler | undefined {
  return handlers.find((h) => customId.startsWith(h.prefix));
}
