import { feedbackButtons, passageButtons } from "../answer-components.ts";
import type { ComponentHandler } from "../components.ts";
import { ask } from "./ask.ts";
import { corpus } from "./corpus.ts";
import { figures, figuresComponents } from "./figures.ts";
import { help } from "./help.ts";
import { reindex } from "./reindex.ts";
import { sources } from "./sources.ts";
import { stats } from "./stats.ts";
import type { Command } from "./types.ts";

export type { Command } from "./types.ts";

export const commands: readonly Command[] = [ask, figures, sources, help, reindex, stats, corpus];

/** The bodies of one bulk PUT that replaces the application's whole command list. */
export const commandData = commands.map((c) => c.data);

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.data.name, c]));

/** Buttons and select menus, by custom-id prefix. */
export const componentHandlers: readonly ComponentHandler[] = [
  passageButtons,
  feedbackButtons,
  figuresComponents,
];
