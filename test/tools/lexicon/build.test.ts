import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Lexicon } from "../../../retrieval/lexical/lexicon.ts";
import { terms } from "../../../retrieval/text/normalize.ts";
import { type BuildResult, buildLexicon, DingSourceMissingError } from "../../../tools/lexicon/build.ts";
import { parseLine, parseTerm } from "../../../tools/lexicon/ding.ts";

const fixture = path.resolve(import.meta.dirname, "../../fixtures/ding/de-en-mini.txt");
let outDir: string;
let result: BuildResult;
let lexicon: Lexicon;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "fundstelle-lexicon-"));
  result = await buildLexicon({ source: fixture, outDir });
  lexicon = Lexicon.fromFile(result.lexiconPath);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("Ding parsing", () => {
  it("strips annotations, pronouns and articles but keeps the term", () => {
    expect(parseTerm("er/sie wächst", "de")?.text).toBe("wächst");
    expect(parseTerm("to grow {grew; grown}", "en")).toMatchObject({
      text: "grow",
      braces: ["grew", "grown"],
    });
    expect(parseTerm("data centre [Br.]", "en")).toMatchObject({
      text: "data centre",
      words: 2,
      labels: ["Br."],
    });
    // "die" is an article in German but a verb in English.
    expect(parseTerm("to die", "en")?.text).toBe("die");
    expect(parseTerm("stirb!", "de")).toBeNull();
  });

  it("keeps sub-entries and synonyms in their positions", () => {
    const line = parseLine(
      "Rechenzentrum {n}; Datenzentrum {n} | Rechenzentren {pl}; Datenzentren {pl} :: a; b | c; d",
    );
    expect(line?.de.map((s) => s.terms.map((t) => t?.text))).toEqual([
      ["Rechenzentrum", "Datenzentrum"],
      ["Rechenzentren", "Datenzentren"],
    ]);
    expect(line?.de[1]?.pos).toEqual(["pl", "pl"]);
    expect(parseLine("# comment")).toBeNull();
  });
});

describe("npm run lexicon:build on a Ding-format file", () => {
  it("writes the license notice and attribution into the lexicon and next to it", async () => {
    const text = await readFile(result.lexiconPath, "utf8");
    expect(text).toMatch(/GNU General Public License/);
    expect(text).toMatch(/Frank Richter/);
    expect(text).toMatch(/Source version: test 2026-01-01/);
    const notice = await readFile(result.noticePath, "utf8");
    expect(notice).toMatch(/Ding German–English dictionary/);
    expect(notice).toMatch(/version 2 of the License, or \(at your option\) any later version/);
    expect(result.sourceVersion).toBe("test 2026-01-01");
  });

  it("translates single words and two-word terms in both directions", () => {
    expect(lexicon.englishToGerman("grow")).toContain("wachsen");
    expect(lexicon.englishToGerman("Data Center")).toEqual(["rechenzentrum", "datenzentrum"]);
    expect(lexicon.englishToGerman("data centers")).toContain("rechenzentren");
    expect(lexicon.englishToGerman("grew")).toContain("wuchs");
    expect(lexicon.germanStemToEnglish(terms("Rechenzentrum", "de")[0] as string)).toContain("data center");
    expect(lexicon.germanStemToEnglish(terms("Häuser", "de")[0] as string)).toContain("house");
  });

  it("ranks a word's translations and leaves out archaic senses", () => {
    // Every sense contributes; within a sense the synonym Ding lists first leads.
    expect(lexicon.englishToGerman("power")).toEqual(
      expect.arrayContaining(["macht", "kraft", "gewalt", "strom"]),
    );
    const power = lexicon.englishToGerman("power");
    expect(power.indexOf("macht")).toBeLessThan(power.indexOf("gewalt"));
    expect(lexicon.englishToGerman("lover")).toEqual([]);
  });

  it("keeps inflected forms the stemmer cannot join, and no example phrases", () => {
    expect(lexicon.germanForms("wachsen")).toEqual(expect.arrayContaining(["wachst", "wuchs", "gewachsen"]));
    expect(lexicon.germanForms("wachsen")).not.toContain("auswachsen");
    expect(lexicon.germanForms("starb")).toEqual(expect.arrayContaining(["sterben", "gestorben", "stirbt"]));
    expect(lexicon.germanForms("Rechenzentrum")).toContain("rechenzentren");
    expect(lexicon.knowsGerman("wuchs")).toBe(true);
    expect(lexicon.knowsEnglish("grew")).toBe(true);
    expect(lexicon.knowsEnglish("wuchs")).toBe(false);
  });

  it("reports a missing dictionary clearly", async () => {
    await expect(buildLexicon({ source: path.join(outDir, "nope"), outDir })).rejects.toBeInstanceOf(
      DingSourceMissingError,
    );
  });
});
