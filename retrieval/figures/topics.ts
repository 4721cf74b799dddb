/** Topic words of a figure for filtering: names, nouns of its label, sentence and section, unit words. */
import { type Quantity, scaleOf, UNIT_TOPICS } from "../quantity/index.ts";
import { entityOf } from "./entities.ts";
import { isCap, isFunction, wordsOf } from "./words.ts";

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

/** Topic words one text contributes (label words count in any case, other text only its nouns and names). */
function textTopics(text: string, isLabel: boolean, entities: Set<string>, out: Set<string>): void {
  const add = (w: string) => out.add(w.toLowerCase());
  for (const w of wordsOf(text)) {
    const bare = w.text.endsWith("s") && /['’]s$/.test(w.text) ? w.text.slice(0, -2) : w.text;
    const name = entityOf(w.text, entities);
    if (name) add(name);
    if (!isCap(bare) && !isLabel) continue;
    const parts = bare.includes("-") || bare.includes("‑") ? bare.split(/[-‑]/).filter(Boolean) : [bare];
    if (parts.length > 1 && isTopicWord(bare)) add(bare);
    for (const part of parts) {
      const partName = entityOf(part, entities);
      if (partName) add(partName);
      else if (isTopicWord(part) && (isCap(part) || isLabel)) add(part);
    }
  }
}

/** Remembers the topics of sentences and sections, which many figures share, for one extraction run. */
export type TopicCache = Map<string, string[]>;

export function topicsOf(
  label: string,
  texts: string[],
  q: Quantity,
  entities: Set<string>,
  cache: TopicCache = new Map(),
): string[] {
  const out = new Set<string>();
  const labelKey = `\u0000${label}`;
  let labelTopics = cache.get(labelKey);
  if (!labelTopics) {
    const own = new Set<string>();
    textTopics(label, true, entities, own);
    labelTopics = [...own];
    cache.set(labelKey, labelTopics);
  }
  for (const t of labelTopics) out.add(t);
  for (const text of texts) {
    let topics = cache.get(text);
    if (!topics) {
      const own = new Set<string>();
      textTopics(text, false, entities, own);
      topics = [...own];
      cache.set(text, topics);
    }
    for (const t of topics) out.add(t);
  }
  for (const unitWord of UNIT_TOPICS[q.unit]) out.add(unitWord);
  const prefixed = /(kilo|mega|giga|tera)watt|(peta|tera|exa)flop/i.exec(q.text);
  if (prefixed) out.add(prefixed[0].toLowerCase());
  return [...out];
}
