import { describe, expect, it } from "vitest";
import { type Composed, composeAnswer } from "../../../retrieval/answer/compose.ts";
import { lexiconVocabulary } from "../../../retrieval/answer/vocabulary.ts";
import { ingestText } from "../../../retrieval/corpus/ingest.ts";
import { LexicalIndex } from "../../../retrieval/lexical/bm25.ts";
import { buildConcepts } from "../../../retrieval/lexical/query.ts";
import { confidenceFor, defaultConfidence, fuse, isConfident } from "../../../retrieval/search/hybrid.ts";
import { detectLanguage } from "../../../retrieval/text/language.ts";

/**
 * Whether a sentence answers a question about the names it asks about: made-up articles (no real names), each
 * holding one true sentence about the wrong pair or the wrong owner, and a control that does answer.
 */
const vocabulary = lexiconVocabulary();

function asker(article: string): (question: string) => Composed {
  const { document, chunks } = ingestText("relations.de.txt", article);
  const index = new LexicalIndex(
    chunks.map((c) => ({ body: c.text, section: c.section, lang: document.language })),
  );
  const documents = new Map([[document.id, document]]);
  return (question) => {
    const lang = detectLanguage(question, document.language);
    const concepts = buildConcepts(question, lang, document.language, index);
    const hits = fuse(index.search(concepts, 20), [], 20);
    const confidence = confidenceFor(defaultConfidence, lang !== document.language);
    return composeAnswer({
      question,
      lang,
      concepts,
      hits,
      chunks,
      documents,
      index,
      confident: isConfident(hits, concepts, index, confidence).confident,
      maxCitations: 3,
      vocabulary,
      minSentenceCoverage: confidence.minSentenceCoverage,
    });
  };
}

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
