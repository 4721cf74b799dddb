/**
 * Labels of figures from the sentence that states them: what is measured (the noun after or before the amount,
 * or the noun a news verb stands for) and whose it is (a genitive, the subject, the noun a relative clause
 * describes). German and English word order, plus two hand-picked word lists that are not neutral: the news
 * verbs of words.ts (VERB_NOUNS) and the non-names of entities.ts (NOT_ENTITIES) were drawn from tech and
 * finance news like the seed article, so an article from another field may need entries of its own.
 */
import { type Quantity, scaleOf } from "../quantity/index.ts";
import { foldText } from "../text/normalize.ts";
import type { FigureUnit, Lang } from "../types.ts";
import type { CorpusWords } from "./corpus-words.ts";
import { entityOf, firstEntityGroup, genitiveBase, hasName } from "./entities.ts";
import {
  AND_JOINERS,
  CHANGE_NOUNS,
  DETERMINERS,
  EN_TIME_WORDS,
  foldOf,
  foldWord,
  GENITIVE_JOINERS,
  isCap,
  isEnglishContentWord,
  isFunctionWord,
  isInflected,
  isMeasureWord,
  isNounishWord,
  isNumberWord,
  LINK_PREPS,
  PARTICIPLE_LEAD,
  QTY_QUALIFIERS,
  QUALIFIER_PREPS,
  RELATIVE,
  TIME_PREPS,
  textOf,
  verbNoun,
  type Word,
  wordsOf,
} from "./words.ts";

/** The noun phrase ending at `k`, read backwards; keeps genitive "des/der" and "und" inside it. */
function phraseBackward(ws: Word[], k: number, lang: Lang): Word[] {
  const out: Word[] = [];
  for (let i = k; i >= 0; i--) {
    const w = ws[i] as Word;
    const folded = foldOf(w);
    const content = lang === "en" ? isEnglishContentWord(w) : isNounishWord(w);
    if (content && (lang === "de" || out.length < 3)) {
      out.unshift(w);
      continue;
    }
    const joiner = GENITIVE_JOINERS.has(folded) || AND_JOINERS.has(folded);
    if (!joiner || out.length === 0 || !isNounishWord(ws[i - 1])) break;
    out.unshift(w);
  }
  return out;
}

/** The noun phrase a clause starts with, past articles and adjectives ("Das neue Rechenzentrum in …"). */
function phraseForward(ws: Word[], lang: Lang): { phrase: Word[]; determiner: boolean } {
  let i = 0;
  let determiner = false;
  for (; i < ws.length && i < 3 && isFunctionWord(ws[i] as Word); i++) {
    if (DETERMINERS.has(foldOf(ws[i]))) determiner = true;
  }
  if (lang === "en") {
    const phrase: Word[] = [];
    for (; i < ws.length && phrase.length < 3 && isEnglishContentWord(ws[i] as Word); i++)
      phrase.push(ws[i] as Word);
    return { phrase, determiner };
  }
  for (let adjectives = 0; determiner && adjectives < 2 && isInflected(ws[i]?.text); adjectives++) i++;
  const phrase: Word[] = [];
  for (; i < ws.length; i++) {
    const w = ws[i] as Word;
    const folded = foldOf(w);
    const joinsNext =
      phrase.length > 0 &&
      isNounishWord(ws[i + 1]) &&
      (AND_JOINERS.has(folded) || GENITIVE_JOINERS.has(folded) || folded === "von");
    if (isNounishWord(w) || joinsNext) phrase.push(w);
    else break;
  }
  return { phrase, determiner };
}

/** Splits a phrase into its genitive owner and the rest: "OpenAIs Bewertung" → [OpenAI, Bewertung]. */
function splitOwner(phrase: Word[], entities: Set<string>): { owner?: string; rest: Word[] } {
  const owner = genitiveBase(phrase[0]?.text, entities);
  return owner && phrase.length > 1 ? { owner, rest: phrase.slice(1) } : { rest: phrase };
}

/** Where the clause around a quantity starts and ends (commas, dashes, colons, brackets). */
export function clauseAround(sentence: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(/[,;:()[\]—–!?|]|\s-\s/g)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return [from, to];
}

// --- labels -------------------------------------------------------------------------------------

