/** The dictionary's word lists as the answer checks see them: which words are ordinary words of a language. */
import { type Lexicon, sharedLexicon } from "../lexical/lexicon.ts";
import type { Vocabulary } from "./constraints.ts";

export function lexiconVocabulary(lexicon: Lexicon = sharedLexicon()): Vocabulary {
  return {
    isWord: (word, lang) => (lang === "de" ? lexicon.knowsGerman(word) : lexicon.knowsEnglish(word)),
  };
}
