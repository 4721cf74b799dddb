/**
 * Reading single numbers: digits in the German or English convention, number words, scale words.
 * Pure functions; word lookups are memoized because a corpus repeats the same words endlessly.
 */
import type { Lang } from "../types.ts";
import {
  ARTICLE_WORDS,
  DE_DIGITS,
  DE_TEENS,
  DE_TENS,
  EN_SMALL,
  EN_TENS,
  EXACT_CASE_UNITS,
  SCALE_WORDS,
  UNIT_WORDS,
  type UnitSpec,
} from "./lexicon.ts";

const NUMBER_RE = /^\d+(?:[.,]\d+)*$/;

/**
 * Parses digits in the convention of `lang`: German "37,5" = 37.5 and "1.000" = 1000; English "1,000" = 1000.
 * The other convention's decimal mark is tolerated when it cannot be a thousands group ("1.5" in German text).
 */
export function parseLocaleNumber(raw: string, lang: Lang): number | undefined {
  if (!NUMBER_RE.test(raw)) return undefined;
  if (!raw.includes(".") && !raw.includes(",")) return Number(raw);
  const decimal = lang === "de" ? "," : ".";
  const group = lang === "de" ? "." : ",";
  let intPart = raw;
  let frac = "";
  const lastDecimal = raw.lastIndexOf(decimal);
  if (lastDecimal >= 0) {
    intPart = raw.slice(0, lastDecimal);
    frac = raw.slice(lastDecimal + 1);
    if (intPart.includes(decimal) || frac.includes(group)) return undefined;
  }
  if (intPart.includes(group)) {
    const groups = intPart.split(group);
    const thousands = groups.slice(1).every((g) => g.length === 3) && (groups[0] as string).length <= 3;
    if (thousands) intPart = groups.join("");
    else if (lastDecimal < 0 && groups.length === 2) [intPart, frac] = groups as [string, string];
    else return undefined;
  }
  return Number(frac ? `${intPart}.${frac}` : intPart);
}

function lookup(table: Record<string, number>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const DE_COMPOUND_RE = /^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(\p{L}+)$/u;

function deBelow100(s: string): number | undefined {
  const direct = lookup(DE_TEENS, s) ?? lookup(DE_TENS, s) ?? lookup(DE_DIGITS, s);
  if (direct !== undefined) return direct;
  const m = DE_COMPOUND_RE.exec(s);
  const tens = m ? lookup(DE_TENS, m[2] as string) : undefined;
  return m && tens !== undefined ? tens + (DE_DIGITS[m[1] as string] as number) : undefined;
}

function deBelow1000(s: string): number | undefined {
  const at = s.indexOf("hundert");
  if (at < 0) return deBelow100(s);
  const head = s.slice(0, at);
  const tail = s.slice(at + "hundert".length).replace(/^und/, "");
  const hundreds = head === "" ? 1 : lookup(DE_DIGITS, head);
  const rest = tail === "" ? 0 : deBelow100(tail);
  return hundreds === undefined || rest === undefined ? undefined : hundreds * 100 + rest;
}

/** German compound number words up to 999 999 ("zweihundertfünfzig", "zehn", "hundert"). */
function parseGermanNumberWord(s: string): number | undefined {
  const half = /^(\p{L}+?)einhalb$/u.exec(s);
  if (half) {
    const whole = half[1] === "ein" ? 1 : parseGermanNumberWord(half[1] as string);
    return whole === undefined ? undefined : whole + 0.5;
  }
  if (s === "anderthalb") return 1.5;
  const at = s.indexOf("tausend");
  if (at < 0) return deBelow1000(s);
  const head = s.slice(0, at);
  const tail = s.slice(at + "tausend".length).replace(/^und/, "");
  const thousands = head === "" ? 1 : deBelow1000(head);
  const rest = tail === "" ? 0 : deBelow1000(tail);
  return thousands === undefined || rest === undefined ? undefined : thousands * 1000 + rest;
}

function parseNumberWordUncached(w: string): number | undefined {
  if (ARTICLE_WORDS.has(w)) return 1;
  const en = /^(\p{L}+)-(\p{L}+)$/u.exec(w);
  if (en) {
    const tens = lookup(EN_TENS, en[1] as string);
    const unit = lookup(EN_SMALL, en[2] as string);
    return tens !== undefined && unit !== undefined && unit < 10 ? tens + unit : undefined;
  }
  return lookup(EN_SMALL, w) ?? lookup(EN_TENS, w) ?? (w === "hundred" ? 100 : parseGermanNumberWord(w));
}

/** Bounded memo: a corpus's vocabulary is Zipfian, so a few thousand words answer nearly every lookup. */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, compute: (key: string) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

const numberWords = new Memo<number | undefined>(50_000);

/**
 * The first three letters a number word can start with (its first part's, or the whole of "a"/"an"): every
 * word the parser reads begins with one of its table words, so any other word is no number, without a regex.
 */
export const NUMBER_WORD_STARTS: ReadonlySet<string> = new Set(
  [
    ...ARTICLE_WORDS,
    ...Object.keys(DE_DIGITS),
    ...Object.keys(DE_TEENS),
    ...Object.keys(DE_TENS),
    ...Object.keys(EN_SMALL),
    ...Object.keys(EN_TENS),
    "hundred",
    "hundert",
    "tausend",
    "anderthalb",
  ].map((w) => w.slice(0, 3)),
);

function parseNumberWordChecked(w: string): number | undefined {
  return NUMBER_WORD_STARTS.has(w.slice(0, 3)) ? parseNumberWordUncached(w) : undefined;
}

/**
 * Value of a single number word, German or English ("zehn" → 10, "zweihundert" → 200, "einen" → 1,
 * "twenty-five" → 25). Vague plurals ("Hunderttausende", "Milliarden") are not numbers.
 */
export function parseNumberWord(word: string): number | undefined {
  return numberWords.get(word.toLowerCase(), parseNumberWordChecked);
}

/**
 * Multiplier of a scale word. "Billion" depends on the language: German Billion = 10^12, English billion
 * = 10^9. A capitalised "Billion" in German text is the German noun; lower-case "billion" is English
 * in either text (German nouns are capitalised).
 */
export function scaleOf(word: string, lang: Lang): number | undefined {
  const bare = word.endsWith(".") ? word.slice(0, -1) : word;
  const w = bare.toLowerCase();
  if (w === "billion") return lang === "de" && bare === "Billion" ? 1e12 : 1e9;
  if (w === "bio") return lang === "de" ? 1e12 : undefined;
  return lookup(SCALE_WORDS, w);
}

/** The unit a word names, honouring the exact spelling of short abbreviations ("m", "W", "GB"). */
export function unitOfWord(word: string): UnitSpec | undefined {
  const w = word.toLowerCase();
  const spec = UNIT_WORDS.get(w);
  if (!spec) return undefined;
  const exact = EXACT_CASE_UNITS[w];
  return exact && !exact.includes(word) ? undefined : spec;
}
