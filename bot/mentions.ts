/**
 * `@Fundstelle question` in a channel. With threads enabled the bot opens a thread on the message and answers
 * there; later messages in that thread need no mention and carry the earlier questions as context.
 */
import { ChannelType, type Message, ThreadAutoArchiveDuration } from "discord.js";
import type { Answer } from "../retrieval/index.ts";
import { type BotContext, MAX_CONTEXT_QUESTIONS, MAX_QUESTION_LENGTH, newAnswerId } from "./context.ts";
import type { QuestionSource } from "./feedback/log.ts";
import { langOfLocale, t } from "./i18n.ts";
import { type ReplyTarget, respond, truncate } from "./respond.ts";

/** Reactions instead of messages: ⏳ "answered when your cooldown ends", ✋ "too soon, this one is dropped". */
export const NOTICE = { queued: "⏳", refused: "✋" } as const;

/** A reaction is a quiet notice; without the Add Reactions permission it is simply left out. */
async function react(message: Message, emoji: string, log: BotContext["logger"]): Promise<void> {
  await message.react(emoji).catch((err: unknown) => log.debug({ err }, "could not add a reaction"));
}

/** Removes mentions of the bot (`<@id>` / `<@!id>`) and tidies whitespace. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A thread name from the question: Discord allows 1–100 characters. */
export function threadName(question: string): string {
  return truncate(question.replace(/\s+/g, " ").trim(), 100) || "Fundstelle";
}

export function rememberQuestion(ctx: BotContext, threadId: string, question: string): void {
  const earlier = ctx.threads.get(threadId) ?? [];
  ctx.threads.set(threadId, [...earlier, question].slice(-MAX_CONTEXT_QUESTIONS));
}

/** Sends the answer with its 👍/👎 buttons and records it in the question log. */
async function deliver(
  ctx: BotContext,
  target: ReplyTarget,
  answer: Answer,
  meta: { userId: string; source: QuestionSource; startedAt: number },
): Promise<void> {
  const answerId = newAnswerId();
  try {
    await respond(target, ctx.answerPayload(answer, answerId));
  } finally {
    await ctx.recordAnswer(answer, { answerId, ...meta });
  }
}

export async function handleMessage(message: Message, ctx: BotContext): Promise<void> {
  const startedAt = Date.now();
  const botId = message.client.user?.id;
  if (!botId || message.author.bot || message.webhookId || message.system || !message.inGuild()) return;

  const channel = message.channel;
  const conversation =
    channel.isThread() &&
    (ctx.threads.has(channel.id) || (channel.ownerId === botId && ctx.config.threadsEnabled));
  // Only a direct mention of the bot counts: @everyone, @here and role mentions do not.
  const mentioned = message.mentions.users.has(botId);
  if (!conversation && !mentioned) return;

  const log = ctx.logger.child({ messageId: message.id, userId: message.author.id, channelId: channel.id });
  // Per-user limits come before any work, even before an empty or too long question is answered: one user's
  // flood of messages gets one reply per cooldown window, one reaction as notice, then silence.
  const admission = ctx.cooldowns.admit(message.author.id);
  if (admission.kind === "refuse") {
    log.debug({ waitMs: admission.waitMs, notify: admission.notify }, "cooldown");
    if (admission.notify) await react(message, NOTICE.refused, log);
    return;
  }
  if (admission.kind === "wait") {
    await react(message, NOTICE.queued, log);
    await new Promise((resolve) => setTimeout(resolve, admission.waitMs));
  }

  const lang = langOfLocale(message.guild.preferredLocale);
  const question = stripBotMention(message.content, botId);
  if (!question) {
    await respond({ message }, { content: t(lang).emptyQuestion });
    return;
  }
  if (question.length > MAX_QUESTION_LENGTH) {
    await respond({ message }, { content: t(lang).tooLong(MAX_QUESTION_LENGTH) });
    return;
  }

  if (conversation) {
    const context = ctx.threads.get(channel.id) ?? [];
    await channel.sendTyping().catch(() => {});
    const answer = await ctx.ask(question, context.length ? { context } : undefined);
    rememberQuestion(ctx, channel.id, question);
    log.info(
      { kind: "follow-up", contextQuestions: context.length, abstained: answer.abstained },
      "answered",
    );
    await deliver(ctx, { message }, answer, { userId: message.author.id, source: "thread", startedAt });
    return;
  }

  const canThread =
    ctx.config.threadsEnabled &&
    (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement);
  if (canThread) {
    const thread = await message
      .startThread({ name: threadName(question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay })
      .catch((err: unknown) => {
        log.warn(
          { err },
          "could not open a thread (missing Create Public Threads permission?); replying in place",
        );
        return null;
      });
    if (thread) {
      rememberQuestion(ctx, thread.id, question);
      await thread.sendTyping().catch(() => {});
      const answer = await ctx.ask(question);
      log.info({ kind: "mention", threadId: thread.id, abstained: answer.abstained }, "answered");
      await deliver(ctx, { channel: thread }, answer, {
        userId: message.author.id,
        source: "mention",
        startedAt,
      });
      return;
    }
  }
  await channel.sendTyping().catch(() => {});
  const answer = await ctx.ask(question);
  log.info({ kind: "mention", abstained: answer.abstained }, "answered");
  await deliver(ctx, { message }, answer, { userId: message.author.id, source: "mention", startedAt });
}
