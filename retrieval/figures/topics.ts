/** Topic words of a figure for filtering: names, nouns of its label, sentence and section, unit words. */
import { type Quantity, scaleOf, UNIT_TOPICS } from "../quantity/index.ts";
import { entityOf } from "./entities.ts";
import { isCap, isFunction, wordsOf } from "./words.ts";

function isTopicWord(part: string): boolean {
  if (part.length < 2 || /^\d/.test(part) || isFunction(part)) return false;
  if (scaleOf(part, "de") !== undefined || /^(dollar|euro|prozent|percent)$/i.test(part)) return false;
  // Adjectives capitalised at a sentence start ("Europäische") are no topic.
  if (/ische[nrms]?$/i.test(part)) return false;
  return part.length >= 3 || /^\p{Lu}+$/u.test(part);
}

export function topicsOf(label: string, texts: string[], q: Quantity, entities: Set<string>): string[] {
  const out = new Set<string>();
  const add = (w: string) => out.add(w.toLowerCase());
  for (const text of [label, ...texts]) {
    for (const w of wordsOf(text)) {
      const bare = w.text.replace(/['’]s$/, "");
      const name = entityOf(w.text, entities);
      if (name) add(name);
      // Label words count in any case; other text contributes its nouns and names.
      if (!isCap(bare) && text !== label) continue;
      const parts = bare.split(/[-‑]/).filter(Boolean);
      if (parts.length > 1 && isTopicWord(bare)) add(bare);
      for (const part of parts) {
        const partName = entityOf(part, entities);
        if (partName) add(partName);
        else if (isTopicWord(part) && (isCap(part) || text === label)) add(part);
      }
    }
  }
  for (const unitWord of UNIT_TOPICS[q.unit]) add(unitWord);
  const prefixed = /(kilo|mega|giga|tera)watt|(peta|tera|exa)flop/i.exec(q.text);
  if (prefixed) add(prefixed[0]);
  return [...out];
}
