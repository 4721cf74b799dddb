/**
 * Extractive answers: score the sentences of the best passages against the question, keep the one(s) that
 * answer it (preferring sentences holding the asked-for kind of fact), and cite each with its chunk.
 */
import type { Concept, LexicalIndex } from "../lexical/bm25.ts";
import { QUESTION_UNIT_HINTS } from "../quantity/index.ts";
import type { FusedHit } from "../search/hybrid.ts";
import { conceptIdf, coverageIdf } from "../search/hybrid.ts";
import { analyze, foldText, terms } from "../text/normalize.ts";
import type { Chunk, Citation, DocumentMeta, FigureUnit, Lang, SentenceSpan } from "../types.ts";
import {
  conceptIn,
  isNameLike,
  namesIn,
  type QuestionConstraints,
  questionConstraints,
  statesDate,
  statesNumber,
  statesTime,
  type Vocabulary,
} from "./constraints.ts";
import { describeQuantity, type Quantity, sentenceQuantities } from "./quantities.ts";
import { type QuestionType, questionType } from "./question-type.ts";
import { ANSWER_TEXT } from "./text.ts";

/** Chunks by position: the live index's chunk list (chunks made on demand), or an array. */
interface ChunkSource {
  readonly length: number;
  at(index: number): Chunk | undefined;
}

