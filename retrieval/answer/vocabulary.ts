/** The dictionary's word lists as the answer checks see them: which words are ordinary words of a language. */
import { type Lexicon, sharedLexicon } from "../lexical/lexicon.ts";
import { foldText, terms } from "../text/normalize.ts";
import type { Vocabulary } from "./constraints.ts";

/** Spellings looked up before: words repeat across questions and passages; the cache starts over when full. */
const MAX_CACHED_SPELLINGS = 50_000;

export function lexiconVocabulary(lexicon: Lexicon = sharedLexicon()): Vocabulary {
  const german = new Map<string, boolean>();
  const knowsGerman = (word: string): boolean => {
    let known = german.get(word);
    if (known === undefined) {
      if (german.size >= MAX_CACHED_SPELLINGS) german.clear();
      known = knowsGermanSpelling(lexicon, word);
      german.set(word, known);
    }
    return known;
  };
  return {
    isWord: (word, lang) => (lang === "de" ? knowsGerman(word) : lexicon.knowsEnglish(word)),
    // Adjectives of nations and languages end in -an, -ese, -ish or -ch (Indian, Chinese, British, French) and
    // translate to German adjectives (-isch, -lich) first; a company named like an adjective ("Anthropic") does not.
    isProperAdjective: (word) =>
      /(an|ese|ish|ch)$/i.test(word) &&
      lexicon
        .englishToGerman(word)
        .slice(0, 2)
        .some((german) => /(isch|lich)$/.test(german)),
  };
}

/**
 * German knows the word as written. The dictionary's German side is keyed by stems, so "Amazon" looks known
 * through "Amazone" (both stem to "amazon"). When a spelling is its own stem and an English word as well, it
 * counts as German only if the dictionary leads back to it: an English translation of the stem translates to
 * the very spelling ("Tag" → day → Tag; "Amazon" → amazon → Amazone, not Amazon).
 */
function knowsGermanSpelling(lexicon: Lexicon, word: string): boolean {
  if (!lexicon.knowsGerman(word)) return false;
  const folded = foldText(word);
  const stem = terms(word, "de").at(-1);
  if (stem !== folded || !lexicon.knowsEnglish(word)) return true;
  return lexicon
    .germanStemToEnglish(stem)
    .some((english) => lexicon.englishToGerman(english).includes(folded));
}
