import { describe, expect, it } from "vitest";
import { discordLink, discordText, discordUrl, plainText } from "../../bot/safe-text.ts";
import { liveMaskedLinks } from "../fixtures/hostile-corpus.ts";

describe("discordText", () => {
  it("neutralises masked links: both URLs stay visible, neither hides behind the other", () => {
    const out = discordText("Login unter [https://zebrabank.de](https://phish.example/login) jetzt");
    expect(liveMaskedLinks(out)).toEqual([]);
    expect(out).toContain("https://zebrabank.de");
    expect(out).toContain("https://phish.example/login");
  });

  it("escapes markdown, headings, lists, quotes and subtext at line starts", () => {
    const out = discordText(
      "**fett** __unter__ ~~weg~~ ||spoiler|| `code`\n# Titel\n- Punkt\n1. Eins\n> Zitat\n-# klein",
    );
    expect(out).not.toMatch(/(?<!\\)\*\*/);
    expect(out).not.toMatch(/(?<!\\)\|\|/);
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(out.split("\n").every((line) => /^\\/.test(line) || !/^(#|-|>|\d+\.)/.test(line))).toBe(true);
  });

  it("breaks mentions and Discord tags", () => {
    const out = discordText("@everyone @here <@123456789012345678> <@&1234> <#5678> </ask:1> <t:0:R>");
    expect(out).not.toMatch(/@everyone|@here|<@|<#|<\/|<t:/);
  });

  it("removes escape sequences and controls", () => {
    expect(discordText("\u001b[31mrot\u001b[0m")).toBe("rot");
  });
});

describe("links", () => {
  it("discordUrl keeps only safe web links", () => {
    expect(discordUrl("https://safe.example/a")).toBe("https://safe.example/a");
    expect(discordUrl("javascript:alert(1)")).toBeUndefined();
    expect(discordUrl(undefined)).toBeUndefined();
  });

  it("discordLink escapes the label and drops the link around an unsafe URL", () => {
    expect(discordLink("safe.example", "https://safe.example/a")).toBe(
      "[safe.example](https://safe.example/a)",
    );
    expect(discordLink("x](https://phish.example) [y", "https://safe.example/")).not.toContain(
      "](https://phish",
    );
    expect(liveMaskedLinks(discordLink("Login", "javascript:alert(1)"))).toEqual([]);
  });

  it("plainText folds whitespace and drops controls", () => {
    expect(plainText(" a\n\u001b[2Jb\t c ")).toBe("a b c");
  });
});
