/** The dictionary's word lists as the answer checks see them: which words are ordinary words of a language. */
import { type Lexicon, sharedLexicon } from "../lexical/lexicon.ts";
import type { Vocabulary } from "./constraints.ts";

export function lexiconVocabulary(lexicon: Lexicon = sharedLexicon()): Vocabulary {
  return {
    isWord: (word, lang) => (lang === "de" ? lexicon.knowsGerman(word) : lexicon.knowsEnglish(word)),
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
