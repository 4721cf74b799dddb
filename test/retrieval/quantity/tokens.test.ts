import { describe, expect, it } from "vitest";
import {
  latin1Prefix3,
  PrefixSet,
  prefix3Key,
  type QuantityToken,
  tokenize,
} from "../../../retrieval/quantity/tokens.ts";

/** The regex the char-code tokenizer replaces: its tokens are the specification. */
function byRegex(text: string): QuantityToken[] {
  const tokens: QuantityToken[] = [];
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)*)|(\p{L}+)|(\S)/gu)) {
    const kind = m[1] !== undefined ? "num" : m[2] !== undefined ? "word" : "sym";
    tokens.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

describe("tokenize", () => {
  it("reads numbers with inner separators only", () => {
    expect(tokenize("1.000.000,50 und 5. oder 1,,2").map((t) => [t.kind, t.text])).toEqual([
      ["num", "1.000.000,50"],
      ["word", "und"],
      ["num", "5"],
      ["sym", "."],
      ["word", "oder"],
      ["num", "1"],
      ["sym", ","],
      ["sym", ","],
      ["num", "2"],
    ]);
  });

  it("keeps offsets and reads letters beyond Latin-1 and beyond the BMP as the regex does", () => {
    const cases = [
      "",
      "   ",
      "US$5 Mrd. (−5 %) am 01.02.2026, https://x.de/5",
      "5😀Milliarden 😀 Москва 日本 Ωμέγα ٣١٢ ५ १२३ ０１２",
      "𝐀𝐁5 𝒜x 𐐀𐐨 a\ud83d5 \ud800 \udc00x \udbff\udfff",
      "5\u00a0Mio 5\u202fMrd 5\u2009GW 5\u3000t 5\u2028m 5\ufeffkm 5\u200bkm 5\u0085m 5\u000bm",
      "ǅ5 ª5 º µm ß5 Ÿ e\u0301 ²³ ½ Ⅻ ﬁ",
      "150 x 150 x 50,5mm; 24/7; 10:30; GPT-4; 1.2.",
    ];
    for (const text of cases) expect(tokenize(text), text).toEqual(byRegex(text));
  });

  it("agrees with the regex on every BMP unit between a number and a word", () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = `5${String.fromCharCode(c)}Mio ${String.fromCharCode(c)}1`;
      const a = tokenize(text);
      const b = byRegex(text);
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, `U+${c.toString(16)}`).toEqual(b);
    }
  });
});

describe("PrefixSet", () => {
  it("answers as a Set of the beginnings would, for every beginning of up to three Latin-1 letters", () => {
    const words = ["ein", "a", "an", "zwö", "fün", "mär", "sept", "q", "us", "twice", "ßx", "zzz", "ÿa"];
    const set = new PrefixSet(words);
    const plain = new Set(words.map(prefix3Key));
    const letters = "abcdefghijklmnopqrstuvwxyzäöüßÿ";
    const tried: string[] = [];
    for (const a of letters) {
      tried.push(a);
      for (const b of letters) {
        tried.push(a + b);
        for (const c of letters) tried.push(a + b + c);
      }
    }
    for (const w of tried) expect(set.has(prefix3Key(w)), w).toBe(plain.has(prefix3Key(w)));
    expect(set.has(latin1Prefix3("Septembers", 0, 10))).toBe(true);
    expect(set.has(latin1Prefix3("İst", 0, 3))).toBe(false);
  });
});
