/**
 * Finds quantities as written in German or English news text and converts them to base units:
 * "100-Milliarden-Dollar" → 1e11 USD, "1 Billion Dollar" (de) → 1e12, "zehn Gigawatt" → 1e10 W,
 * "einen PetaFLOP" → 1e15 FLOPS, "Q1 2026" → quarter, "fünfmal" → 5 times.
 * Pure functions; no I/O. Dates, times, URLs and product names ("GN100", "GPT-4", "Q1" alone) are not amounts.
 */
import type { FigureUnit, Lang } from "../types.ts";

export interface Quantity {
  /** The amount as written, e.g. "$37,5 Milliarden". */
  text: string;
  value: number;
  unit: FigureUnit;
  /** Character offsets of `text` in the scanned sentence. */
  start: number;
  end: number;
}

export interface Token {
  kind: "num" | "word" | "sym";
  text: string;
  start: number;
  end: number;
}

/** Digits with inner separators ("1.000,5"), letter runs, or any other single visible character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)*)|(\p{L}+)|(\S)/gu)) {
    const kind = m[1] !== undefined ? "num" : m[2] !== undefined ? "word" : "sym";
    const start = m.index ?? 0;
    tokens.push({ kind, text: m[0], start, end: start + m[0].length });
  }
  return tokens;
}

/**
 * Parses digits in the convention of `lang`: German "37,5" = 37.5 and "1.000" = 1000; English "1,000" = 1000.
 * The other convention's decimal mark is tolerated when it cannot be a thousands group ("1.5" in German text).
 */
