/** Quantities inside answer sentences, and how to say them in the reader's language. */
import { findQuantities, type Quantity } from "../figures/numbers.ts";
import type { FigureUnit, Lang } from "../types.ts";

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

const SCALES: Record<Lang, Array<[number, string, string]>> = {
  // [factor, singular, plural]
  de: [
    [1e12, "Billion", "Billionen"],
    [1e9, "Milliarde", "Milliarden"],
    [1e6, "Million", "Millionen"],
  ],
  en: [
    [1e12, "trillion", "trillion"],
    [1e9, "billion", "billion"],
    [1e6, "million", "million"],
  ],
};

const UNIT_NAMES: Record<Lang, Partial<Record<FigureUnit, string>>> = {
  de: { USD: "US-Dollar", EUR: "Euro", W: "Watt", FLOPS: "FLOPS", m: "Meter" },
  en: { USD: "US dollars", EUR: "euros", W: "watts", FLOPS: "FLOPS", m: "metres" },
};

function formatNumber(value: number, lang: Lang): string {
  return value.toLocaleString(lang === "de" ? "de-DE" : "en-US", { maximumFractionDigits: 2 });
}

/** A value in base units, spelled with the reader's scale words: 2.5e11 USD → "250 Milliarden US-Dollar". */
export function spellValue(value: number, unit: FigureUnit, lang: Lang): string {
  if (unit === "%") return `${formatNumber(value, lang)} %`;
  if (unit === "year") return String(value);
  // Quarters are stored as year + (q - 1) / 4: Q3 2026 → 2026.5.
  if (unit === "quarter") return `Q${Math.round((value % 1) * 4) + 1} ${Math.floor(value)}`;
  if (unit === "times")
    return lang === "de" ? `${formatNumber(value, lang)}-mal` : `${formatNumber(value, lang)} times`;
  if (unit === "W") {
    const [factor, prefix] = value >= 1e9 ? [1e9, "Giga"] : value >= 1e6 ? [1e6, "Mega"] : [1, ""];
    const name = lang === "de" ? `${prefix}watt` : `${prefix.toLowerCase()}watts`;
    return `${formatNumber(value / factor, lang)} ${prefix ? name : UNIT_NAMES[lang].W}`;
  }
  if (unit === "FLOPS" && value >= 1e15) return `${formatNumber(value / 1e15, lang)} PetaFLOPS`;
  const unitName = UNIT_NAMES[lang][unit] ?? "";
  for (const [factor, singular, plural] of SCALES[lang]) {
    if (Math.abs(value) >= factor) {
      const scaled = value / factor;
      return `${formatNumber(scaled, lang)} ${scaled === 1 ? singular : plural} ${unitName}`.trim();
    }
  }
  return `${formatNumber(value, lang)} ${unitName}`.trim();
}

/** "$250 Milliarden (250 billion US dollars)" — as written, plus the value in the reader's words when that adds something. */
export function describeQuantity(q: Quantity, lang: Lang): string {
  if (q.unit === "year" || q.unit === "quarter") return q.text;
  const spelled = spellValue(q.value, q.unit, lang);
  const unitName = UNIT_NAMES[lang][q.unit];
  const withoutUnit = unitName ? spelled.replace(unitName, "") : spelled;
  const bare = (text: string) =>
    text
      .toLowerCase()
      .replace(/us-dollar|dollars?|usd|\$/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "");
  return bare(withoutUnit) === bare(q.text) ? q.text : `${q.text} (${spelled})`;
}
