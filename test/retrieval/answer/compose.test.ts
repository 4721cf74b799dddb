import { describe, expect, it } from "vitest";
import type { Composed } from "../../../retrieval/answer/compose.ts";
import { resolveFollowUp } from "../../../retrieval/answer/follow-up.ts";
import { lexiconVocabulary } from "../../../retrieval/answer/vocabulary.ts";
import { lexicalAsker } from "../../support/lexical-asker.ts";

/**
 * A made-up article (no name or figure of the real corpus) where each question has a decoy: a sentence with
 * the same question words but the wrong kind of fact, placed BEFORE the right one, so that only the rule
 * under test — not word overlap or order — can put the right sentence first.
 */
const ARTICLE = `# Halvora baut in Dresden

## Geld
Im Jahr 2021 investierte Halvora erstmals in Dresden.
Halvora investiert 4 Milliarden Dollar in Dresden.
Halvora investiert das Geld bis 2030 in Dresden.

## Eröffnung
Halvora eröffnet die Fabrik in Dresden bereits mit 350 Beschäftigten.
Halvora eröffnet die Fabrik in Dresden im März 2027.

## Leitung
Die Fabrik in Dresden wird vom Vorstand geleitet.
Die Fabrik in Dresden wird von Greta Lindqvist geleitet.
Lindqvist kam 2019 von Siemens.
Sie wechselte damals zu Halvora.

## Beteiligung
Der Anteil von Halvora an der Fabrik kostet 2 Milliarden Dollar.
Der Anteil von Halvora an der Fabrik liegt bei 60 Prozent.

## Versorgung
Die Fabrik zahlt jährlich 40 Millionen Dollar an Stadtwerke und andere Lieferanten für die Versorgung mit 120 Megawatt.

## Produktion
Die Produktion der Fabrik beginnt 2027.
Die Produktion der Fabrik liegt bei 500 Wafern am Tag.

## Ingenieure in der Fabrik
In der Fabrik arbeiten 1200 Menschen aus vielen Ländern.
Unter ihnen sind 300 Ingenieure.

## Kunden
Halvora liefert seine Chips an drei Abnehmer:
- Autohersteller in Bayern
- Hersteller von Waschmaschinen
- Betreiber von Rechenzentren in Irland

## Umsatz
Halvora arbeitet eng mit Siemens zusammen.
Der Siemens-Umsatz liegt bei 5 Milliarden Dollar.

## Standort
Warum baut Halvora gerade in Dresden? Halvora baut in Dresden, weil die Stadt viele Fachkräfte bietet. Zudem zahlt das Land Fördergeld.
`;

const { ask, chunks } = lexicalAsker("halvora.de.txt", ARTICLE);
const vocabulary = lexiconVocabulary();

/** The answer's sentences, in the order shown (without the lead-in and the citation numbers). */
function shown(answer: Composed): string[] {
  expect(answer.abstained, answer.answer).toBe(false);
  return [...answer.answer.matchAll(/(?<=^|— |\] )([^—[\]]+?) \[\d+\]/g)].map((m) => (m[1] as string).trim());
}

describe("the article under test", () => {
  it("puts each decoy before the right sentence, in the same passage", () => {
    const sentences = chunks.flatMap((c) => c.sentences.map((s) => s.text));
    const comesFirst = (decoy: string, right: string) =>
      expect(sentences.findIndex((s) => s.includes(decoy))).toBeLessThan(
        sentences.findIndex((s) => s.includes(right)),
      );
    comesFirst("Im Jahr 2021", "4 Milliarden Dollar");
    comesFirst("350 Beschäftigten", "März 2027");
    comesFirst("vom Vorstand", "Greta Lindqvist");
    comesFirst("2 Milliarden Dollar", "60 Prozent");
    comesFirst("Warum baut", "weil die Stadt");
  });
});

