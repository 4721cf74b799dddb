/**
 * Extractive answers: score the sentences of the best passages against the question, keep the one(s) that
 * answer it (preferring sentences holding the asked-for kind of fact), and cite each with its chunk.
 */
import type { Concept, LexicalIndex } from "../lexical/bm25.ts";
import type { FusedHit } from "../search/hybrid.ts";
import { conceptIdf } from "../search/hybrid.ts";
import { analyze, foldText, terms } from "../text/normalize.ts";
import type { Chunk, Citation, DocumentMeta, FigureUnit, Lang, SentenceSpan } from "../types.ts";
import { describeQuantity, type Quantity, sentenceQuantities } from "./quantities.ts";
import { type QuestionType, questionType } from "./question-type.ts";

export const ABSTAIN_TEXT: Record<Lang, string> = {
  de: "Dazu steht nichts im Artikel.",
  en: "The article doesn't cover that.",
};

const NEAREST_TEXT: Record<Lang, string> = {
  de: "Die nächstliegenden Stellen (schwache Treffer):",
  en: "The closest passages (weak matches):",
};

const EMPTY_TEXT: Record<Lang, string> = {
  de: "Bitte stelle eine Frage zum Artikel.",
  en: "Please ask a question about the article.",
};

export interface ComposeInput {
  question: string;
  lang: Lang;
  concepts: Concept[];
  hits: FusedHit[];
  chunks: Chunk[];
  documents: Map<string, DocumentMeta>;
  index: LexicalIndex;
  confident: boolean;
  maxCitations: number;
}

export interface Composed {
  abstained: boolean;
  answer: string;
  citations: Citation[];
}

interface ScoredSentence {
  sentence: SentenceSpan;
  chunkRank: number;
  chunk: Chunk;
  score: number;
  order: number;
}

/** Term sets of article sentences and sections, computed once per live index (objects are immutable). */
const termSets = new WeakMap<object, Set<string>>();

function termSet(owner: object, text: string, lang: Lang): Set<string> {
  let set = termSets.get(owner);
  if (!set) {
    set = new Set(terms(text, lang));
    termSets.set(owner, set);
  }
  return set;
}

const CAPITALIZED_NAME = /\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\b/u;

function sentenceScore(
  sentence: SentenceSpan,
  chunk: Chunk,
  chunkRank: number,
  concepts: Concept[],
  idfs: number[],
  type: QuestionType,
  hintedUnits: FigureUnit[],
  docLang: Lang,
): number {
  const sentenceTerms = termSet(sentence, sentence.text, docLang);
  const sectionTerms = termSet(chunk, chunk.section, docLang);
  let score = 0;
  concepts.forEach((concept, i) => {
    let best = 0;
    for (const v of concept.variants) {
      if (sentenceTerms.has(v.term)) best = Math.max(best, v.weight);
      else if (sectionTerms.has(v.term)) best = Math.max(best, v.weight * 0.3);
    }
    score += best * concept.weight * (idfs[i] as number);
  });
  const quantities = sentenceQuantities(sentence.text, docLang);
  // A "how much" question wants a sentence with an amount, a "when" question one with a date.
  const isDate = (q: Quantity) => q.unit === "year" || q.unit === "quarter";
  if (type === "quantity") score *= quantities.some((q) => !isDate(q)) ? 1.3 : 0.6;
  // "Wie groß ist der Anteil" wants a percentage, "wie viel Strom" watts: prefer sentences stating one.
  if (type === "quantity" && hintedUnits.length > 0 && quantities.some((q) => hintedUnits.includes(q.unit)))
    score *= 1.4;
  if (type === "time") score *= quantities.some(isDate) ? 1.3 : 0.5;
  if (type === "person" && CAPITALIZED_NAME.test(sentence.text.slice(1))) score *= 1.3;
  // Rhetorical questions restate the topic but answer nothing.
  if (/\?\s*$/.test(sentence.text)) score *= 0.4;
  return score * (1 - 0.08 * chunkRank);
}

