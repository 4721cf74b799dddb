import { describe, expect, it } from "vitest";
import {
  FrontMatterError,
  quoteColonValues,
  readFrontMatter,
  stripFrontMatter,
} from "../../../retrieval/corpus/front-matter.ts";
import { parseDocument } from "../../../retrieval/corpus/parse.ts";
import { renderDocument } from "../../../retrieval/corpus-admin/document-file.ts";

const withFront = (yaml: string) => `---\n${yaml}\n---\nDer Text.\n`;

describe("front matter", () => {
  it("reads block lists, inline lists, comments, quoted colons and keys in any case", () => {
    const { fields, end } = readFrontMatter(
      withFront(
        [
          'Title: "Nvidia: Rekord im Quartal" # the headline',
          "date: 2026-02-01",
          "language: de",
          "sources: [https://a.example/x, 'https://b.example/y']",
          "# a comment line",
        ].join("\n"),
      ),
    );
    expect(fields).toMatchObject({
      title: "Nvidia: Rekord im Quartal",
      date: "2026-02-01",
      language: "de",
      sources: ["https://a.example/x", "https://b.example/y"],
    });
    expect(end).toBeGreaterThan(0);
    expect(
      readFrontMatter(withFront("sources:\n  - https://a.example/x\n  - https://b.example/y")).fields.sources,
    ).toEqual(["https://a.example/x", "https://b.example/y"]);
  });

  it("takes a single source, numbers as text and an empty value as no value", () => {
    const { fields } = readFrontMatter(withFront("title: 2026\nsources: https://one.example/\nurl:"));
    expect(fields).toEqual({ title: "2026", sources: ["https://one.example/"] });
  });

  it("has no front matter without the opening line, and strips only a real one", () => {
    expect(readFrontMatter("Kein Kopf.\n---\ntitle: x\n---\n")).toEqual({ fields: {}, end: 0 });
    expect(stripFrontMatter(withFront("title: T"))).toBe("Der Text.\n");
  });

  it.each([
    ["an unquoted colon in a nested value", "title:\n  - a: b: c", /not valid YAML at line \d: .*in quotes/],
    ["an unclosed list", "sources: [https://a.example", /not valid YAML/],
    ["a mapping as title", "title:\n  text: x", /field `title` must be text/],
    [
      "a list of mappings as sources",
      "sources:\n  - url: https://a.example",
      /field `sources` must be text or a list of links/,
    ],
    ["a list instead of fields", "- a\n- b", /must be `key: value` lines/],
    ["aliases", "a: &x [1, 2]\ntitle: *x", /aliases/],
  ])("refuses %s with a message that says what is wrong", (_what, yaml, message) => {
    const read = () => readFrontMatter(withFront(yaml));
    expect(read).toThrow(FrontMatterError);
    expect(read).toThrow(message);
  });

  it("reads a plain value with a colon as text, as hand-written front matter has it", () => {
    const { fields } = readFrontMatter(
      withFront("title: Nvidia: Der Deal stockt\nsources:\n  - https://a.example/x?a=1\ndate: 2026-02-01"),
    );
    expect(fields).toMatchObject({ title: "Nvidia: Der Deal stockt", date: "2026-02-01" });
    expect(fields.sources).toEqual(["https://a.example/x?a=1"]);
    // Quoted, listed or commented values are YAML's to read.
    const yamlSyntax = 'title: "A: B"\nurl: https://a.example # x: y\nsources: [a: b]';
    expect(quoteColonValues(yamlSyntax)).toBe(yamlSyntax);
    expect(quoteColonValues("title: A: B\n  nested: C: D")).toBe('title: "A: B"\n  nested: C: D');
  });

  it("drops control and escape sequences before reading", () => {
    const { fields } = readFrontMatter(withFront("title: Bank \u001b]0;pwned\u0007Bericht \u001b[2J"));
    expect(fields.title).toBe("Bank Bericht");
  });

  it("is written so it reads back the same, a title with a colon included", () => {
    const file = renderDocument(
      {
        title: "Nvidia: Rekord # kein Kommentar",
        date: "2026-02-01",
        language: "de",
        addedAt: "2026-11-29T10:00:00.000Z",
        sources: ["https://a.example/x", "javascript:alert(1)"],
      },
      "Der Text.",
    );
    expect(file).toMatch(/^---\ntitle: /);
    const parsed = parseDocument(file);
    expect(parsed).toMatchObject({
      title: "Nvidia: Rekord # kein Kommentar",
      date: "2026-02-01",
      language: "de",
    });
    expect(parsed.sources.map((s) => s.url)).toEqual(["https://a.example/x"]);
    expect(stripFrontMatter(file)).toBe("Der Text.\n");
  });
});
