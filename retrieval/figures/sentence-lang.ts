/** The language of one sentence inside a document (an English quote in a German article). */
import type { Lang } from "../types.ts";
import { words, wordsOf } from "./words.ts";

const DE_MARKS = words(
  "der die das und ist nicht mit von für auf dem den des eine einen sich sind zu auch bei aus wird wurde hat",
);
const EN_MARKS = words(
  "the and is are was were of to with from by has have this that its would could should which",
);

/**
 * The sentence's language: the document's unless the other language is clearly stronger, so an English quote
 * in a German article reads "billion" as 10^9 while short German sentences stay German.
 */
export function sentenceLang(sentence: string, documentLang: Lang): Lang {
  // Umlauts keep a German article's sentence German without counting words.
  if (documentLang === "de" && /[äöüß]/i.test(sentence)) return "de";
  let de = 0;
  let en = 0;
  for (const w of wordsOf(sentence)) {
    const lower = w.text.toLowerCase();
    if (DE_MARKS.has(lower)) de++;
    if (EN_MARKS.has(lower)) en++;
  }
  if (documentLang === "de" && en >= 2 && en > 2 * de && !/[äöüß]/i.test(sentence)) return "en";
  if (documentLang === "en" && de >= 2 && de > 2 * en) return "de";
  return documentLang;
}
