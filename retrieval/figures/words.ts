/**
 * Words of a sentence as labels see them: offsets, capitalisation (German nouns and names), function words,
 * determiners, and the verbs of money and capacity news that stand for a noun.
 */
import { MONTH_RE, parseNumberWord, SCALE_WORDS, UNIT_WORDS } from "../quantity/index.ts";
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";

export interface Word {
  text: string;
  start: number;
  end: number;
  /** The word's number in the run's word table (`CorpusWords`), when it came from there. */
  id?: number;
  /** `foldWord(text)` and `isFunction(text)`, when the word table had them at hand. */
  folded?: string;
  functional?: boolean;
}

export const WORD_RE = /[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*(?:['’]s)?/gu;

/** Letters and digits by char code for the Latin ranges (German and English text); the rest asks Unicode. */
const WORD_CHAR = new Uint8Array(0x250);
for (let c = 0; c < WORD_CHAR.length; c++)
  WORD_CHAR[c] = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0;
export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x250) return WORD_CHAR[c] === 1;
  // Surrogate pairs (rare letters outside the BMP) are read as non-letters, as the word pattern's halves would be.
  return c < 0xd800 || c > 0xdfff ? /[\p{L}\p{N}]/u.test(text.charAt(i)) : false;
}

/**
 * Where the word that starts at `start` ends, as WORD_RE would match it: letters and digits, inner hyphens
 * (- and the non-breaking ‑), a genitive 's or ’s. By char codes: this runs over every sentence of the corpus,
 * where the Unicode regex was the hot spot.
 */
export function wordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  for (;;) {
    while (i < n && isWordChar(text, i)) i++;
    const c = text.charCodeAt(i);
    if (i + 1 < n && (c === 45 || c === 0x2011) && isWordChar(text, i + 1)) i++;
    else break;
  }
  const c = text.charCodeAt(i);
  if (i + 1 < n && (c === 39 || c === 0x2019) && text.charCodeAt(i + 1) === 115) i += 2;
  return i;
}

/** The words of a text, as WORD_RE finds them. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    out.push({ text: text.slice(i, end), start: i, end });
    i = end;
  }
  return out;
}

const FOLDED_LIMIT = 100_000;
const folded = new Map<string, string>();

/** `foldText` for single words, memoized: labels and names fold the same few thousand words again and again. */
export function foldWord(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    f = foldText(word);
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    folded.set(word, f);
  }
  return f;
}

/** The folded spelling of a word ("" for none): the one the word carries, else `foldWord`. */
export const foldOf = (w: Word | undefined): string =>
  w === undefined ? "" : (w.folded ?? foldWord(w.text));

export const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Capitalised at the start of a sentence but no topic: adverbs, modal verbs, quantifiers (folded). */
export const EXTRA_FUNCTION =
  words(`sogar manchmal heute gestern morgen damals zudem ausserdem dennoch trotzdem jedoch
  allerdings bereits laut rund fast knapp konnte wurde durfte hatte ware sollen mussen meisten meiste neben seit bis ab
  ob jahrlich bzw etwa ca circa mehr weniger nur gut mindestens hochstens nahezu ungefahr annahernd insgesamt however
  meanwhile still even most yet`);
const functionWords = new Map<string, boolean>();
/** A stop word or one of the adverbs above (memoized per spelling). */
export const isFunction = (w: string) => {
  let known = functionWords.get(w);
  if (known === undefined) {
    const f = foldWord(w);
    known = STOPWORDS.has(f) || EXTRA_FUNCTION.has(f);
    if (functionWords.size >= FOLDED_LIMIT) functionWords.clear();
    functionWords.set(w, known);
  }
  return known;
};
/** Starts with an upper-case letter (a char-code test first: this runs for every word of the corpus). */
export const isCap = (w: string | undefined) => {
  if (!w) return false;
  const code = w.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const c = w.charAt(0);
  return c !== c.toLowerCase();
};
/** `isFunction` of a word, as the word table worked it out when it did. */
export const isFunctionWord = (w: Word) => w.functional ?? isFunction(w.text);
/** A capitalised content word: a German noun or a name. */
export const isNounishWord = (w: Word | undefined) => w !== undefined && isCap(w.text) && !isFunctionWord(w);
export const isInflected = (w: string | undefined) => w !== undefined && /^\p{Ll}+(e|en|er|es|em)$/u.test(w);

export const DETERMINERS =
  words(`der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
  dieser diese dieses diesem diesen jede jeder jedes jeden jedem sein seine seinen seinem seiner ihr ihre ihren ihrem
  ihrer unser unsere dasselbe derselbe dieselbe im am zum zur vom beim ins the a an this these those its their`);
/** Words between a number and what it is about ("über 1 Billion", "weniger als hundert", "bis zu"). */
export const QTY_QUALIFIERS =
  words(`uber mehr als weniger fast rund etwa knapp insgesamt ca circa nur gut mindestens
  maximal hochstens nahezu ungefahr annahernd jeweils zusammen bereits over more than less about around nearly almost
  roughly some up approximately just only least`);
