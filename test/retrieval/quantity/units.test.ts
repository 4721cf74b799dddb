import { describe, expect, it } from "vitest";
import { findQuantities } from "../../../retrieval/quantity/index.ts";
import type { FigureUnit, Lang } from "../../../retrieval/types.ts";

type Found = [text: string, value: number, unit: FigureUnit];
const scan = (sentence: string, lang: Lang = "de"): Found[] =>
  findQuantities(sentence, lang).map((q) => [q.text, q.value, q.unit]);
const YEAR = 365.25 * 24 * 3600;
const close = (found: Found[], expected: Found[]) => {
  expect(found.map(([t, , u]) => [t, u])).toEqual(expected.map(([t, , u]) => [t, u]));
  // Base values are rounded to 12 significant digits.
  found.forEach(([, v], i) => {
    const want = (expected[i] as Found)[1];
    expect(Math.abs(v - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-11);
  });
};

describe("findQuantities: lengths, areas, volumes and masses in base units", () => {
  it("reads feet, miles, yards and metric lengths as metres", () => {
    close(scan("Der Turm ist 390 Fuß hoch und die Mauer 5 Fuß breit."), [
      ["390 Fuß", 118.872, "m"],
      ["5 Fuß", 1.524, "m"],
    ]);
    close(scan("ungefähr 25 Meilen südlich"), [["25 Meilen", 40233.6, "m"]]);
    close(scan("The tower is 390 feet tall and 2 miles away.", "en"), [
      ["390 feet", 118.872, "m"],
      ["2 miles", 3218.688, "m"],
    ]);
    close(scan("ein Lauf über fünf Yard"), [["fünf Yard", 4.572, "m"]]);
    close(scan("Der Hadrianswall ist 117 km lang."), [["117 km", 117000, "m"]]);
  });

  it("reads areas from compound words, superscripts and English 'square'", () => {
    close(scan("Das Becken umfasst 7.000.000 Quadratkilometer (2.700.000 Quadratmeilen)."), [
      ["7.000.000 Quadratkilometer", 7e12, "m2"],
      ["2.700.000 Quadratmeilen", 2.7e6 * 1609.344 ** 2, "m2"],
    ]);
    close(scan("Es wurden 22.392 km² Wald gerodet."), [["22.392 km²", 2.2392e10, "m2"]]);
    close(scan("an area of 10 square miles", "en"), [["10 square miles", 10 * 1609.344 ** 2, "m2"]]);
    close(scan("ein Grundstück von 3 Hektar"), [["3 Hektar", 3e4, "m2"]]);
  });

  it("reads masses and volumes", () => {
    close(scan("Die Wälder speichern 1,5 Gigatonnen Kohlendioxid und 0,37 Tonnen pro Hektar."), [
      ["1,5 Gigatonnen", 1.5e12, "kg"],
      ["0,37 Tonnen", 370, "kg"],
    ]);
    close(scan("Der Tank fasst 500 Liter."), [["500 Liter", 0.5, "m3"]]);
  });
});

describe("findQuantities: durations, speeds, temperatures, shares", () => {
  it("reads durations in seconds, scaled ones too", () => {
    close(scan("Der Wald entstand vor 515 Millionen Jahren."), [["515 Millionen Jahren", 515e6 * YEAR, "s"]]);
    close(scan("In fünf Jahren sank die Rate, nach drei Monaten und 17 Sekunden."), [
      ["fünf Jahren", 5 * YEAR, "s"],
      ["drei Monaten", 0.25 * YEAR, "s"],
      ["17 Sekunden", 17, "s"],
    ]);
    close(scan("He retired after 38 years.", "en"), [["38 years", 38 * YEAR, "s"]]);
  });

  it("reads speeds and temperatures", () => {
    close(scan("Winde von bis zu 70 Meilen pro Stunde (113 km/h)"), [
      ["70 Meilen pro Stunde", (70 * 1609.344) / 3600, "m/s"],
      ["113 km/h", 113 / 3.6, "m/s"],
    ]);
    close(scan("Die Temperatur steigt um 0,3 °C pro Jahrzehnt."), [["0,3 °C", 0.3, "°C"]]);
    close(scan("It was 212 °F.", "en"), [["212 °F", 100, "°C"]]);
  });

  it("reads fractions as shares and pounds sterling as a currency", () => {
    close(scan("Die Pest tötete zwei Drittel der Einwohner und drei Viertel der Kinder."), [
      ["zwei Drittel", 200 / 3, "%"],
      ["drei Viertel", 75, "%"],
    ]);
    close(scan("Die Vereinbarung kostete 30 Mio. GBP."), [["30 Mio. GBP", 3e7, "GBP"]]);
    close(scan("a £5 million grant", "en"), [["£5 million", 5e6, "GBP"]]);
  });
});

describe("findQuantities: years and counts", () => {
  it("reads an unseparated four-digit number before a noun as a year", () => {
    expect(scan("Sie fanden 2009 Beweise dafür.")).toEqual([["2009", 2009, "year"]]);
    expect(scan("Die Stadt war 1564 Lageplatz einer Kolonie.")).toEqual([["1564", 1564, "year"]]);
    expect(scan("Die 1834 gegründete Schule wuchs.")).toEqual([["1834", 1834, "year"]]);
    expect(scan("Jacksonville hatte 2010 eine Einwohnerzahl von 821.784.")).toEqual([["2010", 2010, "year"]]);
    expect(scan("1950 ernannte Noble einen neuen Präsidenten.")).toEqual([["1950", 1950, "year"]]);
  });

  it("still reads counts that a count word or article leads, and durations of a thousand years", () => {
    expect(scan("Es kamen rund 2000 Gäste.")).toEqual([["2000 Gäste", 2000, "count"]]);
    expect(scan("Es kamen 2.000 Gäste.")).toEqual([["2.000 Gäste", 2000, "count"]]);
    close(scan("ein Diagramm über 1000 Jahre"), [["1000 Jahre", 1000 * YEAR, "s"]]);
  });

  it("does not read the second number of a score as a count", () => {
    expect(scan("Denver erhielt eine 24-10 Führung.")).toEqual([]);
  });

  it("keeps single letters from turning names into units", () => {
    expect(scan("Die 5G-Netze und 3D-Drucker")).toEqual([]);
    expect(scan("Das Gerät wiegt 5 g.")).toEqual([["5 g", 0.005, "kg"]]);
  });
});