export interface LabelInput {
  sentence: string;
  q: Quantity;
  /** All quantities of the sentence: their words are not context for each other. */
  quantities: Quantity[];
  lang: Lang;
  entities: Set<string>;
  /** Names in the section heading: who a sentence without names is about. */
  sectionOwner?: string;
  /** The corpus's words: what is capitalised only for its position. */
  words?: CorpusWords;
  /** The sentence's `labelWords`, when the caller has them (a sentence with several amounts is read once). */
  labelWords?: Word[];
}

const MAX_LABEL = 80;

export function compose(owner: string | undefined, head: string, qualifier = ""): string {
  const body = `${head}${qualifier ? ` ${qualifier}` : ""}`.trim();
  // (foldText, not the word memo: a label's body is a phrase of its own, which would only crowd the memo.)
  const folded = foldText(body);
  const shown = owner && !owner.split(" & ").every((o) => folded.includes(foldWord(o))) ? owner : undefined;
  const label = shown && body ? `${shown}: ${body}` : body || (shown ?? "");
  const capped = label.charAt(0).toUpperCase() + label.slice(1);
  return capped.length > MAX_LABEL ? `${capped.slice(0, MAX_LABEL - 1).trimEnd()}…` : capped;
}

/** "für Azure-Services", "mit OpenAI", "von Amazon und Microsoft": a preposition and the nouns after it. */
function qualifierFrom(ws: Word[], lang: Lang): string {
  const prep = ws[0];
  if (!prep || !QUALIFIER_PREPS[lang].has(foldOf(prep))) return "";
  const phrase: Word[] = [];
  for (const w of ws.slice(1, 6)) {
    const folded = foldOf(w);
    const content = lang === "en" ? isEnglishContentWord(w) && !EN_TIME_WORDS.has(w.text) : isNounishWord(w);
    if (content) phrase.push(w);
    else if (AND_JOINERS.has(folded) && phrase.length > 0) phrase.push(w);
    else break;
  }
  while (phrase.length > 0 && AND_JOINERS.has(foldOf(phrase.at(-1)))) phrase.pop();
  return phrase.length > 0 ? `${prep.text} ${textOf(phrase)}` : "";
}

/** What the amount measures, from the words right after it ("27% Eigentum", "an Verpflichtungen"). */
export function headAfter(
  after: Word[],
  lang: Lang,
  entities: Set<string>,
  share = false,
  attributive = true,
): { head?: string; rest: Word[] } {
  const [a, b] = after;
  if (!a) return { rest: after };
  const folded = foldOf(a);
  if (lang === "de") {
    if (folded === "an" && isNounishWord(b)) return { head: b?.text, rest: after.slice(2) };
    if (genitiveBase(a.text, entities)) return { rest: after };
    if (isNounishWord(a)) return { head: a.text, rest: after.slice(1) };
    // "gründete ABC": a verb before a name is no adjective before a noun.
    if (
      attributive &&
      isInflected(a.text) &&
      !isFunctionWord(a) &&
      isNounishWord(b) &&
      !entityOf(b?.text ?? "", entities)
    ) {
      return { head: `${a.text} ${b?.text}`, rest: after.slice(2) };
    }
    // "70 Prozent des ehemals bewaldeten Landes", "zwei Drittel der Einwohner": a share of what follows.
    if (share && (folded === "des" || folded === "der")) {
      const k = after.findIndex((w, i) => i > 0 && i <= 4 && isNounishWord(w));
      if (k > 0) return { head: (after[k] as Word).text, rest: after.slice(k + 1) };
    }
    return { rest: after };
  }
  // "$1.4 trillion in compute commitments", "$100 billion investment plan"; "in Anthropic" is a qualifier.
  const start =
    (folded === "in" || folded === "of") && b && !isCap(b.text) && !EN_TIME_WORDS.has(b.text) ? 1 : 0;
  const phrase: Word[] = [];
  for (const w of after.slice(start)) {
    if (phrase.length >= 2 || !isEnglishContentWord(w) || EN_TIME_WORDS.has(w.text)) break;
    phrase.push(w);
  }
  return phrase.length > 0
    ? { head: textOf(phrase), rest: after.slice(start + phrase.length) }
    : { rest: after };
}

