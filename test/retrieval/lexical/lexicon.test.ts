import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultLexiconPath, Lexicon, loadSharedLexicon } from "../../../retrieval/lexical/lexicon.ts";
import { LEXICON_MAGIC, SECTIONS, sectionLines } from "../../../retrieval/lexical/lexicon-format.ts";

function lexiconOf(enDe: Record<string, string[]>): Lexicon {
  const text = [LEXICON_MAGIC, "# test", ...sectionLines(SECTIONS.enDe, new Map(Object.entries(enDe))), ""];
  return Lexicon.fromBytes(Buffer.from(text.join("\n"), "latin1"));
}

describe("Lexicon lookups", () => {
  it("finds every key and nothing else, including keys that prefix each other", () => {
    const entries: Record<string, string[]> = {};
    for (const key of ["a", "ab", "abc", "abd", "b", "data", "data center", "data centers", "zz"])
      entries[key] = [`${key.replace(/ /g, "")}x`, "y"];
    const lexicon = lexiconOf(entries);
    for (const [key, values] of Object.entries(entries)) expect(lexicon.englishToGerman(key)).toEqual(values);
    for (const absent of ["", "aa", "abcd", "ac", "c", "data cent", "zzz", "0", "~"])
      expect(lexicon.englishToGerman(absent)).toEqual([]);
  });

  it("refuses a file that is not a lexicon", () => {
    expect(() => Lexicon.fromBytes(Buffer.from("hello\n@en-de\na\tb\n"))).toThrow(/not a Fundstelle lexicon/);
  });

  it("an empty lexicon answers every lookup with nothing", () => {
    const empty = Lexicon.empty();
    expect(empty.englishToGerman("grow")).toEqual([]);
    expect(empty.germanForms("starb")).toEqual([]);
    expect(empty.knowsGerman("Haus")).toBe(false);
  });
});

describe("the shipped lexicon", () => {
  it("is in the repository with its license notice and attribution", () => {
    const file = defaultLexiconPath();
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    const head = readFileSync(file, "latin1").slice(0, 2000);
    expect(head.startsWith(LEXICON_MAGIC)).toBe(true);
    expect(head).toMatch(/Frank Richter/);
    expect(head).toMatch(/GNU General Public License/);
    const notice = readFileSync(file.replace(/lexicon-de-en\.txt$/, "NOTICE.md"), "utf8");
    expect(notice).toMatch(/Ding/);
  });

  it("loads once and knows everyday words, terms and inflected forms", () => {
    const first = loadSharedLexicon();
    expect(first.error).toBeUndefined();
    expect(loadSharedLexicon()).toBe(first);
    const { lexicon } = first;
    expect(lexicon.englishToGerman("grow")).toContain("wachsen");
    expect(lexicon.englishToGerman("data center")).toContain("rechenzentrum");
    expect(lexicon.englishToGerman("died")).toContain("gestorben");
    expect(lexicon.germanForms("starb")).toEqual(expect.arrayContaining(["sterben", "gestorben"]));
    expect(lexicon.knowsGerman("Jahr")).toBe(true);
    expect(lexicon.knowsEnglish("year")).toBe(true);
    expect(lexicon.knowsEnglish("Jahr")).toBe(false);
    expect(lexicon.stats.englishKeys).toBeGreaterThan(100_000);
  });
});
