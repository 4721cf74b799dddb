/**
 * Compiles Ding dictionary lines into the lexicon the repository ships (format: retrieval/lexical/lexicon-format.ts).
 *
 * - Translations come from sub-entries that correspond by position on both sides of a line; each pair scores
 *   1/√(synonyms of the translation on its side), less for later synonyms and sub-entries (inflected forms,
 *   examples), summed over the whole dictionary and weighted by how common the translation is in the
 *   dictionary; a word keeps its best few translations. Archaic, rare and vulgar senses are left out.
 * - English keys may be terms of two content words whose German side is one word ("data center" →
 *   Rechenzentrum); German keys are stems of single words.
 * - German inflection: forms listed after a verb or adjective headword (while both sides stay single words)
 *   and plurals `{pl}` following a noun; kept only where the stemmer does not already join form and lemma.
 */

import { LEXICON_MAGIC, SECTIONS, sectionLines } from "../../retrieval/lexical/lexicon-format.ts";
import { foldText, terms } from "../../retrieval/text/normalize.ts";
import { STOPWORDS } from "../../retrieval/text/stopwords.ts";
import { type DingHeader, type DingLine, type DingSubEntry, type DingTerm, parseLine } from "./ding.ts";

export interface CompileOptions {
  /** Translations kept per key, best first. */
  maxTranslations: number;
  /** A translation must score at least this share of the key's best one. */
  minRelativeScore: number;
  /** Translations kept per German key (English questions over German text matter most: they get more). */
  maxGermanKeyTranslations: number;
  /** Translations kept for an English key of two or more words (a term has fewer senses). */
  maxTermTranslations: number;
  /** Longest English term used as a key or kept as a translation, in words. */
  maxEnglishTermWords: number;
}

export const defaultCompileOptions: CompileOptions = {
  maxTranslations: 8,
  maxGermanKeyTranslations: 3,
  maxTermTranslations: 3,
  minRelativeScore: 0.15,
  maxEnglishTermWords: 2,
};

export interface CompileStats {
  dictionaryLines: number;
  englishKeys: number;
  germanKeys: number;
  inflectionGroups: number;
}

export interface CompiledLexicon {
  text: string;
  stats: CompileStats;
}

/** Senses a reader of current news text will not meet. */
const DROPPED_LABELS = new Set(
  `archaic obs. veraltet altertümlich altertümelnd altertürmlich dated alt veraltend rare selten vulg. slang derb
  humor. poet. Sprw. prov. former name|frühere Bezeichnung|children’s speech|Kindersprache|Jugendsprache|becoming dated`
    .split(/\s+|\|/)
    .filter(Boolean),
);
const DROPPED_LABEL_PHRASES = ["former name", "frühere Bezeichnung", "children’s speech", "becoming dated"];

const VERB_OR_ADJECTIVE = new Set(["vi", "vt", "vr", "v", "adj"]);
const NOUN = new Set(["n", "m", "f", "m,f", "m,n", "f,n", "n,m"]);

function usable(term: DingTerm | null): term is DingTerm {
  if (!term) return false;
  return !term.labels.some((l) => DROPPED_LABELS.has(l) || DROPPED_LABEL_PHRASES.includes(l));
}

/** Folded key text; null when it holds characters the file format reserves or no letters at all. */
function key(text: string): string | null {
  const folded = foldText(text).replace(/\s+/g, " ").trim();
  // ASCII only (after folding nearly every word is): the loader then holds the file as a one-byte string.
  if (folded === "" || /[\t\n|=]/.test(folded) || !/^[\x20-\x7e]+$/.test(folded) || !/[a-z]/.test(folded))
    return null;
  return folded;
}

type Scores = Map<string, Map<string, number>>;

function addScore(scores: Scores, from: string, to: string, score: number): void {
  let row = scores.get(from);
  if (!row) {
    row = new Map();
    scores.set(from, row);
  }
  row.set(to, (row.get(to) ?? 0) + score);
}

