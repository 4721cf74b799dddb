/**
 * Finds quantities as written in German or English text and converts them to base units:
 * "100-Milliarden-Dollar" → 1e11 USD, "1 Billion Dollar" (de) → 1e12, "zehn Gigawatt" → 1e10 W,
 * "390 Fuß" → 118.9 m, "2.700.000 Quadratmeilen" → 7.0e12 m², "515 Millionen Jahren" → 1.6e16 s,
 * "Q1 2026" → quarter, "fünfmal" → 5 times.
 * Dates, times, URLs and product names ("GN100", "GPT-4", "Q1" alone) are not amounts.
 *
 * Speed matters (every sentence of every chunk is scanned at index time): a quick test (gate.ts) spares sentences
 * without a digit or number word; the rest is tokenized once from char codes (tokens.ts); most words are ruled out
 * as amount starts by their first letters, before any lookup; and the masks for URLs and dates are computed only
 * for sentences that hold a candidate amount, each behind a test read from the tokens. None of this may change the
 * output: the tests hold the tokenizer and the gate to the regexes they stand for.
 */
import type { FigureUnit, Lang } from "../types.ts";
import { mayHoldQuantity } from "./gate.ts";
import {
  ABBREVIATED_SCALES,
  AREA_PREFIXES,
  ARTICLE_WORDS,
  CURRENCIES,
  CURRENCY_ONLY_SCALES,
  DEGREE_WORDS,
  HOUR_WORDS,
  MONTH_NAMES,
  MONTH_RE,
  MONTHS_PATTERN,
  TEMPERATURE_WORDS,
  UNIT_SYMBOLS,
  type UnitSpec,
  VOLUME_PREFIXES,
  YEAR_QUALIFIERS,
} from "./lexicon.ts";
import { NUMBER_WORD_STARTS, parseLocaleNumber, parseNumberWord, scaleOf, unitOfWord } from "./numbers.ts";
import { latin1Lower, latin1Prefix3, PrefixSet, type QuantityToken, tokenize } from "./tokens.ts";

export { mayHoldQuantity } from "./gate.ts";
export { type QuantityToken, tokenize } from "./tokens.ts";

export interface Quantity {
  /** The amount as written, e.g. "$37,5 Milliarden". */
  text: string;
  value: number;
  unit: FigureUnit;
  /** Character offsets of `text` in the scanned sentence. */
  start: number;
  end: number;
}

/** Prepositions that make a following four-digit number a year rather than a count ("seit 2023 Kunden"). */
const YEAR_PREPOSITIONS = /^(?:im|in|seit|bis|ab|vor|nach|jahr|jahres|von|since|until|by|from|year)$/i;
/** Words that may precede a count without making it part of a name or a year ("Rund 500 Mitarbeiter"). */
const COUNT_LEADERS =
  /^(?:über|rund|etwa|fast|knapp|mehr|weniger|nur|insgesamt|bis|gut|circa|ca|mindestens|bereits|schon|about|over|nearly|almost|some|around|more|less|only|at|least)$/i;
/** Words that lead a count, not a year, to a noun ("rund 2000 Gäste"; but "bereits 1519 Frankreich" is a year). */
const COUNT_QUALIFIERS =
  /^(?:über|rund|etwa|fast|knapp|mehr|weniger|insgesamt|circa|ca|mindestens|about|over|nearly|almost|around|some)$/i;
/** Articles and determiners: before a noun they are not the adjective of a count ("2010 eine Einwohnerzahl"). */
const DETERMINERS =
  /^(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein|keine|keinen|keinem|keiner|diese|dieser|dieses|diesem|diesen|seine|seinen|seinem|seiner|ihre|ihren|ihrem|ihrer|the|a|an|this|these|those|its|their)$/i;
const EN_NOT_NOUNS = new Set(
  "and or of to in on at by for from with than the a an per is are was were be been has have had will would as that this which who it its percent times".split(
    " ",
  ),
);
const TIMES_WORD_RE = /^(\p{L}+?)(mal|fach|fold)$/u;
const QUARTER_ORDINAL_RE = /^(erst|zweit|dritt|viert)(e|en|er|es|em)?$|^(first|second|third|fourth)$/i;
const YEAR_SHAPE_RE = /^(1\d\d\d|20\d\d)$/;
const QUARTER_YEAR_RE = /^(19|20)\d\d$/;

// --- masking: spans that look numeric but are not amounts -------------------------------------------------

/**
 * What the masks' cheap tests ask of a sentence, read from its tokens in one pass rather than by a string search or
 * regex each: every digit is in a number token, a full stop between digits too, and "@", ":", "/", "." elsewhere
 * are symbol tokens of their own.
 */
