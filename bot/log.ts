import { randomBytes } from "node:crypto";
import type { Logger } from "pino";

/** The bot logs through pino (config/logger.ts), which scrubs the token from every line. */
export type BotLogger = Logger;

/** A short id the user can quote and operators can grep for in the logs. */
export function newErrorId(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}
