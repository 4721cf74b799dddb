/** Turns a question into weighted concepts for the lexical index. */
import { foldText, terms } from "../text/normalize.ts";
import type { Lang } from "../types.ts";
import { type Concept, type LexicalIndex, MAX_CONCEPTS, type Variant } from "./bm25.ts";
import { ENGLISH_PHRASES, ENGLISH_TO_GERMAN, GERMAN_RELATED } from "./glossary.ts";

const WEIGHT = {
  exact: 1,
  otherStemmer: 0.95,
  glossary: 0.85,
  related: 0.8,
  prefix: 0.6,
  split: 0.55,
  head: 0.5,
};

// Words: hyphenated compounds are split into parts here; each part is a concept of its own.
const WORD_RE = /[$€%]|\d+(?:[.,]\d+)*[a-zA-Z]*|[\p{L}\p{N}]+/gu;

function addVariant(variants: Variant[], term: string, weight: number): void {
  const existing = variants.find((v) => v.term === term);
  if (existing) existing.weight = Math.max(existing.weight, weight);
  else variants.push({ term, weight });
}

/** "Cloudverträge" → cloud + vertrag when both halves are index terms (with an optional linking s). */
function splitCompound(term: string, index: LexicalIndex): string[] {
  if (term.length < 8 || index.has(term)) return [];
  for (let i = term.length - 4; i >= 4; i--) {
    const left = term.slice(0, i);
    const right = term.slice(i);
    const leftTerm = index.has(left)
      ? left
      : left.endsWith("s") && index.has(left.slice(0, -1))
        ? left.slice(0, -1)
        : null;
    if (!leftTerm) continue;
    if (index.has(right)) return [leftTerm, right];
    const relatives = index.prefixRelatives(right);
    if (relatives.length > 0) return [leftTerm, ...relatives.slice(0, 3)];
  }
  return [];
}

function conceptFor(
  word: string,
  questionLang: Lang,
  corpusLang: Lang,
  index: LexicalIndex,
  weight: number,
): Concept[] {
  const primary = terms(word, questionLang);
  if (primary.length === 0) return [];
  const folded = foldText(word);
  return primary.map((term) => {
    const variants: Variant[] = [{ term, weight: WEIGHT.exact }];
    if (questionLang !== corpusLang) {
      for (const t of terms(word, corpusLang)) addVariant(variants, t, WEIGHT.otherStemmer);
    }
    const translations = questionLang === "en" ? ENGLISH_TO_GERMAN.get(folded) : undefined;
    for (const w of translations ?? [])
      for (const t of terms(w, "de")) addVariant(variants, t, WEIGHT.glossary);
    for (const w of GERMAN_RELATED.get(folded) ?? [])
      for (const t of terms(w, "de")) addVariant(variants, t, WEIGHT.related);
    for (const v of [...variants]) {
      for (const rel of index.prefixRelatives(v.term)) addVariant(variants, rel, WEIGHT.prefix * v.weight);
      for (const rel of index.suffixRelatives(v.term)) addVariant(variants, rel, WEIGHT.head * v.weight);
      for (const part of splitCompound(v.term, index)) addVariant(variants, part, WEIGHT.split * v.weight);
    }
    return { word, variants, weight, isNumber: /^\d/.test(term) };
  });
}

export function buildConcepts(
  question: string,
  questionLang: Lang,
  corpusLang: Lang,
  index: LexicalIndex,
  context: string[] = [],
): Concept[] {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const add = (raw: string, lang: Lang, weight: number) => {
    const text =
      lang === "en" ? ENGLISH_PHRASES.reduce((t, [re, joined]) => t.replace(re, joined), raw) : raw;
    for (const match of text.matchAll(WORD_RE)) {
      for (const concept of conceptFor(match[0], lang, corpusLang, index, weight)) {
        const key = concept.variants[0]?.term ?? "";
        if (seen.has(key)) continue;
        seen.add(key);
        concepts.push(concept);
      }
    }
  };
  add(question, questionLang, 1);
  // Follow-ups ("und wie viel davon für Azure?") inherit the earlier questions' topic at a lower weight.
  for (const earlier of context.slice(-3)) add(earlier, questionLang, 0.35);
  // The index tracks at most MAX_CONCEPTS per question; the question's own words come first.
  return concepts.slice(0, MAX_CONCEPTS);
}