class MaskHints {
  /** `\d` */
  digit = false;
  /** `\d\.\d` */
  numberWithDot = false;
  /** `\d-\d` */
  numberDashNumber = false;
  /** `\d/\d` */
  numberSlashNumber = false;
  /** "@" */
  at = false;
  /** ":" */
  colon = false;
  /** "://" or "www." in any case: what the URL mask needs before its own test. */
  urlShape = false;
  /** `\.[A-Za-zſK]{2}` (K the Kelvin sign): the letters [a-z] takes with the flags i and u, after a full stop. */
  dotLetters = false;
  private month: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly toks: QuantityToken[],
  ) {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as QuantityToken;
      const next = toks[i + 1];
      const glued = next !== undefined && next.start === t.end;
      if (t.kind === "num") {
        this.digit = true;
        if (t.text.includes(".")) this.numberWithDot = true;
        const after = toks[i + 2];
        if (glued && after?.kind === "num" && after.start === next.end) {
          if (next.text === "-") this.numberDashNumber = true;
          else if (next.text === "/") this.numberSlashNumber = true;
        }
      } else if (t.kind === "sym") {
        const c = text.charCodeAt(t.start);
        if (c === 64) this.at = true;
        else if (c === 58) {
          this.colon = true;
          if (glued && next.text === "/") this.urlShape = true;
        } else if (
          c === 46 &&
          glued &&
          next.kind === "word" &&
          isTldLetter(text, next.start) &&
          next.end - next.start >= 2
        ) {
          this.dotLetters ||= isTldLetter(text, next.start + 1);
        }
      } else if (glued && next.text === "." && endsWithWww(text, t)) {
        this.urlShape = true;
      }
    }
  }

  /** A month name among the words; asked only of sentences that reach the month masks. */
  get monthName(): boolean {
    this.month ??= this.toks.some((t) => isMonthWord(this.text, t));
    return this.month;
  }
}

/** [A-Za-zſK]: the letters [a-z] matches with the flags i and u. */
function isTldLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x17f || c === 0x212a;
}

function endsWithWww(text: string, t: QuantityToken): boolean {
  if (t.end - t.start < 3) return false;
  for (let k = t.end - 3; k < t.end; k++) if ((text.charCodeAt(k) | 32) !== 119) return false;
  return true;
}

/**
 * Each mask with a cheap test of whether it can match at all: most sentences hold no URL, e-mail address,
 * domain, date or time, and the full patterns are costly. (Each test must stay what it was, not merely a
 * superset: the domain mask can match where its test says no, "x-.com", and such a span stays unmasked.)
 */
const MASKS: Array<{ re: RegExp; mayMatch: (text: string, hints: MaskHints) => boolean }> = [
  {
    re: /(?:https?:\/\/|www\.)\S+/giu,
    mayMatch: (t, h) => h.urlShape && (t.includes("http") || t.includes("www.")),
  },
  { re: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu, mayMatch: (_t, h) => h.at },
  {
    re: /(?<![\p{L}\d-])[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|de|io|ai|co|eu|gov|edu|info|news|app|dev|tv|uk|my|at|ch|fr)(?:\/\S*)?(?![\p{L}\d])/giu,
    mayMatch: (t, h) => h.dotLetters && /[\p{L}\d]\.[a-z]{2}/iu.test(t),
  },
  // 01/02/2026, 31.01.2026, 1-2-26; glued text after the year is allowed ("01/02/2026Nvidia").
  {
    re: /(?<!\d)\d{1,2}([./-])\d{1,2}\1\d{2,4}(?!\d)/gu,
    mayMatch: (_t, h) => h.numberWithDot || h.numberDashNumber || h.numberSlashNumber,
  },
  { re: /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/gu, mayMatch: (_t, h) => h.numberDashNumber },
  { re: /(?<!\d)\d{1,2}\.\d{1,2}\.(?!\d)/gu, mayMatch: (_t, h) => h.numberWithDot },
  {
    re: new RegExp(`(?<!\\d)\\d{1,2}\\.\\s?(?:${MONTHS_PATTERN})\\.?(?:\\s\\d{4})?(?!\\p{L})`, "giu"),
    mayMatch: (_t, h) => h.monthName,
  },
  {
    re: new RegExp(
      `(?<!\\p{L})(?:${MONTHS_PATTERN})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}(?!\\d)`,
      "giu",
    ),
    mayMatch: (_t, h) => h.monthName,
  },
  {
    re: new RegExp(`(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\s(?:${MONTHS_PATTERN})\\.?,?\\s\\d{4}(?!\\d)`, "giu"),
    mayMatch: (_t, h) => h.monthName,
  },
  { re: /(?<!\d)\d{1,2}:\d{2}(?!\d)/gu, mayMatch: (_t, h) => h.colon },
];

const MONTH_WORDS = new Set(MONTH_NAMES);
/** First three letters of every month name: most words are told apart from them without a lower-case copy. */
const MONTH_PREFIXES = new PrefixSet(MONTH_NAMES);

