/**
 * Key figures of the corpus: every quantity in every chunk sentence, with a short label built from the
 * sentence's own nouns and names ("OpenAI: Zusage für Azure-Services"), the sentence as quote, and topic
 * words for filtering. The heuristics are generic (German word order, genitive names, relative clauses,
 * table headers); nothing is specific to one article.
 */
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Chunk, Figure, FigureUnit, Lang } from "../types.ts";
import { findQuantities, parseLocaleNumber, type Quantity, scaleOf } from "./numbers.ts";

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD_RE = /[\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*(?:['’]s)?/gu;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD_RE)].map((m) => ({
    text: m[0],
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Capitalised at the start of a sentence but no topic: adverbs, modal verbs, quantifiers (folded). */
const EXTRA_FUNCTION =
  words(`sogar manchmal heute gestern morgen damals zudem ausserdem dennoch trotzdem jedoch
  allerdings bereits laut rund fast knapp konnte wurde durfte hatte ware sollen mussen meisten meiste neben seit bis ab
  ob jahrlich bzw etwa ca circa mehr weniger nur gut mindestens hochstens nahezu ungefahr annahernd insgesamt however
  meanwhile still even most yet`);
const isFunction = (w: string) => STOPWORDS.has(foldText(w)) || EXTRA_FUNCTION.has(foldText(w));
const isCap = (w: string | undefined) => w !== undefined && /^\p{Lu}/u.test(w);
/** A capitalised content word: a German noun or a name. */
const isNounish = (w: string | undefined) => isCap(w) && !isFunction(w as string) && !/^\d/.test(w as string);
const isInflected = (w: string | undefined) => w !== undefined && /^\p{Ll}+(e|en|er|es|em)$/u.test(w);

const DETERMINERS =
  words(`der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
  dieser diese dieses diesem diesen jede jeder jedes jeden jedem sein seine seinen seinem seiner ihr ihre ihren ihrem
  ihrer unser unsere dasselbe derselbe dieselbe im am zum zur vom beim ins the a an this these those its their`);
/** Words between a number and what it is about ("über 1 Billion", "weniger als hundert", "bis zu"). */
const QTY_QUALIFIERS = words(`uber mehr als weniger fast rund etwa knapp insgesamt ca circa nur gut mindestens
  maximal hochstens nahezu ungefahr annahernd jeweils zusammen bereits over more than less about around nearly almost
  roughly some up approximately just only least`);
/** Prepositions that link a noun to its amount ("Bewertung auf 830 Milliarden", "Wachstum von 39%"). */
const LINK_PREPS = words("von auf um mit bei zu uber of at to by worth");
const TIME_PREPS = words("bis seit ab vor nach im in until since by from");
/** Prepositions whose phrase refines a label ("Zusage für Azure-Services", "Gespräche mit OpenAI"). */
const QUALIFIER_PREPS: Record<Lang, Set<string>> = {
  de: words("fur von mit gegen aus"),
  en: words("for from with in"),
};
const RELATIVE = /^(der|die|das|dem|den|deren|dessen|welche|welcher|welches|which|who|that)$/i;
/** Clauses that describe the noun before the comma ("The deal, valued at $6.5bn, …"). */
const PARTICIPLE_LEAD = /^(valued|worth|priced|bewertet|dotiert)$/i;
const GENITIVE_JOINERS = words("des der of");
const AND_JOINERS = words("und and &");
/** "in fiscal 2025", "over eight years": time words after an English amount are not what it measures. */
const EN_TIME_WORDS = words("fiscal year years quarter quarters month months week weeks day days time total");
const CHANGE_NOUNS = words("Anstieg Rückgang Wachstum increase decline growth");

/** Verbs of money and capacity news, mapped to the noun a label needs ("verpflichtete sich zu" → "Zusage"). */
const VERB_NOUNS: Array<[RegExp, Record<Lang, string>]> = [
  [/^verpflicht|^commit(s|ted)?$/i, { de: "Zusage", en: "commitment" }],
  [/^investier|^invest(s|ed)?$/i, { de: "Investition", en: "investment" }],
  [/^verbrauch|^consum(e|es|ed)$/i, { de: "Verbrauch", en: "consumption" }],
  [/^benötig|^(needs?|needed|requires?|required)$/i, { de: "Bedarf", en: "requirement" }],
  [/^untersuch|^(investigat(es|ed)|prob(es|ed))$/i, { de: "Untersuchungen", en: "investigations" }],
  [/^(be)?zahl(t|te|ten|en)?$|^(pays?|paid)$/i, { de: "Zahlung", en: "payment" }],
  [/^kost(et|ete|eten|en)$|^costs?$/i, { de: "Kosten", en: "cost" }],
  [/^bewert|^valu(es|ed)$/i, { de: "Bewertung", en: "valuation" }],
  [/^(wächst|wuchs|wuchsen|wachsen|gewachsen)$|^(grows|grew|grown)$/i, { de: "Wachstum", en: "growth" }],
  [
    /^(stieg|stiegen|steigt|steigen|gestiegen)$|^(rises|rose|risen|increased)$/i,
    { de: "Anstieg", en: "increase" },
  ],
  [
    /^(sank|sanken|sinkt|sinken|gesunken|fiel|fielen|fällt)$|^(falls|fell|fallen|declined|dropped)$/i,
    { de: "Rückgang", en: "decline" },
  ],
  [/^(sammel|sammelt|sammelte|eingesammelt)$|^(raises|raised)$/i, { de: "Finanzierung", en: "funding" }],
  [/^(ausgeb|gibt|gab)|^(spends|spent)$/i, { de: "Ausgaben", en: "spending" }],
  [
    /^(kauft|kaufte|gekauft|erwarb|erwirbt)$|^(buys|bought|acquires|acquired)$/i,
    { de: "Kauf", en: "purchase" },
  ],
  [/^(verdient|verdiente)$|^(earns|earned)$/i, { de: "Gewinn", en: "earnings" }],
  [/^(beschäftigt|beschäftigte)$|^(employs|employed)$/i, { de: "Beschäftigte", en: "employees" }],
];

function verbNoun(word: string, lang: Lang): string | undefined {
  if (isCap(word)) return undefined;
  return VERB_NOUNS.find(([re]) => re.test(word))?.[1][lang];
}

// --- language -----------------------------------------------------------------------------------

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
  let de = 0;
  let en = 0;
  for (const w of sentence.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (DE_MARKS.has(w)) de++;
    if (EN_MARKS.has(w)) en++;
  }
  if (documentLang === "de" && en >= 2 && en > 2 * de && !/[äöüß]/i.test(sentence)) return "en";
  if (documentLang === "en" && de >= 2 && de > 2 * en) return "de";
  return documentLang;
}

// --- names --------------------------------------------------------------------------------------

/** Generic acronyms and unit words that look like names but are not what a figure is "about". */
const NOT_ENTITIES =
  words(`ki ai it ip api apis ceo cfo cto coo agi usd eur us gw mw kw tw pc gpu gpus cpu tpu llm
  llms ml ar vr hr pr ag se sa gmbh inc ltd co flops flop pflops tflops petaflop petaflops teraflop teraflops exaflop
  exaflops q kpi ipo tops esg b2b b2c faq pdf url mio mrd bn dollar euro prozent milliarden millionen billion
  billionen`);
/** German noun endings; a capitalised word with one of them is a common noun, not a name. */
const NOUN_SUFFIX =
  /(ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|itäten|nis|nisse|tum|ismus|enz|anz)$/i;

interface WordStats {
  count: number;
  article: boolean;
  adjective: boolean;
  afterFunction: boolean;
  midSentence: boolean;
}

/**
 * Names in a document, found without a dictionary: words with inner capitals or digits ("OpenAI", "AMD",
 * "GN100"); words that also occur with a genitive -s and never with an article ("Microsoft"/"Microsofts");
 * capitalised words that recur without article or adjective, once right after a function word ("für Azure",
 * "und Anthropic"); in English text, capitalised words inside a sentence.
 */
export function detectEntities(texts: string[], lang: Lang = "de"): Set<string> {
  const entities = new Set<string>();
  const standalone = new Set<string>();
  const stats = new Map<string, WordStats>();
  for (const text of texts) {
    const ws = wordsOf(text.replace(/(?:https?:\/\/|www\.)\S+/g, " "));
    const titleCase = ws.filter((w) => isCap(w.text)).length > ws.length * 0.6;
    ws.forEach((w, i) => {
      const prev = ws[i - 1]?.text;
      const prevFolded = foldText(prev ?? "");
      // After a comma "den"/"die" is a relative pronoun ("…, den Nvidia und OpenAI bauen wollten").
      const relativePronoun = i > 0 && /,\s*$/.test(text.slice(0, ws[i - 1]?.start ?? 0));
      const parts = w.text.replace(/['’]s$/, "").split(/[-‑]/);
      parts.forEach((part, p) => {
        if (!/\p{L}/u.test(part) || NOT_ENTITIES.has(foldText(part)) || /^[QH][1-4]$/i.test(part)) return;
        if (/^\p{Lu}/u.test(part) && /[\p{Lu}\p{N}]/u.test(part.slice(1))) entities.add(part);
        if (p > 0 || !isCap(part)) return;
        const entry = stats.get(part) ?? {
          count: 0,
          article: false,
          adjective: false,
          afterFunction: false,
          midSentence: false,
        };
        entry.count++;
        if (DETERMINERS.has(prevFolded) && !relativePronoun) entry.article = true;
        else if (STOPWORDS.has(prevFolded)) entry.afterFunction = true;
        // "die neue Fabrik", "in neue Werke": an inflected word after an article or preposition is an adjective.
        else if (isInflected(prev) && STOPWORDS.has(foldText(ws[i - 2]?.text ?? ""))) entry.adjective = true;
        if (i > 0 && !titleCase && !/[:.!?]\s*$/.test(text.slice(0, w.start))) entry.midSentence = true;
        stats.set(part, entry);
      });
      if (isCap(w.text) && !w.text.includes("-")) standalone.add(w.text);
      const possessive = /^(\p{Lu}[\p{L}\p{N}]+)['’]s$/u.exec(w.text);
      if (possessive && !NOT_ENTITIES.has(foldText(possessive[1] as string)))
        entities.add(possessive[1] as string);
    });
  }
  for (const [word, s] of stats) {
    if (s.article || isFunction(word) || word.length < 3) continue;
    // Names take a genitive -s without an article ("Microsofts"); common nouns take "des … -s".
    const genitive = standalone.has(`${word}s`) && !stats.get(`${word}s`)?.article;
    const recurring = s.count >= 2 && s.afterFunction && !s.adjective && !NOUN_SUFFIX.test(word);
    const englishName = lang === "en" && s.midSentence;
    if (genitive || recurring || englishName) entities.add(word);
  }
  // "OpenAIs" is OpenAI's genitive, not a second name.
  for (const name of [...entities])
    if (name.endsWith("s") && entities.has(name.slice(0, -1))) entities.delete(name);
  return entities;
}

/** "Microsofts" → "Microsoft", "OpenAI's" → "OpenAI" when the base is a known name. */
function genitiveBase(word: string | undefined, entities: Set<string>): string | undefined {
  if (!word) return undefined;
  const apostrophe = /^(.+)['’]s$/u.exec(word);
  if (apostrophe && isCap(apostrophe[1])) return apostrophe[1];
  const m = /^(.+)s$/u.exec(word);
  return m && entities.has(m[1] as string) ? m[1] : undefined;
}

function entityOf(word: string, entities: Set<string>): string | undefined {
  return entities.has(word) ? word : genitiveBase(word, entities);
}

const hasName = (ws: Word[], entities: Set<string>) =>
  ws.some((w) => w.text.split(/[-‑]/).some((part) => entityOf(part, entities)));

/** First run of names joined by "und"/"and" ("Nvidia und OpenAI" → "Nvidia & OpenAI"). */
function firstEntityGroup(ws: Word[], entities: Set<string>): string | undefined {
  for (let i = 0; i < ws.length; i++) {
    const first = entityOf((ws[i] as Word).text, entities);
    if (!first) continue;
    const group = [first];
    for (let j = i + 1; AND_JOINERS.has(foldText(ws[j]?.text ?? "")) && ws[j + 1]; j += 2) {
      const more = entityOf((ws[j + 1] as Word).text, entities);
      if (!more) break;
      group.push(more);
    }
    return group.join(" & ");
  }
  return undefined;
}

// --- noun phrases -------------------------------------------------------------------------------

const textOf = (ws: Word[]) => ws.map((w) => w.text).join(" ");

/** English content word: not a function word, adverb, number or one of the news verbs. */
const isEnglishContent = (w: string) =>
  !isFunction(w) && !/ly$/.test(w) && !/^\d/.test(w) && verbNoun(w, "en") === undefined;

/** The noun phrase ending at `k`, read backwards; keeps genitive "des/der" and "und" inside it. */
function phraseBackward(ws: Word[], k: number, lang: Lang): Word[] {
  const out: Word[] = [];
  for (let i = k; i >= 0; i--) {
    const w = ws[i] as Word;
    const folded = foldText(w.text);
    const content = lang === "en" ? isEnglishContent(w.text) : isNounish(w.text);
    if (content && (lang === "de" || out.length < 3)) {
      out.unshift(w);
      continue;
    }
    const joiner = GENITIVE_JOINERS.has(folded) || AND_JOINERS.has(folded);
    if (!joiner || out.length === 0 || !isNounish(ws[i - 1]?.text)) break;
    out.unshift(w);
  }
  return out;
}

/** The noun phrase a clause starts with, past articles and adjectives ("Das neue Rechenzentrum in …"). */
function phraseForward(ws: Word[], lang: Lang): { phrase: Word[]; determiner: boolean } {
  let i = 0;
  let determiner = false;
  for (; i < ws.length && i < 3 && isFunction((ws[i] as Word).text); i++) {
    if (DETERMINERS.has(foldText((ws[i] as Word).text))) determiner = true;
  }
  if (lang === "en") {
    const phrase: Word[] = [];
    for (; i < ws.length && phrase.length < 3 && isEnglishContent((ws[i] as Word).text); i++)
      phrase.push(ws[i] as Word);
    return { phrase, determiner };
  }
  for (let adjectives = 0; determiner && adjectives < 2 && isInflected(ws[i]?.text); adjectives++) i++;
  const phrase: Word[] = [];
  for (; i < ws.length; i++) {
    const w = ws[i] as Word;
    const folded = foldText(w.text);
    const joinsNext =
      phrase.length > 0 &&
      isNounish(ws[i + 1]?.text) &&
      (AND_JOINERS.has(folded) || GENITIVE_JOINERS.has(folded) || folded === "von");
    if (isNounish(w.text) || joinsNext) phrase.push(w);
    else break;
  }
  return { phrase, determiner };
}

/** Splits a phrase into its genitive owner and the rest: "OpenAIs Bewertung" → [OpenAI, Bewertung]. */
function splitOwner(phrase: Word[], entities: Set<string>): { owner?: string; rest: Word[] } {
  const owner = genitiveBase(phrase[0]?.text, entities);
  return owner && phrase.length > 1 ? { owner, rest: phrase.slice(1) } : { rest: phrase };
}

/** Where the clause around a quantity starts and ends (commas, dashes, colons, brackets). */
function clauseAround(sentence: string, start: number, end: number): [number, number] {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(/[,;:()[\]—–!?|]|\s-\s/g)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return [from, to];
}

// --- labels -------------------------------------------------------------------------------------

interface LabelInput {
  sentence: string;
  q: Quantity;
  /** All quantities of the sentence: their words are not context for each other. */
  quantities: Quantity[];
  lang: Lang;
  entities: Set<string>;
  /** Names in the section heading: who a sentence without names is about. */
  sectionOwner?: string;
}

const MAX_LABEL = 80;

function compose(owner: string | undefined, head: string, qualifier = ""): string {
  const body = `${head}${qualifier ? ` ${qualifier}` : ""}`.trim();
  const folded = foldText(body);
  const shown = owner && !owner.split(" & ").every((o) => folded.includes(foldText(o))) ? owner : undefined;
  const label = shown && body ? `${shown}: ${body}` : body || (shown ?? "");
  const capped = label.charAt(0).toUpperCase() + label.slice(1);
  return capped.length > MAX_LABEL ? `${capped.slice(0, MAX_LABEL - 1).trimEnd()}…` : capped;
}

/** "für Azure-Services", "mit OpenAI", "von Amazon und Microsoft": a preposition and the nouns after it. */
function qualifierFrom(ws: Word[], lang: Lang): string {
  const prep = ws[0];
  if (!prep || !QUALIFIER_PREPS[lang].has(foldText(prep.text))) return "";
  const phrase: Word[] = [];
  for (const w of ws.slice(1, 6)) {
    const folded = foldText(w.text);
    const content =
      lang === "en" ? isEnglishContent(w.text) && !EN_TIME_WORDS.has(w.text) : isNounish(w.text);
    if (content) phrase.push(w);
    else if (AND_JOINERS.has(folded) && phrase.length > 0) phrase.push(w);
    else break;
  }
  while (phrase.length > 0 && AND_JOINERS.has(foldText((phrase.at(-1) as Word).text))) phrase.pop();
  return phrase.length > 0 ? `${prep.text} ${textOf(phrase)}` : "";
}

/** What the amount measures, from the words right after it ("27% Eigentum", "an Verpflichtungen"). */
function headAfter(after: Word[], lang: Lang, entities: Set<string>): { head?: string; rest: Word[] } {
  const [a, b] = after;
  if (!a) return { rest: after };
  const folded = foldText(a.text);
  if (lang === "de") {
    if (folded === "an" && isNounish(b?.text)) return { head: b?.text, rest: after.slice(2) };
    if (genitiveBase(a.text, entities)) return { rest: after };
    if (isNounish(a.text)) return { head: a.text, rest: after.slice(1) };
    if (isInflected(a.text) && !isFunction(a.text) && isNounish(b?.text)) {
      return { head: `${a.text} ${b?.text}`, rest: after.slice(2) };
    }
    return { rest: after };
  }
  // "$1.4 trillion in compute commitments", "$100 billion investment plan"; "in Anthropic" is a qualifier.
  const start =
    (folded === "in" || folded === "of") && b && !isCap(b.text) && !EN_TIME_WORDS.has(b.text) ? 1 : 0;
  const phrase: Word[] = [];
  for (const w of after.slice(start)) {
    if (phrase.length >= 2 || !isEnglishContent(w.text) || EN_TIME_WORDS.has(w.text)) break;
    phrase.push(w);
  }
  return phrase.length > 0
    ? { head: textOf(phrase), rest: after.slice(start + phrase.length) }
    : { rest: after };
}

/** Index of the word before the amount once qualifiers ("über", "weniger als", "bis zu") are skipped. */
function skipQualifiers(before: Word[]): number {
  let k = before.length - 1;
  for (;;) {
    const w = foldText(before[k]?.text ?? "");
    if (w === "zu" && foldText(before[k - 1]?.text ?? "") === "bis") k -= 2;
    else if (QTY_QUALIFIERS.has(w)) k--;
    else return k;
  }
}

/** "Bewertung auf 830 Milliarden", "Deal im Wert von 100 Milliarden Dollar": the noun a preposition links. */
function headBefore(before: Word[], unit: FigureUnit, lang: Lang, entities: Set<string>): Word[] {
  let k = skipQualifiers(before);
  const prep = foldText(before[k]?.text ?? "");
  const isTime = unit === "year" || unit === "quarter";
  const timeOnly = isTime && TIME_PREPS.has(prep) && !LINK_PREPS.has(prep);
  if (!LINK_PREPS.has(prep) && !timeOnly) return [];
  k--;
  const w = foldText(before[k]?.text ?? "");
  if ((w === "wert" || w === "hohe") && /^(im|in)$/.test(foldText(before[k - 1]?.text ?? ""))) k -= 2;
  if (PARTICIPLE_LEAD.test(w) || k < 0) return [];
  const phrase = phraseBackward(before, k, lang);
  // "untersuchten Microsoft seit Ende 2023": before a time, a bare name is the verb's object, not the topic.
  return timeOnly && phrase.every((p) => entityOf(p.text, entities)) ? [] : phrase;
}

/** The noun phrase before the comma that a relative or participle clause describes. */
function antecedentOf(ws: Word[], from: number, lang: Lang): string {
  const earlier = ws.filter((w) => w.end <= from);
  let i = earlier.length - 1;
  const content = (w: string | undefined) =>
    w !== undefined && (lang === "en" ? isEnglishContent(w) : isNounish(w) || /\d/.test(w));
  while (i >= 0 && !content(earlier[i]?.text)) i--;
  if (i < 0) return "";
  const phrase = phraseBackward(earlier, i, lang);
  // Model names end in digits ("Veriton GN100"); keep them with the name before.
  if (phrase.length === 0) return textOf(phraseBackward(earlier, i - 1, lang).concat(earlier[i] as Word));
  return textOf(phrase);
}

/** A subject without article that is not "adjective + noun" of a bullet point ("Direkte Verhandlungen"). */
const plainSubject = (subject: Word[]) =>
  subject.length === 1 || !/^\p{Lu}\p{Ll}+(e|en|er|es|em)$/u.test(subject[0]?.text ?? "");

function buildLabel(input: LabelInput): string {
  const { sentence, q, quantities, lang, entities, sectionOwner } = input;
  // Words of other amounts ("um 5 Prozent auf 19,1 Mrd.") are not context for this one.
  const ws = wordsOf(sentence).filter((w) => !quantities.some((o) => w.start < o.end && w.end > o.start));
  const [from, to] = clauseAround(sentence, q.start, q.end);
  const before = ws.filter((w) => w.start >= from && w.end <= q.start);
  const after = ws.filter((w) => w.start >= q.end && w.end <= to);

  // 1. What the amount is about: a compound tail, the noun after it, or the noun a preposition links.
  let head: string | undefined;
  let rest = after;
  const tail = /^[-‑]([\p{L}\p{N}]+(?:[-‑][\p{L}\p{N}]+)*)/u.exec(sentence.slice(q.end));
  const countedNoun = q.unit === "count" ? /([\p{L}-]+)$/u.exec(q.text)?.[1] : undefined;
  if (tail) head = tail[1];
  else if (countedNoun && scaleOf(countedNoun, lang) === undefined) head = countedNoun;
  else if (q.unit !== "count") ({ head, rest } = headAfter(after, lang, entities));
  let qualifier = qualifierFrom(rest, lang) || (head ? "" : qualifierFrom(after, lang));
  let headWords = head ? 1 : 0;
  if (!head) {
    const phrase = headBefore(before, q.unit, lang, entities);
    const split = splitOwner(phrase, entities);
    if (split.owner) return compose(split.owner, textOf(split.rest), qualifier);
    if (phrase.length > 0) head = textOf(phrase);
    headWords = phrase.length;
  }

  // 2. Whose amount it is: a genitive right before, the noun a relative clause describes, the subject.
  const genitive = genitiveBase(before[skipQualifiers(before)]?.text, entities);
  const clauseLead = before[0]?.text ?? "";
  const afterComma = /,\s*$/.test(sentence.slice(0, from));
  const described = afterComma && (RELATIVE.test(clauseLead) || PARTICIPLE_LEAD.test(clauseLead));
  const antecedent = described ? antecedentOf(ws, from, lang) : "";
  const firstClause = ws.filter((w) => w.end <= clauseAround(sentence, 0, 0)[1]);
  let { phrase: subject, determiner } = described
    ? { phrase: [], determiner: false }
    : phraseForward(before, lang);
  // A later clause without its own subject ("…, is expected to close in Q3") shares the sentence's.
  const ownSubject = subject.length > 0 && (from === 0 || determiner || isCap(subject[0]?.text));
  if (!described && !ownSubject && from > 0)
    ({ phrase: subject, determiner } = phraseForward(firstClause, lang));
  else if (!ownSubject) subject = subject.length > 0 && from === 0 ? subject : [];
  const subjectSplit = splitOwner(subject, entities);
  const subjectText = textOf(subject);
  const sentenceOwner = firstEntityGroup(firstClause, entities) ?? firstEntityGroup(ws, entities);

  if (!head) {
    // "OpenAI verpflichtete sich zu …" → OpenAI: Zusage; "Azure-Umsatz erreichte …" → Azure-Umsatz.
    const afterSubject =
      subject.length > 0 ? before.slice(before.indexOf(subject.at(-1) as Word) + 1) : before;
    const noun = afterSubject.map((w) => verbNoun(w.text, lang)).find(Boolean);
    const linkedBy = foldText(before[skipQualifiers(before)]?.text ?? "");
    // "Umsatz stieg … auf 19,1 Mrd." / "revenue grew … to $50 billion": the amount is the subject's new level.
    const newLevel = noun && CHANGE_NOUNS.has(noun) && (linkedBy === "auf" || linkedBy === "to");
    if (noun && !(newLevel && subject.length > 0)) {
      const object = afterSubject.map((w) => entityOf(w.text, entities)).find(Boolean);
      const owner = antecedent || subjectText || sentenceOwner || sectionOwner;
      const extra = object && !qualifier && !owner?.includes(object) ? `(${object})` : "";
      return compose(owner, noun, qualifier || extra);
    }
    if (subject.length > 0)
      return compose(subjectSplit.owner ?? (antecedent || undefined), textOf(subjectSplit.rest), qualifier);
    if (antecedent) return compose(undefined, antecedent, qualifier);
    // Last resort: the nearest noun in the clause.
    const near = [...after.slice(0, 3), ...before.slice(-3).reverse()].find(
      (w) => isNounish(w.text) && !entityOf(w.text, entities),
    );
    head = near?.text ?? (q.unit === "count" ? undefined : UNIT_TOPICS[q.unit][0]) ?? "Anzahl";
    headWords = 1;
    if (near && after.includes(near)) qualifier = qualifierFrom(after.slice(after.indexOf(near) + 1), lang);
  }

  const subjectOwner =
    subject.length === 0
      ? undefined
      : hasName(subject, entities)
        ? (subjectSplit.owner ?? (subject.length <= 2 ? subjectText : undefined))
        : headWords === 1 &&
            subject.length <= 3 &&
            subjectText !== head &&
            (determiner || plainSubject(subject))
          ? subjectText
          : undefined;
  const owner =
    genitive ??
    (antecedent || undefined) ??
    subjectOwner ??
    sentenceOwner ??
    (headWords > 1 ? undefined : sectionOwner);
  return compose(owner, head ?? "", qualifier);
}

// --- tables -------------------------------------------------------------------------------------

interface Cell {
  header?: string;
  value: string;
  start: number;
  end: number;
}

interface Row {
  key: string;
  /** Index of the cell holding the key; -1 when the key leads the row ("Key — Header: value"). */
  keyCell: number;
  cells: Cell[];
}

/**
 * A table row as the chunker renders it, "Header: value; Header: value" (first cell first), optionally led by
 * "Key — ", or raw markdown "| a | b |". Undefined for ordinary sentences.
 */
function parseRow(sentence: string): Row | undefined {
  if (/^\s*\|.*\|\s*$/.test(sentence)) {
    const cells: Cell[] = [];
    for (const m of sentence.matchAll(/[^|]+/g)) {
      const value = m[0].trim();
      const start = (m.index ?? 0) + m[0].indexOf(value);
      if (value) cells.push({ value, start, end: start + value.length });
    }
    return cells.length > 1 ? { key: (cells[0] as Cell).value, keyCell: 0, cells } : undefined;
  }
  const segments = [...sentence.matchAll(/[^;]+/g)];
  if (segments.length < 2) return undefined;
  let key: string | undefined;
  const cells: Cell[] = [];
  for (const seg of segments) {
    let text = seg[0];
    let offset = seg.index ?? 0;
    const led = /^\s*([^:—–]+?)\s+[—–]\s+/.exec(text);
    if (led && key === undefined) {
      key = led[1];
      offset += led[0].length;
      text = text.slice(led[0].length);
    }
    const colon = /^\s*([^:]{1,60}?):\s+/.exec(text);
    if (!colon) return undefined;
    const value = text.slice(colon[0].length).trim();
    const start = offset + colon[0].length;
    cells.push({ header: colon[1], value, start, end: start + value.length });
  }
  return key === undefined
    ? { key: (cells[0] as Cell).value, keyCell: 0, cells }
    : { key, keyCell: -1, cells };
}

/** "Microsoft: Rechenkapazität (Verpflichtung)": row key, the column's name (or the name in it), the unit noun. */
function tableLabel(row: Row, input: LabelInput): string {
  const { sentence, q, lang, entities } = input;
  const index = row.cells.findIndex((c) => q.start >= c.start && q.end <= c.end);
  const cell = row.cells[index];
  const head = cell ? headAfter(wordsOf(sentence.slice(q.end, cell.end)), lang, entities).head : undefined;
  const owner = wordsOf(cell?.header ?? "")
    .map((w) => entityOf(w.text, entities))
    .find(Boolean);
  let base: string;
  if (index < 0 || index === row.keyCell) base = cell?.header ?? row.key;
  else if (owner) base = row.key;
  else base = cell?.header ? `${row.key} – ${cell.header}` : row.key;
  return compose(owner, base, head ? `(${head})` : "");
}

/** Cells that hold a bare number ("2024: 312.000") state a count of what the row is about. */
function bareCellQuantities(row: Row, found: Quantity[], lang: Lang): Quantity[] {
  const out: Quantity[] = [];
  for (const cell of row.cells) {
    if (!/^[+-]?\d[\d.,]*$/.test(cell.value) || found.some((q) => q.start < cell.end && q.end > cell.start))
      continue;
    const value = parseLocaleNumber(cell.value.replace(/^\+/, ""), lang);
    if (value === undefined) continue;
    const year = /^(19|20)\d\d$/.test(cell.value);
    out.push({ text: cell.value, value, unit: year ? "year" : "count", start: cell.start, end: cell.end });
  }
  return out;
}

// --- topics -------------------------------------------------------------------------------------

/** Topic words every figure of a unit carries, so "Dollar" or "Watt" finds them. */
const UNIT_TOPICS: Record<FigureUnit, string[]> = {
  USD: ["dollar", "usd"],
  EUR: ["euro", "eur"],
  W: ["watt"],
  FLOPS: ["flops", "rechenleistung"],
  "%": ["prozent"],
  year: ["jahr"],
  quarter: ["quartal"],
  count: ["anzahl"],
  m: ["größe", "meter"],
  times: ["mal"],
};

function isTopicWord(part: string): boolean {
  if (part.length < 2 || /^\d/.test(part) || isFunction(part)) return false;
  if (scaleOf(part, "de") !== undefined || /^(dollar|euro|prozent|percent)$/i.test(part)) return false;
  // Adjectives capitalised at a sentence start ("Europäische") are no topic.
  if (/ische[nrms]?$/i.test(part)) return false;
  return part.length >= 3 || /^\p{Lu}+$/u.test(part);
}

function topicsOf(label: string, texts: string[], q: Quantity, entities: Set<string>): string[] {
  const out = new Set<string>();
  const add = (w: string) => out.add(w.toLowerCase());
  for (const text of [label, ...texts]) {
    for (const w of wordsOf(text)) {
      const bare = w.text.replace(/['’]s$/, "");
      const name = entityOf(w.text, entities);
      if (name) add(name);
      // Label words count in any case; other text contributes its nouns and names.
      if (!isCap(bare) && text !== label) continue;
      const parts = bare.split(/[-‑]/).filter(Boolean);
      if (parts.length > 1 && isTopicWord(bare)) add(bare);
      for (const part of parts) {
        const partName = entityOf(part, entities);
        if (partName) add(partName);
        else if (isTopicWord(part) && (isCap(part) || text === label)) add(part);
      }
    }
  }
  for (const unitWord of UNIT_TOPICS[q.unit]) add(unitWord);
  const prefixed = /(kilo|mega|giga|tera)watt|(peta|tera|exa)flop/i.exec(q.text);
  if (prefixed) add(prefixed[0]);
  return [...out];
}

// --- extraction ---------------------------------------------------------------------------------

function entitiesByDocument(chunks: Chunk[], lang: (documentId: string) => Lang): Map<string, Set<string>> {
  const texts = new Map<string, Set<string>>();
  for (const chunk of chunks) {
    const own = texts.get(chunk.documentId) ?? new Set<string>();
    own.add(chunk.section);
    for (const s of chunk.sentences) own.add(s.text);
    texts.set(chunk.documentId, own);
  }
  return new Map([...texts].map(([id, own]) => [id, detectEntities([...own], lang(id))]));
}

/**
 * Figures of all chunks, in chunk order. A sentence repeated by overlapping chunks yields its figures once
 * (first chunk wins). `lang` gives each document's language; a clearly English sentence in a German article
 * is read as English ("billion" = 10^9).
 */
export function extractFigures(chunks: Chunk[], lang: (documentId: string) => Lang): Figure[] {
  const entities = entitiesByDocument(chunks, lang);
  const figures: Figure[] = [];
  const seen = new Set<string>();
  for (const chunk of chunks) {
    const names = entities.get(chunk.documentId) ?? new Set<string>();
    const sectionOwner = firstEntityGroup(wordsOf(chunk.section), names);
    for (const sentence of chunk.sentences) {
      const sLang = sentenceLang(sentence.text, lang(chunk.documentId));
      const row = chunk.kind === "table" || sentence.text.includes(";") ? parseRow(sentence.text) : undefined;
      const found = findQuantities(sentence.text, sLang);
      const quantities = row ? [...found, ...bareCellQuantities(row, found, sLang)] : found;
      for (const q of quantities) {
        const at = `${chunk.documentId}\u0000${sentence.start + q.start}\u0000${q.text}`;
        const same = `${chunk.documentId}\u0000${sentence.text}\u0000${q.start}\u0000${q.text}`;
        if (seen.has(at) || seen.has(same)) continue;
        seen.add(at);
        seen.add(same);
        const input: LabelInput = {
          sentence: sentence.text,
          q,
          quantities,
          lang: sLang,
          entities: names,
          sectionOwner,
        };
        const label = row ? tableLabel(row, input) : buildLabel(input);
        figures.push({
          label,
          text: q.text,
          value: q.value,
          unit: q.unit,
          quote: sentence.text,
          chunkId: chunk.id,
          documentId: chunk.documentId,
          section: chunk.section,
          topics: topicsOf(label, [sentence.text, chunk.section], q, names),
        });
      }
    }
  }
  return figures;
}
