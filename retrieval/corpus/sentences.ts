import type { SentenceSpan } from "../types.ts";

/** Abbreviations after which a period does not end a sentence (folded to lowercase, without the dot). */
const ABBREVIATIONS = new Set(
  `z.b bzw ca dr prof nr mio mrd inc co corp ltd vs st jh usw u.a d.h etc evtl ggf inkl vgl bspw sog zzt mr mrs ms
  jr sr e.g i.e no approx dept est fig jan feb mar apr jun jul aug sep sept okt oct nov dez dec abs abb bd hrsg
  u.s u.k`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that follow an ordinal number ("1. Januar", "3. Quartal") rather than start a sentence. */
const ORDINAL_FOLLOWERS =
  /^(januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|quartal|jahrhundert|jahrtausend|jahrestag|geburtstag|lebensjahr|jahr|tag|woche|monat|weltkrieg|platz|mal|stock|klasse|liga|bundesliga|runde|spieltag|staffel|folge|kapitel|auflage|ausgabe|armee|division|regiment|dynastie|generation|grad|ordnung|sitzung|legislaturperiode|symphonie|sinfonie|amendment|zusatzartikel)(e|en|er|es|n|s)?\b/i;

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
  const before = text.slice(0, markAt);
  const after = text.slice(end);
  const next = after.trimStart();
  if (next === "") return true;
  if (mark === ".") {
    const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase() ?? "";
    if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ""))) return false;
    // Single capital initial ("J. Huang") or ordinal number ("1. Januar").
    if (/(^|\s)\p{Lu}$/u.test(before)) return false;
    if (/(^|\s)\d{1,2}$/.test(before) && (ORDINAL_FOLLOWERS.test(next) || /^\p{Ll}/u.test(next)))
      return false;
  }
  // A new sentence starts with an upper-case letter, a digit, a quote, a currency sign or a dash list marker.
  return /^["'„“»(\p{Lu}\d$€-]/u.test(next);
}

function pushSpan(text: string, from: number, to: number, offset: number, spans: SentenceSpan[]): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === "") return;
  const start = from + lead;
  spans.push({ text: trimmed, start: offset + start, end: offset + start + trimmed.length });
}