function isMonthWord(text: string, t: QuantityToken): boolean {
  if (t.kind !== "word") return false;
  const prefix = latin1Prefix3(text, t.start, t.end);
  if (prefix !== -1 && !MONTH_PREFIXES.has(prefix)) return false;
  return MONTH_WORDS.has(t.text.toLowerCase());
}

function blockedTokens(text: string, toks: QuantityToken[]): boolean[] {
  const blocked = new Array<boolean>(toks.length).fill(false);
  const hints = new MaskHints(text, toks);
  for (let m = 0; m < MASKS.length; m++) {
    const mask = MASKS[m] as (typeof MASKS)[number];
    // Only the first three masks can match without a digit.
    if (m >= 3 && !hints.digit) break;
    if (!mask.mayMatch(text, hints)) continue;
    for (const match of text.matchAll(mask.re)) {
      const a = match.index ?? 0;
      const b = a + match[0].length;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i] as QuantityToken;
        if (t.start < b && t.end > a) blocked[i] = true;
      }
    }
  }
  return blocked;
}

// --- scanner ------------------------------------------------------------------------------------

interface Scan {
  text: string;
  toks: QuantityToken[];
  blocked: boolean[];
  lang: Lang;
}

interface Match {
  first: number;
  last: number;
  value: number;
  unit: FigureUnit;
  /** A scaled number with neither unit nor counted noun ("50 Milliarden"); may inherit a currency. */
  bare?: boolean;
}

const lower = (t: QuantityToken | undefined) => t?.text.toLowerCase() ?? "";
const isCap = (t: QuantityToken | undefined) => t?.kind === "word" && /^\p{Lu}/u.test(t.text);

function attached(s: Scan, i: number): boolean {
  const prev = s.toks[i - 1];
  const cur = s.toks[i];
  return prev !== undefined && cur !== undefined && prev.end === cur.start;
}

/** Index of the token that continues a quantity after token `i`: glued, after a space, or after a hyphen. */
function next(s: Scan, i: number, allowHyphen = true): number | undefined {
  const j = i + 1;
  const tok = s.toks[j];
  if (!tok || s.blocked[j]) return undefined;
  if (attached(s, j)) {
    if (tok.text === "-" || tok.text === "‑") {
      return allowHyphen && attached(s, j + 1) && s.toks[j + 1]?.kind !== "sym" && !s.blocked[j + 1]
        ? j + 1
        : undefined;
    }
    return j;
  }
  const gapStart = (s.toks[i] as QuantityToken).end;
  const gap = tok.start - gapStart;
  if (gap < 1 || gap > 2) return undefined;
  for (let c = gapStart; c < tok.start; c++) {
    const ch = s.text[c];
    if (ch !== " " && ch !== "\t" && ch !== "\u00a0" && ch !== "\u202f") return undefined;
  }
  return j;
}

/** A unit word or symbol glued right after a number ("10GW", "50,5mm", "27%"). */
function knownSuffix(s: Scan, tok: QuantityToken): boolean {
  const w = tok.text.toLowerCase();
  return (
    scaleOf(tok.text, s.lang) !== undefined ||
    unitOfWord(tok.text) !== undefined ||
    w === "x" ||
    w === "mal" ||
    w === "fach" ||
    w === "fold"
  );
}

/** "GN100", "GPT-4", "24/7", "10:30", "3D": digits that are part of a name, not an amount. */
function isIdentifierNumber(s: Scan, i: number): boolean {
  const prev = s.toks[i - 1];
  const after = s.toks[i + 1];
  if (prev && attached(s, i)) {
    if (prev.kind === "word") return true;
    if (prev.text === "/" || prev.text === ":" || prev.text === "#" || prev.text === ".") return true;
    if (prev.text === "-" && attached(s, i - 1) && s.toks[i - 2]?.kind === "word") {
      return !YEAR_QUALIFIERS.test(s.toks[i - 2]?.text ?? "");
    }
  }
  if (prev && /^(?:nr|no)$/i.test(prev.text)) return true;
  if (after && attached(s, i + 1)) {
    if ((after.text === "/" || after.text === ":") && s.toks[i + 2]?.kind === "num") return true;
    if (after.kind === "word" && !knownSuffix(s, after)) return true;
  }
  return false;
}

/** "24-10", "1073 bis 1074" written "1073–1074": the second number of a score or range. */
function afterNumberDash(s: Scan, i: number): boolean {
  const prev = s.toks[i - 1];
  return (
    prev !== undefined &&
    /^[-–‑]$/.test(prev.text) &&
    attached(s, i) &&
    attached(s, i - 1) &&
    s.toks[i - 2]?.kind === "num"
  );
}

