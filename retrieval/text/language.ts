import type { Lang } from "../types.ts";
import { foldText } from "./normalize.ts";
import { ENGLISH_MARKERS, GERMAN_MARKERS } from "./stopwords.ts";

/**
 * German or English, from function words and umlauts. Ties go to `fallback` (the corpus language),
 * since most questions are German.
 */
export function detectLanguage(text: string, fallback: Lang = "de"): Lang {
  if (/[äöüß]/i.test(text)) return "de";
  const words = foldText(text).match(/\p{L}+/gu) ?? [];
  let de = 0;
  let en = 0;
  for (const w of words) {
    if (GERMAN_MARKERS.has(w)) de++;
    if (ENGLISH_MARKERS.has(w)) en++;
  }
  if (en > de) return "en";
  if (de > en) return "de";
  return fallback;
}
