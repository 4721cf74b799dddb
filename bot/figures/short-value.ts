/** Compact spelled values for lists and chart labels: "250 Mrd. $", "1 Bio. $", "10 GW" / "$250B", "10 GW". */
import { type FigureUnit, type Lang, spellValue } from "../../retrieval/index.ts";

const CURRENCY: Partial<Record<FigureUnit, string>> = { USD: "$", EUR: "€", GBP: "£", CHF: "CHF", JPY: "¥" };

const SCALE = {
  de: [
    [1e12, "Bio."],
    [1e9, "Mrd."],
    [1e6, "Mio."],
  ],
  en: [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
  ],
} as const satisfies Record<Lang, ReadonlyArray<readonly [number, string]>>;

const POWER: ReadonlyArray<readonly [number, string]> = [
  [1e12, "TW"],
  [1e9, "GW"],
  [1e6, "MW"],
  [1e3, "kW"],
];

function num(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

function scaled(value: number, scales: ReadonlyArray<readonly [number, string]>): [number, string] {
  for (const [factor, name] of scales) if (Math.abs(value) >= factor) return [value / factor, name];
  return [value, ""];
}

/** A figure's value in few characters, in the reader's language; base units from the retrieval library. */
export function shortValue(value: number, unit: FigureUnit, lang: Lang): string {
  switch (unit) {
    case "USD":
    case "EUR":
    case "GBP":
    case "CHF":
    case "JPY": {
      const symbol = CURRENCY[unit] ?? unit;
      const [n, name] = scaled(value, SCALE[lang]);
      if (lang === "de" || symbol.length > 1) return `${num(n, lang)}${name ? ` ${name}` : ""} ${symbol}`;
      return `${symbol}${num(n, lang)}${name}`;
    }
    case "W": {
      const [n, name] = scaled(value, POWER);
      return `${num(n, lang)} ${name || "W"}`;
    }
    case "FLOPS": {
      const [n, name] = scaled(value, [
        [1e18, "EFLOPS"],
        [1e15, "PFLOPS"],
        [1e12, "TFLOPS"],
      ]);
      return `${num(n, lang)} ${name || "FLOPS"}`;
    }
    case "%":
      return lang === "de" ? `${num(value, lang)} %` : `${num(value, lang)}%`;
    case "year":
      return String(value);
    case "quarter":
      // Quarters are stored as year + (q - 1) / 4: Q3 2026 → 2026.5.
      return `Q${Math.round((value % 1) * 4) + 1} ${Math.floor(value)}`;
    case "times":
      return lang === "de" ? `${num(value, lang)}×` : `${num(value, lang)}×`;
    case "m":
      return value < 1 ? `${num(value * 1000, lang)} mm` : `${num(value, lang)} m`;
    case "count":
      return num(value, lang);
    default:
      // Lengths, masses, durations …: the library's own spelling.
      return spellValue(value, unit, lang);
  }
}
