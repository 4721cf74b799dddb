/** Names in a document, found without a dictionary, and the helpers labels use to find owners. */
import { STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";
import {
  AND_JOINERS,
  DETERMINERS,
  foldWord,
  isCap,
  isFunction,
  isInflected,
  isMeasureWord,
  type Word,
  words,
  wordsOf,
} from "./words.ts";

/** Generic acronyms and unit words that look like names but are not what a figure is "about". */
const NOT_ENTITIES =
  words(`ki ai it ip api apis ceo cfo cto coo agi usd eur us gw mw kw tw pc gpu gpus cpu tpu llm
  llms ml ar vr hr pr ag se sa gmbh inc ltd co flops flop pflops tflops petaflop petaflops teraflop teraflops exaflop
  exaflops q kpi ipo tops esg b2b b2c faq pdf url mio mrd bn dollar euro prozent milliarden millionen billion
  billionen`);
/** German noun endings; a capitalised word with one of them is a common noun, not a name. */
const NOUN_SUFFIX =
  /(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|itäten|nis|nisse|tum|ismus|enz|anz)$/i;

/**
 * How the corpus writes its words inside sentences. A word that is capitalised only where a sentence starts
 * and written in lower case elsewhere ("Obwohl", "Insbesondere", "Vollständigere") is no noun.
 */
export interface Vocabulary {
  lowerInside: Set<string>;
  capitalisedInside: Set<string>;
}

export const emptyVocabulary = (): Vocabulary => ({ lowerInside: new Set(), capitalisedInside: new Set() });

/** A capitalised word the corpus otherwise writes in lower case: capitalised only for its position. */
export function isCapitalisedByPosition(word: string, vocabulary: Vocabulary): boolean {
  if (!isCap(word) || vocabulary.capitalisedInside.has(word)) return false;
  return vocabulary.lowerInside.has(word.charAt(0).toLowerCase() + word.slice(1));
}

/** Marks after which a capitalised word starts a sentence (or a bullet) rather than standing inside one. */
const SENTENCE_MARKS = new Set([":", ".", "!", "?", "•"]);

/** The last visible character between two offsets ("" when there is only space). */
function lastMark(text: string, from: number, to: number): string {
  for (let c = to - 1; c >= from; c--) {
    const ch = text.charAt(c);
    if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\u00a0") return ch;
  }
  return "";
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

interface WordStats {
  count: number;
  article: boolean;
  adjective: boolean;
  afterFunction: boolean;
  midSentence: boolean;
}

/**
 * Names in a document, found without a dictionary: words with inner capitals or digits ("OpenAI", "AMD",
 * "GN100"); words that also occur with a genitive -s and never with an article ("Microsoft"/"Microsofts");
 * capitalised words that recur without article or adjective, once right after a function word ("für Azure",
 * "und Anthropic"); in English text, capitalised words inside a sentence.
 */
export function detectEntities(texts: string[], lang: Lang = "de", vocabulary?: Vocabulary): Set<string> {
  const entities = new Set<string>();
  const standalone = new Set<string>();
  const stats = new Map<string, WordStats>();
  const statsOf = (part: string): WordStats => {
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
    const ws = wordsOf(text);
    let capitals = 0;
    for (const w of ws) if (isCap(w.text)) capitals++;
    const titleCase = capitals > ws.length * 0.6;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as Word;
      const cap = isCap(w.text);
      // Only the gap between two words is looked at (slicing from the start of the text would be quadratic).
      const gapEnd = i > 0 ? lastMark(text, (ws[i - 1] as Word).end, w.start) : "";
      const inside = i > 0 && !titleCase && !SENTENCE_MARKS.has(gapEnd);
      if (vocabulary && inside) (cap ? vocabulary.capitalisedInside : vocabulary.lowerInside).add(w.text);
      // Most words are lower case and hold no name: they only count as context for the next word.
      if (!cap && !w.text.includes("-") && !w.text.includes("‑")) continue;
      const prev = ws[i - 1]?.text;
      const prevFolded = foldWord(prev ?? "");
      // After a comma "den"/"die" is a relative pronoun ("…, den Nvidia und OpenAI bauen wollten").
      const relativePronoun =
        i > 1 && lastMark(text, (ws[i - 2] as Word).end, (ws[i - 1] as Word).start) === ",";
      const bare = w.text.endsWith("s") && /['’]s$/.test(w.text) ? w.text.slice(0, -2) : w.text;
      const parts = bare.includes("-") || bare.includes("‑") ? bare.split(/[-‑]/) : [bare];
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p] as string;
        const kind = partKind(part);
        if (kind === PART_SKIP) continue;
        const partCap = kind !== PART_LOWER;
        if (kind === PART_INNER_CAPITAL) entities.add(part);
        if (p > 0 || !partCap) continue;
        const entry = statsOf(part);
        entry.count++;
        if (DETERMINERS.has(prevFolded) && !relativePronoun) entry.article = true;
        else if (STOPWORDS.has(prevFolded)) entry.afterFunction = true;
        // "die neue Fabrik", "in neue Werke": an inflected word after an article or preposition is an adjective.
        else if (isInflected(prev) && STOPWORDS.has(foldWord(ws[i - 2]?.text ?? ""))) entry.adjective = true;
        if (i > 0 && !titleCase && !":.!?".includes(gapEnd || "x")) entry.midSentence = true;
      }
      if (!cap) continue;
      if (!w.text.includes("-")) standalone.add(w.text);
      if (bare !== w.text && /^\p{Lu}[\p{L}\p{N}]+$/u.test(bare) && !NOT_ENTITIES.has(foldWord(bare)))
        entities.add(bare);
    }
  }
  for (const [word, s] of stats) {
    if (s.article || isFunction(word) || word.length < 3) continue;
    // Names take a genitive -s without an article ("Microsofts"); common nouns take "des … -s".
    const genitive = standalone.has(`${word}s`) && !stats.get(`${word}s`)?.article;
    const recurring = s.count >= 2 && s.afterFunction && !s.adjective && !NOUN_SUFFIX.test(word);
    const englishName = lang === "en" && s.midSentence;
    if (genitive || recurring || englishName) entities.add(word);
  }
  // "OpenAIs" is OpenAI's genitive, not a second name.
  for (const name of [...entities])
    if (name.endsWith("s") && entities.has(name.slice(0, -1))) entities.delete(name);
  return entities;
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
