import { describe, expect, it } from "vitest";
import { ANSWER_TEXT, formatArticleDate } from "../../../retrieval/answer/text.ts";

describe("the library's answer text", () => {
  it("formats an article date in the reader's language and leaves anything else as it is", () => {
    expect(formatArticleDate("2026-02-01", "de")).toBe("1. Februar 2026");
    expect(formatArticleDate("2026-02-01", "en")).toBe("1 February 2026");
    expect(formatArticleDate("Anfang 2026", "de")).toBe("Anfang 2026");
  });

  it("quotes the picked sentences in English answers, as they are in German ones", () => {
    const parts = ["Nvidia zahlt 100 Milliarden. [1]", "OpenAI baut. [2]"];
    expect(ANSWER_TEXT.de.quoted(parts)).toBe("Nvidia zahlt 100 Milliarden. [1] OpenAI baut. [2]");
    expect(ANSWER_TEXT.en.quoted(parts)).toBe(
      "The article says: “Nvidia zahlt 100 Milliarden.” [1] “OpenAI baut.” [2]",
    );
  });

  it("answers about the article itself in both languages", () => {
    const dated = [{ title: "Deal", date: "2026-02-01" }];
    expect(ANSWER_TEXT.de.articleDates(dated)).toBe("Datum des Artikels — „Deal“: 1. Februar 2026.");
    expect(ANSWER_TEXT.en.articleDates(dated)).toBe("Date of the article — „Deal“: 1 February 2026.");
    expect(ANSWER_TEXT.en.articleSources(["https://a.example/"])).toBe(
      "The article's sources: https://a.example/",
    );
    expect(ANSWER_TEXT.de.times("5")).toBe("5-mal");
  });
});