/** Index of the word before a date once time prepositions are skipped ("der seit 1970 …" → "der"). */
function skipTimeWords(before: Word[]): number {
  let k = skipQualifiers(before);
  while (k >= 0 && TIME_PREPS.has(foldOf(before[k]))) k--;
  return k;
}

/** Index of the word before the amount once qualifiers ("über", "weniger als", "bis zu") are skipped. */
function skipQualifiers(before: Word[]): number {
  let k = before.length - 1;
  for (;;) {
    const w = foldOf(before[k]);
    if (w === "zu" && foldOf(before[k - 1]) === "bis") k -= 2;
    else if (QTY_QUALIFIERS.has(w)) k--;
    else return k;
  }
}

/** "Bewertung auf 830 Milliarden", "Deal im Wert von 100 Milliarden Dollar": the noun a preposition links. */
function headBefore(before: Word[], unit: FigureUnit, lang: Lang, entities: Set<string>): Word[] {
  let k = skipQualifiers(before);
  const prep = foldOf(before[k]);
  const isTime = unit === "year" || unit === "quarter";
  const timeOnly = isTime && TIME_PREPS.has(prep) && !LINK_PREPS.has(prep);
  if (!LINK_PREPS.has(prep) && !timeOnly) return [];
  k--;
  const w = foldOf(before[k]);
  if ((w === "wert" || w === "hohe") && /^(im|in)$/.test(foldOf(before[k - 1]))) k -= 2;
  if (PARTICIPLE_LEAD.test(w) || k < 0) return [];
  const phrase = phraseBackward(before, k, lang);
  // "untersuchten Microsoft seit Ende 2023": before a time, a bare name is the verb's object, not the topic.
  return timeOnly && phrase.every((p) => entityOf(p.text, entities)) ? [] : phrase;
}

/** The noun phrase before the comma that a relative or participle clause describes. */
function antecedentOf(ws: Word[], from: number, lang: Lang): string {
  const earlier = ws.filter((w) => w.end <= from);
  let i = earlier.length - 1;
  const content = (w: Word | undefined) =>
    w !== undefined &&
    (lang === "en"
      ? isEnglishContentWord(w)
      : isNounishWord(w) || (/\d/.test(w.text) && /\p{L}/u.test(w.text)));
  while (i >= 0 && !content(earlier[i])) i--;
  if (i < 0) return "";
  const phrase = phraseBackward(earlier, i, lang);
  // Model names end in digits ("Veriton GN100"); keep them with the name before.
  if (phrase.length === 0) return textOf(phraseBackward(earlier, i - 1, lang).concat(earlier[i] as Word));
  return textOf(phrase);
}

/** A subject without article that is not "adjective + noun" of a bullet point ("Direkte Verhandlungen"). */
const plainSubject = (subject: Word[]) =>
  subject.length === 1 || !/^\p{Lu}\p{Ll}+(e|en|er|es|em)$/u.test(subject[0]?.text ?? "");

/**
 * The sentence's words as labels read them. Words of other amounts ("um 5 Prozent auf 19,1 Mrd.") and unit
 * words ("im Jahr", "Prozent") are no context; words capitalised only because a sentence starts with them
 * ("Obwohl", "Drei", "Insbesondere") are read in lower case, so they are never taken for nouns. `sentenceWords`
 * are the sentence's words (`wordsOf`); `corpusWords` knows which words the corpus writes in lower case.
 */
export function labelWords(
  sentenceWords: Word[],
  quantities: Quantity[],
  entities: Set<string>,
  corpusWords?: CorpusWords,
): Word[] {
  const out: Word[] = [];
  for (const w of sentenceWords) {
    if (quantities.some((o) => w.start < o.end && w.end > o.start)) continue;
    const id = w.id ?? corpusWords?.id(w.text);
    const kind = id === undefined ? labelWordKind(w.text) : corpusWords?.memo(id, labelWordKind);
    if (kind === LABEL_SKIP) continue;
    if (entities.has(w.text)) {
      out.push(w);
      continue;
    }
    const demoted =
      kind === LABEL_NUMBER_WORD ||
      (id === undefined ? false : (corpusWords as CorpusWords).isCapitalisedByPositionId(id));
    // (A demoted word is a spelling of its own: it leaves its word number behind.)
    out.push(
      demoted ? { text: w.text.charAt(0).toLowerCase() + w.text.slice(1), start: w.start, end: w.end } : w,
    );
  }
  return out;
}

