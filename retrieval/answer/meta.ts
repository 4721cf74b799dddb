/**
 * Questions about the article itself ("Wann ist der Artikel erschienen?", "What are the sources?") are
 * answered from the document's metadata, not from its text.
 */
import { foldText } from "../text/normalize.ts";
import type { DocumentMeta, Lang } from "../types.ts";
import { ANSWER_TEXT } from "./text.ts";

const ABOUT_ARTICLE = /\b(artikel|article|beitrag|text|bericht|report|story)\b/;
const ASKS_DATE = /\b(wann|when|datum|date|veroffentlicht|erschienen|published|geschrieben|written)\b/;
const ASKS_SOURCES = /\b(quellen?|sources?|references?|belege|links?)\b/;

export function answerAboutDocuments(question: string, lang: Lang, documents: DocumentMeta[]): string | null {
  const q = foldText(question);
  if (!ABOUT_ARTICLE.test(q) || documents.length === 0) return null;
  if (ASKS_DATE.test(q)) {
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
