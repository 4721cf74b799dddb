/** Names in a document, found without a dictionary, and the helpers labels use to find owners. */
import type { Lang } from "../types.ts";
import { CAP, CorpusWords, DETERMINER, INFLECTED, STOPWORD } from "./corpus-words.ts";
import {
  AND_JOINERS,
  foldOf,
  foldWord,
  isCap,
  isFunction,
  isMeasureWord,
  isWordChar,
  type Word,
  wordEnd,
  words,
} from "./words.ts";

/**
 * Acronyms and unit words that look like names but are not what a figure is "about". Not a general list:
 * picked from tech and finance news like the seed article (chips, compute, AI), so an article from another
 * field may need its own.
 */
const NOT_ENTITIES =
  words(`ki ai it ip api apis ceo cfo cto coo agi usd eur us gw mw kw tw pc gpu gpus cpu tpu llm
  llms ml ar vr hr pr ag se sa gmbh inc ltd co flops flop pflops tflops petaflop petaflops teraflop teraflops exaflop
  exaflops q kpi ipo tops esg b2b b2c faq pdf url mio mrd bn dollar euro prozent milliarden millionen billion
  billionen`);
/** German noun endings; a capitalised word with one of them is a common noun, not a name. */
const NOUN_SUFFIX =
  /(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|itäten|nis|nisse|tum|ismus|enz|anz)$/i;

/** Marks after which a capitalised word starts a sentence (or a bullet) rather than standing inside one. */
const isSentenceMark = (c: number) => c === 58 || c === 46 || c === 33 || c === 63 || c === 0x2022;
/** The same marks without the bullet: a word after them is no longer mid-sentence. */
const isStopMark = (c: number) => c === 58 || c === 46 || c === 33 || c === 63;
const COMMA = 44;

/** The last visible character between two offsets, as a char code (0 when there is only space). */
function lastMark(text: string, from: number, to: number): number {
  for (let c = to - 1; c >= from; c--) {
    const ch = text.charCodeAt(c);
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 0xa0) return ch;
  }
  return 0;
}

const PART_SKIP = 0;
const PART_LOWER = 1;
const PART_CAPITAL = 2;
const PART_INNER_CAPITAL = 3;
const partKinds = new Map<string, number>();

/** What a word part can be, by spelling alone (memoized: the same words recur through a corpus). */
function partKind(part: string): number {
  let kind = partKinds.get(part);
  if (kind === undefined) {
    if (
      !/\p{L}/u.test(part) ||
      NOT_ENTITIES.has(foldWord(part)) ||
      /^[QH][1-4]$/i.test(part) ||
      isMeasureWord(part)
    ) {
      kind = PART_SKIP;
    } else if (!isCap(part)) kind = PART_LOWER;
    // Inner capitals or digits make a name ("OpenAI", "AMD", "GN100").
    else kind = /[\p{Lu}\p{N}]/u.test(part.slice(1)) ? PART_INNER_CAPITAL : PART_CAPITAL;
    if (partKinds.size >= 100_000) partKinds.clear();
    partKinds.set(part, kind);
  }
  return kind;
}

const functionWord = (word: string) => (isFunction(word) ? 1 : 0);

/** What name detection notes of a capitalised word in a document (bits of `tally.marks`). */
const ARTICLE = 1;
const ADJECTIVE = 2;
const AFTER_FUNCTION = 4;
const MID_SENTENCE = 8;

/**
 * Per word number, what detection counts in the document at hand: typed arrays reused from document to document
 * instead of a map of objects per document (a corpus has millions of capitalised words). A slot counts only when
 * its stamp is the current document's; `counted` lists the words counted, first count first.
 */
const tally = {
  document: 0,
  stamp: new Int32Array(1024),
  count: new Int32Array(1024),
  marks: new Uint8Array(1024),
  standalone: new Int32Array(1024),
  counted: [] as number[],
};