export function parseLocaleNumber(raw: string, lang: Lang): number | undefined {
  if (!/^\d+(?:[.,]\d+)*$/.test(raw)) return undefined;
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

export function parseGermanNumber(raw: string): number | undefined {
  return parseLocaleNumber(raw, "de");
}

// --- number words -------------------------------------------------------------------------------

const DE_DIGITS: Record<string, number> = {
  ein: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
const DE_TEENS: Record<string, number> = {
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
const DE_TENS: Record<string, number> = {
  zwanzig: 20,
  dreißig: 30,
  dreissig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};
/** Forms of "ein" that are usually the article; they count as 1 only before a scale or unit. */
const ARTICLE_WORDS = new Set(["ein", "eine", "einen", "einem", "einer", "eines", "eins", "a", "an", "one"]);

const EN_SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

function lookup(table: Record<string, number>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function deBelow100(s: string): number | undefined {
  const direct = lookup(DE_TEENS, s) ?? lookup(DE_TENS, s) ?? lookup(DE_DIGITS, s);
  if (direct !== undefined) return direct;
  const m = /^(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(\p{L}+)$/u.exec(s);
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

/**
 * Value of a single number word, German or English ("zehn" → 10, "zweihundert" → 200, "einen" → 1,
 * "twenty-five" → 25). Vague plurals ("Hunderttausende", "Milliarden") are not numbers.
 */
export function parseNumberWord(word: string): number | undefined {
  const w = word.toLowerCase();
  if (ARTICLE_WORDS.has(w)) return 1;
  const en = /^(\p{L}+)-(\p{L}+)$/u.exec(w);
  if (en) {
    const tens = lookup(EN_TENS, en[1] as string);
    const unit = lookup(EN_SMALL, en[2] as string);
    return tens !== undefined && unit !== undefined && unit < 10 ? tens + unit : undefined;
  }
  return lookup(EN_SMALL, w) ?? lookup(EN_TENS, w) ?? (w === "hundred" ? 100 : parseGermanNumberWord(w));
}

// --- scales and units ---------------------------------------------------------------------------

/**
 * Multiplier of a scale word. "Billion" depends on the language: German Billion = 10^12, English billion
 * = 10^9. A capitalised "Billion" in German text is the German noun; lower-case "billion" is English
 * in either text (German nouns are capitalised).
 */
export function scaleOf(word: string, lang: Lang): number | undefined {
  const bare = word.replace(/\.$/, "");
  const w = bare.toLowerCase();
  switch (w) {
    case "tausend":
    case "tsd":
    case "thousand":
    case "thousands":
    case "k":
      return 1e3;
    case "million":
    case "millionen":
    case "millions":
    case "mio":
    case "mn":
    case "m":
      return 1e6;
    case "milliarde":
    case "milliarden":
    case "mrd":
    case "bn":
    case "b":
    case "billions":
      return 1e9;
    case "billion":
      return lang === "de" && bare === "Billion" ? 1e12 : 1e9;
    case "billionen":
    case "trillion":
    case "trillions":
    case "tn":
    case "trn":
    case "t":
      return 1e12;
    case "bio":
      return lang === "de" ? 1e12 : undefined;
    case "billiarde":
    case "billiarden":
    case "quadrillion":
      return 1e15;
    default:
      return undefined;
  }
}

/** One-letter scale suffixes ("$250B", "$5m") mean a scale only next to a currency. */
const CURRENCY_ONLY_SCALES = new Set(["b", "m", "k", "t", "tn", "trn", "mn"]);

type UnitSpec = { unit: FigureUnit; factor: number };

const UNIT_WORDS: Record<string, UnitSpec> = {
  dollar: { unit: "USD", factor: 1 },
  dollars: { unit: "USD", factor: 1 },
  usd: { unit: "USD", factor: 1 },
  euro: { unit: "EUR", factor: 1 },
  euros: { unit: "EUR", factor: 1 },
  eur: { unit: "EUR", factor: 1 },
  w: { unit: "W", factor: 1 },
  watt: { unit: "W", factor: 1 },
  watts: { unit: "W", factor: 1 },
  kw: { unit: "W", factor: 1e3 },
  kilowatt: { unit: "W", factor: 1e3 },
  kilowatts: { unit: "W", factor: 1e3 },
  mw: { unit: "W", factor: 1e6 },
  megawatt: { unit: "W", factor: 1e6 },
  megawatts: { unit: "W", factor: 1e6 },
  gw: { unit: "W", factor: 1e9 },
  gigawatt: { unit: "W", factor: 1e9 },
  gigawatts: { unit: "W", factor: 1e9 },
  tw: { unit: "W", factor: 1e12 },
  terawatt: { unit: "W", factor: 1e12 },
  terawatts: { unit: "W", factor: 1e12 },
  flop: { unit: "FLOPS", factor: 1 },
  flops: { unit: "FLOPS", factor: 1 },
  gigaflop: { unit: "FLOPS", factor: 1e9 },
  gigaflops: { unit: "FLOPS", factor: 1e9 },
  gflops: { unit: "FLOPS", factor: 1e9 },
  teraflop: { unit: "FLOPS", factor: 1e12 },
  teraflops: { unit: "FLOPS", factor: 1e12 },
  tflops: { unit: "FLOPS", factor: 1e12 },
  petaflop: { unit: "FLOPS", factor: 1e15 },
  petaflops: { unit: "FLOPS", factor: 1e15 },
  pflops: { unit: "FLOPS", factor: 1e15 },
  pflop: { unit: "FLOPS", factor: 1e15 },
  exaflop: { unit: "FLOPS", factor: 1e18 },
  exaflops: { unit: "FLOPS", factor: 1e18 },
  eflops: { unit: "FLOPS", factor: 1e18 },
  prozent: { unit: "%", factor: 1 },
  percent: { unit: "%", factor: 1 },
  prozentpunkte: { unit: "%", factor: 1 },
  mm: { unit: "m", factor: 1e-3 },
  millimeter: { unit: "m", factor: 1e-3 },
  millimeters: { unit: "m", factor: 1e-3 },
  millimetre: { unit: "m", factor: 1e-3 },
  millimetres: { unit: "m", factor: 1e-3 },
  cm: { unit: "m", factor: 1e-2 },
  zentimeter: { unit: "m", factor: 1e-2 },
  centimeter: { unit: "m", factor: 1e-2 },
  centimeters: { unit: "m", factor: 1e-2 },
  m: { unit: "m", factor: 1 },
  meter: { unit: "m", factor: 1 },
  metern: { unit: "m", factor: 1 },
  meters: { unit: "m", factor: 1 },
  metres: { unit: "m", factor: 1 },
  km: { unit: "m", factor: 1e3 },
  kilometer: { unit: "m", factor: 1e3 },
  kilometern: { unit: "m", factor: 1e3 },
  kilometers: { unit: "m", factor: 1e3 },
};
const UNIT_SYMBOLS: Record<string, UnitSpec> = {
  $: { unit: "USD", factor: 1 },
  "€": { unit: "EUR", factor: 1 },
  "%": { unit: "%", factor: 1 },
};

const MONTHS =
  "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|" +
  "january|february|march|may|june|july|october|december|jan|feb|mär|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dez|dec";
const MONTH_RE = new RegExp(`^(?:${MONTHS})$`, "i");
/** Words that may precede a year and belong to how it is written ("Ende 2023", "mid-2025"). */
const YEAR_QUALIFIERS = new RegExp(
  `^(?:ende|anfang|mitte|frühjahr|frühling|sommer|herbst|winter|early|mid|late|${MONTHS})$`,
  "i",
);
/** Prepositions that make a following four-digit number a year rather than a count ("seit 2023 Kunden"). */
const YEAR_PREPOSITIONS = /^(?:im|in|seit|bis|ab|vor|nach|jahr|jahres|von|since|until|by|from|year)$/i;
/** Capitalised words that may precede a count without making it part of a name ("Rund 500 Mitarbeiter"). */
const COUNT_LEADERS =
  /^(?:über|rund|etwa|fast|knapp|mehr|weniger|nur|insgesamt|bis|gut|circa|ca|mindestens|bereits|schon|about|over|nearly|almost|some|around|more|less|only|at|least)$/i;
const EN_NOT_NOUNS = new Set(
  "and or of to in on at by for from with than the a an per is are was were be been has have had will would as that this which who it its percent times".split(
    " ",
  ),
);

// --- masking: spans that look numeric but are not amounts -------------------------------------------------

const MASKS: RegExp[] = [
  /(?:https?:\/\/|www\.)\S+/giu,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
  /(?<![\p{L}\d-])[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|de|io|ai|co|eu|gov|edu|info|news|app|dev|tv|uk|my|at|ch|fr)(?:\/\S*)?(?![\p{L}\d])/giu,
  // 01/02/2026, 31.01.2026, 1-2-26; glued text after the year is allowed ("01/02/2026Nvidia").
  /(?<!\d)\d{1,2}([./-])\d{1,2}\1\d{2,4}(?!\d)/gu,
  /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/gu,
  /(?<!\d)\d{1,2}\.\d{1,2}\.(?!\d)/gu,
  new RegExp(`(?<!\\d)\\d{1,2}\\.\\s?(?:${MONTHS})\\.?(?:\\s\\d{4})?(?!\\p{L})`, "giu"),
  new RegExp(`(?<!\\p{L})(?:${MONTHS})\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}(?!\\d)`, "giu"),
  new RegExp(`(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\s(?:${MONTHS})\\.?,?\\s\\d{4}(?!\\d)`, "giu"),
  /(?<!\d)\d{1,2}:\d{2}(?!\d)/gu,
];

function maskedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const re of MASKS) {
    for (const m of text.matchAll(re)) ranges.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return ranges;
}

// --- scanner ------------------------------------------------------------------------------------

interface Scan {
  text: string;
  toks: Token[];
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

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? "";
const isCap = (t: Token | undefined) => t?.kind === "word" && /^\p{Lu}/u.test(t.text);

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
  const gap = s.text.slice((s.toks[i] as Token).end, tok.start);
  return /^[ \t\u00a0\u202f]{1,2}$/.test(gap) ? j : undefined;
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
    if (after.kind === "word") {
      const w = after.text.toLowerCase();
      const known =
        scaleOf(after.text, s.lang) !== undefined ||
        Object.hasOwn(UNIT_WORDS, w) ||
        w === "x" ||
        w === "mal" ||
        w === "fach" ||
        w === "fold";
      if (!known) return true;
    }
  }
  return false;
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
  const w = tok.text.toLowerCase();
  const scale = scaleOf(tok.text, s.lang);
  if (scale === undefined) return undefined;
  const needsCurrency = CURRENCY_ONLY_SCALES.has(w);
  // Without a currency a glued "m" is metres, a spaced "M"/"B" is likely an initial: not a scale.
  if (needsCurrency && (!attached(s, j) || (w === "m" && !hasCurrency))) return undefined;
  let last = j;
  if (/^(?:mio|mrd|bio|tsd)$/.test(w) && s.toks[j + 1]?.text === "." && attached(s, j + 1)) last = j + 1;
  return { scale, last, needsCurrency };
}

function readUnit(s: Scan, j: number): { spec: UnitSpec; last: number } | undefined {
  const tok = s.toks[j];
  if (!tok) return undefined;
  if (tok.kind === "sym") {
    const spec = UNIT_SYMBOLS[tok.text];
    return spec ? { spec, last: j } : undefined;
  }
  if (tok.kind !== "word") return undefined;
  // "US-Dollar", "US$".
  if (tok.text === "US") {
    const k = next(s, j);
    if (k !== undefined && (lower(s.toks[k]) === "dollar" || s.toks[k]?.text === "$")) {
      return { spec: { unit: "USD", factor: 1 }, last: k };
    }
    return undefined;
  }
  const w = tok.text.toLowerCase();
  if (!Object.hasOwn(UNIT_WORDS, w)) return undefined;
  const spec = UNIT_WORDS[w] as UnitSpec;
  let last = j;
  // "FLOP/s".
  if (
    spec.unit === "FLOPS" &&
    s.toks[j + 1]?.text === "/" &&
    lower(s.toks[j + 2]) === "s" &&
    attached(s, j + 2)
  ) {
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
    // One inflected adjective before the noun: "drei neue Rechenzentren".
    if (/^\p{Ll}+(e|en|er|es|em)$/u.test(tok.text)) {
      const k = next(s, j, false);
      if (k !== undefined && isCap(s.toks[k]) && !MONTH_RE.test(s.toks[k]?.text ?? "")) return k;
    }
    return undefined;
  }
  return /^\p{Ll}{3,}$/u.test(tok.text) && !EN_NOT_NOUNS.has(tok.text) ? j : undefined;
}

function matchQuarter(s: Scan, i: number): Match | undefined {
  const tok = s.toks[i];
  const yearAt = (k: number | undefined) => {
    const y = k === undefined ? undefined : s.toks[k];
    return y?.kind === "num" && /^(19|20)\d\d$/.test(y.text) ? Number(y.text) : undefined;
  };
  const quarter = (q: number, k: number | undefined): Match | undefined => {
    const year = yearAt(k);
    return year === undefined
      ? undefined
      : { first: i, last: k as number, value: year + (q - 1) / 4, unit: "quarter" };
  };
  // "Q1 2026", "Q1/2026"
  if (tok?.kind === "word" && /^Q$/i.test(tok.text) && attached(s, i + 1)) {
    const q = Number(s.toks[i + 1]?.text);
    if (!(q >= 1 && q <= 4) || s.toks[i + 1]?.kind !== "num") return undefined;
    const sep = s.toks[i + 2];
    const k = sep?.text === "/" && attached(s, i + 2) ? i + 3 : next(s, i + 1, false);
    return quarter(q, k);
  }
  // "1. Quartal 2026"
  if (tok?.kind === "num" && /^[1-4]$/.test(tok.text) && s.toks[i + 1]?.text === "." && attached(s, i + 1)) {
    const k = i + 2;
    if (lower(s.toks[k]) !== "quartal") return undefined;
    return quarter(Number(tok.text), next(s, k, false));
  }
  // "ersten Quartal 2026", "first quarter of 2026"
  const ordinal = /^(erst|zweit|dritt|viert)(e|en|er|es|em)?$|^(first|second|third|fourth)$/i.exec(
    tok?.text ?? "",
  );
  if (tok?.kind === "word" && ordinal) {
    const q = ["erst", "zweit", "dritt", "viert", "first", "second", "third", "fourth"].indexOf(
      (ordinal[1] ?? ordinal[3] ?? "").toLowerCase(),
    );
    const k = next(s, i, false);
    if (k === undefined || !/^(quartal|quarter)$/i.test(s.toks[k]?.text ?? "")) return undefined;
    let y = next(s, k, false);
    if (y !== undefined && /^(of|des)$/i.test(s.toks[y]?.text ?? "")) y = next(s, y, false);
    return quarter((q % 4) + 1, y);
  }
  return undefined;
}

/** "150 x 150 x 50,5mm": one figure, valued by its longest edge in metres. */
function matchDimensions(s: Scan, i: number): Match | undefined {
  if (s.toks[i]?.kind !== "num") return undefined;
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
  return { first: i, last: unit.last, value: Math.max(...dims) * unit.spec.factor, unit: "m" };
}

/** "fünfmal", "5-mal", "5 Mal", "zehnfach", "five times", "3x". */
function matchTimes(s: Scan, i: number): Match | undefined {
  const tok = s.toks[i];
  if (tok?.kind === "word") {
    const m = /^(\p{L}+?)(mal|fach|fold)$/u.exec(tok.text.toLowerCase());
    if (m) {
      const n = parseNumberWord(m[1] as string);
      if (n !== undefined && n >= 2 && !ARTICLE_WORDS.has(m[1] as string)) {
        return { first: i, last: i, value: n, unit: "times" };
      }
    }
    if (/^twice$/i.test(tok.text)) return { first: i, last: i, value: 2, unit: "times" };
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

function matchAmount(s: Scan, i: number): Match | undefined {
  let k = i;
  let currency: UnitSpec | undefined;
  const first = s.toks[k];
  if (first?.kind === "sym" && (first.text === "$" || first.text === "€")) {
    currency = UNIT_SYMBOLS[first.text];
  } else if (first?.text === "US" && s.toks[k + 1]?.text === "$" && attached(s, k + 1)) {
    currency = UNIT_SYMBOLS.$;
    k++;
  } else if (first?.kind === "word" && /^(USD|EUR)$/.test(first.text) && s.toks[k + 1]?.kind === "num") {
    currency = UNIT_WORDS[first.text.toLowerCase()];
  }
  if (currency) {
    const j = next(s, k, false);
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
  if (unit && !(currency && unit.spec.unit !== currency.unit)) last = unit.last;
  const spec = currency ?? unit?.spec;
  if (sc?.needsCurrency && spec?.unit !== "USD" && spec?.unit !== "EUR") return undefined;

  const value = round(n * scale * (spec?.factor ?? 1));
  if (spec) return { first: i, last, value, unit: spec.unit };
  if (fromWords && (article || n < 2) && !hasScale) return undefined;

  // A plain four-digit number in the usual range is a year ("2032", "Ende 2023").
  const isYearShape = numTok?.kind === "num" && /^(19|20)\d\d$/.test(numTok.text) && !hasScale && sign === 1;
  const noun = countedNoun(s, next(s, last, false));
  if (isYearShape && (noun === undefined || YEAR_PREPOSITIONS.test(s.toks[i - 1]?.text ?? ""))) {
    return { first: i, last, value: n, unit: "year" };
  }
  // Counts: "500 Mitarbeiter", not "Windows 11 Nutzer" (a capitalised word right before is a name).
  const prev = s.toks[i - 1];
  const namePrefix = isCap(prev) && i - 1 > 0 && !COUNT_LEADERS.test(prev?.text ?? "") && !attached(s, i);
  if (noun !== undefined && !namePrefix) return { first: i, last: noun, value, unit: "count" };
  if (hasScale && !namePrefix) return { first: i, last, value, unit: "count", bare: true };
  return undefined;
}

/** Twelve significant digits: 1.3 × 1e9 should be 1300000000, not 1300000000.0000002. */
function round(v: number): number {
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

/**
 * All quantities in a sentence, left to right, as written. `lang` decides decimal marks and what
 * "Billion" means. Vague amounts without a number ("Hunderttausende", "Milliarden an Investitionen") are skipped:
 * they have no value worth stating.
 */
export function findQuantities(sentence: string, lang: Lang): Quantity[] {
  const toks = tokenize(sentence);
  const ranges = maskedRanges(sentence);
  const blocked = toks.map((t) => ranges.some(([a, b]) => t.start < b && t.end > a));
  const s: Scan = { text: sentence, toks, blocked, lang };
  const matches: Match[] = [];
  let consumed = -1;
  for (let i = 0; i < toks.length; i++) {
    if (blocked[i]) continue;
    const m = matchQuarter(s, i) ?? matchDimensions(s, i) ?? matchTimes(s, i) ?? matchAmount(s, i);
    if (!m || blocked.slice(m.first, m.last + 1).some(Boolean)) continue;
    if (m.unit === "year") m.first = yearStart(s, m, consumed);
    matches.push(m);
    consumed = m.last;
    i = m.last;
  }
  // "zwischen 40 und 50 Milliarden Dollar", "Umsatz von 5 Mrd. bei Kosten von 2 Mrd. Dollar": bare scaled numbers
  // take the sentence's only currency.
  const currencies = new Set(matches.filter((m) => m.unit === "USD" || m.unit === "EUR").map((m) => m.unit));
  const only = currencies.size === 1 ? [...currencies][0] : undefined;
  return matches.map((m) => {
    const start = (toks[m.first] as Token).start;
    const end = (toks[m.last] as Token).end;
    const unit = m.bare && only ? only : m.unit;
    return { text: sentence.slice(start, end), value: m.value, unit, start, end };
  });
}