/** Prepositions that link a noun to its amount ("Bewertung auf 830 Milliarden", "Wachstum von 39%"). */
export const LINK_PREPS = words("von auf um mit bei zu uber of at to by worth");
export const TIME_PREPS = words("bis seit ab vor nach im in until since by from");
/** Prepositions whose phrase refines a label ("Zusage für Azure-Services", "Gespräche mit OpenAI"). */
export const QUALIFIER_PREPS: Record<Lang, Set<string>> = {
  de: words("fur von mit gegen aus"),
  en: words("for from with in"),
};
export const RELATIVE = /^(der|die|das|dem|den|deren|dessen|welche|welcher|welches|which|who|that)$/i;
/** Clauses that describe the noun before the comma ("The deal, valued at $6.5bn, …"). */
export const PARTICIPLE_LEAD = /^(valued|worth|priced|bewertet|dotiert)$/i;
export const GENITIVE_JOINERS = words("des der of");
export const AND_JOINERS = words("und and &");
/** "in fiscal 2025", "over eight years": time words after an English amount are not what it measures. */
export const EN_TIME_WORDS = words(
  "fiscal year years quarter quarters month months week weeks day days time total",
);
export const CHANGE_NOUNS = words("Anstieg Rückgang Wachstum increase decline growth");

/**
 * Verbs of money and capacity news, mapped to the noun a label needs ("verpflichtete sich zu" → "Zusage").
 * Hand-picked from business and tech news like the seed article ("untersucht" is its regulators'
 * investigations), not a general lexicon: verbs outside the list get no noun.
 */
const VERB_NOUNS: Array<[RegExp, Record<Lang, string>]> = [
  [/^verpflicht|^commit(s|ted)?$/i, { de: "Zusage", en: "commitment" }],
  [/^investier|^invest(s|ed)?$/i, { de: "Investition", en: "investment" }],
  [/^verbrauch|^consum(e|es|ed)$/i, { de: "Verbrauch", en: "consumption" }],
  [/^benötig|^(needs?|needed|requires?|required)$/i, { de: "Bedarf", en: "requirement" }],
  [/^untersuch|^(investigat(es|ed)|prob(es|ed))$/i, { de: "Untersuchungen", en: "investigations" }],
  [/^(be)?zahl(t|te|ten|en)?$|^(pays?|paid)$/i, { de: "Zahlung", en: "payment" }],
  [/^kost(et|ete|eten|en)$|^costs?$/i, { de: "Kosten", en: "cost" }],
  [/^bewert|^valu(es|ed)$/i, { de: "Bewertung", en: "valuation" }],
  [/^(wächst|wuchs|wuchsen|wachsen|gewachsen)$|^(grows|grew|grown)$/i, { de: "Wachstum", en: "growth" }],
  [
    /^(stieg|stiegen|steigt|steigen|gestiegen)$|^(rises|rose|risen|increased)$/i,
    { de: "Anstieg", en: "increase" },
  ],
  [
    /^(sank|sanken|sinkt|sinken|gesunken|fiel|fielen|fällt)$|^(falls|fell|fallen|declined|dropped)$/i,
    { de: "Rückgang", en: "decline" },
  ],
  [/^(sammel|sammelt|sammelte|eingesammelt)$|^(raises|raised)$/i, { de: "Finanzierung", en: "funding" }],
  [/^(ausgeb|gibt|gab)|^(spends|spent)$/i, { de: "Ausgaben", en: "spending" }],
  [
    /^(kauft|kaufte|gekauft|erwarb|erwirbt)$|^(buys|bought|acquires|acquired)$/i,
    { de: "Kauf", en: "purchase" },
  ],
  [/^(verdient|verdiente)$|^(earns|earned)$/i, { de: "Gewinn", en: "earnings" }],
  [/^(beschäftigt|beschäftigte)$|^(employs|employed)$/i, { de: "Beschäftigte", en: "employees" }],
];

/** The verb's entry in VERB_NOUNS (memoized: a dozen patterns would otherwise run for every word). */
const verbEntries = new Map<string, Record<Lang, string> | null>();
/** All the patterns at once: most words are none of these verbs, and one test tells. */
const ANY_VERB_NOUN = new RegExp(VERB_NOUNS.map(([re]) => `(?:${re.source})`).join("|"), "i");

export function verbNoun(word: string, lang: Lang): string | undefined {
  if (isCap(word)) return undefined;
  let entry = verbEntries.get(word);
  if (entry === undefined) {
    entry = ANY_VERB_NOUN.test(word) ? (VERB_NOUNS.find(([re]) => re.test(word))?.[1] ?? null) : null;
    if (verbEntries.size >= FOLDED_LIMIT) verbEntries.clear();
    verbEntries.set(word, entry);
  }
  return entry?.[lang];
}

export const textOf = (ws: Word[]) => ws.map((w) => w.text).join(" ");

/** English content word: not a function word, adverb, number or one of the news verbs. */
export const isEnglishContentWord = (w: Word) =>
  !isFunctionWord(w) && !/ly$/.test(w.text) && !/^\d/.test(w.text) && verbNoun(w.text, "en") === undefined;

/**
 * Words that name a unit, a scale or a month ("Jahr", "Prozent", "Meilen", "Milliarden", "Januar"): what an
 * amount is counted in, never what it is about.
 */
export function isMeasureWord(word: string): boolean {
  let known = measureWords.get(word);
  if (known === undefined) {
    const w = word.toLowerCase();
    known = w.length >= 3 && (UNIT_WORDS.has(w) || Object.hasOwn(SCALE_WORDS, w) || MONTH_RE.test(w));
    if (measureWords.size >= FOLDED_LIMIT) measureWords.clear();
    measureWords.set(word, known);
  }
  return known;
}
const measureWords = new Map<string, boolean>();

/** A number word ("Drei", "Siebzig") is capitalised only where a sentence starts: no noun. */
export const isNumberWord = (word: string) => parseNumberWord(word) !== undefined;