/** Makes room for word numbers below `size` (the word table grows while a document is read). */
function tallyRoom(size: number): void {
  if (size <= tally.stamp.length) return;
  const length = Math.max(size, tally.stamp.length * 2);
  const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => {
    fresh.set(old);
    return fresh;
  };
  tally.stamp = grow(tally.stamp, new Int32Array(length));
  tally.count = grow(tally.count, new Int32Array(length));
  tally.marks = grow(tally.marks, new Uint8Array(length));
  tally.standalone = grow(tally.standalone, new Int32Array(length));
}

/** Starts counting a new document: every stamp of earlier ones is stale. */
function newTally(): number {
  if (tally.document === 0x7fffffff) {
    tally.document = 0;
    tally.stamp.fill(0);
    tally.standalone.fill(0);
  }
  tally.document++;
  tally.counted.length = 0;
  return tally.document;
}

/** Counts one capitalised occurrence of `part`. */
function countWord(part: number, document: number): void {
  if (tally.stamp[part] !== document) {
    tally.stamp[part] = document;
    tally.count[part] = 0;
    tally.marks[part] = 0;
    tally.counted.push(part);
  }
  tally.count[part] = (tally.count[part] as number) + 1;
}

/** Word offsets and numbers of one text, in reusable buffers (detection reads millions of words). */
const starts: number[] = [];
const ends: number[] = [];
const ids: number[] = [];

export type WordsListener = (
  text: number,
  count: number,
  ids: number[],
  starts: number[],
  ends: number[],
) => void;

/**
 * Names in a document, found without a dictionary: words with inner capitals or digits ("OpenAI", "AMD",
 * "GN100"); words that also occur with a genitive -s and never with an article ("Microsoft"/"Microsofts");
 * capitalised words that recur without article or adjective, once right after a function word ("für Azure",
 * "und Anthropic"); in English text, capitalised words inside a sentence. `words` is the run's word table
 * (it also learns how the corpus writes each word inside sentences). `onWords` hears the words of each text
 * (its index in `texts`, the count, word numbers and offsets in buffers that the next text overwrites).
 */
