/**
 * Everything the library says to a reader, in German and English: abstentions, the wording around quoted
 * sentences, answers about the article itself. One typed table per language, so a missing or misshaped
 * string is a type error; `bot/i18n.ts` holds the bot's own interface text the same way.
 */
import type { Lang } from "../types.ts";

export interface AnswerText {
  /** The corpus does not answer the question. */
  abstain: string;
  /** Before the weak matches shown with an abstention. */
  nearest: string;
  /** A name or number the question asks about that the corpus never mentions. */
  notMentioned: (words: string) => string;
  /** The corpus mentions it, but no passage states the asked-for fact about it. */
  notAbout: (words: string) => string;
  /** An empty question. */
  emptyQuestion: string;
  /** The picked sentences, each ending in its citation mark " [n]", as the answer's body. */
  quoted: (sentences: string[]) => string;
  /** Joins the last of several words ("A, B und C"). */
  and: string;
  /** "Datum des Artikels — „Titel“: 1. Februar 2026." */
  articleDates: (dated: Array<{ title: string; date: string }>) => string;
  /** "Quellen des Artikels: https://…, https://…" */
  articleSources: (links: string[]) => string;
  /** A multiplier: "5-mal" / "5 times". */
  times: (amount: string) => string;
}

const LOCALE: Record<Lang, string> = { de: "de-DE", en: "en-GB" };

/** `2026-02-01` → "1. Februar 2026" / "1 February 2026"; anything else is returned as is. */
export function formatArticleDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

const de: AnswerText = {
  abstain: "Dazu steht nichts im Artikel.",
  nearest: "Die nächstliegenden Stellen (schwache Treffer):",
  notMentioned: (words) => `Der Artikel erwähnt ${words} nicht.`,
  notAbout: (words) => `Dazu steht nichts im Artikel: Keine Stelle sagt das über ${words}.`,
  emptyQuestion: "Bitte stelle eine Frage zum Artikel.",
  quoted: (sentences) => sentences.join(" "),
  and: "und",
  articleDates: (dated) =>
    `Datum des Artikels — ${dated.map((d) => `„${d.title}“: ${formatArticleDate(d.date, "de")}`).join("; ")}.`,
  articleSources: (links) => `Quellen des Artikels: ${links.join(", ")}`,
  times: (amount) => `${amount}-mal`,
};

const en: AnswerText = {
  abstain: "The article doesn't cover that.",
  nearest: "The closest passages (weak matches):",
  notMentioned: (words) => `The article doesn't mention ${words}.`,
  notAbout: (words) => `The article doesn't cover that: no passage says it about ${words}.`,
  emptyQuestion: "Please ask a question about the article.",
  // A German sentence in an English answer is quoted as such: “…” [n].
  quoted: (sentences) =>
    `The article says: ${sentences.map((s) => `“${s.replace(/ \[(\d+)\]$/, "” [$1]")}`).join(" ")}`,
  and: "and",
  articleDates: (dated) =>
    `Date of the article — ${dated.map((d) => `„${d.title}“: ${formatArticleDate(d.date, "en")}`).join("; ")}.`,
  articleSources: (links) => `The article's sources: ${links.join(", ")}`,
  times: (amount) => `${amount} times`,
};

export const ANSWER_TEXT: Readonly<Record<Lang, AnswerText>> = { de, en };