/** German or English number words starting at token `i` ("zehn", "twenty-five", "a hundred", "two hundred"). */
function readNumberWords(s: Scan, i: number): { value: number; last: number; article: boolean } | undefined {
  const tok = s.toks[i];
  if (tok?.kind !== "word") return undefined;
  const w = tok.text.toLowerCase();
  // English tens-units written with a hyphen: "twenty-five".
  if (
    s.toks[i + 1]?.text === "-" &&
    attached(s, i + 1) &&
    attached(s, i + 2) &&
    s.toks[i + 2]?.kind === "word"
  ) {
    const joined = parseNumberWord(`${w}-${lower(s.toks[i + 2])}`);
    if (joined !== undefined) return { value: joined, last: i + 2, article: false };
  }
  const value = parseNumberWord(w);
  if (value === undefined) return undefined;
  // "a hundred", "two hundred": English hundreds are separate words.
  const j = next(s, i, false);
  if (j !== undefined && lower(s.toks[j]) === "hundred" && value < 10) {
    return { value: value * 100, last: j, article: false };
  }
  if (w === "a" || w === "an") return undefined;
  return { value, last: i, article: ARTICLE_WORDS.has(w) };
}

function readScale(
  s: Scan,
  j: number,
  hasCurrency: boolean,
): { scale: number; last: number; needsCurrency: boolean } | undefined {
  const tok = s.toks[j];
  if (tok?.kind !== "word") return undefined;
  const scale = scaleOf(tok.text, s.lang);
  if (scale === undefined) return undefined;
  const w = tok.text.toLowerCase();
  const needsCurrency = CURRENCY_ONLY_SCALES.has(w);
  // Without a currency a glued "m" is metres, a spaced "M"/"B" is likely an initial: not a scale.
  if (needsCurrency && (!attached(s, j) || (w === "m" && !hasCurrency))) return undefined;
  let last = j;
  if (ABBREVIATED_SCALES.has(w) && s.toks[j + 1]?.text === "." && attached(s, j + 1)) last = j + 1;
  return { scale, last, needsCurrency };
}

/** A superscript or a glued digit after a length ("km²", "m³") makes an area or a volume. */
function powerAfter(s: Scan, j: number): { power: 2 | 3; last: number } | undefined {
  const tok = s.toks[j + 1];
  if (!tok || !attached(s, j + 1)) return undefined;
  if (tok.text === "²") return { power: 2, last: j + 1 };
  if (tok.text === "³") return { power: 3, last: j + 1 };
  return undefined;
}

/** "pro Stunde", "per hour", "/h" after a length: a speed. */
function perHourAfter(s: Scan, j: number): number | undefined {
  const per = s.toks[j + 1];
  if (!per) return undefined;
  if (per.text === "/" && attached(s, j + 1) && attached(s, j + 2) && HOUR_WORDS.has(lower(s.toks[j + 2]))) {
    return j + 2;
  }
  if (/^(pro|per)$/i.test(per.text) && !attached(s, j + 1)) {
    const k = next(s, j + 1, false);
    if (k !== undefined && HOUR_WORDS.has(lower(s.toks[k]))) return k;
  }
  return undefined;
}

function withPower(spec: UnitSpec, power: 2 | 3): UnitSpec {
  return { unit: power === 2 ? "m2" : "m3", factor: spec.factor ** power };
}

function readUnit(s: Scan, j: number): { spec: UnitSpec; last: number } | undefined {
  const tok = s.toks[j];
  if (!tok) return undefined;
  if (tok.kind === "sym") {
    // "0,3 °C", "°F".
    if (tok.text === "°") {
      const k = s.toks[j + 1];
      const temp = k && attached(s, j + 1) ? TEMPERATURE_WORDS[lower(k)] : undefined;
      return temp && /^[CF]$/.test(k?.text ?? "") ? { spec: temp, last: j + 1 } : undefined;
    }
    const spec = UNIT_SYMBOLS[tok.text];
    return spec ? { spec, last: j } : undefined;
  }
  if (tok.kind !== "word") return undefined;
  const w = tok.text.toLowerCase();
  // "US-Dollar", "US$".
  if (tok.text === "US") {
    const k = next(s, j);
    if (k !== undefined && (lower(s.toks[k]) === "dollar" || s.toks[k]?.text === "$")) {
      return { spec: { unit: "USD", factor: 1 }, last: k };
    }
    return undefined;
  }
  // "Grad Celsius", "degrees Fahrenheit".
  if (DEGREE_WORDS.has(w)) {
    const k = next(s, j, false);
    const temp = k === undefined ? undefined : TEMPERATURE_WORDS[lower(s.toks[k])];
    return temp && (s.toks[k as number]?.text.length ?? 0) > 1
      ? { spec: temp, last: k as number }
      : undefined;
  }
  // "square miles", "Quadrat-Meilen", "cubic metres".
  if (AREA_PREFIXES.has(w) || VOLUME_PREFIXES.has(w)) {
    const k = next(s, j);
    const length = k === undefined ? undefined : unitOfWord(s.toks[k]?.text ?? "");
    if (length?.unit !== "m") return undefined;
    return { spec: withPower(length, AREA_PREFIXES.has(w) ? 2 : 3), last: k as number };
  }
  let spec = unitOfWord(tok.text);
  if (!spec) return undefined;
  let last = j;
  if (spec.unit === "m") {
    const power = powerAfter(s, j);
    const perHour = power ? undefined : perHourAfter(s, j);
    if (power) ({ spec, last } = { spec: withPower(spec, power.power), last: power.last });
    else if (perHour !== undefined)
      ({ spec, last } = { spec: { unit: "m/s", factor: spec.factor / 3600 }, last: perHour });
  } else if (
    spec.unit === "FLOPS" &&
    s.toks[j + 1]?.text === "/" &&
    lower(s.toks[j + 2]) === "s" &&
    attached(s, j + 2)
  ) {
    // "FLOP/s".
    last = j + 2;
  }
  return { spec, last };
}

