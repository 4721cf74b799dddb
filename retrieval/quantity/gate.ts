/**
 * The quick test that spares most sentences the scan: can the sentence hold an amount at all? Every sentence of
 * every chunk meets it at index time. Most have no digit, and their exact tests (a Unicode-aware number-word regex,
 * a loop over every article) cost more than the rest of the test: one plain regex that matches wherever those
 * could rules nearly all of them out first, so the answer stays that of the exact tests.
 */
import {
  AREA_PREFIXES,
  ARTICLE_WORDS,
  DEGREE_WORDS,
  SCALE_WORDS,
  UNIT_WORDS,
  VOLUME_PREFIXES,
} from "./lexicon.ts";

/**
 * Number words that are more than an article, as whole words: German compounds made only of number parts
 * ("zweihundert", "dreiundzwanzig", "eineinhalb", "fünfmal", "zehnfach") and English ones ("twenty-five",
 * "twice"). False alarms only cost a full scan; a miss would lose an amount, so every parser word is covered.
 */
const DE_NUMBER_PART =
  "zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|sechzehn|siebzehn|zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|einhalb|anderthalb";
const EN_NUMBER_WORD =
  "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|twice";
const NUMBER_WORD_HINT = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:ein|und|${DE_NUMBER_PART})*(?:${DE_NUMBER_PART})(?:ein|und|${DE_NUMBER_PART})*(?:mal|fach)?|(?:${EN_NUMBER_WORD})(?:fold)?)(?!\\p{L})`,
  "iu",
);
/** The same parts without word boundaries: a cheap first test that the exact one only confirms. */
const NUMBER_PART_HINT = new RegExp(`${DE_NUMBER_PART}|${EN_NUMBER_WORD}`, "i");
/** An article and the word after it ("eine Milliarde", "einen PetaFLOP", "ein Drittel"); no Unicode flag, for speed. */
const ARTICLE_AND_NEXT =
  /(?:^|[^A-Za-zÀ-ÖØ-öø-ÿ])(?:ein|eine|einen|einem|einer|eines|eins|a|an|one)[ \t\u00a0-]+([A-Za-zÀ-ÖØ-öø-ÿ]+)/gi;
const MEASURE_AFTER_ARTICLE = new Set(
  [
    ...Object.keys(SCALE_WORDS),
    ...UNIT_WORDS.keys(),
    ...AREA_PREFIXES,
    ...VOLUME_PREFIXES,
    ...DEGREE_WORDS,
    "hundred",
  ].map((w) => w.toLowerCase()),
);

/** An article right before a scale or unit is the number one. */
function articleBeforeUnit(sentence: string): boolean {
  const re = ARTICLE_AND_NEXT;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    if (MEASURE_AFTER_ARTICLE.has((m[1] as string).toLowerCase())) return true;
    // Matches overlap where an article follows an article ("ein eine Milliarde"): step back to the mark before
    // the word just read, which the next match needs in front of its article.
    re.lastIndex = m.index + m[0].length - (m[1] as string).length - 1;
  }
  return false;
}

/** The exact tests, for a sentence without digits. */
function numberWordOrArticleBeforeUnit(sentence: string): boolean {
  if (NUMBER_PART_HINT.test(sentence) && NUMBER_WORD_HINT.test(sentence)) return true;
  return articleBeforeUnit(sentence);
}

const LATIN1_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ";
const PARTS = `${DE_NUMBER_PART}|${EN_NUMBER_WORD}`;
const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * Matches wherever the exact tests can, in one pass without the Unicode flag (ruling out a sentence costs a third
 * of what they cost). Between Latin-1 letter boundaries:
 * - a number word: one part alone, or a word that begins with a part (or with "ein"/"und" and more letters) and
 *   ends with a part, "ein", "und", "mal", "fach" or "fold";
 * - an article, a gap and a scale or unit word;
 * - or any of ſ, ẞ and the Kelvin sign, the only letters beyond ü, ö, ß and ASCII that a Unicode case-insensitive
 *   regex equates with letters of number words (test/retrieval/quantity/gate.test.ts checks every code point):
 *   the exact tests decide those sentences.
 * Every letter of a number word is a Latin-1 letter, so a Unicode letter boundary around one is a Latin-1 one too.
 */
const MAY_NAME_AMOUNT = new RegExp(
  [
    `(?:^|[^${LATIN1_LETTER}])(?:`,
    `(?:${PARTS})(?![${LATIN1_LETTER}])`,
    `|(?:(?:ein|und)(?=[${LATIN1_LETTER}])|${PARTS})[${LATIN1_LETTER}]*(?:${PARTS}|ein|und|mal|fach|fold)(?![${LATIN1_LETTER}])`,
    `|(?:${[...ARTICLE_WORDS].join("|")})[ \\t\\u00a0-]+(?:${[...MEASURE_AFTER_ARTICLE].map(escapeRegExp).join("|")})(?![${LATIN1_LETTER}])`,
    ")|[\\u017f\\u1e9e\\u212a]",
  ].join(""),
  "i",
);

/**
 * Sentences without digits the exact tests answer alone before the pre-test joins in: compiling the pre-test costs
 * a few ms, which pays off over an index's thousands of sentences but not for the handful a one-off question reads.
 */
const EXACT_ONLY_FIRST = 256;
let digitless = 0;

/**
 * Can the sentence hold an amount at all? Most sentences have no digit and no number word; they are answered by
 * two regex tests without being tokenized.
 */
export function mayHoldQuantity(sentence: string): boolean {
  if (/\d/.test(sentence)) return true;
  if (digitless < EXACT_ONLY_FIRST) {
    digitless++;
    return numberWordOrArticleBeforeUnit(sentence);
  }
  return MAY_NAME_AMOUNT.test(sentence) && numberWordOrArticleBeforeUnit(sentence);
}

/** `mayHoldQuantity` with the pre-test from the first sentence on (exported for its test). */
export function mayHoldQuantityPretested(sentence: string): boolean {
  return /\d/.test(sentence) || (MAY_NAME_AMOUNT.test(sentence) && numberWordOrArticleBeforeUnit(sentence));
}

/** The gate without the pre-test: what `mayHoldQuantity` must equal (exported for its test). */
export function mayHoldQuantityExactly(sentence: string): boolean {
  return /\d/.test(sentence) || numberWordOrArticleBeforeUnit(sentence);
}