describe("sentence picking by question type", () => {
  it("amount: the sentence stating an amount, not the one with only a year, led by the amount", () => {
    const answer = ask("Wie viel investiert Halvora in Dresden?");
    expect(shown(answer)).toEqual(["Halvora investiert 4 Milliarden Dollar in Dresden."]);
    expect(answer.answer).toMatch(/^4 Milliarden Dollar .*—/);
    // Other passages with Halvora and Dresden but no investment score under half as much: not cited.
    expect(answer.citations.map((c) => c.quote)).toEqual([
      "Halvora investiert 4 Milliarden Dollar in Dresden.",
    ]);
  });

  it("amount without a unit asked for: the sentence with an amount beats one with only a year", () => {
    const answer = ask("Wie hoch ist die Produktion der Fabrik?");
    expect(shown(answer)).toEqual(["Die Produktion der Fabrik liegt bei 500 Wafern am Tag."]);
  });

  it("date: the sentence stating a date, not one with only a time word and a count", () => {
    const answer = ask("Wann eröffnet Halvora die Fabrik in Dresden?");
    expect(shown(answer)).toEqual(["Halvora eröffnet die Fabrik in Dresden im März 2027."]);
    expect(answer.answer).toMatch(/^März 2027 —/);
  });

  it("percentage: a share asked for is the sentence with a percentage, not another amount of the same thing", () => {
    const answer = ask("Wie hoch ist der Anteil von Halvora an der Fabrik?");
    expect(shown(answer)).toEqual(["Der Anteil von Halvora an der Fabrik liegt bei 60 Prozent."]);
    expect(answer.answer).toMatch(/^60 Prozent .*—/);
  });

  it("percentage: 'wie viel Prozent' accepts only a sentence that states one", () => {
    const answer = ask("Wie viel Prozent der Fabrik gehören Halvora?");
    expect(shown(answer)).toEqual(["Der Anteil von Halvora an der Fabrik liegt bei 60 Prozent."]);
  });

  it("lead-in: the amount of the asked-for unit, even when another stands nearer the question's words", () => {
    // "kostet" asks for money: the dollars, though "Versorgung" stands nearer the megawatts.
    expect(ask("Wie viel kostet die Versorgung der Fabrik?").answer).toMatch(/^40 Millionen Dollar .*—/);
    // Without a unit asked for, the amount nearest the question's words leads, not the sentence's first one.
    expect(ask("Wie hoch ist die Versorgung der Fabrik?").answer).toMatch(/^120 Megawatt —/);
  });

  it("who: the sentence naming someone the question doesn't already name", () => {
    const answer = ask("Wer leitet die Fabrik in Dresden?");
    expect(shown(answer)).toEqual(["Die Fabrik in Dresden wird von Greta Lindqvist geleitet."]);
  });

  it("counted noun: 'wie viele Ingenieure' wants the number of engineers, not of all people", () => {
    // The decoy shares every other word of the question and counts people, not engineers.
    const answer = ask("Wie viele Ingenieure aus vielen Ländern arbeiten in der Fabrik?");
    expect(shown(answer)).toEqual(["Unter ihnen sind 300 Ingenieure."]);
    expect(answer.answer).not.toContain("1200");
  });

  it("reason: the answering sentence and the one after it, never the rhetorical question", () => {
    const answer = ask("Warum baut Halvora in Dresden?");
    expect(shown(answer)).toEqual([
      "Halvora baut in Dresden, weil die Stadt viele Fachkräfte bietet.",
      "Zudem zahlt das Land Fördergeld.",
    ]);
  });

  it("list: an item answers with the list's intro as its context, not the item before it", () => {
    // Only the intro names Halvora; the item before "Betreiber …" doesn't.
    const answer = ask("Welche Betreiber von Rechenzentren beliefert Halvora?");
    expect(shown(answer)).toEqual(["Betreiber von Rechenzentren in Irland"]);
  });

  it("answers in the reader's language around the quoted German sentence", () => {
    const answer = ask("How much does Halvora invest in Dresden?");
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toBe(
      "4 Milliarden Dollar (4 billion US dollars) — The article says: “Halvora investiert 4 Milliarden Dollar in Dresden.” [1]",
    );
  });
});