/** The noun a count refers to ("500 Mitarbeiter", "drei neue Rechenzentren", "5 companies"). */
function countedNoun(s: Scan, j: number | undefined): number | undefined {
  if (j === undefined) return undefined;
  const tok = s.toks[j];
  if (tok?.kind !== "word" || s.blocked[j]) return undefined;
  if (s.lang === "de" || isCap(tok)) {
    if (isCap(tok) && !MONTH_RE.test(tok.text)) return j;
    // One inflected adjective before the noun: "drei neue Rechenzentren" (an article is no adjective).
    if (/^\p{Ll}+(e|en|er|es|em)$/u.test(tok.text) && !DETERMINERS.test(tok.text)) {
      const k = next(s, j, false);
      if (k !== undefined && isCap(s.toks[k]) && !MONTH_RE.test(s.toks[k]?.text ?? "")) return k;
    }
    return undefined;
  }
  return /^\p{Ll}{3,}$/u.test(tok.text) && !EN_NOT_NOUNS.has(tok.text) ? j : undefined;
}

function yearAt(s: Scan, k: number | undefined): number | undefined {
  const y = k === undefined ? undefined : s.toks[k];
  return y?.kind === "num" && QUARTER_YEAR_RE.test(y.text) ? Number(y.text) : undefined;
}

function quarterMatch(s: Scan, i: number, q: number, k: number | undefined): Match | undefined {
  const year = yearAt(s, k);
  return year === undefined
    ? undefined
    : { first: i, last: k as number, value: year + (q - 1) / 4, unit: "quarter" };
}

function matchQuarter(s: Scan, i: number): Match | undefined {
  const tok = s.toks[i];
  if (!tok) return undefined;
  // "Q1 2026", "Q1/2026"
  if (tok.kind === "word" && (tok.text === "Q" || tok.text === "q") && attached(s, i + 1)) {
    const q = Number(s.toks[i + 1]?.text);
    if (!(q >= 1 && q <= 4) || s.toks[i + 1]?.kind !== "num") return undefined;
    const sep = s.toks[i + 2];
    const k = sep?.text === "/" && attached(s, i + 2) ? i + 3 : next(s, i + 1, false);
    return quarterMatch(s, i, q, k);
  }
  // "1. Quartal 2026"
  if (tok.kind === "num" && /^[1-4]$/.test(tok.text) && s.toks[i + 1]?.text === "." && attached(s, i + 1)) {
    const k = i + 2;
    if (lower(s.toks[k]) !== "quartal") return undefined;
    return quarterMatch(s, i, Number(tok.text), next(s, k, false));
  }
  // "ersten Quartal 2026", "first quarter of 2026"
  if (tok.kind !== "word") return undefined;
  const ordinal = QUARTER_ORDINAL_RE.exec(tok.text);
  if (!ordinal) return undefined;
  const q = ["erst", "zweit", "dritt", "viert", "first", "second", "third", "fourth"].indexOf(
    (ordinal[1] ?? ordinal[3] ?? "").toLowerCase(),
  );
  const k = next(s, i, false);
  if (k === undefined || !/^(quartal|quarter)$/i.test(s.toks[k]?.text ?? "")) return undefined;
  let y = next(s, k, false);
  if (y !== undefined && /^(of|des)$/i.test(s.toks[y]?.text ?? "")) y = next(s, y, false);
  return quarterMatch(s, i, (q % 4) + 1, y);
}

