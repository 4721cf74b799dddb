/**
 * The scanner's tokens, read from char codes: the tokenizer runs on every sentence that may hold an amount, at
 * index time, and a regex with a match object per token was the costliest part of the scan.
 * They must agree with the regexes they replace exactly, beyond Latin-1 too, so the character classes are asked of
 * the regex engine itself (`\p{L}`, `\s`) once per UTF-16 unit and cached.
 */

export interface QuantityToken {
  kind: "num" | "word" | "sym";
  text: string;
  start: number;
  end: number;
}

const KNOWN = 1;
const LETTER = 2;
const SPACE = 4;
/** Class bits per UTF-16 unit, filled on first sight: a corpus touches few of the 65,536 units. */
const unitClasses = new Uint8Array(0x10000);
const LETTER_RE = /^\p{L}$/u;
const SPACE_RE = /^\s$/u;

function unitClass(unit: number): number {
  let bits = unitClasses[unit] as number;
  if (bits === 0) {
    // A lone surrogate is neither a letter nor a space to a /u regex; String.fromCharCode keeps it lone.
    const ch = String.fromCharCode(unit);
    bits = KNOWN | (LETTER_RE.test(ch) ? LETTER : 0) | (SPACE_RE.test(ch) ? SPACE : 0);
    unitClasses[unit] = bits;
  }
  return bits;
}

function isDigit(c: number): boolean {
  // `\d` is ASCII only, even with the u flag.
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A surrogate pair is one code point to a /u regex; a lone surrogate is a code point of its own. */
function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Length in UTF-16 units of the letter (`\p{L}`) at `i`: 0 if none, 2 for a letter beyond the BMP. */
function letterLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c) ? 1 : 0;
  if (isPairAt(text, i)) return LETTER_RE.test(text.slice(i, i + 2)) ? 2 : 0;
  return unitClass(c) & LETTER ? 1 : 0;
}

/** End of the letter run (maximal `\p{L}+`) that holds the letter at `i`; ASCII letters take the short way. */
function letterRunEnd(text: string, i: number): number {
  const n = text.length;
  let end = i;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (c < 128) {
      if (!isAsciiLetter(c)) break;
      end++;
    } else {
      const len = letterLength(text, end);
      if (len === 0) break;
      end += len;
    }
  }
  return end;
}

/** Whitespace as `\s` sees it (never beyond the BMP). */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (unitClass(c) & SPACE) !== 0;
}

/** End of `\d+(?:[.,]\d+)*` from `i`: a separator joins only when a digit follows ("1.000,5"; "5." ends at 5). */
function numberEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    while (isDigit(text.charCodeAt(j))) j++;
    const sep = text.charCodeAt(j);
    if ((sep !== 46 && sep !== 44) || !isDigit(text.charCodeAt(j + 1))) return j;
    j += 2;
  }
}

/**
 * Digits with inner separators ("1.000,5"), letter runs, or any other single visible character: the tokens of
 * `/(\d+(?:[.,]\d+)*)|(\p{L}+)|(\S)/gu`, read without the regex.
 */
export function tokenize(text: string): QuantityToken[] {
  const tokens: QuantityToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let kind: QuantityToken["kind"];
    let end: number;
    if (isDigit(c)) {
      kind = "num";
      end = numberEnd(text, i);
    } else if (c < 128 ? isAsciiLetter(c) : letterLength(text, i) > 0) {
      kind = "word";
      end = letterRunEnd(text, i);
    } else if (isSpace(c)) {
      i++;
      continue;
    } else {
      kind = "sym";
      end = i + (isPairAt(text, i) ? 2 : 1);
    }
    tokens.push({ kind, text: text.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

/** Lower case of a Latin-1 unit (A–Z, À–Þ but ×), as toLowerCase gives it; any other unit is returned as it is. */
export function latin1Lower(c: number): number {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ? c + 32 : c;
}

/**
 * The first three units of a word (all of a shorter one) lower-cased, as one number: Sets of word beginnings are
 * asked without making a string. -1 when one of them is beyond Latin-1, where lower case may change lengths ("İ"):
 * the caller then takes the slow, exact path. A word holds no NUL, so a shorter word's key is its own.
 */
export function latin1Prefix3(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < start + 3; i++) {
    const c = i < end ? text.charCodeAt(i) : 0;
    if (c > 0xff) return -1;
    key = (key << 8) | latin1Lower(c);
  }
  return key;
}

/** `latin1Prefix3` of a whole word, for building the Sets. */
export function prefix3Key(word: string): number {
  return latin1Prefix3(word, 0, word.length);
}

/**
 * A set of word beginnings as `latin1Prefix3` keys, asked once per word: a table by the first two letters, with a
 * bit per third letter a–z, answers nearly every word without the Set (whose lookup cost more than the rest).
 */
export class PrefixSet {
  /** Bit n: a beginning with third letter "a" + n; bit 31: one with another third unit (or none), in `keys`. */
  private readonly thirdLetters = new Uint32Array(0x10000);
  private readonly keys = new Set<number>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const key = prefix3Key(word);
      if (key === -1) throw new Error(`PrefixSet: "${word}" is not Latin-1`);
      this.keys.add(key);
      const third = key & 0xff;
      const bit = third >= 97 && third <= 122 ? 1 << (third - 97) : 1 << 31;
      this.thirdLetters[key >>> 8] = (this.thirdLetters[key >>> 8] as number) | bit;
    }
  }

  has(key: number): boolean {
    if (key === -1) return false;
    const bits = this.thirdLetters[key >>> 8] as number;
    if (bits === 0) return false;
    const third = key & 0xff;
    if (third >= 97 && third <= 122) return ((bits >>> (third - 97)) & 1) === 1;
    return (bits & (1 << 31)) !== 0 && this.keys.has(key);
  }
}