function addTranslations(line: DingLine, enDe: Scores, deEn: Scores, options: CompileOptions): void {
  // Sub-entries correspond only when both sides have the same number of them; otherwise trust the headword.
  const count = line.de.length === line.en.length ? line.de.length : 1;
  for (let i = 0; i < count; i++) {
    const de = (line.de[i]?.terms ?? []).filter(usable);
    const en = (line.en[i]?.terms ?? []).filter(usable);
    if (de.length === 0 || en.length === 0) continue;
    const weight = i === 0 ? 1 : 0.6;
    // Ding lists the main word of a sense first: earlier synonyms score a little higher. A translation is
    // diluted by the other words it shares the sense with on its own side only ("doctor" → Arzt; Doktor).
    de.forEach((d, dPos) => {
      if (d.words !== 1) return;
      const deKey = key(d.text);
      if (!deKey) return;
      en.forEach((e, ePos) => {
        if (e.words > options.maxEnglishTermWords) return;
        const enKey = key(e.text);
        // An English term is a key only when it is a term of content words ("data center", not "at once").
        if (!enKey || (e.words > 1 && enKey.split(" ").some((w) => STOPWORDS.has(w)))) return;
        const positional = weight / (1 + 0.1 * (dPos + ePos));
        addScore(deEn, deKey, enKey, positional / Math.sqrt(en.length));
        addScore(enDe, enKey, deKey, positional / Math.sqrt(de.length));
      });
    });
  }
}

/** A form plausibly belongs to a lemma (guards against example phrases slipping into a verb table). */
function looksLikeForm(form: string, lemma: string): boolean {
  return form[0] === lemma[0] || form.startsWith("ge") || form.includes(lemma.slice(0, 3));
}

function singleWords(sub: DingSubEntry | undefined): Array<string | null> | null {
  if (!sub || sub.terms.length === 0) return null;
  const out = sub.terms.map((t) => (t && t.words === 1 ? key(t.text) : null));
  return out.every((t) => t !== null) ? out : null;
}

function addForms(line: DingLine, forms: Map<string, Set<string>>): void {
  const add = (lemma: string | null | undefined, form: string | null | undefined) => {
    if (!lemma || !form || lemma === form || !looksLikeForm(form, lemma)) return;
    let set = forms.get(lemma);
    if (!set) {
      set = new Set();
      forms.set(lemma, set);
    }
    set.add(form);
  };
  const pairUp = (lemmas: Array<string | null>, found: Array<string | null>) => {
    if (lemmas.length === found.length) {
      for (let k = 0; k < lemmas.length; k++) add(lemmas[k], found[k]);
    } else if (lemmas.length === 1) {
      for (const f of found) add(lemmas[0], f);
    }
  };
  const aligned = line.de.length === line.en.length;
  for (let i = 0; i < line.de.length; i++) {
    const sub = line.de[i] as DingSubEntry;
    if (sub.pos.includes("pl") && i > 0) {
      const previous = line.de[i - 1] as DingSubEntry;
      const lemmas = previous.pos.some((p) => NOUN.has(p)) ? singleWords(previous) : null;
      const plurals = sub.terms.map((t) => (t && t.words === 1 ? key(t.text) : null));
      if (lemmas) pairUp(lemmas, plurals);
      continue;
    }
    if (!sub.pos.some((p) => VERB_OR_ADJECTIVE.has(p))) continue;
    const lemmas = singleWords(sub);
    if (!lemmas) continue;
    // The forms follow the headword until the first example phrase or the next headword.
    for (let j = i + 1; j < line.de.length; j++) {
      const next = line.de[j] as DingSubEntry;
      if (next.pos.length > 0) break;
      const found = singleWords(next);
      const english = aligned ? line.en[j]?.terms : undefined;
      const englishSingle = english?.every((t) => t !== null && t.words === 1) ?? false;
      if (!found || !englishSingle) break;
      // Subjunctive forms ("I/he/she would speak" = spräche) fold onto nouns ("Sprache"): leave them out.
      if (english?.some((t) => t !== null && /\bwould\b/.test(t.raw))) continue;
      pairUp(lemmas, found);
    }
  }
}

/**
 * How often each word occurs anywhere in the dictionary (compounds, examples): a proxy for how common it is.
 * Between two senses the dictionary lists equally, the everyday word is the likelier one ("coast" → Küste,
 * which appears in dozens of entries, before dahinrollen).
 */
const COMMONNESS_WEIGHT = 0.3;