/** "150 x 150 x 50,5mm": one figure, valued by its longest edge in metres. */
function matchDimensions(s: Scan, i: number): Match | undefined {
  if (s.toks[i]?.kind !== "num") return undefined;
  const x0 = next(s, i, false);
  if (x0 === undefined || !/^[x×]$/i.test(s.toks[x0]?.text ?? "")) return undefined;
  const dims: number[] = [];
  let k = i;
  for (;;) {
    const n = parseLocaleNumber(s.toks[k]?.text ?? "", s.lang);
    if (n === undefined) return undefined;
    dims.push(n);
    const x = next(s, k, false);
    const isTimes = x !== undefined && /^[x×]$/i.test(s.toks[x]?.text ?? "");
    const after = isTimes ? next(s, x as number, false) : undefined;
    if (!isTimes || after === undefined || s.toks[after]?.kind !== "num") break;
    k = after;
  }
  if (dims.length < 2) return undefined;
  const u = next(s, k, false);
  const unit = u === undefined ? undefined : readUnit(s, u);
  if (unit?.spec.unit !== "m") return undefined;
  return { first: i, last: unit.last, value: round(Math.max(...dims) * unit.spec.factor), unit: "m" };
}

/** "fünfmal", "5-mal", "5 Mal", "zehnfach", "five times", "3x". */
function matchTimes(s: Scan, i: number): Match | undefined {
  const tok = s.toks[i];
  if (tok?.kind === "word") {
    const m = TIMES_WORD_RE.exec(tok.text.toLowerCase());
    if (m) {
      const n = parseNumberWord(m[1] as string);
      if (n !== undefined && n >= 2 && !ARTICLE_WORDS.has(m[1] as string)) {
        return { first: i, last: i, value: n, unit: "times" };
      }
    }
    if (tok.text === "twice" || tok.text === "Twice") return { first: i, last: i, value: 2, unit: "times" };
  }
  let value: number | undefined;
  let last = i;
  if (tok?.kind === "num") {
    if (isIdentifierNumber(s, i)) return undefined;
    value = parseLocaleNumber(tok.text, s.lang);
  } else {
    const words = readNumberWords(s, i);
    if (words && !words.article) {
      value = words.value;
      last = words.last;
    }
  }
  if (value === undefined) return undefined;
  const j = next(s, last);
  const w = j === undefined ? "" : lower(s.toks[j]);
  const glued = j !== undefined && attached(s, j);
  const timesWord = w === "mal" || w === "fach" || w === "times" || w === "fold";
  // "3x schneller", not "3x4" (a size).
  const gluedX = w === "x" && glued && s.toks[(j as number) + 1]?.kind !== "num";
  if (!timesWord && !gluedX) return undefined;
  return { first: i, last: j as number, value, unit: "times" };
}

function leadingCurrency(s: Scan, i: number): { spec: UnitSpec; last: number } | undefined {
  const first = s.toks[i];
  if (!first) return undefined;
  if (first.kind === "sym" && first.text !== "%") {
    const spec = UNIT_SYMBOLS[first.text];
    return spec ? { spec, last: i } : undefined;
  }
  if (first.text === "US" && s.toks[i + 1]?.text === "$" && attached(s, i + 1)) {
    return { spec: UNIT_SYMBOLS.$ as UnitSpec, last: i + 1 };
  }
  if (first.kind === "word" && /^(USD|EUR|GBP|CHF|JPY)$/.test(first.text) && s.toks[i + 1]?.kind === "num") {
    const spec = unitOfWord(first.text);
    return spec ? { spec, last: i } : undefined;
  }
  return undefined;
}