export function detectEntities(
  texts: string[],
  lang: Lang = "de",
  words = new CorpusWords(),
  onWords?: WordsListener,
): Set<string> {
  const entities = new Set<string>();
  const document = newTally();
  for (let t = 0; t < texts.length; t++) {
    const raw = texts[t] as string;
    const text =
      raw.includes("http") || raw.includes("www.") ? raw.replace(/(?:https?:\/\/|www\.)\S+/g, " ") : raw;
    const n = scanWords(text, words);
    tallyRoom(words.text.length);
    const { marks, standalone } = tally;
    // (A text with a web address was scanned without it: its offsets are not the text's.)
    if (onWords && text === raw) onWords(t, n, ids, starts, ends);
    let capitals = 0;
    for (let i = 0; i < n; i++) if (words.is(ids[i] as number, CAP)) capitals++;
    const titleCase = capitals > n * 0.6;
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      const cap = words.is(id, CAP);
      // Only the gap between two words is looked at (slicing from the start of the text would be quadratic).
      const gapEnd = i > 0 ? lastMark(text, ends[i - 1] as number, starts[i] as number) : 0;
      const inside = i > 0 && !titleCase && !isSentenceMark(gapEnd);
      if (inside) words.seenInside(id);
      // Most words are lower case and hold no name: they only count as context for the next word.
      if (!cap && !words.hasHyphen(id)) continue;
      const prev = i > 0 ? (ids[i - 1] as number) : -1;
      // After a comma "den"/"die" is a relative pronoun ("…, den Nvidia und OpenAI bauen wollten").
      const relativePronoun =
        i > 1 && lastMark(text, ends[i - 2] as number, starts[i - 1] as number) === COMMA;
      const parts = words.parts(id);
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p] as number;
        const kind = words.memo(part, partKind);
        if (kind === PART_SKIP) continue;
        const partCap = kind !== PART_LOWER;
        if (kind === PART_INNER_CAPITAL) entities.add(words.text[part] as string);
        if (p > 0 || !partCap) continue;
        countWord(part, document);
        if (prev >= 0 && words.is(prev, DETERMINER) && !relativePronoun)
          marks[part] = (marks[part] as number) | ARTICLE;
        else if (prev >= 0 && words.is(prev, STOPWORD))
          marks[part] = (marks[part] as number) | AFTER_FUNCTION;
        // "die neue Fabrik", "in neue Werke": an inflected word after an article or preposition is an adjective.
        else if (prev >= 0 && words.is(prev, INFLECTED) && i > 1 && words.is(ids[i - 2] as number, STOPWORD))
          marks[part] = (marks[part] as number) | ADJECTIVE;
        if (i > 0 && !titleCase && !isStopMark(gapEnd)) marks[part] = (marks[part] as number) | MID_SENTENCE;
      }
      if (!cap) continue;
      if (!words.hasAsciiHyphen(id)) standalone[id] = document;
      const bare = words.bare(id);
      if (bare !== null && /^\p{Lu}[\p{L}\p{N}]+$/u.test(bare) && !NOT_ENTITIES.has(foldWord(bare)))
        entities.add(bare);
    }
  }
  for (const part of tally.counted) {
    const word = words.text[part] as string;
    const partMarks = tally.marks[part] as number;
    if (partMarks & ARTICLE || words.memo(part, functionWord) === 1 || word.length < 3) continue;
    // Names take a genitive -s without an article ("Microsofts"); common nouns take "des … -s".
    // (Numbering the -s form is harmless: a spelling the text never had is in no document's word lists.)
    const genitiveId = words.withS(part);
    tallyRoom(words.text.length);
    const genitive =
      tally.standalone[genitiveId] === document &&
      !(tally.stamp[genitiveId] === document && (tally.marks[genitiveId] as number) & ARTICLE);
    const recurring =
      (tally.count[part] as number) >= 2 &&
      partMarks & AFTER_FUNCTION &&
      !(partMarks & ADJECTIVE) &&
      !NOUN_SUFFIX.test(word);
    const englishName = lang === "en" && (partMarks & MID_SENTENCE) !== 0;
    if (genitive || recurring || englishName) entities.add(word);
  }
  // "OpenAIs" is OpenAI's genitive, not a second name.
  for (const name of [...entities])
    if (name.endsWith("s") && entities.has(name.slice(0, -1))) entities.delete(name);
  return entities;
}

/** The words of `text` as `wordsOf` finds them, into the buffers above as word numbers; returns the count. */
function scanWords(text: string, words: CorpusWords): number {
  let count = 0;
  for (let i = 0; i < text.length; ) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    starts[count] = i;
    ends[count] = end;
    ids[count] = words.id(text.slice(i, end));
    count++;
    i = end;
  }
  return count;
}

/** "Microsofts" → "Microsoft", "OpenAI's" → "OpenAI" when the base is a known name. */
export function genitiveBase(word: string | undefined, entities: Set<string>): string | undefined {
  if (!word || word.length < 2 || !word.endsWith("s")) return undefined;
  const base = word.slice(0, -1);
  const last = base.charAt(base.length - 1);
  if ((last === "'" || last === "’") && base.length > 1 && isCap(base)) return base.slice(0, -1);
  return entities.has(base) ? base : undefined;
}

export function entityOf(word: string, entities: Set<string>): string | undefined {
  return entities.has(word) ? word : genitiveBase(word, entities);
}

export const hasName = (ws: Word[], entities: Set<string>) =>
  ws.some((w) => w.text.split(/[-‑]/).some((part) => entityOf(part, entities)));

/** First run of names joined by "und"/"and" ("Nvidia und OpenAI" → "Nvidia & OpenAI"). */
export function firstEntityGroup(ws: Word[], entities: Set<string>): string | undefined {
  for (let i = 0; i < ws.length; i++) {
    const first = entityOf((ws[i] as Word).text, entities);
    if (!first) continue;
    const group = [first];
    for (let j = i + 1; AND_JOINERS.has(foldOf(ws[j])) && ws[j + 1]; j += 2) {
      const more = entityOf((ws[j + 1] as Word).text, entities);
      if (!more) break;
      group.push(more);
    }
    return group.join(" & ");
  }
  return undefined;
}
