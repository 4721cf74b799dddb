import { MONTHS_DE } from "../quantity/index.ts";
import type { SentenceSpan } from "../types.ts";

/** Abbreviations after which a period does not end a sentence (folded to lowercase, without the dot). */
const ABBREVIATIONS = new Set(
  `z.b bzw ca dr prof nr mio mrd inc co corp ltd vs st jh usw u.a d.h etc evtl ggf inkl vgl bspw sog zzt mr mrs ms
  jr sr e.g i.e no approx dept est fig jan feb mar apr jun jul aug sep sept okt oct nov dez dec abs abb bd hrsg
  u.s u.k`
    .split(/\s+/)
    .filter(Boolean),
);

/** Nouns that follow an ordinal number ("3. Quartal", "2. Weltkrieg") rather than start a sentence. */
const ORDINAL_NOUNS =
  "quartal|jahrhundert|jahrtausend|jahrestag|geburtstag|lebensjahr|jahr|tag|woche|monat|weltkrieg|platz|mal|stock|klasse|liga|bundesliga|runde|spieltag|staffel|folge|kapitel|auflage|ausgabe|armee|division|regiment|dynastie|generation|grad|ordnung|sitzung|legislaturperiode|symphonie|sinfonie|amendment|zusatzartikel";
/** Words that follow an ordinal number ("1. Januar", "3. Quartal"): German months (from the quantity lexicon) and the nouns above. */
const ORDINAL_FOLLOWERS = new RegExp(`^(${MONTHS_DE.join("|")}|${ORDINAL_NOUNS})(e|en|er|es|n|s)?\\b`, "i");

/**
 * Splits text into sentences with offsets. German-safe: decimal commas ("37,5"), thousand dots ("1.000"),
 * ordinals ("1. Januar"), abbreviations ("z. B.", "Mrd."), dashes and " ?" with a space before the mark
 * (as this corpus writes questions) do not break sentences wrongly.
 */
export function splitSentences(text: string, offset = 0): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const boundary = /[.!?…]+["'»«“”)]*(?=\s+|$)/g;
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[0].length;
    if (!isSentenceEnd(text, match.index ?? 0, end)) continue;
    pushSpan(text, start, end, offset, spans);
    start = end;
  }
  pushSpan(text, start, text.length, offset, spans);
  return spans;
}

function isSentenceEnd(text: string, markAt: number, end: number): boolean {
  const mark = text[markAt];
  const after = text.slice(end);
  const next = after.trimStart();
  if (next === "") return true;
  if (mark === ".") {
    // Only the end of the text before the mark is read (a regex anchored at its end would scan all of it).
    const word = text.slice(letterRunStart(text, markAt), markAt).toLowerCase();
    if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ""))) return false;
    // Single capital initial ("J. Huang") or ordinal number ("1. Januar").
    if (endsWithInitial(text, markAt)) return false;
    if (endsWithShortNumber(text, markAt) && (ORDINAL_FOLLOWERS.test(next) || /^\p{Ll}/u.test(next)))
      return false;
  }
  // A new sentence starts with an upper-case letter, a digit, a quote, a currency sign or a dash list marker.
  return /^["'„“»(\p{Lu}\d$€-]/u.test(next);
}

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;
const SPACE = /\s/;

/** Width in UTF-16 units of the code point that ends at `to` (2 for a surrogate pair). */
function widthBefore(text: string, to: number): number {
  const low = text.charCodeAt(to - 1);
  const high = to >= 2 ? text.charCodeAt(to - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

/** Where the run of letters and dots ending at `to` starts (`/[\p{L}.]+$/u`, read backwards). */
function letterRunStart(text: string, to: number): number {
  let i = to;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 46 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      i--;
      continue;
    }
    if (c < 128) break;
    const width = widthBefore(text, i);
    if (!LETTER.test(text.slice(i - width, i))) break;
    i -= width;
  }
  return i;
}

/** A single capital letter at the start of the text or after a space ends at `to` (`/(^|\s)\p{Lu}$/u`). */
function endsWithInitial(text: string, to: number): boolean {
  if (to === 0) return false;
  const width = widthBefore(text, to);
  if (!UPPER.test(text.slice(to - width, to))) return false;
  return to - width === 0 || SPACE.test(text.charAt(to - width - 1));
}

/** One or two digits at the start of the text or after a space end at `to` (`/(^|\s)\d{1,2}$/`). */
function endsWithShortNumber(text: string, to: number): boolean {
  let digits = 0;
  while (digits < 3 && to - digits > 0) {
    const c = text.charCodeAt(to - digits - 1);
    if (c < 48 || c > 57) break;
    digits++;
  }
  if (digits === 0 || digits > 2) return false;
  return to - digits === 0 || SPACE.test(text.charAt(to - digits - 1));
}

function pushSpan(text: string, from: number, to: number, offset: number, spans: SentenceSpan[]): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === "") return;
  const start = from + lead;
  spans.push({ text: trimmed, start: offset + start, end: offset + start + trimmed.length });
}