function matchAmount(s: Scan, i: number): Match | undefined {
  let k = i;
  const lead = leadingCurrency(s, i);
  const currency = lead?.spec;
  if (lead) {
    const j = next(s, lead.last, false);
    if (j === undefined) return undefined;
    k = j;
  }
  let sign = 1;
  const signTok = s.toks[k];
  if (signTok?.kind === "sym" && /^[-−+]$/.test(signTok.text) && attached(s, k + 1) && !attached(s, k)) {
    if (s.toks[k + 1]?.kind !== "num") return undefined;
    sign = signTok.text === "+" ? 1 : -1;
    k++;
  }

  const numTok = s.toks[k];
  let n: number | undefined;
  let last = k;
  let fromWords = false;
  let article = false;
  if (numTok?.kind === "num") {
    if (!currency && isIdentifierNumber(s, k)) return undefined;
    n = parseLocaleNumber(numTok.text, s.lang);
  } else if (!currency) {
    const words = readNumberWords(s, k);
    if (words) ({ value: n, last, article } = words);
    fromWords = true;
  }
  if (n === undefined) return undefined;
  n *= sign;

  let scale = 1;
  let hasScale = false;
  let j = next(s, last);
  const sc = j === undefined ? undefined : readScale(s, j, currency !== undefined);
  if (sc && j !== undefined) {
    scale = sc.scale;
    hasScale = true;
    last = sc.last;
    j = next(s, last);
  }
  const unit = j === undefined ? undefined : readUnit(s, j);
  // A currency word after a symbol amount must agree with it ("$5 Dollar" is one amount, "$5 Euro" is odd).
  const unitAgrees = unit && !(currency && unit.spec.unit !== currency.unit);
  if (unitAgrees) last = unit.last;
  const spec = currency ?? (unitAgrees ? unit?.spec : undefined);
  if (sc?.needsCurrency && !(spec && CURRENCIES.has(spec.unit))) return undefined;
  // "1964 Hurrikan" is a year, but "1000 Jahre" a duration: a unit decides before the year shape does.
  if (spec)
    return { first: i, last, value: round(n * scale * spec.factor + (spec.offset ?? 0)), unit: spec.unit };
  if (fromWords && (article || n < 2) && !hasScale) return undefined;

  const value = round(n * scale);
  const prev = s.toks[i - 1];
  // A plain four-digit number in the usual range is a year ("2032", "Ende 2023", "1564 Lageplatz"). It is a
  // count only when a count word or an article leads it to a noun ("rund 2000 Gäste", "die 1500 Soldaten").
  const isYearShape = numTok?.kind === "num" && YEAR_SHAPE_RE.test(numTok.text) && !hasScale && sign === 1;
  const noun = countedNoun(s, next(s, last, false));
  if (isYearShape) {
    const nounRightAfter = noun !== undefined && noun === next(s, last, false);
    const countLed = COUNT_QUALIFIERS.test(prev?.text ?? "") || DETERMINERS.test(prev?.text ?? "");
    if (!(nounRightAfter && countLed) || YEAR_PREPOSITIONS.test(prev?.text ?? "")) {
      return { first: i, last, value: n, unit: "year" };
    }
  }
  // Counts: "500 Mitarbeiter", not "Windows 11 Nutzer" (a capitalised word right before is a name), not the
  // second number of a score "24-10 Führung".
  const namePrefix = isCap(prev) && i - 1 > 0 && !COUNT_LEADERS.test(prev?.text ?? "") && !attached(s, i);
  if (afterNumberDash(s, k) && !hasScale) return undefined;
  if (noun !== undefined && !namePrefix) return { first: i, last: noun, value, unit: "count" };
  if (hasScale && !namePrefix) return { first: i, last, value, unit: "count", bare: true };
  return undefined;
}

/** Twelve significant digits: 1.3 × 1e9 should be 1300000000, not 1300000000.0000002. */
function round(v: number): number {
  // Most values are whole numbers of twelve digits or fewer, which toPrecision (costly) gives back unchanged; -0
  // comes back as 0.
  if (Number.isInteger(v) && Math.abs(v) < 1e12) return v === 0 ? 0 : v;
  return Number(v.toPrecision(12));
}

/** Extends a year backwards over how it is qualified: "Ende 2023", "mid-2025", "end of 2024". */
function yearStart(s: Scan, m: Match, floor: number): number {
  const i = m.first;
  const prev = s.toks[i - 1];
  if (i - 1 <= floor || !prev) return i;
  if (
    prev.text === "-" &&
    attached(s, i) &&
    YEAR_QUALIFIERS.test(s.toks[i - 2]?.text ?? "") &&
    i - 2 > floor
  ) {
    return i - 2;
  }
  if (!attached(s, i) && YEAR_QUALIFIERS.test(prev.text) && !s.blocked[i - 1]) return i - 1;
  if (
    lower(prev) === "of" &&
    /^(end|start|beginning|middle)$/i.test(s.toks[i - 2]?.text ?? "") &&
    i - 2 > floor
  ) {
    return i - 2;
  }
  return i;
}

/** What a word may begin: nothing (most words), a number word, an article (one, before a scale or unit), or
 * something the matchers read themselves (quarters, repetitions, currency codes). */
enum Start {
  None,
  Number,
  Article,
  Other,
}

const startKinds = new Map<string, Start>();
const START_KINDS_LIMIT = 50_000;

function classifyStart(t: string): Start {
  if (t === "Q" || t === "q" || t === "US" || t === "twice" || t === "Twice") return Start.Other;
  if (/^(USD|EUR|GBP|CHF|JPY)$/.test(t) || QUARTER_ORDINAL_RE.test(t)) return Start.Other;
  const w = t.toLowerCase();
  if (parseNumberWord(w) !== undefined) return ARTICLE_WORDS.has(w) ? Start.Article : Start.Number;
  return w.endsWith("mal") || w.endsWith("fach") || w.endsWith("fold") ? Start.Other : Start.None;
}

/**
 * First three letters (lower case; all of a shorter word) of every word that `classifyStart` may answer with more
 * than None, but for the endings below: number words, quarter ordinals, "twice", "Q", "US", currency codes. With
 * the endings they spare most words the lookup.
 */
const START_PREFIXES = new PrefixSet([
  ...NUMBER_WORD_STARTS,
  ...["ers", "zwe", "dri", "vie", "fir", "sec", "thi", "fou", "twi"],
  ...["q", "us", "usd", "eur", "gbp", "chf", "jpy"],
]);
const TIMES_ENDINGS = ["mal", "fach", "fold"];

