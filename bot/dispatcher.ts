/**
 * The one place that routes Discord events to handlers and catches their errors. The user gets a short
 * apology with an error id; the log gets the details under the same id. Slash commands' cooldowns are
 * applied here (mentions apply the same per-user cooldown in mentions.ts), and every piece of work is tracked
 * so shutdown can wait for it.
 */
import {
  DiscordAPIError,
  type Interaction,
  InteractionContextType,
  type Message,
  type RepliableInteraction,
} from "discord.js";
import type { Command } from "./commands/index.ts";
import { type ComponentHandler, findComponentHandler } from "./components.ts";
import type { BotContext } from "./context.ts";
import { langOfLocale, t } from "./i18n.ts";
import { BusyError, WorkTracker } from "./limits.ts";
import { newErrorId } from "./log.ts";
import { handleMessage } from "./mentions.ts";
import { respond } from "./respond.ts";

/** Commands registered for servers only (e.g. /reindex, /stats) answer a DM with "only in a server". */
function allowsDirectMessages(command: Command): boolean {
  const contexts = command.data.contexts;
  return !contexts || contexts.includes(InteractionContextType.BotDM);
}

/** Discord's code for an interaction whose 3-second window (or 15-minute token) is over. */
const UNKNOWN_INTERACTION = 10062;

export class Dispatcher {
  #accepting = true;
  readonly #work = new WorkTracker();

  constructor(
    private readonly ctx: BotContext,
    private readonly commands: ReadonlyMap<string, Command>,
    private readonly components: readonly ComponentHandler[] = [],
  ) {}

  get accepting(): boolean {
    return this.#accepting;
  }

  get inFlight(): number {
    return this.#work.size;
  }

  /** Stop taking new work; what runs keeps running. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /** Waits for the work in flight; false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean> {
    return this.#work.drain(timeoutMs);
  }

  handleInteraction(interaction: Interaction): Promise<void> {
    return this.#work.track(this.#interaction(interaction));
  }

  handleMessage(message: Message): Promise<void> {
    if (!this.#accepting) return Promise.resolve();
    return this.#work.track(this.#message(message));
  }

  async #interaction(interaction: Interaction): Promise<void> {
    const started = Date.now();
    const log = this.ctx.logger.child({
      interactionId: interaction.id,
      userId: interaction.user.id,
      guildId: interaction.guildId ?? undefined,
      ...(interaction.isCommand() || interaction.isAutocomplete()
        ? { command: interaction.commandName }
        : {}),
    });
    const lang = langOfLocale(interaction.locale);
    try {
      if (!this.#accepting) {
        if (interaction.isAutocomplete()) await interaction.respond([]);
        else if (interaction.isRepliable()) {
          await respond({ interaction }, { content: t(lang).shuttingDown }, { ephemeral: true });
        }
        return;
      }
      if (interaction.isChatInputCommand()) {
        const command = this.commands.get(interaction.commandName);
        if (!command) {
          log.warn("unknown command (run `npm run register` to update the command list)");
          await respond({ interaction }, { content: t(lang).unknownCommand }, { ephemeral: true });
          return;
        }
        if (!interaction.inGuild() && !allowsDirectMessages(command)) {
          await respond({ interaction }, { content: t(lang).guildOnly }, { ephemeral: true });
          return;
        }
        let waitMs = 0;
        if (command.cooldown) {
          // Before any work: a refusal is ephemeral (only the asker sees it), a short wait is queued.
          const admission = this.ctx.cooldowns.admit(interaction.user.id);
          if (admission.kind === "refuse") {
            log.debug({ waitMs: admission.waitMs }, "cooldown");
            const seconds = Math.ceil(admission.waitMs / 1000);
            await respond({ interaction }, { content: t(lang).cooldown(seconds) }, { ephemeral: true });
            return;
          }
          if (admission.kind === "wait") waitMs = admission.waitMs;
        }
        await command.execute(interaction, this.ctx, { waitMs });
        log.info({ ms: Date.now() - started }, "command handled");
      } else if (interaction.isAutocomplete()) {
        const command = this.commands.get(interaction.commandName);
        await (command?.autocomplete ? command.autocomplete(interaction, this.ctx) : interaction.respond([]));
      } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
        const handler = findComponentHandler(this.components, interaction.customId);
        if (handler) await handler.handle(interaction, this.ctx);
        else {
          log.warn({ customId: interaction.customId }, "button or menu of an unknown kind");
          await respond({ interaction }, { content: t(lang).componentUnknown }, { ephemeral: true });
        }
      } else {
        log.debug({ type: interaction.type }, "ignored interaction");
      }
    } catch (err) {
      await this.#fail(interaction, err, log);
    }
  }

  async #fail(interaction: Interaction, err: unknown, log: BotContext["logger"]): Promise<void> {
    const lang = langOfLocale(interaction.locale);
    if (err instanceof DiscordAPIError && err.code === UNKNOWN_INTERACTION) {
      log.warn({ err }, "interaction expired before the bot could answer");
      return;
    }
    const busy = err instanceof BusyError;
    const errorId = newErrorId();
    if (busy) log.warn({ errorId }, "engine queue full");
    else log.error({ err, errorId }, "handler failed");
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
      return;
    }
    if (!interaction.isRepliable()) return;
    const content = busy ? t(lang).busy : t(lang).apology(errorId);
    try {
      const target = interaction as RepliableInteraction;
      // A public "thinking…" cannot be made ephemeral by editing it: remove it and say "busy" privately.
      if (busy && target.deferred && !target.ephemeral) {
        await target.deleteReply().catch(() => {});
        await respond({ interaction: target }, { content }, { ephemeral: true, followUp: true });
        return;
      }
      await respond({ interaction: target }, { content }, { ephemeral: true });
    } catch (replyErr) {
      log.warn({ err: replyErr, errorId }, "could not send the apology");
    }
  }

  async #message(message: Message): Promise<void> {
    try {
      await handleMessage(message, this.ctx);
    } catch (err) {
      const errorId = newErrorId();
      const busy = err instanceof BusyError;
      const log = this.ctx.logger.child({
        messageId: message.id,
        userId: message.author.id,
        channelId: message.channelId,
      });
      if (busy) log.warn({ errorId }, "engine queue full");
      else log.error({ err, errorId }, "mention handler failed");
      const lang = langOfLocale(message.guild?.preferredLocale);
      const content = busy ? t(lang).busy : t(lang).apology(errorId);
      await respond({ message }, { content }).catch((replyErr: unknown) =>
        log.warn({ err: replyErr, errorId }, "could not send the apology"),
      );
    }
  }
}
