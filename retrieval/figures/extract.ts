/**
 * Key figures of the corpus: every quantity in every chunk sentence, with a label from the sentence's own nouns
 * and names ("OpenAI: Zusage für Azure-Services"), the sentence as quote, topic words for filtering, its
 * document, and whether it is a key figure of that document (see `facts.ts`). This module only coordinates:
 * names (`entities.ts`), labels (`labels.ts`), table rows (`table-rows.ts`), topics (`topics.ts`) and facts.
 *
 * Each distinct text of a document is cut into words once, by name detection, which must read all of them
 * first; the words of sentences that may hold an amount are kept, and everything later reads those.
 */
import { mayHoldQuantity, type Quantity, scanQuantities } from "../quantity/index.ts";
import { sentenceLanguage } from "../text/language.ts";
import type { Chunk, Figure, FigureStatement, Lang } from "../types.ts";
import { CorpusWords } from "./corpus-words.ts";
import { detectEntities, firstEntityGroup } from "./entities.ts";
import { assignFacts, type DraftContext, type FigureDraft, namesIn } from "./facts.ts";
import { buildLabel, type LabelInput, labelWords } from "./labels.ts";
import { bareCellQuantities, parseRow, tableLabel } from "./table-rows.ts";
import { textTopics, topicsOf } from "./topics.ts";
import { type Word, wordsOf } from "./words.ts";

export { detectEntities } from "./entities.ts";

/** One document as extraction reads it: its distinct texts (headings and sentences), names and caches. */
interface DocumentTexts {
  names: Set<string>;
  lang: Lang;
  title: string;
  /** Distinct texts in order of first appearance, and where each is in that list. */
  texts: string[];
  indexOf: Map<string, number>;
  /** Per text: it may hold an amount; where its words are kept (-1: not kept); it was read as a sentence. */
  mayHold: boolean[];
  run: number[];
  read: boolean[];
  /** Topic words and owners of headings, topic words of labels: many figures share them. */
  sectionTopics: Map<string, string[]>;
  sectionOwners: Map<string, string | undefined>;
  labelTopics: Map<string, string[]>;
}

function newDocument(lang: Lang, title: string): DocumentTexts {
  return {
    names: new Set(),
    lang,
    title,
    texts: [],
    indexOf: new Map(),
    mayHold: [],
    run: [],
    read: [],
    sectionTopics: new Map(),
    sectionOwners: new Map(),
    labelTopics: new Map(),
  };
}

function addText(document: DocumentTexts, text: string): void {
  if (document.indexOf.has(text)) return;
  document.indexOf.set(text, document.texts.length);
  document.texts.push(text);
}

/**
 * The documents of the chunks with their distinct texts and names. Name detection reads every text; the words
 * of those that may hold an amount are kept in `words` for the steps after it.
 */
function readDocuments(
  chunks: Chunk[],
  lang: (documentId: string) => Lang,
  title: (documentId: string) => string,
  words: CorpusWords,
): Map<string, DocumentTexts> {
  const documents = new Map<string, DocumentTexts>();
  for (const chunk of chunks) {
    let document = documents.get(chunk.documentId);
    if (!document) {
      document = newDocument(lang(chunk.documentId), title(chunk.documentId));
      documents.set(chunk.documentId, document);
    }
    addText(document, chunk.section);
    for (const s of chunk.sentences) addText(document, s.text);
  }
  for (const document of documents.values()) {
    const { texts, mayHold, run } = document;
    for (const text of texts) {
      mayHold.push(mayHoldQuantity(text));
      run.push(-1);
    }
    document.read = texts.map(() => false);
    document.names = detectEntities(texts, document.lang, words, (i, count, ids, starts, ends) => {
      if (mayHold[i]) run[i] = words.keepRun(count, ids, starts, ends);
    });
  }
  return documents;
}

