import { describe, expect, it } from "vitest";
import { stripControlSequences, terminalSafe } from "../../../retrieval/text/control.ts";
import { safeWebUrl } from "../../../retrieval/text/safe-url.ts";

const ESC = "\u001b";

describe("stripControlSequences", () => {
  it("removes CSI colour codes with their parameters, so no `[0m` is left behind", () => {
    expect(stripControlSequences(`${ESC}[31m12 Meter${ESC}[0m hoch`)).toBe("12 Meter hoch");
    expect(stripControlSequences(`${ESC}[2J${ESC}[H${ESC}[?25lText`)).toBe("Text");
  });

  it("removes OSC strings: window titles (BEL) and OSC 8 hyperlinks (ST), keeping the visible text", () => {
    expect(stripControlSequences(`${ESC}]0;pwned\u0007Titel`)).toBe("Titel");
    const osc8 = `${ESC}]8;;https://phish.example${ESC}\\https://bank.example${ESC}]8;;${ESC}\\`;
    expect(stripControlSequences(`siehe ${osc8} dort`)).toBe("siehe https://bank.example dort");
  });

  it("removes 8-bit CSI, C0/C1 controls, DEL and bidi overrides; keeps tabs, newlines and all letters", () => {
    expect(stripControlSequences("\u009b31mrot\u009b0m")).toBe("rot");
    expect(stripControlSequences("a\u0000b\u0007c\u007fd\u0085e")).toBe("abcde");
    expect(stripControlSequences("abc\u202egnp.exe")).toBe("abcgnp.exe");
    expect(stripControlSequences("Zeile 1\r\nZeile 2\rZeile 3\tTab")).toBe("Zeile 1\nZeile 2\nZeile 3\tTab");
    expect(stripControlSequences("Größe ⚡ 37,5 Mrd. $ — „Zitat“ 👍🏽")).toBe(
      "Größe ⚡ 37,5 Mrd. $ — „Zitat“ 👍🏽",
    );
  });

  it("an unterminated OSC swallows at most its own line", () => {
    expect(stripControlSequences(`${ESC}]0;kein Ende\nnächste Zeile`)).toBe("\nnächste Zeile");
  });

  it("terminalSafe can fold lines for one-line output", () => {
    expect(terminalSafe(`a\n${ESC}[1mb`, { multiline: false })).toBe("a b");
  });
});

describe("safeWebUrl", () => {
  it("keeps http(s) links, normalized", () => {
    expect(safeWebUrl("https://www.example.com/a?b=1#c")).toBe("https://www.example.com/a?b=1#c");
    expect(safeWebUrl("  HTTP://Example.com  ")).toBe("http://example.com/");
  });

  it.each([
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["ftp://example.com/file"],
    ["file:///etc/passwd"],
    ["https://user:secret@example.com/"],
    ["https://user@example.com/"],
    ["https://ok.example/a) [Login hier](https://phish.example"],
    ["https://ok.example/a\u001b[0m"],
    ["//example.com/path"],
    ["not a url"],
    [""],
    [`https://example.com/${"a".repeat(2100)}`],
  ])("refuses %j", (raw) => {
    expect(safeWebUrl(raw)).toBeNull();
  });

  it("encodes brackets and parentheses, so a URL cannot close a markdown link and open another", () => {
    const url = safeWebUrl("https://ok.example/b)[Login](https://phish.example/b");
    expect(url).toBe("https://ok.example/b%29%5BLogin%5D%28https://phish.example/b");
    expect(url).not.toMatch(/[()[\]]/);
  });

  it("refuses non-strings", () => {
    expect(safeWebUrl(undefined)).toBeNull();
    expect(safeWebUrl(42)).toBeNull();
  });
});
