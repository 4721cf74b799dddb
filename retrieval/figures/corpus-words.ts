/**
 * The corpus's words for one figure extraction: every distinct spelling gets a number the first time it is
 * seen, and what name detection asks of a word (case, fold, article or stop word, hyphen parts) is worked out
 * once per spelling and kept in arrays by that number. A word occurrence then costs one map lookup however many
 * questions are asked of it; before, each question was its own lookup or regex, for every word of the corpus.
 * It also remembers how the corpus writes each word inside sentences (capitalised or not), which labels use.
 */
import { STOPWORDS } from "../text/stopwords.ts";
import { DETERMINERS, foldWord, isCap, isFunction, isInflected, type Word } from "./words.ts";

/** Flags of a spelling (bits of `CorpusWords.flags`). */
export const CAP = 1;
const HYPHEN = 2;
const ASCII_HYPHEN = 4;
export const DETERMINER = 8;
export const STOPWORD = 16;
export const INFLECTED = 32;
const LOWER_INSIDE = 64;
const CAPITALISED_INSIDE = 128;
/** DETERMINER, STOPWORD and INFLECTED are known (they need a fold and a regex: worked out when first asked). */
const FOLD_FLAGS = 256;

export class CorpusWords {
  private readonly ids = new Map<string, number>();
  /** Spelling of each word number. */
  readonly text: string[] = [];
  /** Flags of each word number (CAP, DETERMINER …; read them with `is`). */
  private readonly flags: number[] = [];
  /** The word's parts for name detection (genitive 's dropped, split at hyphens), as word numbers; lazy. */
  private readonly partIds: Array<number[] | undefined> = [];
  private readonly byPosition: Array<boolean | undefined> = [];
  /** Per word number, a value some caller works out once (`memo`); lazy. */
  private readonly memos = new Map<(word: string) => unknown, unknown[]>();
  /** The word without its genitive 's when that leaves a different spelling ("OpenAI's" → "OpenAI"); lazy. */
  private readonly bareOf: Array<string | null | undefined> = [];
  private readonly withSOf: Array<number | undefined> = [];
  private readonly foldedOf: Array<string | undefined> = [];
  /**
   * Word runs kept for later readers ([count, id, start, end, id, start, end …] each): name detection cuts every
   * sentence; labels, topics and facts read the ones with amounts again and get their words from here.
   */
  private runs = new Int32Array(1 << 16);
  private used = 0;

  /** The number of a spelling, assigned on first sight. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.text.length;
      this.ids.set(word, id);
      this.text.push(word);
      this.flags.push(flagsOf(word));
      this.partIds.push(undefined);
      this.bareOf.push(undefined);
    }
    return id;
  }

  /** Keeps `count` words (numbers and offsets) of a text; returns where to find them (`wordsAt`). */
  keepRun(count: number, ids: number[], starts: number[], ends: number[]): number {
    const need = this.used + 1 + 3 * count;
    if (need > this.runs.length) {
      const grown = new Int32Array(Math.max(need, this.runs.length * 2));
      grown.set(this.runs.subarray(0, this.used));
      this.runs = grown;
    }
    const run = this.used;
    const runs = this.runs;
    let at = run;
    runs[at++] = count;
    for (let i = 0; i < count; i++) {
      runs[at++] = ids[i] as number;
      runs[at++] = starts[i] as number;
      runs[at++] = ends[i] as number;
    }
    this.used = at;
    return run;
  }

  /**
   * The words of a kept run, as `wordsOf` finds them in its text, each spelled by the table's own string (later
   * lookups by that string find their key without comparing characters) and carrying its number.
   */
  wordsAt(run: number): Word[] {
    const runs = this.runs;
    const count = runs[run] as number;
    const out = new Array<Word>(count);
    for (let i = 0, r = run + 1; i < count; i++, r += 3) {
      const id = runs[r] as number;
      const text = this.text[id] as string;
      let folded = this.foldedOf[id];
      if (folded === undefined) {
        folded = foldWord(text);
        this.foldedOf[dense(this.foldedOf, id)] = folded;
      }
      const functional = this.memo(id, isFunction);
      out[i] = { text, start: runs[r + 1] as number, end: runs[r + 2] as number, id, folded, functional };
    }
    return out;
  }

