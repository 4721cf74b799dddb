/**
 * The shipped lexicon's file format, shared by the compiler (tools/lexicon) and the loader (lexicon.ts).
 *
 * Plain UTF-8 text: `#` comment lines (license notice and attribution) first, then sections that start with
 * `@name`. Every section line is `key<TAB>value|value|…`, keys folded (lowercase, umlauts folded, see
 * foldText) and sorted by UTF-16 code units, so the loader can binary-search the file's text in place instead
 * of building hundreds of thousands of objects.
 */

export const LEXICON_MAGIC = "# fundstelle-lexicon 1";

export const SECTIONS = {
  /** English word or term (up to three words) → German words, best first. */
  enDe: "en-de",
  /** German stem (as `terms(word, "de")` gives it) → English words or terms, best first. */
  deEn: "de-en",
  /**
   * German inflection: `lemma<TAB>form|form|…` for forms the stemmer does not join with the lemma
   * ("wachsen → wächst|wuchs|gewachsen"), and `form<TAB>=lemma|lemma` pointing back.
   */
  deForms: "de-forms",
} as const;

export type SectionName = (typeof SECTIONS)[keyof typeof SECTIONS];

export const VALUE_SEPARATOR = "|";
export const POINTER_PREFIX = "=";

/** Lines of one section, sorted the way the loader searches them. */
export function sectionLines(name: SectionName, entries: Map<string, string[]>): string[] {
  const keys = [...entries.keys()].filter((k) => (entries.get(k)?.length ?? 0) > 0);
  keys.sort(compareKeys);
  return [`@${name}`, ...keys.map((k) => `${k}\t${(entries.get(k) ?? []).join(VALUE_SEPARATOR)}`)];
}

/** Code-unit order (what `<` does on strings), the order binary search in lexicon.ts relies on. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