const LABEL_WORD = 0;
const LABEL_SKIP = 1;
const LABEL_NUMBER_WORD = 2;

/** How labels read a word by its spelling: bare digits (parts of ranges and dates, "1620-21") and measure
 * words name no topic; a number word ("Drei") is capitalised only where a sentence starts. */
function labelWordKind(word: string): number {
  if (!/\p{L}/u.test(word) || isMeasureWord(word)) return LABEL_SKIP;
  return isNumberWord(word) ? LABEL_NUMBER_WORD : LABEL_WORD;
}

/** Joiners of a range or list of amounts ("zwischen 1550 und 1589", "von 2000 bis 2005"). */
const RANGE_JOINERS = new Set(["und", "bis", "oder", "and", "to", "or"]);

/**
 * German puts the finite verb second: "1981 gründete ABC …", "Im Sommer 1521 weitete Luther sein Angriffe …
 * aus". When an amount opens the clause, the subject after the verb is whose it is and the object what it is
 * about.
 */
function frontedLabel(
  before: Word[],
  after: Word[],
  lang: Lang,
  entities: Set<string>,
  qualifier: string,
): string | undefined {
  if (lang !== "de" || before.some((w) => isNounishWord(w))) return undefined;
  let i = 0;
  while (i < 2 && RANGE_JOINERS.has(foldOf(after[i]))) i++;
  const verb = after[i];
  const next = after[i + 1];
  if (!verb || isCap(verb.text) || DETERMINERS.has(foldOf(verb)) || !next) return undefined;
  if (!isNounishWord(next) && !DETERMINERS.has(foldOf(next))) return undefined;
  const { phrase: subject } = phraseForward(after.slice(i + 1), lang);
  if (subject.length === 0) return undefined;
  const rest = after.slice(after.indexOf(subject.at(-1) as Word) + 1);
  const { phrase: object } = phraseForward(rest, lang);
  const split = splitOwner(subject, entities);
  if (object.length === 0) return compose(split.owner, textOf(split.rest), qualifier);
  return compose(textOf(subject), textOf(object), qualifier);
}

