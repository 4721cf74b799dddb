/**
 * The German–English lexicon compiled from the Ding dictionary (tools/lexicon, `npm run lexicon:build`).
 *
 * The file is a few hundred thousand sorted `key<TAB>values` lines (lexicon-format.ts). Rather than building
 * that many strings and map entries, the loader keeps the decompressed bytes as one Buffer plus an offset
 * table per section and binary-searches them: loading takes tens of milliseconds and about the file's size
 * in memory, and a lookup costs about twenty byte comparisons.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { foldText, terms } from "../text/normalize.ts";
import {
  LEXICON_MAGIC,
  POINTER_PREFIX,
  SECTIONS,
  type SectionName,
  VALUE_SEPARATOR,
} from "./lexicon-format.ts";

export const LEXICON_FILE_NAME = "lexicon-de-en.txt";

const NEWLINE = 10;
const TAB = 9;

/**
 * One sorted section, searched in place: bisect the byte range, step back to the start of the line the
 * midpoint falls in, compare keys. No per-line table is built, so loading is just reading the file.
 */
class Section {
  constructor(
    private readonly bytes: Buffer,
    /** First byte of the section's first line. */
    private readonly begin: number,
    /** One past the section's last newline. */
    private readonly end: number,
  ) {}

  /** Number of lines (counted on demand: only reports need it). */
  get size(): number {
    let count = 0;
    for (let at = this.begin; at < this.end; at = this.bytes.indexOf(NEWLINE, at) + 1) {
      if (at === 0) break;
      count++;
    }
    return count;
  }

  /** The values stored under `key` (already folded), or null. */
  get(key: string): string[] | null {
    const needle = Buffer.from(key, "latin1");
    let lo = this.begin;
    let hi = this.end;
    // Invariant: lo and hi are line starts; the key, if present, starts a line in [lo, hi).
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = mid === lo ? lo : this.bytes.lastIndexOf(NEWLINE, mid - 1) + 1;
      const order = this.compareKeyAt(Math.max(start, lo), needle);
      const lineStart = Math.max(start, lo);
      if (order === 0) return this.valuesAt(lineStart + needle.length + 1);
      if (order < 0) {
        const next = this.bytes.indexOf(NEWLINE, lineStart);
        lo = next < 0 || next >= hi ? hi : next + 1;
      } else {
        hi = lineStart;
      }
    }
    return null;
  }

  /** Order of the line's key relative to `needle` (negative: the line sorts first). */
  private compareKeyAt(start: number, needle: Buffer): number {
    const { bytes } = this;
    for (let i = 0; i < needle.length; i++) {
      const b = bytes[start + i] as number;
      if (b === TAB) return -1;
      const diff = b - (needle[i] as number);
      if (diff !== 0) return diff;
    }
    return bytes[start + needle.length] === TAB ? 0 : 1;
  }

  private valuesAt(from: number): string[] {
    let end = this.bytes.indexOf(NEWLINE, from);
    if (end < 0) end = this.bytes.length;
    return this.bytes.toString("latin1", from, end).split(VALUE_SEPARATOR);
  }
}

export interface LexiconStats {
  bytes: number;
  englishKeys: number;
  germanKeys: number;
  inflectionEntries: number;
}

export class Lexicon {
  private constructor(
    private readonly sections: Record<SectionName, Section>,
    private readonly byteLength: number,
  ) {}

  /** Parses the (decompressed) lexicon text; throws on a file that is not a lexicon. */
  static fromBytes(bytes: Buffer): Lexicon {
    if (bytes.toString("latin1", 0, LEXICON_MAGIC.length) !== LEXICON_MAGIC) {
      throw new Error("not a Fundstelle lexicon (the first line is wrong)");
    }
    // Only the section boundaries are located here: each section starts after its `@name` line.
    const bounds = new Map<string, { begin: number; end: number }>();
    // The file starts with the magic comment line, so a section header is never at offset 0.
    let header = bytes.indexOf("\n@") + 1;
    while (header > 0) {
      const nameEnd = bytes.indexOf(NEWLINE, header);
      if (nameEnd < 0) break;
      const next = bytes.indexOf("\n@", nameEnd) + 1;
      const end = next > 0 ? next : bytes.length;
      bounds.set(bytes.toString("latin1", header + 1, nameEnd), { begin: nameEnd + 1, end });
      if (next <= 0) break;
      header = next;
    }
    const section = (key: SectionName) => {
      const b = bounds.get(key);
      return b ? new Section(bytes, b.begin, b.end) : new Section(bytes, 0, 0);
    };
    return new Lexicon(
      {
        [SECTIONS.enDe]: section(SECTIONS.enDe),
        [SECTIONS.deEn]: section(SECTIONS.deEn),
        [SECTIONS.deForms]: section(SECTIONS.deForms),
      } as Record<SectionName, Section>,
      bytes.length,
    );
  }

