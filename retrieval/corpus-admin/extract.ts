/**
 * A web page → the article as Markdown plus its metadata. Page chrome that Readability sometimes keeps
 * (ad slots, cookie and consent banners, newsletter boxes) is removed first by common class/id names;
 * Readability then picks the article; turndown with GFM tables turns it into the Markdown the ingestion
 * understands (headings, lists, `| tables |`). Links become plain text; their targets are kept as sources.
 */
import { gfm } from "@joplin/turndown-plugin-gfm";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import TurndownService from "turndown";
import { CorpusChangeRefused } from "./errors.ts";

export interface ExtractedArticle {
  title: string;
  byline?: string;
  /** ISO `yyyy-mm-dd`. */
  date?: string;
  /** `de`, `en` or another two-letter code as the page declares it. */
  language?: string;
  canonicalUrl?: string;
  /** Absolute http(s) links found inside the article. */
  sources: string[];
  markdown: string;
  /** Page parts removed before Readability ran (for the report and tests). */
  removed: string[];
}

/** An article must have at least this much text to be worth indexing; less is a failed extraction. */
export const MIN_ARTICLE_CHARS = 200;
const MAX_SOURCES = 20;

/** Class or id words of page chrome that is never article text. */
const CHROME_WORDS =
  /^(ad|ads|advert|advertisement|anzeige|werbung|sponsored|promo|cookie|cookies|consent|gdpr|newsletter|paywall|banner|social|share|related|teaser-list)$/i;
const CHROME_PREFIX = /^(ad|ads|cookie|consent|newsletter|promo|sponsor)[-_]/i;

function isChrome(element: Element): boolean {
  const words = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`
    .split(/\s+/)
    .filter(Boolean);
  return words.some((w) => CHROME_WORDS.test(w) || CHROME_PREFIX.test(w));
}

function removeChrome(document: Document): string[] {
  const removed: string[] = [];
  for (const element of [
    ...document.querySelectorAll("script, style, noscript, iframe, form, button, template"),
  ]) {
    element.remove();
  }
  for (const element of [...document.querySelectorAll("body *")]) {
    if (!element.isConnected || element.tagName === "ARTICLE" || element.tagName === "MAIN") continue;
    if (isChrome(element)) {
      const label = `${element.tagName.toLowerCase()}.${(element.getAttribute("class") ?? element.getAttribute("id") ?? "").trim().replace(/\s+/g, ".")}`;
      removed.push(label);
      element.remove();
    }
  }
  return removed;
}

function meta(document: Document, selector: string): string | undefined {
  const value = document.querySelector(selector)?.getAttribute("content")?.trim();
  return value ? value : undefined;
}

/** `datePublished` from JSON-LD blocks (objects, arrays and `@graph`). Broken JSON is skipped. */
function jsonLdDate(document: Document): string | undefined {
  for (const script of [...document.querySelectorAll('script[type="application/ld+json"]')]) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    for (let guard = 0; stack.length > 0 && guard < 1000; guard++) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === "object") {
        const record = item as Record<string, unknown>;
        if (typeof record.datePublished === "string") return record.datePublished;
        if (record["@graph"]) stack.push(record["@graph"]);
      }
    }
  }
  return undefined;
}

function isoDay(value: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function absoluteHttp(href: string | null | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function turndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: "atx",
    bulletListMarker: "-",
    codeBlockStyle: "fenced",
  });
  service.use(gfm);
  // Link targets go to the sources list, not into the indexed text; pictures carry no text to index.
  service.addRule("plainLinks", { filter: "a", replacement: (content) => content });
  // Emphasis markers would end up in quotes and in the lexical index.
  service.addRule("plainEmphasis", { filter: ["strong", "b", "em", "i"], replacement: (content) => content });
  service.remove(["img", "picture", "figure", "svg", "video", "audio"] as unknown as TurndownService.Filter);
  return service;
}

/** Turns `html` fetched from `pageUrl` into the article, or refuses when no article is found. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: Document };
  const lang = document.documentElement?.getAttribute("lang")?.trim().toLowerCase().slice(0, 2);
  const canonicalUrl = absoluteHttp(
    document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
    pageUrl,
  );
  const date = isoDay(
    meta(document, 'meta[property="article:published_time"]') ??
      jsonLdDate(document) ??
      document.querySelector("time[datetime]")?.getAttribute("datetime") ??
      undefined,
  );
  const removed = removeChrome(document);
  const article = new Readability(document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  const text = article?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  if (!article?.content || text.length < MIN_ARTICLE_CHARS) {
    throw new CorpusChangeRefused(
      "empty-article",
      `No article text found on the page (${text.length} characters; at least ${MIN_ARTICLE_CHARS} are needed).`,
    );
  }
  const { document: content } = parseHTML(
    `<!DOCTYPE html><html><body>${article.content}</body></html>`,
  ) as unknown as {
    document: Document;
  };
  // Byline, dateline and kicker (the label above the headline) are metadata or chrome; as body text they
  // would become a heading or a fake first sentence.
  for (const element of [
    ...content.querySelectorAll(
      '.byline, [rel="author"], [itemprop="author"], p:has(> time), .kicker, .overline, .dachzeile, .eyebrow, .topline',
    ),
  ]) {
    element.remove();
  }
  const sources = [
    ...new Set(
      [...content.querySelectorAll("a[href]")]
        .map((a) => absoluteHttp(a.getAttribute("href"), pageUrl))
        .filter((u): u is string => u !== undefined),
    ),
  ].slice(0, MAX_SOURCES);
  const markdown = turndown()
    .turndown(content.body.innerHTML)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const title =
    (article.title ?? "").trim() || meta(document, 'meta[property="og:title"]') || new URL(pageUrl).hostname;
  return {
    title,
    byline: article.byline?.trim() || undefined,
    date: date ?? isoDay(article.publishedTime ?? undefined),
    language: lang || article.lang?.slice(0, 2).toLowerCase() || undefined,
    canonicalUrl,
    sources,
    markdown,
    removed,
  };
}
