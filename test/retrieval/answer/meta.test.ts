import { describe, expect, it } from "vitest";
import { answerAboutDocuments } from "../../../retrieval/answer/meta.ts";
import type { DocumentMeta } from "../../../retrieval/types.ts";

const doc = (overrides: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id: "bericht.de",
  path: "bericht.de.txt",
  title: "Ein Bericht",
  date: "2026-02-01",
  language: "de",
  sources: [
    { title: "a.example", url: "https://a.example/1" },
    { title: "b.example", url: "https://b.example/2" },
  ],
  contentHash: "x",
  ...overrides,
});

describe("questions about the article itself", () => {
  it("answers the date from the metadata, in the reader's language", () => {
    expect(answerAboutDocuments("Wann wurde der Artikel veröffentlicht?", "de", [doc()])).toBe(
      "Datum des Artikels — „Ein Bericht“: 1. Februar 2026.",
    );
    expect(answerAboutDocuments("When was the article published?", "en", [doc()])).toBe(
      "Date of the article — „Ein Bericht“: 1 February 2026.",
    );
  });

  it("reads a publishing verb as a date question only when no other question word asks who, where or why", () => {
    expect(answerAboutDocuments("Ist der Artikel 2026 erschienen?", "de", [doc()])).toMatch(
      /^Datum des Artikels/,
    );
    expect(answerAboutDocuments("Was ist das Datum des Artikels?", "de", [doc()])).toMatch(
      /^Datum des Artikels/,
    );
    expect(answerAboutDocuments("Wer hat den Artikel geschrieben?", "de", [doc()])).toBeNull();
    expect(answerAboutDocuments("Who wrote and published the article?", "en", [doc()])).toBeNull();
    expect(answerAboutDocuments("Wo ist der Bericht erschienen?", "de", [doc()])).toBeNull();
    // A word that always asks for the date wins over the others.
    expect(answerAboutDocuments("Wann und wo wurde der Artikel veröffentlicht?", "de", [doc()])).toMatch(
      /^Datum des Artikels/,
    );
  });

  it("lists the dated documents only, one part each", () => {
    const answer = answerAboutDocuments("Wann ist der Bericht erschienen?", "de", [
      doc(),
      doc({ id: "ohne", title: "Ohne Datum", date: undefined }),
      doc({ id: "zwei", title: "Zweiter", date: "2025-12-24" }),
    ]);
    expect(answer).toBe("Datum des Artikels — „Ein Bericht“: 1. Februar 2026; „Zweiter“: 24. Dezember 2025.");
  });

  it("answers the sources with every document's links", () => {
    expect(answerAboutDocuments("What are the article's sources?", "en", [doc()])).toBe(
      "The article's sources: https://a.example/1, https://b.example/2",
    );
    expect(answerAboutDocuments("Welche Quellen nennt der Text?", "de", [doc()])).toMatch(
      /^Quellen des Artikels: https:\/\/a\.example\/1/,
    );
  });

  it("leaves everything else to the text search", () => {
    // Not about the article (a date or sources of something in it).
    expect(answerAboutDocuments("Wann starb Tesla?", "de", [doc()])).toBeNull();
    expect(answerAboutDocuments("What are Nvidia's sources of revenue?", "en", [doc()])).toBeNull();
    // The nouns without a determiner are things the article talks about.
    expect(answerAboutDocuments("When did Reuters report the deal?", "en", [doc()])).toBeNull();
    expect(answerAboutDocuments("Wann erscheint Nvidias nächster Bericht?", "de", [doc()])).toBeNull();
    // About the article, but neither its date nor its sources.
    expect(answerAboutDocuments("Worum geht es in dem Artikel?", "de", [doc()])).toBeNull();
    // Nothing to answer from: no documents, no date, no sources.
    expect(answerAboutDocuments("Wann erschien der Artikel?", "de", [])).toBeNull();
    expect(answerAboutDocuments("Wann erschien der Artikel?", "de", [doc({ date: undefined })])).toBeNull();
    expect(answerAboutDocuments("What are the article's sources?", "en", [doc({ sources: [] })])).toBeNull();
  });
});