export function buildLabel(input: LabelInput): string {
  const { sentence, q, quantities, lang, entities, sectionOwner, words } = input;
  const ws = input.labelWords ?? labelWords(wordsOf(sentence), quantities, entities, words);
  const [from, to] = clauseAround(sentence, q.start, q.end);
  const before = ws.filter((w) => w.start >= from && w.end <= q.start);
  const after = ws.filter((w) => w.start >= q.end && w.end <= to);

  // 1. What the amount is about: a compound tail, the noun after it, or the noun a preposition links.
  let head: string | undefined;
  let rest = after;
  const tail = /^[-‑]([\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*)/u.exec(sentence.slice(q.end));
  const countedNoun = q.unit === "count" ? /([\p{L}-]+)$/u.exec(q.text)?.[1] : undefined;
  // ("2001-02" is a range, not a compound.)
  if (tail && /\p{L}/u.test(tail[1] as string)) head = tail[1];
  else if (countedNoun && scaleOf(countedNoun, lang) === undefined) head = countedNoun;
  else if (q.unit !== "count") {
    // "die 1834 gegründete Schule": after a date an inflected word is an adjective only when an article
    // precedes the date; otherwise it is the verb of a clause the date opens ("1564 gründete René …").
    const isDate = q.unit === "year" || q.unit === "quarter";
    const leadIn = before.slice(0, skipTimeWords(before) + 1).at(-1);
    const attributive = !isDate || (leadIn !== undefined && DETERMINERS.has(foldOf(leadIn)));
    ({ head, rest } = headAfter(after, lang, entities, q.unit === "%", attributive));
  }
  let qualifier = qualifierFrom(rest, lang) || (head ? "" : qualifierFrom(after, lang));
  let headWords = head ? 1 : 0;
  if (!head) {
    const phrase = headBefore(before, q.unit, lang, entities);
    const split = splitOwner(phrase, entities);
    if (split.owner) return compose(split.owner, textOf(split.rest), qualifier);
    if (phrase.length > 0) head = textOf(phrase);
    headWords = phrase.length;
  }
  if (!head) {
    const fronted = frontedLabel(before, after, lang, entities, qualifier);
    if (fronted) return fronted;
  }

  // 2. Whose amount it is: a genitive right before, the noun a relative clause describes, the subject.
  const genitive = genitiveBase(before[skipQualifiers(before)]?.text, entities);
  const clauseLead = before[0]?.text ?? "";
  const afterComma = /,\s*$/.test(sentence.slice(0, from));
  const described = afterComma && (RELATIVE.test(clauseLead) || PARTICIPLE_LEAD.test(clauseLead));
  const antecedent = described ? antecedentOf(ws, from, lang) : "";
  const firstClauseEnd = clauseAround(sentence, 0, 0)[1];
  const firstClause = ws.filter((w) => w.end <= firstClauseEnd);
  let { phrase: subject, determiner } = described
    ? { phrase: [], determiner: false }
    : phraseForward(before, lang);
  // A later clause without its own subject ("…, is expected to close in Q3") shares the sentence's.
  const ownSubject = subject.length > 0 && (from === 0 || determiner || isCap(subject[0]?.text));
  if (!described && !ownSubject && from > 0)
    ({ phrase: subject, determiner } = phraseForward(firstClause, lang));
  else if (!ownSubject) subject = subject.length > 0 && from === 0 ? subject : [];
  const subjectSplit = splitOwner(subject, entities);
  const subjectText = textOf(subject);
  const sentenceOwner = firstEntityGroup(firstClause, entities) ?? firstEntityGroup(ws, entities);

  if (!head) {
    // "OpenAI verpflichtete sich zu …" → OpenAI: Zusage; "Azure-Umsatz erreichte …" → Azure-Umsatz.
    const afterSubject =
      subject.length > 0 ? before.slice(before.indexOf(subject.at(-1) as Word) + 1) : before;
    const noun = afterSubject.map((w) => verbNoun(w.text, lang)).find(Boolean);
    const linkedBy = foldOf(before[skipQualifiers(before)]);
    // "Umsatz stieg … auf 19,1 Mrd." / "revenue grew … to $50 billion": the amount is the subject's new level.
    const newLevel = noun && CHANGE_NOUNS.has(noun) && (linkedBy === "auf" || linkedBy === "to");
    if (noun && !(newLevel && subject.length > 0)) {
      const object = afterSubject.map((w) => entityOf(w.text, entities)).find(Boolean);
      const owner = antecedent || subjectText || sentenceOwner || sectionOwner;
      const extra = object && !qualifier && !owner?.includes(object) ? `(${object})` : "";
      return compose(owner, noun, qualifier || extra);
    }
    if (subject.length > 0)
      return compose(subjectSplit.owner ?? (antecedent || undefined), textOf(subjectSplit.rest), qualifier);
    if (antecedent) return compose(undefined, antecedent, qualifier);
    // Last resort: the nearest noun in the clause, else in the sentence (never a unit word: that names nothing).
    const isPlainNoun = (w: Word) => isNounishWord(w) && !entityOf(w.text, entities);
    const near =
      [...after.slice(0, 3), ...before.slice(-3).reverse()].find(isPlainNoun) ??
      [...ws.filter((w) => w.end <= q.start).reverse(), ...ws.filter((w) => w.start >= q.end)].find(
        isPlainNoun,
      );
    head = near?.text ?? (sentenceOwner || sectionOwner ? "" : "Angabe");
    headWords = 1;
    if (near && after.includes(near)) qualifier = qualifierFrom(after.slice(after.indexOf(near) + 1), lang);
  }

  const subjectOwner =
    subject.length === 0
      ? undefined
      : hasName(subject, entities)
        ? (subjectSplit.owner ?? (subject.length <= 2 ? subjectText : undefined))
        : headWords === 1 &&
            subject.length <= 3 &&
            subjectText !== head &&
            (determiner || plainSubject(subject))
          ? subjectText
          : undefined;
  const owner =
    genitive ??
    (antecedent || undefined) ??
    subjectOwner ??
    sentenceOwner ??
    (headWords > 1 ? undefined : sectionOwner);
  return compose(owner, head ?? "", qualifier);
}
