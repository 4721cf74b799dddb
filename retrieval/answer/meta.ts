/**
 * Questions about the article itself ("Wann ist der Artikel erschienen?", "What are the sources?") are
 * answered from the document's metadata, not from its text.
 */
import { foldText } from "../text/normalize.ts";
import type { DocumentMeta, Lang } from "../types.ts";
import { ANSWER_TEXT } from "./text.ts";

/**
 * "der Artikel", "des Textes", "this article's": the noun with a determiner, so that "When did Reuters report
 * the deal?" or "Nvidia's reports" stay questions about the text.
 */
const ABOUT_ARTICLE =
  /\b(der|die|das|des|dem|den|im|dieser|diese|dieses|diesem|diesen|the|this|that)\s+(artikel|article|beitrag|text|bericht|report|story)(?:e?s|'s)?\b/;
/** Words that ask for the date whatever else the question says. */
const ASKS_DATE = /\b(wann|when|datum|date)\b/;
/** Verbs of publishing: a date question unless another question word asks who, where, why or how. */
const PUBLISHED = /\b(veroffentlicht|erschienen|published|geschrieben|written)\b/;
const ASKS_OTHER = /\b(wer|wem|wen|wessen|who|whom|whose|wo|woher|where|warum|wieso|weshalb|why|wie|how)\b/;
const ASKS_SOURCES = /\b(quellen?|sources?|references?|belege|links?)\b/;

export function answerAboutDocuments(question: string, lang: Lang, documents: DocumentMeta[]): string | null {
  const q = foldText(question);
  if (!ABOUT_ARTICLE.test(q) || documents.length === 0) return null;
  // "Wer hat den Artikel geschrieben?" asks for the author, not the date: it goes to the text like any question.
  if (ASKS_DATE.test(q) || (PUBLISHED.test(q) && !ASKS_OTHER.test(q))) {
    const dated = documents.filter((d) => d.date);
    if (dated.length === 0) return null;
    return ANSWER_TEXT[lang].articleDates(dated.map((d) => ({ title: d.title, date: d.date as string })));
  }
  if (ASKS_SOURCES.test(q)) {
    const links = documents.flatMap((d) => d.sources.map((s) => s.url));
    if (links.length === 0) return null;
    return ANSWER_TEXT[lang].articleSources(links);
  }
  return null;
}