describe("follow-up context", () => {
  it("a name in the previous sentence counts for a sentence that names no one else", () => {
    // "Sie wechselte damals zu Halvora." names Halvora only; Lindqvist is in the sentence before it.
    const answer = ask("Wann wechselte Lindqvist zu Halvora?");
    expect(shown(answer)).toEqual(["Sie wechselte damals zu Halvora."]);
  });

  it("an elliptic follow-up is answered from the earlier question's topic, and abstains without it", () => {
    const earlier = "Wie viel investiert Halvora in Dresden?";
    const followUp = resolveFollowUp("Und bis wann?", [earlier], "de", vocabulary);
    const answer = ask(followUp);
    // A date of the investment (2021 or 2030), not the opening's (March 2027, in another passage).
    const investment = chunks.find((c) => c.section === "Geld")?.sentences.map((s) => s.text) ?? [];
    const sentences = shown(answer);
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) {
      expect(investment).toContain(sentence);
      expect(sentence).toMatch(/\b20\d\d\b/);
    }
    expect(ask("Und bis wann?").abstained).toBe(true);
  });
});

describe("abstaining", () => {
  it("names a company the article never mentions, with the nearest passages as weak citations", () => {
    const answer = ask("Wie viel investiert Samsung in Dresden?");
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toMatch(/^Der Artikel erwähnt Samsung nicht\. /);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations.length).toBeLessThanOrEqual(2);
    for (const citation of answer.citations) expect(citation.weak).toBe(true);
  });

  it("names a number the article never mentions, and names both when both are missing", () => {
    expect(ask("Wie viel investierte Halvora 2018 in Dresden?").answer).toMatch(
      /^Der Artikel erwähnt 2018 nicht\./,
    );
    expect(ask("Wie viel investierte Samsung 2018 in Dresden?").answer).toMatch(
      /^Der Artikel erwähnt Samsung und 2018 nicht\./,
    );
    // Even when the policy was confident: an unseen name overrides it.
    expect(ask("Wie viel investiert Samsung in Dresden?", { confident: true }).abstained).toBe(true);
  });

  it("does not pass a figure stated for another company off as the one asked about", () => {
    // "Siemens-Umsatz": the revenue is Siemens's, though Halvora is named in the sentence before.
    const answer = ask("Wie hoch ist der Umsatz von Halvora?");
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toMatch(/^Dazu steht nichts im Artikel: Keine Stelle sagt das über Halvora\./);
  });

  it("abstains when the abstention policy is not confident, whatever the sentences hold", () => {
    const answer = ask("Wie viel investiert Halvora in Dresden?", { confident: false });
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toMatch(/^Dazu steht nichts im Artikel\./);
    expect(answer.citations.map((c) => c.quote)).toContain(
      "Halvora investiert 4 Milliarden Dollar in Dresden.",
    );
  });

  it("wants the answer sentence itself to carry enough of the question, its context counting half", () => {
    // The amount sentence states every word of the question: it answers at any threshold up to 1.
    const amount = "Wie viel investiert Halvora in Dresden?";
    expect(ask(amount, { minSentenceCoverage: 1 }).abstained).toBe(false);
    const tooMuch = ask(amount, { minSentenceCoverage: 1.01 });
    expect(tooMuch.abstained).toBe(true);
    expect(tooMuch.answer).toMatch(/^Dazu steht nichts im Artikel\./);
    // "Sie wechselte damals zu Halvora." has Lindqvist only in the sentence before: it covers less than all.
    const moved = "Wann wechselte Lindqvist zu Halvora?";
    expect(ask(moved).abstained).toBe(false);
    expect(ask(moved, { minSentenceCoverage: 0.99 }).abstained).toBe(true);
  });

  it("wants a time in the sentence for 'wann' and a percentage for 'wie viel Prozent'", () => {
    // The production sentence answers everything but when; no other sentence says it.
    expect(ask("Wann liegt die Produktion der Fabrik bei 500 Wafern?").abstained).toBe(true);
    expect(ask("Wie viel Prozent der Produktion liefert die Fabrik am Tag?").abstained).toBe(true);
    expect(ask("Wie viel Produktion liefert die Fabrik am Tag?").abstained).toBe(false);
  });

  it("never takes a question word for a name the article lacks ('Wofür', 'Worum')", () => {
    for (const question of [
      "Wofür investiert Halvora in Dresden?",
      "Worum geht es bei der Fabrik in Dresden?",
    ])
      expect(ask(question).answer).not.toMatch(/erwähnt Wo\S+ nicht/);
  });

  it("asks for a question when there is none", () => {
    expect(ask("   ")).toEqual({
      abstained: true,
      answer: "Bitte stelle eine Frage zum Artikel.",
      citations: [],
    });
  });
});

