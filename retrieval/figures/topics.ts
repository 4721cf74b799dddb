/** Topic words of a figure for filtering: names, nouns of its label, sentence and section, unit words. */
import { type Quantity, scaleOf, UNIT_TOPICS } from "../quantity/index.ts";
import type { CorpusWords } from "./corpus-words.ts";
import { entityOf } from "./entities.ts";
import { isCap, isFunction, type Word } from "./words.ts";

const topicWords = new Map<string, boolean>();

function isTopicWord(part: string): boolean {
  let known = topicWords.get(part);
  if (known === undefined) {
    known = topicWordUncached(part);
    if (topicWords.size >= 100_000) topicWords.clear();
    topicWords.set(part, known);
  }
  return known;
}

function topicWordUncached(part: string): boolean {
  if (part.length < 2 || /^\d/.test(part) || isFunction(part)) return false;
  if (scaleOf(part, "de") !== undefined || /^(dollar|euro|prozent|percent)$/i.test(part)) return false;
  // Adjectives capitalised at a sentence start ("Europäische") are no topic.
  if (/ische[nrms]?$/i.test(part)) return false;
  return part.length >= 3 || /^\p{Lu}+$/u.test(part);
}

/**
 * The topic word a plain capitalised word gives when it names no one: itself in lower case, or "" when it is no
 * topic; null for a word with hyphen parts or a genitive 's, which `textTopics` reads part by part.
 */
function plainTopic(word: string): string | null {
  if (word.includes("-") || word.includes("‑") || /['’]s$/.test(word)) return null;
  return isTopicWord(word) ? word.toLowerCase() : "";
}

/**
 * Topic words of a text's words, in order: label words count in any case, other text only its nouns and names.
 * `corpus` (the run's word table) remembers per word what a capitalised word gives.
 */
export function textTopics(
  words: Word[],
  isLabel: boolean,
  entities: Set<string>,
  corpus?: CorpusWords,
): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const name = entityOf(w.text, entities);
    if (name) out.add(name.toLowerCase());
    // (Dropping a genitive 's keeps the first letter: the word's case is its bare form's.)
    if (!isLabel && !isCap(w.text)) continue;
    if (!isLabel && !name && corpus && w.id !== undefined) {
      const topic = corpus.memo(w.id, plainTopic);
      if (topic !== null) {
        if (topic) out.add(topic);
        continue;
      }
    }
    const bare = w.text.endsWith("s") && /['’]s$/.test(w.text) ? w.text.slice(0, -2) : w.text;
    const parts = bare.includes("-") || bare.includes("‑") ? bare.split(/[-‑]/).filter(Boolean) : [bare];
    if (parts.length > 1 && isTopicWord(bare)) out.add(bare.toLowerCase());
    for (const part of parts) {
      const partName = entityOf(part, entities);
      if (partName) out.add(partName.toLowerCase());
      else if (isTopicWord(part) && (isCap(part) || isLabel)) out.add(part.toLowerCase());
    }
  }
  return [...out];
}

const PREFIXED_UNIT = /(kilo|mega|giga|tera)watt|(peta|tera|exa)flop/i;

/** A figure's topic words: its label's, then its sentence's and section's (`textTopics`), then its unit's. */
export function topicsOf(label: string[], sentence: string[], section: string[], q: Quantity): string[] {
  const out = new Set<string>(label);
  for (const t of sentence) out.add(t);
  for (const t of section) out.add(t);
  for (const unitWord of UNIT_TOPICS[q.unit]) out.add(unitWord);
  const prefixed = PREFIXED_UNIT.exec(q.text);
  if (prefixed) out.add(prefixed[0].toLowerCase());
  return [...out];
}
