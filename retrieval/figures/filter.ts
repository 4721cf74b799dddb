/**
 * Filtering key figures by topic or unit, and topic suggestions for autocomplete.
 * Matching folds case and umlauts ("Rechenkapazitat", "rechenkapazität" and "Rechenkapazitaet" are the same).
 */

import { FILTER_UNIT_WORDS, UNIT_SYMBOLS, UNIT_TOPIC_NAMES, UNIT_WORDS } from "../quantity/index.ts";
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Figure, FigureFilter, FigureUnit } from "../types.ts";

/** Lowercase, umlauts and ß folded, and the spelled-out umlauts "ae/oe/ue" folded the same way. */
export function foldTopic(text: string): string {
  return foldText(text).replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");
}

/** Units a query word names: the words above, every unit word and symbol of the lexicon, years and times. */
const QUERY_UNITS: Record<string, FigureUnit[]> = (() => {
  const out: Record<string, FigureUnit[]> = {};
  const add = (word: string, units: FigureUnit[]) => {
    const key = foldTopic(word);
    out[key] = [...new Set([...(out[key] ?? []), ...units])];
  };
  // Bare letters ("m", "l", "g") would make every one-letter query a unit filter.
  const yearWords = ["jahr", "jahre", "year", "years"];
  for (const [word, spec] of UNIT_WORDS)
    if (word.length > 1 && !yearWords.includes(word)) add(word, [spec.unit]);
  for (const [symbol, spec] of Object.entries(UNIT_SYMBOLS)) add(symbol, [spec.unit]);
  for (const word of yearWords) add(word, ["year"]);
  for (const word of ["mal", "times"]) add(word, ["times"]);
  for (const [word, units] of Object.entries(FILTER_UNIT_WORDS)) add(word, units);
  return out;
})();

function unitsOf(term: string): FigureUnit[] | undefined {
  const key = foldTopic(term);
  return Object.hasOwn(QUERY_UNITS, key) ? QUERY_UNITS[key] : undefined;
}

function haystack(f: Figure): string {
  return foldTopic([f.label, f.quote, f.section, f.text, ...f.topics].join(" \u0000 "));
}

/** A query word matches as is, or without a German/English inflection ("Microsofts", "Investitionen"). */
function termMatches(hay: string, term: string): boolean {
  if (hay.includes(term)) return true;
  for (const ending of ["s", "es", "en", "n", "e", "er"]) {
    if (
      term.length - ending.length >= 4 &&
      term.endsWith(ending) &&
      hay.includes(term.slice(0, -ending.length))
    ) {
      return true;
    }
  }
  return false;
}

/** Content words of a topic query, folded; unit words are returned apart. */
function parseTopic(topic: string): { terms: string[]; units: FigureUnit[][] } {
  const terms: string[] = [];
  const units: FigureUnit[][] = [];
  for (const raw of topic.toLowerCase().match(/[$€%]|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) {
    const mapped = unitsOf(raw);
    if (mapped) units.push(mapped);
    else if (!STOPWORDS.has(foldText(raw))) terms.push(foldTopic(raw));
  }
  return { terms, units };
}

/**
 * Figures matching the filter, in their original order. Every content word of `topic` must occur in a
 * figure's label, quote, section or topics; unit words ("Gigawatt", "Prozent", "money", "power") select by unit.
 */
export function filterFigures(figures: Figure[], filter: FigureFilter = {}): Figure[] {
  const { terms, units } = parseTopic(filter.topic ?? "");
  return figures.filter((f) => {
    if (filter.unit && f.unit !== filter.unit) return false;
    if (filter.keyOnly && !f.key) return false;
    if (filter.distinct && !f.primary) return false;
    if (filter.documentId !== undefined && f.documentId !== filter.documentId) return false;
    if (!units.every((allowed) => allowed.includes(f.unit))) return false;
    if (terms.length === 0) return true;
    const hay = haystack(f);
    return terms.every((t) => termMatches(hay, t));
  });
}

const UNIT_TOPIC_WORDS = new Set(Object.keys(QUERY_UNITS).map(foldTopic));

const MAX_SUGGESTIONS = 25;
const MAX_SUGGESTION_CHARS = 100;

/** The spelling a topic has in the figures' labels or quotes ("openai" → "OpenAI"). */
function displayForm(topic: string, figures: Figure[]): string {
  const escaped = topic.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
  for (const f of figures) {
    const m = re.exec(f.label) ?? re.exec(f.quote) ?? re.exec(f.section);
    if (m) return m[0];
  }
  return topic.charAt(0).toUpperCase() + topic.slice(1);
}

/**
 * Topic suggestions for autocomplete: the words most figures share (names first, as they recur most),
 * then one word per unit present. At most 25, each at most 100 characters.
 */
export function figureTopics(figures: Figure[]): string[] {
  const counts = new Map<string, { n: number; inLabel: number; first: number }>();
  figures.forEach((f, i) => {
    const label = foldTopic(f.label);
    const quote = foldTopic(f.quote);
    for (const topic of new Set(f.topics)) {
      // Section words repeat for every figure of a section; only what the figure's own sentence says counts.
      const folded = foldTopic(topic);
      if (UNIT_TOPIC_WORDS.has(folded) || !(quote.includes(folded) || label.includes(folded))) continue;
      const entry = counts.get(topic) ?? { n: 0, inLabel: 0, first: i };
      entry.n++;
      if (label.includes(folded)) entry.inLabel++;
      counts.set(topic, entry);
    }
  });
  const units = [...new Set(figures.map((f) => f.unit))].map((u) => UNIT_TOPIC_NAMES[u]);
  const ranked = [...counts.entries()]
    .filter(([, c]) => c.n >= 2 || c.inLabel >= 1)
    .sort(([, a], [, b]) => b.n + b.inLabel - (a.n + a.inLabel) || a.first - b.first)
    .map(([topic]) => displayForm(topic, figures));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of [...ranked.slice(0, MAX_SUGGESTIONS - units.length), ...units]) {
    const key = foldTopic(t);
    if (seen.has(key) || t.length > MAX_SUGGESTION_CHARS) continue;
    seen.add(key);
    out.push(t);
  }
  return out.slice(0, MAX_SUGGESTIONS);
}
