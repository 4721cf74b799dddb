/**
 * Citations that prove: the answer text states the answer, the citation shows the evidence in its place.
 * When the answer already carries a cited sentence word for word, the citation does not repeat it: it shows
 * the sentences around it with a short bold pointer to where the quoted sentence sits. Pure text functions.
 */
import type { Citation } from "../retrieval/index.ts";

/** Characters of context shown before and after the supporting sentence. */
const CONTEXT_CHARS = 160;
const POINTER_WORDS = 6;

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The sentence's first words as a pointer: "Jetzt zieht sich Nvidia zurück, um …". */
export function pointerOf(sentence: string, words = POINTER_WORDS): string {
  const parts = squash(sentence).split(" ");
  return parts.length <= words ? parts.join(" ") : `${parts.slice(0, words).join(" ")} …`;
}

export interface EvidenceParts {
  before: string;
  sentence: string;
  after: string;
}

/** The passage around the supporting sentence, cut at word boundaries to about CONTEXT_CHARS each side. */
export function evidenceParts(
  citation: Pick<Citation, "passage" | "quote">,
  contextChars = CONTEXT_CHARS,
): EvidenceParts {
  const passage = squash(citation.passage);
  const sentence = squash(citation.quote);
  const at = sentence ? passage.indexOf(sentence) : -1;
  if (at < 0) return { before: "", sentence, after: "" };
  let before = passage.slice(0, at).trim();
  let after = passage.slice(at + sentence.length).trim();
  if (before.length > contextChars) {
    const cut = before.indexOf(" ", before.length - contextChars);
    before = `… ${before.slice(cut < 0 ? before.length - contextChars : cut + 1)}`;
  }
  if (after.length > contextChars) {
    const cut = after.lastIndexOf(" ", contextChars);
    after = `${after.slice(0, cut < 0 ? contextChars : cut)} …`;
  }
  return { before, sentence, after };
}

/** True when the answer text repeats the citation's sentence word for word. */
export function answerRepeats(answerText: string, citation: Pick<Citation, "quote">): boolean {
  const quote = squash(citation.quote);
  return quote.length > 0 && squash(answerText).includes(quote);
}

/**
 * The answer text without sentences that follow a lead figure: "$250 Milliarden — OpenAI verpflichtete sich
 * … [1]" becomes "$250 Milliarden [1]" when [1] quotes that sentence; the sentence is shown by the citation.
 * Answers that are sentences stay as they are (the sentence is the answer).
 */
export function conciseAnswer(answerText: string, citations: Array<Pick<Citation, "n" | "quote">>): string {
  let text = answerText;
  for (const c of citations) {
    const quote = squash(c.quote);
    const flat = squash(text);
    const at = quote ? flat.indexOf(quote) : -1;
    // Only a short lead ("$250 Milliarden — ") counts; plain string search keeps this linear on any input.
    if (at <= 0 || at > 100) continue;
    const lead = /^(.+?)\s*[—–-]\s*$/.exec(flat.slice(0, at));
    const marker = `[${c.n}]`;
    const rest = flat.slice(at + quote.length).trimStart();
    if (!lead || !rest.startsWith(marker)) continue;
    text = `${lead[1]} ${marker}${rest.slice(marker.length)}`;
  }
  return text;
}
