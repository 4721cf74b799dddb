/**
 * What a question pins down — the names it is about, the numbers it states, the thing it counts and the kind
 * of fact it asks for — and whether a sentence states the answer about those same things. A true sentence
 * about another company is a wrong answer, so these are checked in lexical and hybrid mode alike
 * (embeddings are blind to swapped names).
 *
 * Everything here is general: names are told from common words by their shape and by a dictionary, never by
 * lists of names.
 */
import type { Concept } from "../lexical/bm25.ts";
import { UNAMBIGUOUS_MONTHS } from "../quantity/index.ts";
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";
import { type QuestionType, questionType } from "./question-type.ts";

/** Which words a language knows as ordinary words, in any case and inflection (from the bilingual dictionary). */
export interface Vocabulary {
  isWord(word: string, lang: Lang): boolean;
  /**
   * An English word the dictionary translates into a German adjective ("Indian" → indisch, "British" →
   * britisch): English capitalises such adjectives of nations and languages, but they name no one.
   */
  isProperAdjective?(word: string): boolean;
}

/** A vocabulary that knows no words: then every capitalised word outside the sentence start counts as a name. */
export const emptyVocabulary: Vocabulary = { isWord: () => false };

export interface Constraint {
  /** The word as the question wrote it. */
  word: string;
  /** Index into the question's concepts. */
  concept: number;
  /** A name the question puts after a preposition: the other party of a relation ("in Nvidia", "to Azure"). */
  governed?: boolean;
  /**
   * For the leading words of a multi-word name ("Carolina" in "Carolina Panthers"): the concept of its last
   * word, which texts use alone for the whole name ("die Panthers", "Kuechly").
   */
  nameHead?: number;
}

/** Prepositions that make a name the other party of the asked relation ("investiert in Nvidia"). */
const RELATION_PREPOSITIONS = new Set(
  "in an von bei mit fur gegen uber zu into to from with for against".split(" "),
);

export interface QuestionConstraints {
  type: QuestionType;
  /** Companies, people, places, products: a sentence must be about them. */
  names: Constraint[];
  /** Numbers and years the question states. */
  numbers: Constraint[];
  /** The noun after "wie viele" / "how many": the number must count this. */
  counted: Constraint | null;
  /** The question asks for an amount or a count, so the answer sentence must state a number. */
  wantsNumber: boolean;
  /** The question asks for a point in time, so the answer sentence must state one. */
  wantsDate: boolean;
  /** The question asks for a percentage ("wie viel Prozent"), so the answer sentence must state one. */
  wantsPercent: boolean;
}

const LETTER_RUN_RE = /[\p{L}\p{N}]+/gu;

/** Inflectional endings tried when a form is not in the dictionary as written ("Kolonien" → "Kolonie"). */
const ENDINGS: Record<Lang, string[]> = {
  de: ["s", "es", "n", "en", "e", "er", "ern", "ns"],
  en: ["s", "es", "'s"],
};

/** Linking elements between the parts of a German compound ("Investition·s·gespräch"). */
const LINKS = ["", "s", "es", "n", "en", "e"];

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Known to the dictionary as written or with an inflectional ending stripped. */
function knownForm(word: string, lang: Lang, vocab: Vocabulary): boolean {
  if (vocab.isWord(word, lang)) return true;
  return ENDINGS[lang].some(
    (ending) =>
      word.length > ending.length + 2 &&
      word.endsWith(ending) &&
      vocab.isWord(word.slice(0, -ending.length), lang),
  );
}

/** Parts shorter than this match too much by accident ("Samsung" is not "Sam" + "Sung"). */
const MIN_COMPOUND_PART = 4;

/** "Investitionsgespräche" is two known words joined: a common noun, not a name. */
function knownCompound(word: string, lang: Lang, vocab: Vocabulary): boolean {
  if (lang !== "de" || word.length < 2 * MIN_COMPOUND_PART) return false;
  for (let i = word.length - MIN_COMPOUND_PART; i >= MIN_COMPOUND_PART; i--) {
    if (!knownForm(capitalize(word.slice(i)), lang, vocab)) continue;
    const left = word.slice(0, i);
    for (const link of LINKS) {
      if (link && !left.endsWith(link)) continue;
      const modifier = link ? left.slice(0, -link.length) : left;
      if (modifier.length >= MIN_COMPOUND_PART && knownForm(modifier, lang, vocab)) return true;
    }
  }
  return false;
}

