/**
 * Key figures of the corpus: every quantity in every chunk sentence, with a label from the sentence's own nouns
 * and names ("OpenAI: Zusage für Azure-Services"), the sentence as quote, topic words for filtering, its
 * document, and whether it is a key figure of that document (see `facts.ts`). This module only coordinates:
 * names (`entities.ts`), labels (`labels.ts`), table rows (`table-rows.ts`), topics (`topics.ts`) and facts.
 */
import { findQuantities, mayHoldQuantity, type Quantity } from "../quantity/index.ts";
import { sentenceLanguage } from "../text/language.ts";
import type { Chunk, Figure, FigureStatement, Lang } from "../types.ts";
import { CorpusWords } from "./corpus-words.ts";
import { detectEntities, firstEntityGroup } from "./entities.ts";
import { assignFacts, type DraftContext, type FigureDraft } from "./facts.ts";
import { buildLabel, type LabelInput } from "./labels.ts";
import { bareCellQuantities, parseRow, tableLabel } from "./table-rows.ts";
import { type TopicCache, topicsOf } from "./topics.ts";
import { wordsOf } from "./words.ts";

export { detectEntities } from "./entities.ts";

function entitiesByDocument(
  chunks: Chunk[],
  lang: (documentId: string) => Lang,
  words: CorpusWords,
): Map<string, Set<string>> {
  const texts = new Map<string, Set<string>>();
  for (const chunk of chunks) {
    let own = texts.get(chunk.documentId);
    if (!own) {
      own = new Set<string>();
      texts.set(chunk.documentId, own);
    }
    own.add(chunk.section);
    for (const s of chunk.sentences) own.add(s.text);
  }
  return new Map([...texts].map(([id, own]) => [id, detectEntities([...own], lang(id), words)]));
}

/** Lets a corpus say "25 Meilen (40 km)": the amount in brackets restates the one before in other units. */
const CONVERSION_GAP = /^\s*\(\s*(?:ca\.?|etwa|rund|about|approx\.?|approximately|circa)?\s*$/i;
const CONVERSION_TOLERANCE = 0.05;

function isConversion(sentence: string, a: Quantity, b: Quantity): boolean {
  if (a.unit !== b.unit || a.unit === "year" || a.unit === "count") return false;
  if (!CONVERSION_GAP.test(sentence.slice(a.end, b.start))) return false;
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value));
  return scale > 0 && Math.abs(a.value - b.value) / scale <= CONVERSION_TOLERANCE;
}

/** The amounts of a sentence, with bracketed restatements folded into the amount they restate. */
function withoutConversions(
  sentence: string,
  quantities: Quantity[],
): Array<{ q: Quantity; restated: Quantity[] }> {
  const out: Array<{ q: Quantity; restated: Quantity[] }> = [];
  for (const q of quantities) {
    const last = out.at(-1);
    if (last && isConversion(sentence, last.restated.at(-1) ?? last.q, q)) last.restated.push(q);
    else out.push({ q, restated: [] });
  }
  return out;
}

/** Chunk positions within their documents, 0 (first chunk) … 1 (last). */
function chunkPositions(chunks: Chunk[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of chunks) counts.set(c.documentId, (counts.get(c.documentId) ?? 0) + 1);
  const seen = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const c of chunks) {
    const index = seen.get(c.documentId) ?? 0;
    seen.set(c.documentId, index + 1);
    const total = counts.get(c.documentId) ?? 1;
    positions.set(c.id, total > 1 ? index / (total - 1) : 0);
  }
  return positions;
}

/**
 * Figures of all chunks, in chunk order. A sentence repeated by overlapping chunks yields its figures once
 * (first chunk wins). `lang` gives each document's language; a clearly English sentence in a German article
 * is read as English ("billion" = 10^9). `title` names each document (its id when not given).
 */
export function extractFigures(
  chunks: Chunk[],
  lang: (documentId: string) => Lang,
  title: (documentId: string) => string = (id) => id,
): Figure[] {
  const words = new CorpusWords();
  const entities = entitiesByDocument(chunks, lang, words);
  const positions = chunkPositions(chunks);
  const drafts: FigureDraft[] = [];
  const contexts: DraftContext[] = [];
  const restatements: FigureStatement[][] = [];
  const seen = new Map<string, Set<string>>();
  // Topic words of texts are cached per document: names decide them, and each document has its own.
  const topicCaches = new Map<string, TopicCache>();
  for (const chunk of chunks) {
    let topicCache = topicCaches.get(chunk.documentId);
    if (!topicCache) {
      topicCache = new Map();
      topicCaches.set(chunk.documentId, topicCache);
    }
    const names = entities.get(chunk.documentId) ?? new Set<string>();
    let seenHere = seen.get(chunk.documentId);
    if (!seenHere) {
      seenHere = new Set();
      seen.set(chunk.documentId, seenHere);
    }
    const documentLang = lang(chunk.documentId);
    const documentTitle = title(chunk.documentId);
    // A heading may say whose figures a section holds; the document's title says it of every figure alike.
    const sectionOwner =
      chunk.section === documentTitle ? undefined : firstEntityGroup(wordsOf(chunk.section), names);
    for (const sentence of chunk.sentences) {
      // Overlapping chunks repeat sentences; a document may repeat one word for word. Scan each once.
      if (seenHere.has(sentence.text)) continue;
      seenHere.add(sentence.text);
      if (!mayHoldQuantity(sentence.text)) continue;
      const sLang = sentenceLanguage(sentence.text, documentLang);
      const row = chunk.kind === "table" || sentence.text.includes(";") ? parseRow(sentence.text) : undefined;
      const found = findQuantities(sentence.text, sLang);
      const quantities = row ? [...found, ...bareCellQuantities(row, found, sLang)] : found;
      if (quantities.length === 0) continue;
      const amounts = withoutConversions(sentence.text, quantities);
      for (const { q, restated } of amounts) {
        const input: LabelInput = {
          sentence: sentence.text,
          q,
          quantities,
          lang: sLang,
          entities: names,
          sectionOwner,
          words,
        };
        const label = row ? tableLabel(row, input) : buildLabel(input);
        drafts.push({
          label,
          text: q.text,
          value: q.value,
          unit: q.unit,
          quote: sentence.text,
          chunkId: chunk.id,
          documentId: chunk.documentId,
          documentTitle,
          section: chunk.section,
          topics: topicsOf(label, [sentence.text, chunk.section], q, names, topicCache),
        });
        contexts.push({
          entities: names,
          position: positions.get(chunk.id) ?? 1,
          structured: row !== undefined || chunk.kind !== "prose",
          amountsInSentence: amounts.length,
        });
        restatements.push(
          restated.map((r) => ({
            label,
            text: r.text,
            quote: sentence.text,
            chunkId: chunk.id,
            section: chunk.section,
          })),
        );
      }
    }
  }
  const figures = assignFacts(drafts, contexts);
  return figures.map((f, i) => {
    const restated = restatements[i] as FigureStatement[];
    return restated.length > 0 ? { ...f, alternates: [...restated, ...f.alternates] } : f;
  });
}
