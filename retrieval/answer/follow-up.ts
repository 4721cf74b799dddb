/**
 * Follow-up questions in a conversation. A question that stands on its own is answered on its own; only an
 * elliptic one ("Und bis wann?", "And Amazon?", "und wie viel davon für Azure?") borrows what it leaves out
 * from the question before it.
 */
import { foldText } from "../text/normalize.ts";
import { STOPWORDS } from "../text/stopwords.ts";
import type { Lang } from "../types.ts";
import { isNameLike, type Vocabulary } from "./constraints.ts";

/** How a follow-up continues the conversation ("und …", "what about …"). General grammar, both languages. */
const CONTINUATION =
  /^(und|aber|auch|sowie|oder|dann|und was ist mit|was ist mit|wie ist es mit|wie steht es mit|and|but|also|or|then|what about|how about|and what about)\b/;

/** Words that point back to something said before ("davon", "dort", "it", "they"). */
const ANAPHORA =
  /\b(davon|dafur|daran|darauf|daruber|dazu|damit|dabei|dort|dorthin|deren|dessen|diese[mnrs]?|er|sie|es|ihm|ihn|ihnen|ihr|ihre[mnrs]?|sein|seine[mnrs]?|it|its|they|them|their|there|he|she|his|her|that|this|those|these)\b/;

/** Question words: they say what is asked, not what it is about, so an earlier question's ones are dropped. */
const INTERROGATIVES = new Set(
  `wie wieviel viel viele vielen was wer wen wem wessen wann warum wieso weshalb weswegen wo woher wohin welche welcher
  welches welchen welchem bis seit how much many what who whom whose when why where which until since`.split(
    /\s+/,
  ),
);

const WHOLE_WORD_RE = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

interface Word {
  text: string;
  folded: string;
  name: boolean;
}

function words(text: string, lang: Lang, vocabulary: Vocabulary): Word[] {
  return [...text.matchAll(WHOLE_WORD_RE)].map((m, i) => ({
    text: m[0],
    folded: foldText(m[0]),
    name: isNameLike(m[0].split(/[-'’]/)[0] as string, lang, vocabulary, i === 0),
  }));
}

const isContent = (w: Word) => !STOPWORDS.has(w.folded) && !INTERROGATIVES.has(w.folded);

/** A follow-up that can't be understood alone: no topic words, or a continuation/back-reference with at most two. */
export function isElliptic(question: string, lang: Lang, vocabulary: Vocabulary): boolean {
  const folded = foldText(question).trim();
  const content = words(question, lang, vocabulary).filter(isContent);
  if (content.length === 0) return true;
  if (content.length > 2) return false;
  return CONTINUATION.test(folded) || ANAPHORA.test(folded) || content.every((w) => w.name);
}

/**
 * The question to search for: the question itself, or for an elliptic follow-up the question plus the topic
 * words of the one before (that one resolved the same way first). Names the follow-up brings replace the
 * earlier names ("And Amazon?" after a question about Microsoft asks about Amazon, not both).
 */
export function resolveFollowUp(
  question: string,
  earlier: readonly string[],
  lang: Lang,
  vocabulary: Vocabulary,
): string {
  if (earlier.length === 0 || !isElliptic(question, lang, vocabulary)) return question;
  const previous = resolveFollowUp(
    earlier[earlier.length - 1] as string,
    earlier.slice(0, -1),
    lang,
    vocabulary,
  );
  const ownNames = words(question, lang, vocabulary).some((w) => w.name && isContent(w));
  const carried = words(previous, lang, vocabulary)
    .filter(isContent)
    .filter((w) => !(ownNames && w.name))
    .map((w) => w.text);
  return carried.length > 0 ? `${question} ${carried.join(" ")}` : question;
}
