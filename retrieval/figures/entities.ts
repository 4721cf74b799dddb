/** Names in a document, found without a dictionary, and the helpers labels use to find owners. */
import type { Lang } from "../types.ts";
import { CAP, CorpusWords, DETERMINER, INFLECTED, STOPWORD } from "./corpus-words.ts";
import {
  AND_JOINERS,
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

interface WordStats {
  count: number;
  article: boolean;
  adjective: boolean;
  afterFunction: boolean;
  midSentence: boolean;
}

/** Word offsets and numbers of one text, in reusable buffers (detection reads millions of words). */
const starts: number[] = [];
const ends: number[] = [];
const ids: number[] = [];

/**
 * Names in a document, found without a dictionary: words with inner capitals or digits ("OpenAI", "AMD",
 * "GN100"); words that also occur with a genitive -s and never with an article ("Microsoft"/"Microsofts");
 * capitalised words that recur without article or adjective, once right after a function word ("für Azure",
 * "und Anthropic"); in English text, capitalised words inside a sentence. `words` is the run's word table
 * (it also learns how the corpus writes each word inside sentences).
 */
export function detectEntities(texts: string[], lang: Lang = "de", words = new CorpusWords()): Set<string> {
  const entities = new Set<string>();
  const standalone = new Set<number>();
  const stats = new Map<number, WordStats>();
  const statsOf = (part: number): WordStats => {
    let entry = stats.get(part);
    if (!entry) {
      entry = { count: 0, article: false, adjective: false, afterFunction: false, midSentence: false };
      stats.set(part, entry);
    }
    return entry;
  };
  for (const raw of texts) {
    const text =
      raw.includes("http") || raw.includes("www.") ? raw.replace(/(?:https?:\/\/|www\.)\S+/g, " ") : raw;
    const n = scanWords(text, words);
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
        const entry = statsOf(part);
        entry.count++;
        if (prev >= 0 && words.is(prev, DETERMINER) && !relativePronoun) entry.article = true;
        else if (prev >= 0 && words.is(prev, STOPWORD)) entry.afterFunction = true;
        // "die neue Fabrik", "in neue Werke": an inflected word after an article or preposition is an adjective.
        else if (prev >= 0 && words.is(prev, INFLECTED) && i > 1 && words.is(ids[i - 2] as number, STOPWORD))
          entry.adjective = true;
        if (i > 0 && !titleCase && !isStopMark(gapEnd)) entry.midSentence = true;
      }
      if (!cap) continue;
      if (!words.hasAsciiHyphen(id)) standalone.add(id);
      const bare = words.bare(id);
      if (bare !== null && /^\p{Lu}[\p{L}\p{N}]+$/u.test(bare) && !NOT_ENTITIES.has(foldWord(bare)))
        entities.add(bare);
    }
  }
  for (const [part, s] of stats) {
    const word = words.text[part] as string;
    if (s.article || words.memo(part, functionWord) === 1 || word.length < 3) continue;
    // Names take a genitive -s without an article ("Microsofts"); common nouns take "des … -s".
    const genitiveId = words.known(`${word}s`);
    const genitive = genitiveId >= 0 && standalone.has(genitiveId) && !stats.get(genitiveId)?.article;
    const recurring = s.count >= 2 && s.afterFunction && !s.adjective && !NOUN_SUFFIX.test(word);
    const englishName = lang === "en" && s.midSentence;
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
    for (let j = i + 1; AND_JOINERS.has(foldWord(ws[j]?.text ?? "")) && ws[j + 1]; j += 2) {
      const more = entityOf((ws[j + 1] as Word).text, entities);
      if (!more) break;
      group.push(more);
    }
    return group.join(" & ");
  }
  return undefined;
}
