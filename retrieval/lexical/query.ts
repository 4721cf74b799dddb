/**
 * Turns a question into weighted concepts for the lexical index.
 *
 * A question in the corpus's language matches through stems, the dictionary's inflected forms ("starb" ~
 * "gestorben") and index relatives (prefix, compound head, compound parts). A question in the other language
 * becomes a structured query (Pirkola): every translation of a word, from the Ding lexicon, is a variant of
 * ONE concept (a passage scores through its best variant and counts the concept once), and the translations
 * of a word with many of them weigh less than the one translation of an unambiguous word. English terms of
 * two words that the dictionary translates as one German word become one concept ("data center" →
 * Rechenzentrum).
 */
import { foldText, terms } from "../text/normalize.ts";
import { isStopwordIn, STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";
import { type Concept, type LexicalIndex, MAX_CONCEPTS, type Variant } from "./bm25.ts";
import { type Lexicon, sharedLexicon } from "./lexicon.ts";

const WEIGHT = {
  exact: 1,
  /** The question word itself, when it has translations into the corpus language (see dictionaryVariants). */
  untranslated: 0.6,
  otherStemmer: 0.95,
  inflection: 0.9,
  translation: 0.9,
  /** Each later (less central) translation of a word weighs this much less than the one before. */
  translationRankDecay: 0.06,
  /** Translation weights are divided by 1 + this · ln(number of translations). */
  ambiguity: 0.25,
  related: 0.8,
  prefix: 0.6,
  split: 0.55,
  head: 0.5,
};

/** Variants per concept at most (translations × relatives can otherwise grow large). */
const MAX_VARIANTS = 48;

// Words: hyphenated compounds are split into parts here; each part is a concept of its own.
const COMPOUND_PART_RE = /[$€%]|\d+(?:[.,]\d+)*[a-zA-Z]*|[\p{L}\p{N}]+/gu;

function addVariant(variants: Variant[], term: string, weight: number): void {
  const existing = variants.find((v) => v.term === term);
  if (existing) existing.weight = Math.max(existing.weight, weight);
  else if (variants.length < MAX_VARIANTS) variants.push({ term, weight });
}

/** "Cloudverträge" → cloud + vertrag when both halves are index terms (with an optional linking s). */
function splitCompound(term: string, index: LexicalIndex): string[] {
  if (term.length < 8 || index.has(term)) return [];
  for (let i = term.length - 4; i >= 4; i--) {
    const left = term.slice(0, i);
    const right = term.slice(i);
    const leftTerm = index.has(left)
      ? left
      : left.endsWith("s") && index.has(left.slice(0, -1))
        ? left.slice(0, -1)
        : null;
    if (!leftTerm) continue;
    if (index.has(right)) return [leftTerm, right];
    const relatives = index.prefixRelatives(right);
    if (relatives.length > 0) return [leftTerm, ...relatives.slice(0, 3)];
  }
  return [];
}

/**
 * Dictionary forms of an English word: the word itself, then what regular inflection suggests
 * ("surrendered" → surrender, "valued" → value, "cities" → city, "stopped" → stop).
 */
function englishLookupForms(word: string): string[] {
  const w = foldText(word);
  const out = [w];
  const push = (s: string) => {
    if (s.length >= 3 && !out.includes(s)) out.push(s);
  };
  if (w.endsWith("ies")) push(`${w.slice(0, -3)}y`);
  if (w.endsWith("es")) push(w.slice(0, -2));
  if (w.endsWith("s") && !w.endsWith("ss")) push(w.slice(0, -1));
  for (const suffix of ["ed", "ing"]) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    push(base);
    push(`${base}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(base)) push(base.slice(0, -1));
    if (base.endsWith("i")) push(`${base.slice(0, -1)}y`);
  }
  return out;
}

/** Translations of an English word (or two-word term) into German, best first. */
function englishTranslations(word: string, lexicon: Lexicon): string[] {
  for (const form of englishLookupForms(word)) {
    const found = lexicon.englishToGerman(form);
    if (found.length > 0) return found;
  }
  return [];
}

/** Translations of a German word into English, through its stem or, failing that, its dictionary lemma. */
function germanTranslations(word: string, lexicon: Lexicon): string[] {
  for (const stem of terms(word, "de").slice(-1)) {
    const found = lexicon.germanStemToEnglish(stem);
    if (found.length > 0) return found;
  }
  for (const form of lexicon.germanForms(word)) {
    const stem = terms(form, "de").at(-1);
    const found = stem ? lexicon.germanStemToEnglish(stem) : [];
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * Adds a word's translations as variants of one concept. Multi-word translations (an English term for a
 * German compound) contribute their last word, the head of an English noun phrase.
 */
function addTranslations(
  variants: Variant[],
  translations: string[],
  corpusLang: Lang,
  lexicon: Lexicon,
): void {
  // Pirkola: the translations are variants of ONE concept (a passage scores through its best one), and a word
  // with many translations is less sure evidence for any of them, so each counts for less.
  const ambiguity = 1 + WEIGHT.ambiguity * Math.log(Math.max(1, translations.length));
  translations.forEach((translation, rank) => {
    const weight = (WEIGHT.translation * (1 - WEIGHT.translationRankDecay * rank)) / ambiguity;
    const words = translation.split(" ");
    const head = words[words.length - 1] ?? translation;
    for (const t of terms(words.length > 1 ? head : translation, corpusLang)) addVariant(variants, t, weight);
    // German translations bring their inflected forms the stemmer cannot join ("wuchs" ~ "gewachsen").
    if (corpusLang === "de") {
      for (const form of lexicon.germanForms(translation))
        for (const t of terms(form, "de")) addVariant(variants, t, weight * WEIGHT.inflection);
    }
  });
}

interface ConceptRequest {
  /** The word or two-word term as written in the question. */
  word: string;
  questionLang: Lang;
  corpusLang: Lang;
  index: LexicalIndex;
  lexicon: Lexicon;
  weight: number;
  /** Translations already looked up (for two-word terms). */
  translations?: string[];
}

function conceptsFor(request: ConceptRequest): Concept[] {
  const { word, questionLang, corpusLang, index, weight } = request;
  const isTerm = word.includes(" ");
  const crossLingual = questionLang !== corpusLang;
  let primary = terms(word, questionLang);
  // English "die" or "also" are dropped as (German) stop words, but they are words to translate.
  if (primary.length === 0 && crossLingual && !isTerm && isOwnContentWord(word, questionLang)) {
    primary = [foldText(word)];
  }
  if (primary.length === 0) return [];
  // A two-word term is one concept; a hyphen-free word yields one term, a number with a unit two.
  const heads = isTerm ? [primary.join(" ")] : primary;
  return heads.map((term) => {
    const variants = dictionaryVariants(request, term, isTerm).map((v) => ({ ...v }));
    for (const v of [...variants]) {
      for (const rel of index.prefixRelatives(v.term)) addVariant(variants, rel, WEIGHT.prefix * v.weight);
      for (const rel of index.suffixRelatives(v.term)) addVariant(variants, rel, WEIGHT.head * v.weight);
      for (const part of splitCompound(v.term, index)) addVariant(variants, part, WEIGHT.split * v.weight);
    }
    return { word, variants, weight, isNumber: /^\d/.test(term) };
  });
}

/**
 * The variants a word gets from the dictionary (itself, other-language stem, translations and their forms, or
 * German forms). They depend on the word alone, not on the index, so they are cached: a question's words
 * recur, and stemming dozens of translations costs more than the whole search.
 */
function dictionaryVariants(request: ConceptRequest, term: string, isTerm: boolean): Variant[] {
  const { word, questionLang, corpusLang, lexicon } = request;
  const key = `${questionLang}${corpusLang}\t${term}\t${foldText(word)}`;
  const cache = cacheFor(lexicon);
  const cached = cache.get(key);
  if (cached) return cached;
  const variants: Variant[] = isTerm ? [] : [{ term, weight: WEIGHT.exact }];
  if (questionLang !== corpusLang && !/^\d/.test(term)) {
    if (!isTerm) for (const t of terms(word, corpusLang)) addVariant(variants, t, WEIGHT.otherStemmer);
    const translations =
      request.translations ??
      (questionLang === "en" ? englishTranslations(word, lexicon) : germanTranslations(word, lexicon));
    // A lower-case word the dictionary translates is, written as such in the other language's text, mostly a
    // label or a loan ("Strategic Value" in a German table): its translations are the better evidence.
    if (translations.length > 0 && !/\p{Lu}/u.test(word))
      for (const v of variants) v.weight *= WEIGHT.untranslated;
    addTranslations(variants, translations, corpusLang, lexicon);
  } else if (questionLang === "de" && !isTerm) {
    for (const form of lexicon.germanForms(word))
      for (const t of terms(form, "de")) addVariant(variants, t, WEIGHT.inflection);
  }
  remember(cache, key, variants);
  return variants;
}

const CACHE_LIMIT = 20_000;
const caches = new WeakMap<Lexicon, Map<string, Variant[]>>();
const termCaches = new WeakMap<Lexicon, Map<string, string[]>>();

function cacheFor(lexicon: Lexicon): Map<string, Variant[]> {
  let cache = caches.get(lexicon);
  if (!cache) {
    cache = new Map();
    caches.set(lexicon, cache);
  }
  return cache;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/** Translations of a two-word English term (cached: most adjacent word pairs are not terms). */
function termTranslations(term: string, lexicon: Lexicon): string[] {
  let cache = termCaches.get(lexicon);
  if (!cache) {
    cache = new Map();
    termCaches.set(lexicon, cache);
  }
  const key = foldText(term);
  let found = cache.get(key);
  if (!found) {
    found = englishTranslations(term, lexicon);
    remember(cache, key, found);
  }
  return found;
}

/** Words of a question in order, with two-word English terms the dictionary knows joined into one. */
function questionWords(text: string, lang: Lang, corpusLang: Lang, lexicon: Lexicon): ConceptWord[] {
  const words = [...text.matchAll(COMPOUND_PART_RE)].map((m) => m[0]);
  if (lang !== "en" || corpusLang !== "de") return words.map((word) => ({ word }));
  const out: ConceptWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as string;
    const second = words[i + 1];
    if (second && isContentWord(first) && isContentWord(second)) {
      const translations = termTranslations(`${first} ${second}`, lexicon);
      if (translations.length > 0) {
        out.push({ word: `${first} ${second}`, translations });
        i++;
        continue;
      }
    }
    out.push({ word: first });
  }
  return out;
}

interface ConceptWord {
  word: string;
  translations?: string[];
}

function isOwnContentWord(word: string, lang: Lang): boolean {
  const folded = foldText(word);
  return /^\p{L}{3,}$/u.test(folded) && !isStopwordIn(folded, lang);
}

function isContentWord(word: string): boolean {
  const folded = foldText(word);
  return /^\p{L}{2,}$/u.test(folded) && !STOPWORDS.has(folded);
}

export function buildConcepts(
  question: string,
  questionLang: Lang,
  corpusLang: Lang,
  index: LexicalIndex,
  context: string[] = [],
  lexicon: Lexicon = sharedLexicon(),
): Concept[] {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (raw: string, lang: Lang, weight: number) => {
    for (const { word, translations } of questionWords(raw, lang, corpusLang, lexicon)) {
      const request = { word, questionLang: lang, corpusLang, index, lexicon, weight, translations };
      for (const concept of conceptsFor(request)) {
        const key = concept.variants[0]?.term ?? "";
        if (seen.has(key)) continue;
        seen.add(key);
        concepts.push(concept);
      }
    }
  };
  add(question, questionLang, 1);
  // Follow-ups ("und wie viel davon für Azure?") inherit the earlier questions' topic at a lower weight.
  for (const earlier of context.slice(-3)) add(earlier, questionLang, 0.35);
  // The index tracks at most MAX_CONCEPTS per question; the question's own words come first.
  return concepts.slice(0, MAX_CONCEPTS);
}