/** Whose figures a section holds, when its heading names someone (the document's title names no one). */
function sectionOwner(section: string, document: DocumentTexts): string | undefined {
  if (section === document.title) return undefined;
  if (!document.sectionOwners.has(section))
    document.sectionOwners.set(section, firstEntityGroup(wordsOf(section), document.names));
  return document.sectionOwners.get(section);
}

/** Topic words of a heading or label, worked out once per document (`textTopics`). */
function cachedTopics(
  cache: Map<string, string[]>,
  text: string,
  isLabel: boolean,
  names: Set<string>,
): string[] {
  let topics = cache.get(text);
  if (!topics) {
    topics = textTopics(wordsOf(text), isLabel, names);
    cache.set(text, topics);
  }
  return topics;
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

/** Each chunk's position within its document, 0 (first chunk) … 1 (last), by index in `chunks`. */
function chunkPositions(chunks: Chunk[]): number[] {
  const counts = new Map<string, number>();
  for (const c of chunks) counts.set(c.documentId, (counts.get(c.documentId) ?? 0) + 1);
  const seen = new Map<string, number>();
  return chunks.map((c) => {
    const index = seen.get(c.documentId) ?? 0;
    seen.set(c.documentId, index + 1);
    const total = counts.get(c.documentId) ?? 1;
    return total > 1 ? index / (total - 1) : 0;
  });
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
  const documents = readDocuments(chunks, lang, title, words);
  const positions = chunkPositions(chunks);
  const drafts: FigureDraft[] = [];
  const contexts: DraftContext[] = [];
  const restatements: FigureStatement[][] = [];
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c] as Chunk;
    const document = documents.get(chunk.documentId) as DocumentTexts;
    const { names } = document;
    for (const sentence of chunk.sentences) {
      // Overlapping chunks repeat sentences; a document may repeat one word for word. Scan each once.
      const at = document.indexOf.get(sentence.text) as number;
      if (document.read[at]) continue;
      document.read[at] = true;
      if (!document.mayHold[at]) continue;
      const sLang = sentenceLanguage(sentence.text, document.lang);
      const row = chunk.kind === "table" || sentence.text.includes(";") ? parseRow(sentence.text) : undefined;
      // (findQuantities would repeat the quick test made when the document was read.)
      const found = scanQuantities(sentence.text, sLang);
      const quantities = row ? [...found, ...bareCellQuantities(row, found, sLang)] : found;
      if (quantities.length === 0) continue;
      const run = document.run[at] as number;
      const sentenceWords: Word[] = run >= 0 ? words.wordsAt(run) : wordsOf(sentence.text);
      const quoteNames = namesIn(sentenceWords, names);
      const sentenceTopics = textTopics(sentenceWords, false, names, words);
      const sectionTopics = cachedTopics(document.sectionTopics, chunk.section, false, names);
      // Label words are the same for every amount of the sentence (tables label their rows without them).
      const wordsForLabels = row ? undefined : labelWords(sentenceWords, quantities, names, words);
      const amounts = withoutConversions(sentence.text, quantities);
      for (const { q, restated } of amounts) {
        const input: LabelInput = {
          sentence: sentence.text,
          q,
          quantities,
          lang: sLang,
          entities: names,
          // (Asked only here: most chunks hold no figure, and their headings need not be read.)
          sectionOwner: sectionOwner(chunk.section, document),
          words,
          ...(wordsForLabels ? { labelWords: wordsForLabels } : {}),
        };
        const label = row ? tableLabel(row, input) : buildLabel(input);
        const labelTopics = cachedTopics(document.labelTopics, label, true, names);
        drafts.push({
          label,
          text: q.text,
          value: q.value,
          unit: q.unit,
          quote: sentence.text,
          chunkId: chunk.id,
          documentId: chunk.documentId,
          documentTitle: document.title,
          section: chunk.section,
          topics: topicsOf(labelTopics, sentenceTopics, sectionTopics, q),
        });
        contexts.push({
          entities: names,
          quoteNames,
          position: positions[c] as number,
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
