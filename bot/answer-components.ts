/**
 * The buttons under an answer. "Passage n" reads the passage from the live index by the chunk id in its
 * custom id (chunk ids are content hashes, so the button works after a restart and after re-indexes that
 * leave the passage unchanged). 👍/👎 append a vote to the question log with the answer's question, text,
 * citations and index version, found by the answer id in the custom id.
 */
import type { ComponentHandler } from "./components.ts";
import { langOfLocale, t } from "./i18n.ts";
import {
  FEEDBACK_PREFIX,
  PASSAGE_PREFIX,
  parseFeedbackCustomId,
  parsePassageCustomId,
  renderPassage,
} from "./render.ts";
import { respond } from "./respond.ts";

export const passageButtons: ComponentHandler = {
  prefix: PASSAGE_PREFIX,
  async handle(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const ref = parsePassageCustomId(interaction.customId);
    const passage = ref ? ctx.engine.passage(ref.chunkId) : undefined;
    if (!ref || !passage) {
      ctx.logger.debug({ customId: interaction.customId }, "passage button: passage not in the live index");
      await respond({ interaction }, { content: t(lang).passageGone }, { ephemeral: true });
      return;
    }
    await respond({ interaction }, renderPassage(ref, passage, ctx.engine.status(), lang), {
      ephemeral: true,
    });
  },
};

export const feedbackButtons: ComponentHandler = {
  prefix: FEEDBACK_PREFIX,
  async handle(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const parsed = parseFeedbackCustomId(interaction.customId);
    if (!parsed) {
      await respond({ interaction }, { content: t(lang).componentUnknown }, { ephemeral: true });
      return;
    }
    const log = ctx.questionLog;
    const asked = await log.findAnswer(parsed.answerId);
    await log.append({
      v: 1,
      type: "feedback",
      at: new Date().toISOString(),
      answerId: parsed.answerId,
      user: await log.hashUser(interaction.user.id),
      vote: parsed.vote,
      ...(asked
        ? {
            question: asked.question,
            answer: asked.answer,
            abstained: asked.abstained,
            citations: asked.citations,
            indexVersion: asked.indexVersion,
          }
        : {}),
    });
    ctx.logger.info({ answerId: parsed.answerId, vote: parsed.vote, found: asked !== undefined }, "feedback");
    await respond(
      { interaction },
      { content: t(lang).feedbackThanks(parsed.vote === "up") },
      { ephemeral: true },
    );
  },
};
