/** Names in a document, found without a dictionary, and the helpers labels use to find owners. */
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";
import {
  AND_JOINERS,
  DETERMINERS,
  isCap,
  isFunction,
  isInflected,
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
export function detectEntities(texts: string[], lang: Lang = "de"): Set<string> {
  const entities = new Set<string>();
  const standalone = new Set<string>();
  const stats = new Map<string, WordStats>();
  for (const text of texts) {
    const ws = wordsOf(text.replace(/(?:https?:\/\/|www\.)\S+/g, " "));
    const titleCase = ws.filter((w) => isCap(w.text)).length > ws.length * 0.6;
    ws.forEach((w, i) => {
      const prev = ws[i - 1]?.text;
      const prevFolded = foldText(prev ?? "");
      // After a comma "den"/"die" is a relative pronoun ("…, den Nvidia und OpenAI bauen wollten").
      // (Only the gap between two words is tested: slicing from the start of the text made this quadratic.)
      const relativePronoun = i > 0 && /,\s*$/.test(text.slice(ws[i - 2]?.end ?? 0, ws[i - 1]?.start ?? 0));
      const parts = w.text.replace(/['’]s$/, "").split(/[-‑]/);
      parts.forEach((part, p) => {
        if (!/\p{L}/u.test(part) || NOT_ENTITIES.has(foldText(part)) || /^[QH][1-4]$/i.test(part)) return;
        if (/^\p{Lu}/u.test(part) && /[\p{Lu}\p{N}]/u.test(part.slice(1))) entities.add(part);
        if (p > 0 || !isCap(part)) return;
        const entry = stats.get(part) ?? {
          count: 0,
          article: false,
          adjective: false,
          afterFunction: false,
          midSentence: false,
        };
        entry.count++;
        if (DETERMINERS.has(prevFolded) && !relativePronoun) entry.article = true;
        else if (STOPWORDS.has(prevFolded)) entry.afterFunction = true;
        // "die neue Fabrik", "in neue Werke": an inflected word after an article or preposition is an adjective.
        else if (isInflected(prev) && STOPWORDS.has(foldText(ws[i - 2]?.text ?? ""))) entry.adjective = true;
        if (i > 0 && !titleCase && !/[:.!?]\s*$/.test(text.slice(ws[i - 1]?.end ?? 0, w.start))) {
          entry.midSentence = true;
        }
        stats.set(part, entry);
      });
      if (isCap(w.text) && !w.text.includes("-")) standalone.add(w.text);
      const possessive = /^(\p{Lu}[\p{L}\p{N}]+)['’]s$/u.exec(w.text);
      if (possessive && !NOT_ENTITIES.has(foldText(possessive[1] as string)))
        entities.add(possessive[1] as string);
    });
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
  if (!word) return undefined;
  const apostrophe = /^(.+)['’]s$/u.exec(word);
  if (apostrophe && isCap(apostrophe[1])) return apostrophe[1];
  const m = /^(.+)s$/u.exec(word);
  return m && entities.has(m[1] as string) ? m[1] : undefined;
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
    for (let j = i + 1; AND_JOINERS.has(foldText(ws[j]?.text ?? "")) && ws[j + 1]; j += 2) {
      const more = entityOf((ws[j + 1] as Word).text, entities);
      if (!more) break;
      group.push(more);
    }
    return group.join(" & ");
  }
  return undefined;
}