function countWords(side: string, counts: Map<string, number>): void {
  for (const word of foldText(side).match(/[a-z]+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
}

function commonness(term: string, counts: Map<string, number>): number {
  const words = term.split(/[\s-]+/);
  const rarest = Math.min(...words.map((w) => counts.get(w) ?? 0));
  return 1 + COMMONNESS_WEIGHT * Math.log1p(rarest);
}

function best(
  row: Map<string, number>,
  limit: number,
  options: CompileOptions,
  counts: Map<string, number>,
): string[] {
  const sorted = [...row.entries()]
    .map(([word, score]) => [word, score * commonness(word, counts)] as [string, number])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = sorted[0]?.[1] ?? 0;
  return sorted
    .filter(([, score]) => score >= top * options.minRelativeScore)
    .slice(0, limit)
    .map(([word]) => word);
}

/** The German stem a question word is looked up by ("Rechenzentren" → "rechenzentr"). */
export function germanKey(word: string): string | null {
  const stems = terms(word, "de");
  const stem = stems[stems.length - 1];
  return stem && /^[a-z]/.test(stem) ? stem : null;
}

function stemsOf(word: string): string {
  return terms(word, "de").join(" ");
}

export function compileLexicon(
  lines: Iterable<string>,
  header: DingHeader,
  options: CompileOptions = defaultCompileOptions,
): CompiledLexicon {
  const enDeScores: Scores = new Map();
  const deEnScores: Scores = new Map();
  const forms = new Map<string, Set<string>>();
  let dictionaryLines = 0;
  const germanCounts = new Map<string, number>();
  const englishCounts = new Map<string, number>();
  for (const raw of lines) {
    const line = parseLine(raw);
    if (!line) continue;
    const [germanSide, englishSide] = raw.split(" :: ");
    countWords(germanSide ?? "", germanCounts);
    countWords(englishSide ?? "", englishCounts);
    dictionaryLines++;
    addTranslations(line, enDeScores, deEnScores, options);
    addForms(line, forms);
  }

  const enDe = new Map<string, string[]>();
  for (const [en, row] of enDeScores) {
    const limit = en.includes(" ") ? options.maxTermTranslations : options.maxTranslations;
    enDe.set(en, best(row, limit, options, germanCounts));
  }
  // German keys are stems (what the question analysis produces anyway): "Häuser", "Hauses", "Haus" share one
  // entry, which keeps the file small; forms the stemmer cannot join are found through the inflection section.
  const byStem: Scores = new Map();
  for (const [de, row] of deEnScores) {
    const stem = germanKey(de);
    if (!stem) continue;
    for (const [en, score] of row) addScore(byStem, stem, en, score);
  }
  const deEn = new Map<string, string[]>();
  for (const [stem, row] of byStem)
    deEn.set(stem, best(row, options.maxGermanKeyTranslations, options, englishCounts));

  // Keep only the forms the stemmer cannot join with their lemma; point each form back to its lemmas.
  const deForms = new Map<string, string[]>();
  const backPointers = new Map<string, string[]>();
  for (const [lemma, set] of forms) {
    const lemmaStems = stemsOf(lemma);
    const needed = [...set].filter((form) => stemsOf(form) !== lemmaStems).sort();
    if (needed.length === 0) continue;
    deForms.set(lemma, needed);
    for (const form of needed) backPointers.set(form, [...(backPointers.get(form) ?? []), lemma]);
  }
  for (const [form, lemmas] of backPointers) {
    const own = deForms.get(form);
    // A word that is a lemma and also a form of another lemma keeps both: its forms and a pointer.
    deForms.set(form, own ? [...own, ...lemmas.map((l) => `=${l}`)] : lemmas.map((l) => `=${l}`));
  }

  const text = [
    LEXICON_MAGIC,
    "# Compiled by `npm run lexicon:build` (tools/lexicon) from the Ding German-English dictionary.",
    ...header.lines.map((l) => `# ${l}`),
    "# This compiled lexicon is a modified version of the Ding dictionary and is distributed under the",
    "# GNU General Public License, version 2 or (at your option) any later version. See LICENSE.Ding.txt.",
    `# Source version: ${header.version}`,
    ...sectionLines(SECTIONS.enDe, enDe),
    ...sectionLines(SECTIONS.deEn, deEn),
    ...sectionLines(SECTIONS.deForms, deForms),
    "",
  ].join("\n");
  return {
    text,
    stats: {
      dictionaryLines,
      englishKeys: enDe.size,
      germanKeys: deEn.size,
      inflectionGroups: [...deForms.values()].filter((v) => !v[0]?.startsWith("=")).length,
    },
  };
}