/** Endings German gives to abstract and derived nouns, never to names ("Desegregation", "Verwaltung"). */
const GERMAN_NOUN_ENDING =
  /(heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|ität|itäten|nis|nisse|tum|tümer)$/;

/** "Verwaltung" is made from "verwalten": -ung nouns of known verbs ("Samsung" is no such noun). */
function verbalNoun(word: string, vocab: Vocabulary): boolean {
  const stem = word.match(/^(.{3,})ung(en)?$/u)?.[1];
  if (!stem) return false;
  const verb = stem.toLowerCase();
  return vocab.isWord(`${verb}en`, "de") || vocab.isWord(`${verb}n`, "de");
}

/** "Basierend" is the participle of "basieren": a verbal adjective, never a name, even at a question's start. */
function presentParticiple(word: string, vocab: Vocabulary): boolean {
  const stem = word.match(/^(.{3,})end(e|en|er|es|em)?$/u)?.[1];
  if (!stem) return false;
  const verb = stem.toLowerCase();
  return vocab.isWord(`${verb}en`, "de") || vocab.isWord(`${verb}n`, "de");
}

/**
 * A name by its shape (inner capitals or digits: "OpenAI", "IBM", "GN100") or a capitalised word that is no
 * ordinary word. English capitalises only names, so there capitals mid-sentence decide; German capitalises
 * every noun, so there the dictionary (with inflections, compounds and derivational endings) tells "Umsatz"
 * from "Anthropic". A name the dictionary can translate ("Normans") still matches through its translations.
 */
export function isNameLike(word: string, lang: Lang, vocab: Vocabulary, sentenceStart: boolean): boolean {
  if (word.length < 2 || !/^\p{Lu}/u.test(word)) return false;
  if (/^\p{N}+$/u.test(word)) return false;
  // A function word of either language ("Wie" opening a heading, "Allen", "Upon") is no name, and the index
  // could not find it as one.
  if (STOPWORDS.has(foldText(word))) return false;
  if (/\p{Lu}/u.test(word.slice(1)) || /\p{N}/u.test(word)) return true;
  const other: Lang = lang === "de" ? "en" : "de";
  if (lang === "de" && presentParticiple(word, vocab)) return false;
  // A sentence's first word is capitalised anyway: only a word neither language knows is a name there.
  if (sentenceStart && knownForm(word, other, vocab)) return false;
  if (lang === "en") return sentenceStart ? !knownForm(word, lang, vocab) : !vocab.isProperAdjective?.(word);
  if (knownForm(word, lang, vocab) || knownCompound(word, lang, vocab)) return false;
  return !GERMAN_NOUN_ENDING.test(word) && !verbalNoun(word, vocab);
}

