import { type Lexicon, sharedLexicon } from "../lexical/lexicon.ts";
import type { Lang } from "../types.ts";
import { foldText } from "./normalize.ts";
import { ENGLISH_MARKERS, GERMAN_MARKERS } from "./stopwords.ts";

/** Function words are the surest sign of a language: each counts this much more than a content word. */
const MARKER_WEIGHT = 2;
/** Capitalized words inside a sentence are mostly names, which both languages share. */
const NAME_WEIGHT = 0.5;
/** Content words looked up in the dictionary at most (a question has far fewer; a document needs none). */
const MAX_LOOKUPS = 40;

/**
 * German or English. Evidence per word: function and question words of either language (weighted most),
 * umlauts and ß, and whether the Ding lexicon knows the word as German only or as English only (words of
 * both, like "in", "Tesla" or "Format", count for neither). Short questions work because every content word
 * counts ("In welchem Jahr starb Tesla?": welchem, Jahr, starb are German; only "in" is shared).
 * Ties go to `fallback` (the corpus language).
 */
export function detectLanguage(
  text: string,
  fallback: Lang = "de",
  lexicon: Lexicon = sharedLexicon(),
): Lang {
  const score = languageScore(text, lexicon);
  if (score > 0) return "de";
  if (score < 0) return "en";
  return fallback;
}

/**
 * The language of one sentence inside a document (an English quote in a German article): the document's unless
 * the other language's function words clearly outnumber its own, so an English quote in a German article reads
 * "billion" as 10^9 while short German sentences stay German. Umlauts keep a German article's sentence German.
 */
export function sentenceLanguage(sentence: string, documentLang: Lang): Lang {
  const umlaut = /[äöüß]/i.test(sentence);
  if (documentLang === "de" && umlaut) return "de";
  let de = 0;
  let en = 0;
  for (const match of sentence.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if (GERMAN_MARKERS.has(word)) de++;
    if (ENGLISH_MARKERS.has(word)) en++;
  }
  if (documentLang === "de" && en >= 2 && en > 2 * de) return "en";
  if (documentLang === "en" && de >= 2 && de > 2 * en) return "de";
  return documentLang;
}

/** Positive: German evidence outweighs English; negative: the reverse. */
export function languageScore(text: string, lexicon: Lexicon = sharedLexicon()): number {
  let score = 0;
  let lookups = 0;
  let sentenceStart = true;
  for (const match of text.matchAll(/[\p{L}]+|[.!?:]/gu)) {
    const raw = match[0];
    if (/^[.!?:]$/.test(raw)) {
      sentenceStart = true;
      continue;
    }
    const word = foldText(raw);
    const nameLike = !sentenceStart && /^\p{Lu}/u.test(raw);
    sentenceStart = false;
    const german = GERMAN_MARKERS.has(word);
    const english = ENGLISH_MARKERS.has(word);
    if (german !== english) {
      score += german ? MARKER_WEIGHT : -MARKER_WEIGHT;
      continue;
    }
    if (german) continue;
    const weight = nameLike ? NAME_WEIGHT : 1;
    if (/[äöüß]/i.test(raw)) {
      score += weight;
      continue;
    }
    if (raw.length < 2 || lookups >= MAX_LOOKUPS) continue;
    lookups++;
    score += weight * dictionarySide(word, lexicon);
  }
  return score;
}

const sideCache = new WeakMap<Lexicon, Map<string, number>>();
const SIDE_CACHE_LIMIT = 20_000;

/** +1 when the dictionary knows the (folded) word only as German, −1 only as English, else 0. Cached. */
function dictionarySide(word: string, lexicon: Lexicon): number {
  let cache = sideCache.get(lexicon);
  if (!cache) {
    cache = new Map();
    sideCache.set(lexicon, cache);
  }
  let side = cache.get(word);
  if (side === undefined) {
    const german = lexicon.knowsGerman(word);
    side = german === lexicon.knowsEnglish(word) ? 0 : german ? 1 : -1;
    if (cache.size >= SIDE_CACHE_LIMIT) cache.clear();
    cache.set(word, side);
  }
  return side;
}