export interface ComposeInput {
  question: string;
  lang: Lang;
  concepts: Concept[];
  hits: FusedHit[];
  /** The live index's chunks by position (an array qualifies). */
  chunks: ChunkSource;
  documents: Map<string, DocumentMeta>;
  index: LexicalIndex;
  confident: boolean;
  maxCitations: number;
  /** Tells names from ordinary words when checking what the question asks about. */
  vocabulary: Vocabulary;
  /** Share of the question's IDF mass an answer sentence (its context at half) must state. */
  minSentenceCoverage: number;
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
  /** Position of the chunk in the live index (its neighbours hold the sentence's context). */
  chunkIndex: number;
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

/** Names in a sentence as index terms, per sentence (sentences of a live index never change). */
const sentenceNameTerms = new WeakMap<SentenceSpan, string[][]>();

function namesOf(sentence: SentenceSpan, lang: Lang, vocabulary: Vocabulary): string[][] {
  let names = sentenceNameTerms.get(sentence);
  if (!names) {
    names = namesIn(sentence.text, lang, vocabulary).map((n) => terms(n, lang));
    sentenceNameTerms.set(sentence, names);
  }
  return names;
}

/** Names in a chunk's section heading as index terms, per chunk (chunks of a live index never change). */
const headingNames = new WeakMap<Chunk, string[][]>();

function headingNameTerms(chunk: Chunk, lang: Lang, vocabulary: Vocabulary): string[][] {
  let names = headingNames.get(chunk);
  if (!names) {
    names = namesIn(chunk.section, lang, vocabulary).map((n) => terms(n, lang));
    headingNames.set(chunk, names);
  }
  return names;
}

function newNames(
  sentence: SentenceSpan,
  lang: Lang,
  questionTerms: ReadonlySet<string>,
  vocabulary: Vocabulary,
): boolean {
  return namesOf(sentence, lang, vocabulary).some((stems) => !stems.some((t) => questionTerms.has(t)));
}

function sentenceScore(
  sentence: SentenceSpan,
  chunk: Chunk,
  chunkRank: number,
  concepts: Concept[],
  idfs: number[],
  type: QuestionType,
  hintedUnits: FigureUnit[],
  docLang: Lang,
  questionTerms: ReadonlySet<string>,
  vocabulary: Vocabulary,
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
  if (type === "time")
    score *= quantities.some(isDate) || statesDate(sentence.text) ? 1.3 : statesTime(sentence.text) ? 1 : 0.5;
  // "Wer …?" / "Wo …?" want a name the question doesn't already give; a sentence naming no one new ("… ist er
  // der älteste …") answers "wer" only through a pronoun, so it gives way to one that names someone.
  if (type === "person" || type === "place")
    score *= newNames(sentence, docLang, questionTerms, vocabulary) ? 1.3 : type === "person" ? 0.7 : 1;
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

/** The answer to one question from its ranked hits: the best sentences, cited, or an abstention. */
export function composeAnswer(input: ComposeInput): Composed {
  const { lang, concepts, hits, chunks, documents, index } = input;
  const say = ANSWER_TEXT[lang];
  if (!concepts.some((c) => c.weight >= 1) && input.question.trim() === "") {
    return { abstained: true, answer: say.emptyQuestion, citations: [] };
  }
  const type = questionType(input.question);
  const idfs = concepts.map((c) => conceptIdf(c, index));
  const coverageIdfs = concepts.map((c) => coverageIdf(c, index));
  const hintedUnits = unitHints(input.question);
  const questionTerms = new Set(
    concepts.filter((c) => c.weight >= 1).flatMap((c) => c.variants.map((v) => v.term)),
  );
  const top = hits.slice(0, 5);
  const scored: ScoredSentence[] = [];
  let order = 0;
  top.forEach((hit, rank) => {
    const chunk = chunks.at(hit.id) as Chunk;
    for (const sentence of chunk.sentences) {
      scored.push({
        sentence,
        chunk,
        chunkIndex: hit.id,
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
          questionTerms,
          input.vocabulary,
        ),
        order: order++,
      });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);

  const abstain = (reason: string) => {
    const citations = weakCitations(scored, input.maxCitations, documents);
    return {
      abstained: true,
      answer: citations.length > 0 ? `${reason} ${say.nearest}` : reason,
      citations,
    };
  };
  const constraints = questionConstraints(input.question, lang, concepts, input.vocabulary, (term) =>
    index.has(term),
  );
  // A name or number the corpus never mentions: the article can't be about it.
  const unseen = [
    ...constraints.names,
    ...constraints.numbers.filter((n) => /^\d+(?:[.,]\d+)*$/.test(n.word)),
  ].filter((c) => !(concepts[c.concept] as Concept).variants.some((v) => index.has(v.term)));
  if (unseen.length > 0)
    return abstain(
      say.notMentioned(
        joinWords(
          unseen.map((c) => c.word),
          lang,
        ),
      ),
    );
  if (!input.confident || scored.length === 0 || (scored[0] as ScoredSentence).score <= 0) {
    return abstain(say.abstain);
  }
  const evidence = new EvidenceCheck(
    constraints,
    concepts,
    chunks,
    documents,
    input.vocabulary,
    coverageIdfs,
    input.minSentenceCoverage,
  );
  const answering = scored.filter((s) => s.score > 0 && evidence.missing(s) === null);
  if (answering.length === 0) {
    const missing = evidence.missing(scored[0] as ScoredSentence);
    return abstain(missing ? say.notAbout(missing) : say.abstain);
  }

  const picked = pickSentences(answering, type);
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
  const body = say.quoted(parts);
  return { abstained: false, answer: lead ? `${lead} ${body}` : body, citations };
}

function joinWords(words: string[], lang: Lang): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? "";
  return `${unique.slice(0, -1).join(", ")} ${ANSWER_TEXT[lang].and} ${unique.at(-1)}`;
}

/**
 * Does a sentence state the answer about what the question asks? Names must be in the sentence, or in its
 * immediate context (the previous sentence, the section heading; the one before that while no other name
 * comes between) when the sentence names no one else, and a multi-word name may stand as its last word;
 * numbers the question states must be there; "wie viele X" needs X (or a compound ending in it) and a
 * number; "wann" needs a time.
 */
class EvidenceCheck {
  constructor(
    private readonly constraints: QuestionConstraints,
    private readonly concepts: Concept[],
    private readonly chunks: ChunkSource,
    private readonly documents: Map<string, DocumentMeta>,
    private readonly vocabulary: Vocabulary,
    private readonly idfs: number[],
    private readonly minSentenceCoverage: number,
  ) {}

  /** The question word the sentence fails on, "" for a missing kind of fact, or null when it answers. */
  missing(s: ScoredSentence): string | null {
    const { constraints, concepts } = this;
    const lang = this.documents.get(s.chunk.documentId)?.language ?? "de";
    const own = termSet(s.sentence, s.sentence.text, lang);
    const context = this.contextTerms(s, lang);
    const questionTerms = new Set(
      concepts.filter((c) => c.weight >= 1).flatMap((c) => c.variants.map((v) => v.term)),
    );
    const nameConcepts = new Set(constraints.names.map((n) => n.concept));
    const topicTerms = new Set(
      concepts
        .filter((c, i) => c.weight >= 1 && !c.isNumber && !nameConcepts.has(i))
        .flatMap((c) => c.variants.map((v) => v.term)),
    );
    for (const name of constraints.names) {
      const concept = concepts[name.concept] as Concept;
      if (conceptIn(concept, own)) {
        // A question relating two names: one named only in an adverbial clause of its own ("…, als Nvidias
        // Partnerschaft zerbröckelt") takes part in another event than the names of the main clause.
        if (
          constraints.names.length >= 2 &&
          (this.onlyInOwnClause(s.sentence.text, lang, name.concept) ||
            (name.governed === true && onlyAsOwner(s.sentence.text, lang, concept, questionTerms)))
        )
          return name.word;
        continue;
      }
      // Named in the previous sentence or the heading: fine, unless the sentence ties the asked-about thing
      // to someone else ("Azure-Umsatz" when the question asks for OpenAI's revenue).
      // A question relating two names wants the relation stated near them, not just a heading naming both.
      const near = constraints.names.length >= 2 ? context.near : context.named;
      if (
        conceptIn(concept, near) &&
        !ownedByOtherName(s.sentence.text, lang, questionTerms, topicTerms, this.vocabulary)
      )
        continue;
      // A leading word of a multi-word name the sentence calls by its last word ("die Panthers").
      if (name.nameHead !== undefined && conceptIn(concepts[name.nameHead] as Concept, own)) continue;
      return name.word;
    }
    // The sentence itself (with its context at half weight) must carry enough of the question.
    if (this.sentenceCoverage(own, context.all) < this.minSentenceCoverage) return "";
    if (constraints.counted && !countedIn(concepts[constraints.counted.concept] as Concept, own))
      return constraints.counted.word;
    if (constraints.wantsNumber && !statesNumber(s.sentence.text)) return "";
    if (constraints.wantsPercent && !/%|prozent|percent/i.test(s.sentence.text)) return "";
    if (constraints.wantsDate && !statesTime(s.sentence.text)) return "";
    return null;
  }

  /** Share of the question's IDF mass the sentence states (its context counts half). */
  private sentenceCoverage(own: ReadonlySet<string>, context: ReadonlySet<string>): number {
    let total = 0;
    let matched = 0;
    this.concepts.forEach((c, i) => {
      if (c.weight < 1) return;
      const idf = this.idfs[i] as number;
      total += idf;
      if (conceptIn(c, own)) matched += idf;
      else if (conceptIn(c, context)) matched += idf * 0.5;
    });
    return total === 0 ? 0 : matched / total;
  }

  /** Whether the name stands only in adverbial clauses that hold none of the question's other names. */
  private onlyInOwnClause(text: string, lang: Lang, nameConcept: number): boolean {
    const clauses = text.split(ADVERBIAL_CLAUSE).map((clause) => new Set(terms(clause, lang)));
    if (clauses.length < 2) return false;
    const name = this.concepts[nameConcept] as Concept;
    const others = this.constraints.names
      .filter((n) => n.concept !== nameConcept)
      .map((n) => this.concepts[n.concept] as Concept);
    return clauses.every(
      (clause, i) => !conceptIn(name, clause) || (i > 0 && !others.some((other) => conceptIn(other, clause))),
    );
  }

  /**
   * Terms of the sentence's immediate context: `near` is the previous sentence of the same section (for a
   * list item, the list's intro), `all` adds the section heading. `named` is what may stand in for a name the
   * sentence lacks: `near`, plus the heading only when it names no one the question doesn't (a heading
   * naming two companies does not make its section about either).
   */
  private contextTerms(
    s: ScoredSentence,
    lang: Lang,
  ): { near: Set<string>; all: Set<string>; named: Set<string> } {
    const at = s.chunk.sentences.indexOf(s.sentence);
    // A list item's context is the list's intro ("Amazon positioniert sich … durch:"), not the item before.
    const before = s.chunk.kind === "list" ? 0 : at - 1;
    let previous: SentenceSpan | undefined = at > 0 ? s.chunk.sentences[before] : undefined;
    if (!previous) {
      const chunkBefore = s.chunkIndex > 0 ? this.chunks.at(s.chunkIndex - 1) : undefined;
      if (
        chunkBefore &&
        chunkBefore.documentId === s.chunk.documentId &&
        chunkBefore.section === s.chunk.section
      )
        previous = chunkBefore.sentences.at(-1);
    }
    const near = new Set(previous ? termSet(previous, previous.text, lang) : []);
    const heading = termSet(s.chunk, s.chunk.section, lang);
    const questionTerms = new Set(
      this.concepts.filter((c) => c.weight >= 1).flatMap((c) => c.variants.map((v) => v.term)),
    );
    const all = new Set([...near, ...heading]);
    // A table row stands under its heading, its caption: the heading is its nearest context, unless the row
    // names someone the question doesn't ("Microsoft Position: …"), whose row it then is.
    if (s.chunk.kind === "table") {
      if (this.namesOthers(namesOf(s.sentence, lang, this.vocabulary), questionTerms))
        return { near: new Set(), all, named: new Set() };
      for (const t of heading) near.add(t);
      return { near, all, named: near };
    }
    const headingNames = headingNameTerms(s.chunk, lang, this.vocabulary);
    const carried = this.carriedNames(s, at, previous, lang, questionTerms);
    const named = new Set([...(this.namesOthers(headingNames, questionTerms) ? near : all), ...carried]);
    return { near, all, named };
  }

  /**
   * Terms of the sentence two back in the same passage, when the sentence between names no one the question
   * doesn't: a topic named there is still what the text is about ("Die Eröffnung des X-Marktes … . Sie wurde
   * gefeiert … . Ein Bild davon hängt …"). A new name in between takes over as the topic.
   */
  private carriedNames(
    s: ScoredSentence,
    at: number,
    previous: SentenceSpan | undefined,
    lang: Lang,
    questionTerms: ReadonlySet<string>,
  ): Set<string> {
    if (s.chunk.kind !== "prose" || at < 2 || !previous) return new Set();
    if (this.namesOthers(namesOf(previous, lang, this.vocabulary), questionTerms)) return new Set();
    const earlier = s.chunk.sentences[at - 2] as SentenceSpan;
    return termSet(earlier, earlier.text, lang);
  }

  /** Whether names (as index terms) include someone the question doesn't ask about. */
  private namesOthers(names: string[][], questionTerms: ReadonlySet<string>): boolean {
    return names.some((stems) => !stems.some((t) => questionTerms.has(t)));
  }
}

/**
 * A compound's parts: its head (the counted thing) at least this long, its modifier too ("Giga|tonnen",
 * "Baum|arten"); shorter ends are inflection or prefixes ("ge|setz" is not a kind of "setz").
 */
const MIN_COMPOUND_HEAD = 4;
const MIN_COMPOUND_MODIFIER = 3;

/** Whether `compound` is a longer word ending in `head`, both parts long enough to be words of their own. */
function compoundOf(compound: string, head: string): boolean {
  return (
    head.length >= MIN_COMPOUND_HEAD &&
    compound.length - head.length >= MIN_COMPOUND_MODIFIER &&
    compound.endsWith(head)
  );
}

/**
 * Whether the sentence counts the thing the question counts: the word itself, or a compound sharing its head
 * (German compounds end in their head: "Gigatonnen" counts "Tonnen"; "Baumarten" asks for "Arten").
 */
function countedIn(concept: Concept, sentenceTerms: ReadonlySet<string>): boolean {
  if (conceptIn(concept, sentenceTerms)) return true;
  const best = Math.max(0, ...concept.variants.map((v) => v.weight));
  const wanted = concept.variants.filter((v) => v.weight >= 0.5 * best).map((v) => v.term);
  for (const term of sentenceTerms)
    if (wanted.some((w) => compoundOf(term, w) || compoundOf(w, term))) return true;
  return false;
}

/**
 * Whether the sentence names the name only as the owner of something the question doesn't ask about
 * ("… reduzierte Nvidias exklusiven Verhandlungsspielraum", "Nvidia's bargaining power"): a genitive makes
 * the name a modifier, and the sentence then tells about the owned thing, not about the name.
 */
function onlyAsOwner(text: string, lang: Lang, name: Concept, questionTerms: ReadonlySet<string>): boolean {
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’]s\b)?/gu)].map((m) => m[0]);
  let named = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!conceptIn(name, new Set(terms(word, lang)))) continue;
    named = true;
    const base = word.replace(/(?:['’]s|s)$/u, "");
    const genitive = base !== word && /^\p{Lu}/u.test(word) && conceptIn(name, new Set(terms(base, lang)));
    if (!genitive) return false;
    // The owned noun phrase: numbers, inflected adjectives and nouns up to the first other word.
    const owned: string[] = [];
    for (let j = i + 1; j < words.length && owned.length < 5; j++) {
      const next = words[j] as string;
      if (!/^(\p{N}|\p{Lu})|\p{Ll}(e|en|er|es|em)$/u.test(next)) break;
      owned.push(next);
    }
    if (owned.length === 0 || owned.some((w) => terms(w, lang).some((t) => questionTerms.has(t))))
      return false;
  }
  return named;
}

/**
 * Where an adverbial clause with a subject of its own begins: a comma, a subordinator of time, cause,
 * condition or contrast, and no personal pronoun after it ("…, während sie …" still tells of the same actor).
 */
const ADVERBIAL_CLAUSE =
  /,\s*(?=(?:als|während|nachdem|bevor|sobald|seitdem|weil|obwohl|wenn|falls|wohingegen|when|while|after|before|because|although|whereas)\s+(?!(?:er|sie|es|wir|ihr|man|he|she|it|they|we)\b))/iu;

/**
 * "Azure-Umsatz", "Microsofts Auftragsbestand": a word of the question bound to a name the question doesn't
 * ask about (as compound modifier or genitive), so the sentence states the fact for someone else.
 */
function ownedByOtherName(
  text: string,
  lang: Lang,
  questionTerms: ReadonlySet<string>,
  topicTerms: ReadonlySet<string>,
  vocabulary: Vocabulary,
): boolean {
  for (const m of text.matchAll(/(\p{Lu}[\p{L}\p{N}]+?)(?:-|s\s+)(\p{L}+)/gu)) {
    const [, owner, owned] = m as unknown as [string, string, string];
    if (!isNameLike(owner, lang, vocabulary, false)) continue;
    if (terms(owner, lang).some((t) => questionTerms.has(t))) continue;
    if (terms(owned, lang).some((t) => topicTerms.has(t))) return true;
  }
  return false;
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

/** Units a question asks for, from its words (the quantity lexicon's question hints). */
function unitHints(question: string): FigureUnit[] {
  const folded = foldText(question);
  return QUESTION_UNIT_HINTS.filter(([re]) => re.test(folded)).map(([, unit]) => unit);
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