/** Does text[start, end), lower-cased, end with `ending`? Undecided (true) when a unit is beyond Latin-1. */
function mayEndWith(text: string, start: number, end: number, ending: string): boolean {
  // Lower case keeps the length of Latin-1 text, and a unit beyond it answers true below before this matters.
  if (end - start < ending.length) return false;
  for (let k = 1; k <= ending.length; k++) {
    const c = text.charCodeAt(end - k);
    if (c > 0xff) return true;
    if (latin1Lower(c) !== ending.charCodeAt(ending.length - k)) return false;
  }
  return true;
}

/** False only where `classifyStart` says None, read from char codes: no string, no lookup. */
function mayStartWord(text: string, tok: QuantityToken): boolean {
  const prefix = latin1Prefix3(text, tok.start, tok.end);
  if (prefix === -1 || START_PREFIXES.has(prefix)) return true;
  for (const ending of TIMES_ENDINGS) if (mayEndWith(text, tok.start, tok.end, ending)) return true;
  return false;
}

function startKind(t: string): Start {
  let kind = startKinds.get(t);
  if (kind === undefined) {
    kind = classifyStart(t);
    if (startKinds.size >= START_KINDS_LIMIT) startKinds.clear();
    startKinds.set(t, kind);
  }
  return kind;
}

/** Could an amount start at token `i`? A cheap test that spares most words the matchers. */
function mayStartAmount(s: Scan, i: number): boolean {
  const tok = s.toks[i] as QuantityToken;
  if (tok.kind === "num") return true;
  if (tok.kind === "sym") {
    if (tok.text === "-" || tok.text === "−" || tok.text === "+") return s.toks[i + 1]?.kind === "num";
    return UNIT_SYMBOLS[tok.text] !== undefined && tok.text !== "%";
  }
  if (!mayStartWord(s.text, tok)) return false;
  const kind = startKind(tok.text);
  if (kind !== Start.Article) return kind !== Start.None;
  // An article is the number one only before a scale or unit ("eine Milliarde", "einen PetaFLOP").
  const j = next(s, i);
  const after = j === undefined ? undefined : s.toks[j];
  if (after === undefined) return false;
  return (
    after.text === "hundred" ||
    scaleOf(after.text, s.lang) !== undefined ||
    readUnit(s, j as number) !== undefined
  );
}

/**
 * All quantities in a sentence, left to right, as written. `lang` decides decimal marks and what
 * "Billion" means. Vague amounts without a number ("Hunderttausende", "Milliarden an Investitionen") are skipped:
 * they have no value worth stating.
 */
export function findQuantities(sentence: string, lang: Lang): Quantity[] {
  return mayHoldQuantity(sentence) ? scanQuantities(sentence, lang) : [];
}

/** `findQuantities` without the quick test that spares sentences without numbers (exported for its test). */
export function scanQuantities(sentence: string, lang: Lang): Quantity[] {
  const toks = tokenize(sentence);
  const s: Scan = { text: sentence, toks, blocked: [], lang };
  const matches: Match[] = [];
  let consumed = -1;
  let masked = false;
  for (let i = 0; i < toks.length; i++) {
    if (s.blocked[i] || !mayStartAmount(s, i)) continue;
    // Masks (URLs, dates, times) cost a dozen regex passes: only sentences with a candidate pay them.
    if (!masked) {
      s.blocked = blockedTokens(sentence, toks);
      masked = true;
      if (s.blocked[i] || !mayStartAmount(s, i)) continue;
    }
    const m = matchQuarter(s, i) ?? matchDimensions(s, i) ?? matchTimes(s, i) ?? matchAmount(s, i);
    if (!m) continue;
    let blocked = false;
    for (let b = m.first; b <= m.last && !blocked; b++) blocked = s.blocked[b] === true;
    if (blocked) continue;
    if (m.unit === "year") m.first = yearStart(s, m, consumed);
    matches.push(m);
    consumed = m.last;
    i = m.last;
  }
  // "zwischen 40 und 50 Milliarden Dollar", "Umsatz von 5 Mrd. bei Kosten von 2 Mrd. Dollar": bare scaled numbers
  // take the sentence's only currency.
  let only: FigureUnit | undefined;
  for (const m of matches) {
    if (!CURRENCIES.has(m.unit)) continue;
    if (only === undefined) only = m.unit;
    else if (only !== m.unit) {
      only = undefined;
      break;
    }
  }
  return matches.map((m) => {
    const start = (toks[m.first] as QuantityToken).start;
    const end = (toks[m.last] as QuantityToken).end;
    const unit = m.bare && only ? only : m.unit;
    return { text: sentence.slice(start, end), value: m.value, unit, start, end };
  });
}