  /** `compute(word)` for this word number, worked out once per run (`compute` must not return undefined). */
  memo<T>(id: number, compute: (word: string) => T): T {
    let values = this.memos.get(compute);
    if (!values) {
      values = [];
      this.memos.set(compute, values);
    }
    let value = values[id] as T | undefined;
    if (value === undefined) {
      value = compute(this.text[id] as string);
      values[dense(values, id)] = value;
    }
    return value;
  }

  /**
   * The number of the word with an "s" added ("Microsoft" → "Microsofts"), a genitive name detection asks about
   * for every capitalised word of every document; numbered on first ask, so later asks are one array read.
   */
  withS(id: number): number {
    let plural = this.withSOf[id];
    if (plural === undefined) {
      plural = this.id(`${this.text[id] as string}s`);
      this.withSOf[dense(this.withSOf, id)] = plural;
    }
    return plural;
  }

  /** The number of a spelling seen before, else -1. */
  known(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  /** The word without a genitive 's ("OpenAI's" → "OpenAI"); null when there is none. */
  bare(id: number): string | null {
    let bare = this.bareOf[id];
    if (bare === undefined) {
      const word = this.text[id] as string;
      bare = word.endsWith("s") && /['’]s$/.test(word) ? word.slice(0, -2) : null;
      this.bareOf[id] = bare;
    }
    return bare;
  }

  /** The parts name detection reads: the bare word split at hyphens ("Azure-Services" → Azure, Services). */
  parts(id: number): number[] {
    let parts = this.partIds[id];
    if (parts === undefined) {
      const bare = this.bare(id) ?? (this.text[id] as string);
      parts =
        bare.includes("-") || bare.includes("‑")
          ? bare.split(/[-‑]/).map((p) => this.id(p))
          : [this.id(bare)];
      this.partIds[id] = parts;
    }
    return parts;
  }

  /** Whether the word has all of `flag` (CAP, DETERMINER, STOPWORD, INFLECTED). */
  is(id: number, flag: number): boolean {
    let flags = this.flags[id] as number;
    if (flag & (DETERMINER | STOPWORD | INFLECTED) && !(flags & FOLD_FLAGS)) {
      flags |= foldFlagsOf(this.text[id] as string);
      this.flags[id] = flags;
    }
    return (flags & flag) === flag;
  }

  hasAsciiHyphen(id: number): boolean {
    return ((this.flags[id] as number) & ASCII_HYPHEN) !== 0;
  }

  hasHyphen(id: number): boolean {
    return ((this.flags[id] as number) & HYPHEN) !== 0;
  }

  /** Notes that the corpus writes this word (capitalised or not) inside a sentence. */
  seenInside(id: number): void {
    const flags = this.flags[id] as number;
    this.flags[id] = flags | (flags & CAP ? CAPITALISED_INSIDE : LOWER_INSIDE);
  }

  /** `isCapitalisedByPosition` by word number, once per word (call it only after every text was read). */
  isCapitalisedByPositionId(id: number): boolean {
    let known = this.byPosition[id];
    if (known === undefined) {
      known = this.isCapitalisedByPosition(this.text[id] as string);
      this.byPosition[dense(this.byPosition, id)] = known;
    }
    return known;
  }

  /** A capitalised word the corpus otherwise writes in lower case: capitalised only for its position. */
  isCapitalisedByPosition(word: string): boolean {
    if (!isCap(word)) return false;
    const id = this.known(word);
    if (id >= 0 && ((this.flags[id] as number) & CAPITALISED_INSIDE) !== 0) return false;
    const lower = this.known(word.charAt(0).toLowerCase() + word.slice(1));
    return lower >= 0 && ((this.flags[lower] as number) & LOWER_INSIDE) !== 0;
  }
}

/**
 * Makes `values[id]` a dense slot before it is written: an array written far past its end turns into a slow
 * dictionary, and lazily filled tables are written in no order.
 */
function dense(values: unknown[], id: number): number {
  for (let i = values.length; i <= id; i++) values.push(undefined);
  return id;
}

function flagsOf(word: string): number {
  let flags = 0;
  if (isCap(word)) flags |= CAP;
  if (word.includes("-")) flags |= HYPHEN | ASCII_HYPHEN;
  else if (word.includes("‑")) flags |= HYPHEN;
  return flags;
}

function foldFlagsOf(word: string): number {
  let flags = FOLD_FLAGS;
  const folded = foldWord(word);
  if (DETERMINERS.has(folded)) flags |= DETERMINER;
  if (STOPWORDS.has(folded)) flags |= STOPWORD;
  if (isInflected(word)) flags |= INFLECTED;
  return flags;
}