/** A second made-up article, for rules about what a sentence may leave to its passage. */
const MARKET = `# Eine Markthalle

## Eröffnung
Die Zavrinek-Markthalle öffnete im Frühjahr 1835 ihre Tore.
Die Eröffnung wurde mit einem großen Fest gefeiert.
An dem Fest nahmen 900 Gäste teil.

## Händler
Die Zavrinek-Markthalle vermietet Stände an viele Händler.
Die Stände verwaltet Oskar Pellmann.
Die Händler zahlen 30 Taler Miete im Monat.

## Lager
Das Lager der Halle fasst 40 Kilotonnen Getreide.

## Bruch
Der Bruch hinter der Halle liefert jährlich 50 Wagen Gestein.

## Vorsitz
Den Vorsitz im Marktrat der Halle führt er seit vielen Jahren mit Geschick.
Den Vorsitz im Marktrat führt Henrike Oltmanns.

## Verein
Den Fußballverein der Halle gründete Jorin Valtersen.

## Spiele
Im Sommer spielt der Verein jeden Sonntag.
Valtersen schoss für den Verein 12 Tore.
`;

/** composeAnswer() over MARKET, fed like ask() above. */
const askMarket = lexicalAsker("markthalle.de.txt", MARKET).ask;

describe("what a sentence may leave to its passage", () => {
  it("a name two sentences back still counts when the sentence between names no one else", () => {
    const answer = askMarket("Wie viele Gäste nahmen am Fest der Zavrinek-Markthalle teil?");
    expect(shown(answer)).toEqual(["An dem Fest nahmen 900 Gäste teil."]);
  });

  it("a new name in the sentence between takes over: the name two back no longer counts", () => {
    // "Die Stände verwaltet Oskar Pellmann." stands between the name and the amount.
    const answer = askMarket("Wie viel Miete zahlen die Händler der Zavrinek-Markthalle?");
    expect(answer.abstained, answer.answer).toBe(true);
  });

  it("a counted noun may be the head of a compound in the sentence ('Kilotonnen' counts 'Tonnen')", () => {
    const answer = askMarket("Wie viele Tonnen Getreide fasst das Lager der Halle?");
    expect(shown(answer)).toEqual(["Das Lager der Halle fasst 40 Kilotonnen Getreide."]);
  });

  it("but not a word that only ends in it after a prefix ('Gestein' counts no 'Steine')", () => {
    const answer = askMarket("Wie viele Steine liefert der Bruch hinter der Halle jährlich?");
    expect(answer.abstained, answer.answer).toBe(true);
  });

  it("who: a sentence naming no one loses to one naming someone, even with more of the question's words", () => {
    // The decoy ("… führt er …") shares every word of the question; the answer lacks "Halle" and "Geschick".
    const answer = askMarket("Wer führt den Vorsitz im Marktrat der Halle mit Geschick?");
    expect(shown(answer)).toEqual(["Den Vorsitz im Marktrat führt Henrike Oltmanns."]);
  });

  it("a multi-word name is there when the sentence calls it by its last word", () => {
    const answer = askMarket("Wie viele Tore schoss Jorin Valtersen für den Verein?");
    expect(shown(answer)).toEqual(["Valtersen schoss für den Verein 12 Tore."]);
    // Only the leading words may be left out: the last word is what the text calls the name.
    expect(askMarket("Wie viele Tore schoss Valtersen Jorin für den Verein?").abstained).toBe(true);
  });
});
