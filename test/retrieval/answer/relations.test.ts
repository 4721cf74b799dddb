import { describe, expect, it } from "vitest";
import { lexicalAsker } from "../../support/lexical-asker.ts";

/**
 * Whether a sentence answers a question about the names it asks about: made-up articles (no real names), each
 * holding one true sentence about the wrong pair or the wrong owner, and a control that does answer.
 */

/** composeAnswer() over a made-up article, fed the way the engine feeds it in lexical mode. */
const asker = (article: string) => lexicalAsker("relations.de.txt", article).ask;

describe("a question relating two names", () => {
  it("is not answered by a sentence naming the second one only in an adverbial clause of its own", () => {
    const ask = asker(
      `# Halvora\n\n## Geld\nHalvora investierte 3 Milliarden Dollar in Dresden, als Quorell die Partnerschaft beendete.\n`,
    );
    const wrongPair = ask("Wie viel hat Halvora in Quorell investiert?");
    expect(wrongPair.abstained, wrongPair.answer).toBe(true);
    expect(wrongPair.answer).toMatch(/über Quorell/);
    expect(ask("Wie viel hat Halvora in Dresden investiert?").abstained).toBe(false);
  });

  it("is answered when the clause goes on about the same actor ('…, während sie …')", () => {
    const ask = asker(
      `# Halvora\n\n## Geld\nHalvora investierte 3 Milliarden Dollar in Quorell, während sie die Fabrik in Dresden baute.\n`,
    );
    expect(ask("Wie viel hat Halvora in Quorell investiert?").abstained).toBe(false);
  });

  it("is not answered by a sentence naming the party after the preposition only as the owner of something else", () => {
    const ask = asker(
      `# Halvora\n\n## Geld\nHalvoras Investition von 2 Milliarden Dollar stärkte Quorells exklusive Verhandlungsposition.\n`,
    );
    const answer = ask("Wie viel hat Halvora in Quorell investiert?");
    expect(answer.abstained, answer.answer).toBe(true);
    // Asked about the owned thing itself, the same sentence answers.
    expect(ask("Wie viel hat Halvora in Quorells Verhandlungsposition investiert?").abstained).toBe(false);
  });
});

describe("names standing only in the context", () => {
  it("a heading naming someone the question doesn't ask about does not make its section about the name", () => {
    const question = "Wie hoch ist der Umsatz von Halvora?";
    const shared = asker(
      `# Bericht\n\n## Wie Brentix in Halvoras Markt gewinnt\nDer Umsatz stieg auf 5 Milliarden Dollar.\n`,
    );
    expect(shared(question).abstained).toBe(true);
    const own = asker(`# Bericht\n\n## Wie Halvora wächst\nDer Umsatz stieg auf 5 Milliarden Dollar.\n`);
    expect(own(question).abstained).toBe(false);
  });

  it("a table row naming someone else is that one's row, whatever its heading says", () => {
    const question = "Wie hoch ist der Umsatz von Halvora?";
    const table = (partner: string) =>
      asker(
        `# Bericht\n\n## Halvora: Geschäft mit Partnern\n| Partner | Umsatz |\n|---|---|\n| ${partner} | 4 Milliarden Dollar |\n`,
      );
    expect(table("Brentix")(question).abstained).toBe(true);
    expect(table("eigenes Werk")(question).abstained).toBe(false);
  });
});