  static empty(): Lexicon {
    return Lexicon.fromBytes(Buffer.from(`${LEXICON_MAGIC}\n`));
  }

  static fromFile(file: string): Lexicon {
    return Lexicon.fromBytes(readFileSync(file));
  }

  get stats(): LexiconStats {
    return {
      bytes: this.byteLength,
      englishKeys: this.sections[SECTIONS.enDe].size,
      germanKeys: this.sections[SECTIONS.deEn].size,
      inflectionEntries: this.sections[SECTIONS.deForms].size,
    };
  }

  /** Translations of an English word or term (any case, "data center") into German words, best first. */
  englishToGerman(text: string): string[] {
    const key = foldText(text).trim().replace(/\s+/g, " ");
    if (!isAsciiKey(key)) return [];
    return this.sections[SECTIONS.enDe].get(key) ?? [];
  }

  /** Translations of a German word, looked up by its stem (`terms(word, "de")`), into English, best first. */
  germanStemToEnglish(stem: string): string[] {
    if (!isAsciiKey(stem)) return [];
    return this.sections[SECTIONS.deEn].get(stem) ?? [];
  }

  /** Whether the dictionary knows the word (any case) as an English word. */
  knowsEnglish(word: string): boolean {
    const key = foldText(word);
    return isAsciiKey(key) && this.sections[SECTIONS.enDe].get(key) !== null;
  }

  /** Whether the dictionary knows the word (any case) as a German word or inflected form. */
  knowsGerman(word: string): boolean {
    const key = foldText(word);
    if (!isAsciiKey(key)) return false;
    if (this.sections[SECTIONS.deForms].get(key) !== null) return true;
    const stem = terms(word, "de").at(-1);
    return stem !== undefined && this.sections[SECTIONS.deEn].get(stem) !== null;
  }

  /**
   * Other inflected forms of a German word that the stemmer cannot join with it, from Ding's verb tables and
   * plurals: "starb" → sterben, gestorben, stirbt, …; "wachsen" → wächst, wuchs, gewachsen (folded).
   */
  germanForms(word: string): string[] {
    const key = foldText(word);
    if (!isAsciiKey(key)) return [];
    const section = this.sections[SECTIONS.deForms];
    const entry = section.get(key);
    if (!entry) return [];
    const out = new Set<string>();
    for (const value of entry) {
      if (!value.startsWith(POINTER_PREFIX)) {
        out.add(value);
        continue;
      }
      const lemma = value.slice(POINTER_PREFIX.length);
      out.add(lemma);
      for (const form of section.get(lemma) ?? []) if (!form.startsWith(POINTER_PREFIX)) out.add(form);
    }
    out.delete(key);
    return [...out];
  }
}

function isAsciiKey(key: string): boolean {
  return key !== "" && /^[\x20-\x7e]+$/.test(key) && !key.includes("\t");
}

/**
 * The shipped lexicon next to this module; compiled into dist/ (scripts/build-dist.mjs), the same file from
 * the project folder dist/ sits in; otherwise under the working directory.
 */
export function defaultLexiconPath(): string {
  const moduleDir = path.dirname(fileURLToPath(import.meta.url));
  const here = path.join(moduleDir, "data", LEXICON_FILE_NAME);
  if (existsSync(here)) return here;
  const fromDist = path.join(moduleDir, "..", "retrieval", "lexical", "data", LEXICON_FILE_NAME);
  if (existsSync(fromDist)) return fromDist;
  return path.resolve("retrieval", "lexical", "data", LEXICON_FILE_NAME);
}

let shared: { lexicon: Lexicon; error?: string; loadMs: number } | null = null;

/**
 * The process-wide lexicon, loaded on first use (the engine warms it at load, off the question path).
 * A missing or damaged file leaves an empty lexicon and an error message: search still works, only the
 * cross-language and inflection expansions are lost.
 */
export function sharedLexicon(): Lexicon {
  return loadSharedLexicon().lexicon;
}

export function loadSharedLexicon(): { lexicon: Lexicon; error?: string; loadMs: number } {
  if (shared) return shared;
  const started = performance.now();
  try {
    shared = { lexicon: Lexicon.fromFile(defaultLexiconPath()), loadMs: performance.now() - started };
  } catch (error) {
    shared = {
      lexicon: Lexicon.empty(),
      error: `lexicon not loaded (${error instanceof Error ? error.message : String(error)})`,
      loadMs: performance.now() - started,
    };
  }
  return shared;
}