/** Surface words of a text with whether each starts its sentence. */
function surfaceWords(text: string): Array<{ word: string; start: number; sentenceStart: boolean }> {
  const out: Array<{ word: string; start: number; sentenceStart: boolean }> = [];
  let lastEnd = 0;
  for (const match of text.matchAll(LETTER_RUN_RE)) {
    const start = match.index ?? 0;
    const between = text.slice(lastEnd, start);
    out.push({
      word: match[0],
      start,
      sentenceStart: out.length === 0 || /[.!?:;„“"«»]\s*$/.test(between),
    });
    lastEnd = start + match[0].length;
  }
  return out;
}

/**
 * The names a passage sentence mentions (who or what it is about). Stricter than for questions: a word either
 * language knows is left out, since articles mix in English labels ("Strategic Value") that name no one.
 */
export function namesIn(text: string, lang: Lang, vocab: Vocabulary): string[] {
  const other: Lang = lang === "de" ? "en" : "de";
  return surfaceWords(text)
    .filter((w) => isNameLike(w.word, lang, vocab, w.sentenceStart) && !knownForm(w.word, other, vocab))
    .map((w) => w.word);
}

/** Where an English noun phrase after "how many" ends: an auxiliary verb or a preposition follows it. */
const PHRASE_END = new Set(
  "did does do is was were are has have had will would can could should to in on at of for by from with during after before than".split(
    " ",
  ),
);

/**
 * The counted thing: "Wie viele Chips …" → "Chips" (German capitalises it); "How many forced fumbles did …"
 * → "fumbles" (the last word before the verb or preposition, within three words).
 */
function countedWord(words: string[], lang: Lang): string | null {
  const folded = words.map(foldText);
  for (let i = 1; i < folded.length; i++) {
    const pair = `${folded[i - 1]} ${folded[i]}`;
    if (lang === "de" && /^wie vielen?$/.test(pair)) {
      const next = words[i + 1];
      return next && /^\p{Lu}/u.test(next) ? next : null;
    }
    if (lang === "en" && pair === "how many") {
      const phrase: string[] = [];
      for (let j = i + 1; j < words.length && j <= i + 3; j++) {
        if (PHRASE_END.has(folded[j] as string)) break;
        phrase.push(words[j] as string);
      }
      return phrase.at(-1) ?? null;
    }
  }
  return null;
}

const WANTS_NUMBER =
  /\b(wie viele?n?|wie hoch|wie gross|wie teuer|wie lang|wie alt|how many|how much|how large|how big|how high|how long|how old|what percentage|wie viel prozent)\b/;
const WANTS_DATE =
  /\b(wann|in welchem jahr|welches jahr|seit wann|bis wann|when|what year|which year|in what year)\b/;

/**
 * The question asks for a point in time: its time question word opens it ("Wann …", "In what year …",
 * "Bis wann …"). A "when" further on joins a clause ("How much time was left when Denver scored?").
 */
function asksWhen(folded: string): boolean {
  const match = WANTS_DATE.exec(folded);
  if (!match) return false;
  return folded.slice(0, match.index).trim().split(/\s+/).filter(Boolean).length <= 1;
}

/** Variants this strong are the question word itself (its own stem, or the corpus language's stem of it). */
const VERBATIM_WEIGHT = 0.95;

/**
 * `inCorpus` tells whether the corpus has an index term. It settles capitalised English words the dictionary
 * knows: "Anthropic" or "Azure" written as such in a German article are names; "Indian" or "Award", which the
 * article only has translated, are ordinary words that the translations match.
 */
export function questionConstraints(
  question: string,
  lang: Lang,
  concepts: Concept[],
  vocab: Vocabulary,
  inCorpus: (term: string) => boolean = () => true,
): QuestionConstraints {
  const folded = foldText(question);
  const conceptOf = (word: string) =>
    concepts.findIndex((c) => c.weight >= 1 && c.word === word && c.variants.length > 0);
  const names: Constraint[] = [];
  const numbers: Constraint[] = [];
  const words = surfaceWords(question);
  /** Concept of each question word taken as a name, by word position. */
  const nameAt = new Map<number, number>();
  // A shouted question ("WIE VIEL HAT …") has lost its capitals: no word can be told a name by them.
  const shouting = (question.match(/\p{Lu}/gu)?.length ?? 0) > 2 * (question.match(/\p{Ll}/gu)?.length ?? 0);
  words.forEach((w, at) => {
    const concept = conceptOf(w.word);
    if (concept < 0) return;
    if ((concepts[concept] as Concept).isNumber) {
      if (!numbers.some((n) => n.concept === concept)) numbers.push({ word: w.word, concept });
    } else if (!shouting && isNameLike(w.word, lang, vocab, w.sentenceStart)) {
      const before = at > 0 ? foldText((words[at - 1] as { word: string }).word) : "";
      const governed = RELATION_PREPOSITIONS.has(before);
      const { variants } = concepts[concept] as Concept;
      const translatedOnly =
        lang === "en" &&
        !/\p{Lu}/u.test(w.word.slice(1)) &&
        vocab.isWord(w.word, "en") &&
        // The word itself, stemmed either language's way, is not in the corpus; only its translations are.
        !variants.some((v) => v.weight >= VERBATIM_WEIGHT && inCorpus(v.term)) &&
        variants.some((v) => inCorpus(v.term));
      if (!translatedOnly && !names.some((n) => n.concept === concept))
        names.push({ word: w.word, concept, governed });
      if (!translatedOnly) nameAt.set(at, concept);
    }
  });
  markNameHeads(question, names, nameAt, words);
  const counted = countedWord(
    words.map((w) => w.word),
    lang,
  );
  const countedConcept = counted === null ? -1 : conceptOf(counted);
  return {
    type: questionType(question),
    names,
    numbers,
    counted: countedConcept < 0 ? null : { word: counted as string, concept: countedConcept },
    wantsNumber: WANTS_NUMBER.test(folded) || questionType(question) === "quantity",
    wantsDate: asksWhen(folded),
    wantsPercent: /%|\b(prozent|prozentsatz|percent|percentage)\b/.test(folded),
  };
}

/**
 * Names written next to each other, only spaces between ("Carolina Panthers", "Luke Kuechly"), are one name:
 * each leading word gets the run's last word as its head.
 */
function markNameHeads(
  question: string,
  names: Constraint[],
  nameAt: ReadonlyMap<number, number>,
  words: ReadonlyArray<{ word: string; start: number }>,
): void {
  const joined = (at: number) => {
    const w = words[at] as { word: string; start: number };
    const next = words[at + 1];
    return (
      next !== undefined &&
      nameAt.has(at + 1) &&
      /^ +$/.test(question.slice(w.start + w.word.length, next.start))
    );
  };
  for (const [at, concept] of nameAt) {
    if (!joined(at)) continue;
    let last = at + 1;
    while (joined(last)) last++;
    const head = nameAt.get(last) as number;
    const name = names.find((n) => n.concept === concept);
    if (name && head !== concept) name.nameHead = head;
  }
}

/**
 * Whether a strong variant of a concept (the word itself, its forms, its translations) is in `terms`. Strong is
 * relative to the concept's best variant: translations of an ambiguous word all weigh less, but still count.
 */
export function conceptIn(concept: Concept, terms: ReadonlySet<string>, minShare = 0.5): boolean {
  const best = Math.max(0, ...concept.variants.map((v) => v.weight));
  return concept.variants.some((v) => v.weight >= minShare * best && terms.has(v.term));
}

const NUMBER_WORDS =
  /\b(eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|hundert|tausend|dutzend|hälfte|millionen?|milliarden?|billionen?|doppelt|dreifach|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|half|millions?|billions?|trillions?|twice|double|triple|\p{L}+(zehn|zig|teen|ty))\b/iu;

/** Digits or a spelled number: the sentence states an amount or a count. */
export function statesNumber(sentence: string): boolean {
  return /\p{N}/u.test(sentence) || NUMBER_WORDS.test(sentence);
}

/** Month names (from the quantity lexicon) in a word-boundary alternation. */
const MONTH_ALTERNATION = UNAMBIGUOUS_MONTHS.join("|");

const DATE_WORDS = new RegExp(
  `\\b(${MONTH_ALTERNATION}|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jahrhunderts?|jahrzehnts?|jahren?|jahres|century|centuries|decades?|years?|quartal|quarter|frühjahr|sommer|herbst|winter|spring|summer|autumn|fall|heute|gestern|morgen|today|yesterday|tomorrow|damals|seitdem|bereits|kürzlich|recently|zeit|time|ära|era|epoche|während|during|vor|nach|after|before|bis|until|seit|since)\\b`,
  "iu",
);

/** A year, a date or a time expression: the sentence says when. */
export function statesTime(sentence: string): boolean {
  return statesDate(sentence) || DATE_WORDS.test(sentence);
}

const MONTHS = new RegExp(`\\b(${MONTH_ALTERNATION})\\b`, "iu");

/** A year ("1288", "2015", not "2015 Dollar" or "1.000"), a decade ("1980er", "80s") or a month. */
const YEAR =
  /(^|[^\p{N}.,])(1\d{3}|20\d{2}|\d{2,4}(er|s))(?![\p{N}]|[.,]\p{N}|\s*(%|prozent|percent|milli|billi|mio|mrd|dollar|euro|\$|€))/iu;

export function statesDate(sentence: string): boolean {
  return YEAR.test(sentence) || MONTHS.test(sentence);
}
