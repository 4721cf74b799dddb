/** Quantities inside answer sentences, and how to say them in the reader's language. */
import { DISPLAY_UNITS, findQuantities, type Quantity, UNIT_NAMES } from "../quantity/index.ts";
import type { FigureUnit, Lang } from "../types.ts";
import { ANSWER_TEXT } from "./text.ts";

export type { Quantity };

const cache = new Map<string, Quantity[]>();

/** Quantities of a sentence (memoized: the same article sentences are scored for many questions). */
export function sentenceQuantities(sentence: string, lang: Lang): Quantity[] {
  const key = `${lang}\u0000${sentence}`;
  let found = cache.get(key);
  if (!found) {
    found = findQuantities(sentence, lang);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

const LOCALE: Record<Lang, string> = { de: "de-DE", en: "en-US" };

function formatNumber(value: number, lang: Lang): string {
  return value.toLocaleString(LOCALE[lang], { maximumFractionDigits: 2 });
}

/** Scale words from the platform: 2.5e11 → "250 Milliarden" / "250 billion", 1e12 → "1 Billion" / "1 trillion". */
const SCALE_WORDS: Record<Lang, Intl.NumberFormat> = {
  de: new Intl.NumberFormat(LOCALE.de, {
    notation: "compact",
    compactDisplay: "long",
    maximumFractionDigits: 2,
  }),
  en: new Intl.NumberFormat(LOCALE.en, {
    notation: "compact",
    compactDisplay: "long",
    maximumFractionDigits: 2,
  }),
};
/** Below a million the digits read better than "500 Tausend". */
const SCALE_WORDS_FROM = 1e6;

/** The largest readable sub-unit that fits ("1.9e4 m" → 19 Kilometer), with the value in it. */
function inDisplayUnit(
  value: number,
  unit: FigureUnit,
  lang: Lang,
): { value: number; name: string } | undefined {
  const units = DISPLAY_UNITS[unit];
  if (!units) return undefined;
  const fit = units.find(([factor]) => Math.abs(value) >= factor) ?? units.at(-1);
  return fit ? { value: value / fit[0], name: fit[1][lang] } : undefined;
}

/** A value in base units, spelled with the reader's scale words: 2.5e11 USD → "250 Milliarden US-Dollar". */
export function spellValue(value: number, unit: FigureUnit, lang: Lang): string {
  if (unit === "%") return `${formatNumber(value, lang)} %`;
  if (unit === "year") return String(value);
  // Quarters are stored as year + (q - 1) / 4: Q3 2026 → 2026.5.
  if (unit === "quarter") return `Q${Math.round((value % 1) * 4) + 1} ${Math.floor(value)}`;
  if (unit === "times") return ANSWER_TEXT[lang].times(formatNumber(value, lang));
  if (unit === "°C") return `${formatNumber(value, lang)} °C`;
  if (unit === "FLOPS" && value >= 1e15) return `${formatNumber(value / 1e15, lang)} PetaFLOPS`;
  // Sizes, durations, power …: the readable sub-unit, with scale words for what is still large
  // (1.6e16 s → "515 Millionen Jahre").
  const display = inDisplayUnit(value, unit, lang);
  const [shown, unitName] = display ? [display.value, display.name] : [value, UNIT_NAMES[lang][unit]];
  const amount =
    Math.abs(shown) >= SCALE_WORDS_FROM ? SCALE_WORDS[lang].format(shown) : formatNumber(shown, lang);
  return `${amount} ${unitName}`.trim();
}

const digitsOf = (text: string) => text.replace(/[^\d]/g, "");

/** "$250 Milliarden (250 billion US dollars)" — as written, plus the value in the reader's words when that adds something. */
export function describeQuantity(q: Quantity, lang: Lang): string {
  if (q.unit === "year" || q.unit === "quarter") return q.text;
  const spelled = spellValue(q.value, q.unit, lang);
  // Measures written in the unit they are spelled in ("5 km" → "5 Kilometer") need no second spelling.
  if (DISPLAY_UNITS[q.unit] && q.unit !== "W" && digitsOf(spelled) === digitsOf(q.text)) return q.text;
  const unitName = UNIT_NAMES[lang][q.unit];
  const withoutUnit = unitName ? spelled.replace(unitName, "") : spelled;
  const bare = (text: string) =>
    text
      .toLowerCase()
      .replace(/us-dollar|dollars?|usd|\$/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "");
  return bare(withoutUnit) === bare(q.text) ? q.text : `${q.text} (${spelled})`;
}
