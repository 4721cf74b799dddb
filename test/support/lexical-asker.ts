/** composeAnswer() over one made-up article, fed the way the engine feeds it in lexical mode (answer tests). */
import { type Composed, composeAnswer } from "../../retrieval/answer/compose.ts";
import { lexiconVocabulary } from "../../retrieval/answer/vocabulary.ts";
import { ingestText } from "../../retrieval/corpus/ingest.ts";
import { LexicalIndex } from "../../retrieval/lexical/bm25.ts";
import { buildConcepts } from "../../retrieval/lexical/query.ts";
import { confidenceFor, defaultConfidence, fuse, isConfident } from "../../retrieval/search/hybrid.ts";
import { detectLanguage } from "../../retrieval/text/language.ts";
import type { Chunk } from "../../retrieval/types.ts";

export interface AskOverrides {
  /** The abstention policy's verdict, instead of computing it. */
  confident?: boolean;
  minSentenceCoverage?: number;
}

export interface LexicalAsker {
  ask: (question: string, overrides?: AskOverrides) => Composed;
  chunks: Chunk[];
}

/** Ingests `article` as `fileName` once; `ask` then answers questions about it. */
export function lexicalAsker(fileName: string, article: string): LexicalAsker {
  const { document, chunks } = ingestText(fileName, article);
  const index = new LexicalIndex(
    chunks.map((c) => ({ body: c.text, section: c.section, lang: document.language })),
  );
  const documents = new Map([[document.id, document]]);
  const vocabulary = lexiconVocabulary();
  const ask = (question: string, overrides: AskOverrides = {}): Composed => {
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
      confident: overrides.confident ?? isConfident(hits, concepts, index, confidence).confident,
      maxCitations: 3,
      vocabulary,
      minSentenceCoverage: overrides.minSentenceCoverage ?? confidence.minSentenceCoverage,
    });
  };
  return { ask, chunks };
}
