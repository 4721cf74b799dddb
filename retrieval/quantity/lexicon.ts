/**
 * The one vocabulary of quantities, German and English: number words, scale words, units (words, symbols,
 * factor to the base unit) and month names. The scanner (`scan.ts`), the figures and the answers all read it,
 * so a new unit is one entry here.
 */
import type { FigureUnit, Lang } from "../types.ts";

// --- number words -------------------------------------------------------------------------------

export const DE_DIGITS: Record<string, number> = {
  ein: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
export const DE_TEENS: Record<string, number> = {
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
export const DE_TENS: Record<string, number> = {
  zwanzig: 20,
  dreißig: 30,
  dreissig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};
/** Forms of "ein" that are usually the article; they count as 1 only before a scale or unit. */
export const ARTICLE_WORDS = new Set([
  "ein",
  "eine",
  "einen",
  "einem",
  "einer",
  "eines",
  "eins",
  "a",
  "an",
  "one",
]);

export const EN_SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
export const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

// --- scales -------------------------------------------------------------------------------------

/**
 * Scale words by their lower-case form. "billion" depends on the language and the case (see `scaleOf`);
 * one-letter suffixes ("$250B", "$5m") are scales only right after a currency amount.
 */
export const SCALE_WORDS: Record<string, number> = {
  tausend: 1e3,
  tsd: 1e3,
  thousand: 1e3,
  thousands: 1e3,
  k: 1e3,
  million: 1e6,
  millionen: 1e6,
  millions: 1e6,
  mio: 1e6,
  mn: 1e6,
  m: 1e6,
  milliarde: 1e9,
  milliarden: 1e9,
  mrd: 1e9,
  bn: 1e9,
  b: 1e9,
  billions: 1e9,
  billion: 1e9,
  billionen: 1e12,
  trillion: 1e12,
  trillions: 1e12,
  tn: 1e12,
  trn: 1e12,
  t: 1e12,
  bio: 1e12,
  billiarde: 1e15,
  billiarden: 1e15,
  quadrillion: 1e15,
};
/** One-letter scale suffixes ("$250B", "$5m") mean a scale only next to a currency. */
export const CURRENCY_ONLY_SCALES = new Set(["b", "m", "k", "t", "tn", "trn", "mn"]);
/** Abbreviated scales that may carry a full stop ("Mrd.", "Mio."). */
export const ABBREVIATED_SCALES = new Set(["mio", "mrd", "bio", "tsd"]);

/**
 * How the search index writes a scale: one language-neutral term per factor, so "Milliarden", "Mrd", "bn" and
 * the suffix of "$5B" meet. German "Billion" (10^12) and English "billion" (10^9) differ: the text's language
 * decides (see `searchScaleOf`).
 */
export const SCALE_SEARCH_TERMS: Record<number, string> = {
  1e3: "thousand",
  1e6: "million",
  1e9: "e9",
  1e12: "e12",
};
/** Scale abbreviations that are also ordinary words ("Bio" is organic): the index keeps them as words. */
export const WORD_LIKE_SCALES = new Set(["bio"]);

// --- units --------------------------------------------------------------------------------------

export interface UnitSpec {
  unit: FigureUnit;
  /** Multiplier to the base unit ("km" → 1000 m). */
  factor: number;
  /** Added after the factor (only temperatures: °F → °C). */
  offset?: number;
}

/** Base units by kind; what kind of amount each is, for labels and key figures. */
export type UnitKind = "money" | "physical" | "share" | "time" | "date" | "count" | "ratio";

export const UNIT_KIND: Record<FigureUnit, UnitKind> = {
  USD: "money",
  EUR: "money",
  GBP: "money",
  CHF: "money",
  JPY: "money",
  W: "physical",
  Wh: "physical",
  FLOPS: "physical",
  m: "physical",
  m2: "physical",
  m3: "physical",
  kg: "physical",
  "m/s": "physical",
  "°C": "physical",
  B: "physical",
  s: "time",
  "%": "share",
  year: "date",
  quarter: "date",
  count: "count",
  times: "ratio",
};

export const CURRENCIES = new Set<FigureUnit>(["USD", "EUR", "GBP", "CHF", "JPY"]);

const YEAR_SECONDS = 365.25 * 24 * 3600;
const MILE = 1609.344;
const FOOT = 0.3048;

/** Spellings of one unit; every word is matched case-insensitively. */
const UNIT_TABLE: Array<[FigureUnit, number, string[]]> = [
  ["USD", 1, ["dollar", "dollars", "usd", "us-dollar"]],
  ["EUR", 1, ["euro", "euros", "eur"]],
  ["GBP", 1, ["gbp", "sterling"]],
  ["CHF", 1, ["chf"]],
  ["JPY", 1, ["yen", "jpy"]],
  ["W", 1, ["w", "watt", "watts"]],
  ["W", 1e3, ["kw", "kilowatt", "kilowatts"]],
  ["W", 1e6, ["mw", "megawatt", "megawatts"]],
  ["W", 1e9, ["gw", "gigawatt", "gigawatts"]],
  ["W", 1e12, ["tw", "terawatt", "terawatts"]],
  ["Wh", 1, ["wh", "wattstunde", "wattstunden"]],
  ["Wh", 1e3, ["kwh", "kilowattstunde", "kilowattstunden", "kilowatt-hours"]],
  ["Wh", 1e6, ["mwh", "megawattstunde", "megawattstunden", "megawatt-hours"]],
  ["Wh", 1e9, ["gwh", "gigawattstunde", "gigawattstunden", "gigawatt-hours"]],
  ["Wh", 1e12, ["twh", "terawattstunde", "terawattstunden", "terawatt-hours"]],
  ["FLOPS", 1, ["flop", "flops"]],
  ["FLOPS", 1e9, ["gigaflop", "gigaflops", "gflops"]],
  ["FLOPS", 1e12, ["teraflop", "teraflops", "tflops"]],
  ["FLOPS", 1e15, ["petaflop", "petaflops", "pflops", "pflop"]],
  ["FLOPS", 1e18, ["exaflop", "exaflops", "eflops"]],
  ["%", 1, ["prozent", "percent", "prozentpunkte", "prozentpunkten", "percentage-points"]],
  // Fractions are shares: "zwei Drittel" = 66.7 %, "drei Viertel" = 75 %.
  ["%", 100 / 3, ["drittel"]],
  ["%", 25, ["viertel"]],
  ["%", 20, ["fünftel"]],
  ["%", 100 / 6, ["sechstel"]],
  ["%", 12.5, ["achtel"]],
  ["%", 10, ["zehntel"]],
  ["m", 1e-9, ["nanometer", "nanometern", "nanometers", "nanometres"]],
  ["m", 1e-6, ["mikrometer", "mikrometern", "micrometers", "micrometres"]],
  ["m", 1e-3, ["mm", "millimeter", "millimetern", "millimeters", "millimetre", "millimetres"]],
  ["m", 1e-2, ["cm", "zentimeter", "zentimetern", "centimeter", "centimeters", "centimetre", "centimetres"]],
  ["m", 1, ["m", "meter", "metern", "meters", "metre", "metres"]],
  ["m", 1e3, ["km", "kilometer", "kilometern", "kilometers", "kilometre", "kilometres"]],
  ["m", MILE, ["meile", "meilen", "mile", "miles", "mi"]],
  ["m", 1852, ["seemeile", "seemeilen"]],
  ["m", FOOT, ["fuß", "fuss", "foot", "feet", "ft"]],
  ["m", 0.0254, ["zoll", "inch", "inches"]],
  ["m", 0.9144, ["yard", "yards", "yd"]],
  ["m", 9.4607e15, ["lichtjahr", "lichtjahre", "lichtjahren", "light-year", "light-years"]],
  ["m2", 1, ["quadratmeter", "quadratmetern"]],
  ["m2", 1e6, ["quadratkilometer", "quadratkilometern"]],
  ["m2", MILE * MILE, ["quadratmeile", "quadratmeilen"]],
  ["m2", 1e4, ["hektar", "ha", "hectare", "hectares"]],
  ["m2", 4046.8564224, ["acre", "acres"]],
  ["m3", 1e-6, ["ml", "milliliter", "millilitern", "millilitres", "milliliters"]],
  ["m3", 1e-3, ["l", "liter", "litern", "liters", "litre", "litres"]],
  ["m3", 0.1, ["hektoliter", "hektolitern", "hectolitres"]],
  ["m3", 1, ["kubikmeter", "kubikmetern"]],
  ["m3", 1e9, ["kubikkilometer", "kubikkilometern"]],
  ["m3", 0.003785411784, ["gallone", "gallonen", "gallon", "gallons"]],
  ["m3", 0.158987294928, ["barrel", "barrels"]],
  ["kg", 1e-6, ["mg", "milligramm", "milligrams"]],
  ["kg", 1e-3, ["g", "gramm", "grams", "gram"]],
  ["kg", 1, ["kg", "kilogramm", "kilogram", "kilograms", "kilo"]],
  ["kg", 1e3, ["tonne", "tonnen", "tonnes", "ton", "tons"]],
  ["kg", 1e9, ["megatonne", "megatonnen", "megatonnes", "megatons"]],
  ["kg", 1e12, ["gigatonne", "gigatonnen", "gigatonnes", "gigatons"]],
  ["kg", 0.45359237, ["lb", "lbs"]],
  ["s", 1, ["sekunde", "sekunden", "second", "seconds", "sek", "sec"]],
  ["s", 60, ["minute", "minuten", "minutes", "min"]],
  ["s", 3600, ["stunde", "stunden", "hour", "hours", "std"]],
  ["s", 86400, ["tag", "tage", "tagen", "day", "days"]],
  ["s", 7 * 86400, ["woche", "wochen", "week", "weeks"]],
  ["s", YEAR_SECONDS / 12, ["monat", "monate", "monaten", "monats", "month", "months"]],
  ["s", YEAR_SECONDS, ["jahr", "jahre", "jahren", "jahres", "year", "years"]],
  ["s", 10 * YEAR_SECONDS, ["jahrzehnt", "jahrzehnte", "jahrzehnten", "jahrzehnts", "decade", "decades"]],
  [
    "s",
    100 * YEAR_SECONDS,
    ["jahrhundert", "jahrhunderte", "jahrhunderten", "jahrhunderts", "century", "centuries"],
  ],
  ["s", 1000 * YEAR_SECONDS, ["jahrtausend", "jahrtausende", "jahrtausenden", "millennia"]],
  ["m/s", 1 / 3.6, ["km/h", "stundenkilometer", "stundenkilometern", "kmh"]],
  ["m/s", MILE / 3600, ["mph"]],
  // (German "Knoten" is also a node or a knot in a rope: only the English word is a unit.)
  ["m/s", 1852 / 3600, ["knots"]],
  ["B", 1, ["byte", "bytes"]],
  ["B", 1e3, ["kb", "kilobyte", "kilobytes"]],
  ["B", 1e6, ["mb", "megabyte", "megabytes"]],
  ["B", 1e9, ["gb", "gigabyte", "gigabytes"]],
  ["B", 1e12, ["tb", "terabyte", "terabytes"]],
];

export const UNIT_WORDS: ReadonlyMap<string, UnitSpec> = new Map(
  UNIT_TABLE.flatMap(([unit, factor, spellings]) => spellings.map((w) => [w, { unit, factor }] as const)),
);

/** Units whose glued abbreviations the search index spells out ("10GW" → "gigawatt", as questions write it). */
const SPELLED_IN_INDEX = new Set<FigureUnit>(["W"]);

/** Abbreviations of those units with their spelled-out form (the first longer spelling of their group). */
export const SPELLED_UNIT_WORDS: ReadonlyMap<string, string> = new Map(
  UNIT_TABLE.flatMap(([unit, , spellings]) => {
    const spelled = spellings.find((w) => w.length > 3);
    if (!SPELLED_IN_INDEX.has(unit) || !spelled) return [];
    return spellings.filter((w) => w.length <= 3).map((w) => [w, spelled] as const);
  }),
);

/**
 * Short unit words that are ordinary words or initials in another case ("5G" is a network, "Mi" a weekday,
 * "GB" may be Great Britain elsewhere): they are units only in these exact spellings.
 */
export const EXACT_CASE_UNITS: Record<string, string[]> = {
  m: ["m"],
  l: ["l"],
  g: ["g"],
  w: ["W", "w"],
  mi: ["mi"],
  ha: ["ha"],
  ft: ["ft"],
  yd: ["yd"],
  lb: ["lb"],
  lbs: ["lbs"],
  mg: ["mg"],
  ml: ["ml"],
  min: ["min"],
  sek: ["Sek", "sek"],
  sec: ["sec"],
  std: ["Std", "std"],
  kb: ["KB", "kB"],
  mb: ["MB"],
  gb: ["GB"],
  tb: ["TB"],
};

export const UNIT_SYMBOLS: Record<string, UnitSpec> = {
  $: { unit: "USD", factor: 1 },
  "€": { unit: "EUR", factor: 1 },
  "£": { unit: "GBP", factor: 1 },
  "¥": { unit: "JPY", factor: 1 },
  "%": { unit: "%", factor: 1 },
};

/** How the search index writes money and shares: one term per unit for its words and symbols ("$", "USD", "Dollar"). */
export const UNIT_SEARCH_TERMS: Partial<Record<FigureUnit, string>> = {
  USD: "dollar",
  EUR: "euro",
  "%": "prozent",
};

/**
 * Word stems that make a question ask for a unit, matched on folded text from a word start ("wie schnell
 * wächst" → a rate in %, "wie viel Strom" → watts, "wie oft" → times).
 */
export const QUESTION_UNIT_HINTS: Array<[RegExp, FigureUnit]> = [
  [/\b(prozent|percent|anteil|share|stake|rate|wachst|wachstum|growth|grow|schnell|fast)/, "%"],
  [/\b(watt|gigawatt|megawatt|strom|leistung|power|electricity|energie|energy)/, "W"],
  [
    /\b(dollar|euro|geld|money|kost|cost|wert|worth|value|bewert|valuation|invest|zugesagt|commit|ausgab|spend|umsatz|revenue|finanz|fund)/,
    "USD",
  ],
  [/\b(flop|rechenleistung|compute)/, "FLOPS"],
  [/\b(wie oft|how often|how many times|mal)\b/, "times"],
];

const MONEY: FigureUnit[] = ["USD", "EUR", "GBP", "CHF", "JPY"];

/**
 * Words of a figure filter that ask for a kind of amount rather than a word in the text (folded; every unit
 * word and symbol above selects its unit too).
 */
export const FILTER_UNIT_WORDS: Record<string, FigureUnit[]> = {
  "us-dollar": ["USD"],
  geld: MONEY,
  money: MONEY,
  betrag: MONEY,
  betrage: MONEY,
  summe: MONEY,
  waehrung: MONEY,
  power: ["W"],
  strom: ["W", "Wh"],
  energie: ["W", "Wh"],
  energy: ["W", "Wh"],
  leistung: ["W", "FLOPS"],
  compute: ["FLOPS"],
  rechenleistung: ["FLOPS"],
  percentage: ["%"],
  anteil: ["%"],
  jahreszahl: ["year"],
  quartal: ["quarter"],
  quarter: ["quarter"],
  haufigkeit: ["times"],
  anzahl: ["count"],
  count: ["count"],
  grosse: ["m"],
  size: ["m"],
  lange: ["m"],
  length: ["m"],
  entfernung: ["m"],
  distance: ["m"],
  abmessungen: ["m"],
  flache: ["m2"],
  area: ["m2"],
  volumen: ["m3"],
  volume: ["m3"],
  masse: ["kg"],
  gewicht: ["kg"],
  weight: ["kg"],
  mass: ["kg"],
  dauer: ["s"],
  zeitraum: ["s"],
  duration: ["s"],
  geschwindigkeit: ["m/s"],
  speed: ["m/s"],
  temperatur: ["°C"],
  temperature: ["°C"],
};

/** The word a unit is offered as in topic autocomplete. */
export const UNIT_TOPIC_NAMES: Record<FigureUnit, string> = {
  USD: "Dollar",
  EUR: "Euro",
  GBP: "Pfund",
  CHF: "Franken",
  JPY: "Yen",
  W: "Gigawatt",
  Wh: "Energie",
  FLOPS: "FLOPS",
  "%": "Prozent",
  year: "Jahr",
  quarter: "Quartal",
  count: "Anzahl",
  m: "Länge",
  m2: "Fläche",
  m3: "Volumen",
  kg: "Gewicht",
  s: "Dauer",
  "m/s": "Geschwindigkeit",
  "°C": "Temperatur",
  B: "Datenmenge",
  times: "mal",
};

/** "Quadrat-"/"square" and "Kubik-"/"cubic" before a length make an area or a volume. */
export const AREA_PREFIXES = new Set(["square", "sq", "quadrat"]);
export const VOLUME_PREFIXES = new Set(["cubic", "kubik"]);

/** "pro Stunde", "per hour", "/h": a length per hour is a speed. */
export const PER_WORDS = new Set(["pro", "per", "je", "/"]);
export const HOUR_WORDS = new Set(["stunde", "hour", "h", "std"]);

/** Temperatures: "°C", "Grad Celsius", "°F" (converted to °C). */
export const TEMPERATURE_WORDS: Record<string, UnitSpec> = {
  c: { unit: "°C", factor: 1 },
  celsius: { unit: "°C", factor: 1 },
  f: { unit: "°C", factor: 5 / 9, offset: (-32 * 5) / 9 },
  fahrenheit: { unit: "°C", factor: 5 / 9, offset: (-32 * 5) / 9 },
};
export const DEGREE_WORDS = new Set(["grad", "degrees", "degree"]);

/** How a base unit is named in answers and lists. */
export const UNIT_NAMES: Record<Lang, Record<FigureUnit, string>> = {
  de: {
    USD: "US-Dollar",
    EUR: "Euro",
    GBP: "Pfund Sterling",
    CHF: "Franken",
    JPY: "Yen",
    W: "Watt",
    Wh: "Wattstunden",
    FLOPS: "FLOPS",
    m: "Meter",
    m2: "Quadratmeter",
    m3: "Kubikmeter",
    kg: "Kilogramm",
    "m/s": "Meter pro Sekunde",
    "°C": "°C",
    B: "Byte",
    s: "Sekunden",
    "%": "%",
    year: "",
    quarter: "",
    count: "",
    times: "mal",
  },
  en: {
    USD: "US dollars",
    EUR: "euros",
    GBP: "pounds sterling",
    CHF: "Swiss francs",
    JPY: "yen",
    W: "watts",
    Wh: "watt-hours",
    FLOPS: "FLOPS",
    m: "metres",
    m2: "square metres",
    m3: "cubic metres",
    kg: "kilograms",
    "m/s": "metres per second",
    "°C": "°C",
    B: "bytes",
    s: "seconds",
    "%": "%",
    year: "",
    quarter: "",
    count: "",
    times: "times",
  },
};

/**
 * Readable sub-units for spelling a base value: the largest whose factor fits is used
 * (5e7 m² → "50 Quadratkilometer", 1.6e16 s → "515 Millionen Jahre").
 */
export const DISPLAY_UNITS: Partial<Record<FigureUnit, Array<[number, Record<Lang, string>]>>> = {
  m: [
    [1e3, { de: "Kilometer", en: "kilometres" }],
    [1, { de: "Meter", en: "metres" }],
    [1e-2, { de: "Zentimeter", en: "centimetres" }],
    [1e-3, { de: "Millimeter", en: "millimetres" }],
  ],
  m2: [
    [1e6, { de: "Quadratkilometer", en: "square kilometres" }],
    [1e4, { de: "Hektar", en: "hectares" }],
    [1, { de: "Quadratmeter", en: "square metres" }],
  ],
  m3: [
    [1, { de: "Kubikmeter", en: "cubic metres" }],
    [1e-3, { de: "Liter", en: "litres" }],
  ],
  kg: [
    [1e3, { de: "Tonnen", en: "tonnes" }],
    [1, { de: "Kilogramm", en: "kilograms" }],
    [1e-3, { de: "Gramm", en: "grams" }],
  ],
  s: [
    [YEAR_SECONDS, { de: "Jahre", en: "years" }],
    [86400, { de: "Tage", en: "days" }],
    [3600, { de: "Stunden", en: "hours" }],
    [60, { de: "Minuten", en: "minutes" }],
    [1, { de: "Sekunden", en: "seconds" }],
  ],
  "m/s": [[1 / 3.6, { de: "km/h", en: "km/h" }]],
  W: [
    [1e9, { de: "Gigawatt", en: "gigawatts" }],
    [1e6, { de: "Megawatt", en: "megawatts" }],
    [1, { de: "Watt", en: "watts" }],
  ],
  Wh: [
    [1e12, { de: "Terawattstunden", en: "terawatt-hours" }],
    [1e9, { de: "Gigawattstunden", en: "gigawatt-hours" }],
    [1e6, { de: "Megawattstunden", en: "megawatt-hours" }],
    [1e3, { de: "Kilowattstunden", en: "kilowatt-hours" }],
    [1, { de: "Wattstunden", en: "watt-hours" }],
  ],
  B: [
    [1e12, { de: "Terabyte", en: "terabytes" }],
    [1e9, { de: "Gigabyte", en: "gigabytes" }],
    [1e6, { de: "Megabyte", en: "megabytes" }],
    [1, { de: "Byte", en: "bytes" }],
  ],
};

/** Topic words every figure of a unit carries, so "Dollar", "Watt" or "Fläche" finds them. */
export const UNIT_TOPICS: Record<FigureUnit, string[]> = {
  USD: ["dollar", "usd"],
  EUR: ["euro", "eur"],
  GBP: ["pfund", "gbp"],
  CHF: ["franken", "chf"],
  JPY: ["yen", "jpy"],
  W: ["watt"],
  Wh: ["energie", "wattstunden"],
  FLOPS: ["flops", "rechenleistung"],
  "%": ["prozent"],
  year: ["jahr"],
  quarter: ["quartal"],
  count: ["anzahl"],
  m: ["größe", "länge", "meter"],
  m2: ["fläche", "quadratmeter"],
  m3: ["volumen", "kubikmeter"],
  kg: ["masse", "gewicht"],
  s: ["dauer", "zeitraum"],
  "m/s": ["geschwindigkeit"],
  "°C": ["temperatur"],
  B: ["datenmenge", "byte"],
  times: ["mal"],
};

// --- months and dates ---------------------------------------------------------------------------

/** Month names written out, German (with the Austrian "Jänner") and English. */
export const MONTHS_DE = [
  "januar",
  "jänner",
  "februar",
  "märz",
  "april",
  "mai",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "dezember",
];
export const MONTHS_EN = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
/** Abbreviated months of both languages. */
export const MONTH_ABBREVIATIONS = [
  "jan",
  "feb",
  "mär",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "okt",
  "oct",
  "nov",
  "dez",
  "dec",
];
/** A month name that is mostly an ordinary word ("may" is a modal verb): a date only next to a number. */
export const AMBIGUOUS_MONTHS = new Set(["may"]);

/** Every month spelling, lower case: written-out names of both languages, then the abbreviations. */
export const MONTH_NAMES = [...new Set([...MONTHS_DE, ...MONTHS_EN, ...MONTH_ABBREVIATIONS])];
/** Written-out month names that name a month wherever they stand (a sentence mentioning one says when). */
export const UNAMBIGUOUS_MONTHS = [...new Set([...MONTHS_DE, ...MONTHS_EN])].filter(
  (m) => !AMBIGUOUS_MONTHS.has(m),
);
export const MONTHS_PATTERN = MONTH_NAMES.join("|");
export const MONTH_RE = new RegExp(`^(?:${MONTHS_PATTERN})$`, "i");
/** Words that may precede a year and belong to how it is written ("Ende 2023", "mid-2025"). */
export const YEAR_QUALIFIERS = new RegExp(
  `^(?:ende|anfang|mitte|frühjahr|frühling|sommer|herbst|winter|early|mid|late|${MONTHS_PATTERN})$`,
  "i",
);
