/**
 * Turns German/English text into search terms: lowercasing, umlaut/ß folding, hyphenated compounds,
 * number and currency normalization, stop-word removal and Snowball stemming.
 * The same function runs on passages and on questions, so both sides meet on the same terms.
 */
import snowball from "snowball-stemmers";
import {
  SCALE_SEARCH_TERMS,
  SCALE_WORDS,
  SPELLED_UNIT_WORDS,
  UNIT_SEARCH_TERMS,
  UNIT_SYMBOLS,
  UNIT_WORDS,
  WORD_LIKE_SCALES,
} from "../quantity/lexicon.ts";
import type { Lang } from "../types.ts";
import { STOPWORDS } from "./stopwords.ts";

const germanStemmer = snowball.newStemmer("german");
const englishStemmer = snowball.newStemmer("english");

/** Scale words (and their abbreviations) mapped to one language-neutral term, from the quantity lexicon. */
const SCALE_TERMS: Record<string, string> = Object.fromEntries(
  Object.entries(SCALE_WORDS).flatMap(([word, factor]) => {
    const term = SCALE_SEARCH_TERMS[factor];
    // "billion" depends on the text's language (see pieceTerms); word-like abbreviations stay words.
    return term && word !== "billion" && !WORD_LIKE_SCALES.has(word) ? [[word, term]] : [];
  }),
);

/** Money and percent words and symbols mapped to one term per unit ("$", "usd", "dollars" → "dollar"). */
const UNIT_TERMS: Record<string, string> = Object.fromEntries([
  ...Object.entries(UNIT_SYMBOLS).flatMap(([symbol, spec]) => {
    const term = UNIT_SEARCH_TERMS[spec.unit];
    return term ? [[symbol, term]] : [];
  }),
  ...[...UNIT_WORDS].flatMap(([word, spec]) => {
    const term = spec.factor === 1 ? UNIT_SEARCH_TERMS[spec.unit] : undefined;
    return term ? [[word, term]] : [];
  }),
]);

/** One search term of a text and where its word starts (not to be confused with the quantity scanner's tokens). */
export interface SearchToken {
  /** Normalized search term. */
  term: string;
  /** Offset of the raw word in the input. */
  start: number;
}

/** Any UTF-16 unit outside ASCII (umlauts, accents, invisible characters, surrogates). */
const NON_ASCII = /[\u0080-\uffff]/;

/** Lowercase, fold umlauts and ß, strip accents and invisible characters. */
export function foldText(text: string): string {
  // Plain ASCII has no umlauts, accents or invisible characters: lower case is all there is to do.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "");
}

// A word: letters/digits joined by inner hyphens, dots or commas between digits ("37,5", "1.000").
const TERM_WORD_RE = /[$€%]|\d+(?:[.,]\d+)*(?:[a-zA-Z]+)?|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Snowball in JS costs ~20 µs a word; a corpus and its questions reuse few distinct words, so cache them. */
const stemCache: Record<Lang, Map<string, string>> = { de: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 200_000;

function stem(word: string, lang: Lang): string {
  if (/^\d/.test(word)) return word;
  const cache = stemCache[lang];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    const raw = lang === "de" ? germanStemmer.stem(word) : englishStemmer.stem(word);
    stemmed = raw.length >= 2 ? raw : word;
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

/** "37,5" → "37.5", "1.000" → "1000", "1,3" → "1.3". */
export function normalizeNumber(raw: string, lang: Lang): string {
  let s = raw;
  if (/^\d{1,3}(\.\d{3})+$/.test(s) && lang === "de") s = s.replace(/\./g, "");
  else if (/^\d{1,3}(,\d{3})+$/.test(s) && lang === "en") s = s.replace(/,/g, "");
  s = s.replace(",", ".");
  const n = Number(s);
  return Number.isFinite(n) ? String(n) : s;
}

function pieceTerms(piece: string, lang: Lang, out: string[]): void {
  if (piece === "") return;
  const numberWithSuffix = /^(\d+(?:[.,]\d+)*)([a-z]+)$/.exec(piece);
  if (numberWithSuffix) {
    out.push(normalizeNumber(numberWithSuffix[1] as string, lang));
    const suffix = numberWithSuffix[2] as string;
    const scale = Object.hasOwn(SCALE_TERMS, suffix) ? SCALE_TERMS[suffix] : undefined;
    out.push(scale ?? SPELLED_UNIT_WORDS.get(suffix) ?? suffix);
    return;
  }
  if (/^\d/.test(piece)) {
    out.push(normalizeNumber(piece, lang));
    return;
  }
  const unit = Object.hasOwn(UNIT_TERMS, piece) ? UNIT_TERMS[piece] : undefined;
  if (unit) {
    out.push(unit);
    return;
  }
  // A rate's "per" is kept ("per share"): stop-word removal would drop it.
  if (piece === "per") {
    out.push(piece);
    return;
  }
  if (piece === "billion") {
    out.push(lang === "de" ? "e12" : "e9");
    return;
  }
  const scale = Object.hasOwn(SCALE_TERMS, piece) ? SCALE_TERMS[piece] : undefined;
  if (scale && piece.length > 1) {
    out.push(scale);
    return;
  }
  if (STOPWORDS.has(piece)) return;
  out.push(stem(piece, lang));
}

/**
 * Search terms of a text, in order. Hyphenated compounds yield their parts and the joined word
 * ("Infrastruktur-Ausgaben" → infrastruktur, ausgab, infrastrukturausgab).
 */
export function analyze(text: string, lang: Lang): SearchToken[] {
  const folded = foldText(text);
  const tokens: SearchToken[] = [];
  for (const match of folded.matchAll(TERM_WORD_RE)) {
    const word = match[0];
    const start = match.index ?? 0;
    const terms: string[] = [];
    const parts = word.split(/[-'’]/).filter(Boolean);
    for (const part of parts) pieceTerms(part, lang, terms);
    if (parts.length > 1) {
      const alpha = parts.filter((p) => /^\p{L}+$/u.test(p));
      if (alpha.length > 1) {
        const joined = alpha.join("");
        if (!STOPWORDS.has(joined)) terms.push(stem(joined, lang));
      }
    }
    for (const term of terms) tokens.push({ term, start });
  }
  return tokens;
}

export function terms(text: string, lang: Lang): string[] {
  return analyze(text, lang).map((t) => t.term);
}