function citationFor(
  n: number,
  chunk: Chunk,
  quote: string,
  score: number,
  doc: DocumentMeta | undefined,
): Citation {
  return {
    n,
    chunkId: chunk.id,
    documentId: chunk.documentId,
    section: chunk.section,
    quote,
    passage: chunk.text,
    score: Math.round(score * 1000) / 1000,
    sources: doc?.sources ?? [],
  };
}

export function compose(input: ComposeInput): Composed {
  const { lang, concepts, hits, chunks, documents, index } = input;
  if (!concepts.some((c) => c.weight >= 1) && input.question.trim() === "") {
    return { abstained: true, answer: EMPTY_TEXT[lang], citations: [] };
  }
  const type = questionType(input.question);
  const idfs = concepts.map((c) => conceptIdf(c, index));
  const hintedUnits = unitHints(input.question);
  const top = hits.slice(0, 5);
  const scored: ScoredSentence[] = [];
  let order = 0;
  top.forEach((hit, rank) => {
    const chunk = chunks[hit.id] as Chunk;
    for (const sentence of chunk.sentences) {
      scored.push({
        sentence,
        chunk,
        chunkRank: rank,
        score: sentenceScore(
          sentence,
          chunk,
          rank,
          concepts,
          idfs,
          type,
          hintedUnits,
          documents.get(chunk.documentId)?.language ?? "de",
        ),
        order: order++,
      });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);

  if (!input.confident || scored.length === 0 || (scored[0] as ScoredSentence).score <= 0) {
    const citations = weakCitations(scored, input.maxCitations, documents);
    const answer = citations.length > 0 ? `${ABSTAIN_TEXT[lang]} ${NEAREST_TEXT[lang]}` : ABSTAIN_TEXT[lang];
    return { abstained: true, answer, citations };
  }

  const picked = pickSentences(scored, type);
  const citations: Citation[] = [];
  // Overlapping chunks share sentences: a sentence already inside a cited passage reuses its number.
  const numberOf = (s: ScoredSentence) => {
    const existing = citations.find((c) => c.chunkId === s.chunk.id || c.passage.includes(s.sentence.text));
    if (existing) return existing.n;
    const citation = citationFor(
      citations.length + 1,
      s.chunk,
      s.sentence.text,
      s.score,
      documents.get(s.chunk.documentId),
    );
    citations.push(citation);
    return citation.n;
  };
  const parts = picked.map((s) => `${s.sentence.text} [${numberOf(s)}]`);
  // Further passages that back the answer, each quoted by its best sentence.
  for (const s of scored) {
    if (citations.length >= input.maxCitations) break;
    if (s.score < 0.5 * (picked[0] as ScoredSentence).score) break;
    if (!citations.some((c) => c.chunkId === s.chunk.id || c.passage.includes(s.sentence.text))) numberOf(s);
  }
  const best = picked[0] as ScoredSentence;
  const lead = leadIn(
    best,
    documents.get(best.chunk.documentId)?.language ?? "de",
    input.question,
    type,
    lang,
    concepts,
  );
  const body =
    lang === "en"
      ? `The article says: ${parts.map((p) => `“${p.replace(/ \[(\d+)\]$/, "” [$1]")}`).join(" ")}`
      : parts.join(" ");
  return { abstained: false, answer: lead ? `${lead} ${body}` : body, citations };
}

/** The sentence(s) to show: one for facts, a short run for reasons, a few rows or items for lists. */
function pickSentences(scored: ScoredSentence[], type: QuestionType): ScoredSentence[] {
  const best = scored[0] as ScoredSentence;
  if (type === "reason") {
    // Reasons read best as the best sentence and the ones that follow it in the same passage.
    const following = best.chunk.sentences.filter((s) => s.start > best.sentence.start).slice(0, 1);
    return [
      best,
      ...following.map((sentence, i) => ({
        ...best,
        sentence,
        score: best.score * 0.5,
        order: best.order + i + 1,
      })),
    ];
  }
  const factual = type === "quantity" || type === "time" || type === "person";
  const maxCount = type === "list" ? 3 : 2;
  const threshold = type === "list" ? 0.55 : factual ? 0.95 : 0.8;
  const picked = [best];
  for (const s of scored.slice(1)) {
    if (picked.length >= maxCount) break;
    if (s.score < threshold * best.score) break;
    if (picked.some((p) => p.sentence.start === s.sentence.start)) continue;
    picked.push(s);
  }
  return dedupeByText(picked).sort((a, b) =>
    a.chunk === b.chunk ? a.sentence.start - b.sentence.start : a.order - b.order,
  );
}

function dedupeByText(items: ScoredSentence[]): ScoredSentence[] {
  const seen = new Set<string>();
  return items.filter((s) => {
    if (seen.has(s.sentence.text)) return false;
    seen.add(s.sentence.text);
    return true;
  });
}

/** Units a question asks for, from its words ("wie schnell wächst" → a rate, "wie viel Strom" → watts). */
const UNIT_HINTS: Array<[RegExp, FigureUnit]> = [
  [/\b(prozent|percent|anteil|share|stake|rate|wachst|wachstum|growth|grow|schnell|fast)/, "%"],
  [/\b(watt|gigawatt|megawatt|strom|leistung|power|electricity|energie|energy)/, "W"],
  [
    /\b(dollar|euro|geld|money|kost|cost|wert|worth|value|bewert|valuation|invest|zugesagt|commit|ausgab|spend|umsatz|revenue|finanz|fund)/,
    "USD",
  ],
  [/\b(flop|rechenleistung|compute)/, "FLOPS"],
  [/\b(wie oft|how often|how many times|mal)\b/, "times"],
];

function unitHints(question: string): FigureUnit[] {
  const folded = foldText(question);
  return UNIT_HINTS.filter(([re]) => re.test(folded)).map(([, unit]) => unit);
}

/** For "how much" questions: the amount itself first, with its value spelled out in the reader's language. */
function leadIn(
  best: ScoredSentence,
  docLang: Lang,
  question: string,
  type: QuestionType,
  lang: Lang,
  concepts: Concept[],
): string | undefined {
  if (type !== "quantity" && type !== "time") return undefined;
  const quantities = sentenceQuantities(best.sentence.text, docLang);
  const wanted = quantities.filter((q) =>
    type === "time" ? q.unit === "year" || q.unit === "quarter" : q.unit !== "year",
  );
  if (wanted.length === 0) return undefined;
  const hinted = unitHints(question);
  // Positions in the sentence of words the question asked about.
  const questionTerms = new Set(
    concepts.filter((c) => c.weight >= 1).flatMap((c) => c.variants.map((v) => v.term)),
  );
  const anchors = analyze(best.sentence.text, docLang)
    .filter((t) => questionTerms.has(t.term))
    .map((t) => t.start);
  const distance = (q: Quantity) =>
    anchors.length === 0
      ? 0
      : Math.min(...anchors.map((a) => (a < q.start ? q.start - a : Math.max(0, a - q.end))));
  const ranked = [...wanted].sort(
    (a, b) =>
      Number(hinted.includes(b.unit)) - Number(hinted.includes(a.unit)) ||
      distance(a) - distance(b) ||
      a.start - b.start,
  );
  return `${describeQuantity(ranked[0] as Quantity, lang)} —`;
}

function weakCitations(
  scored: ScoredSentence[],
  max: number,
  documents: Map<string, DocumentMeta>,
): Citation[] {
  const out: Citation[] = [];
  for (const s of scored) {
    if (out.length >= Math.min(max, 2)) break;
    if (s.score <= 0 || out.some((c) => c.chunkId === s.chunk.id || c.quote === s.sentence.text)) continue;
    out.push({
      ...citationFor(out.length + 1, s.chunk, s.sentence.text, s.score, documents.get(s.chunk.documentId)),
      weak: true,
    });
  }
  return out;
}
