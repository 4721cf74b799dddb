/**
 * Reads lines of the Ding German–English dictionary (`/usr/share/trans/de-en`, Debian package trans-de-en).
 *
 * A line is `German side :: English side`. Each side has sub-entries separated by ` | ` that correspond by
 * position (headword | plural | …, or verb | participle | 3rd person | past | … | example phrases), and each
 * sub-entry has synonyms separated by `; `. Annotations: `{n}` `{pl}` `{vt}` (part of speech),
 * `{grew; grown}` (irregular English forms), `[Br.]` `[archaic]` (usage), `(…)` explanations, `<…>` spelling
 * variants. This module only parses; what to keep is decided in compile.ts.
 */

export interface DingTerm {
  /** The synonym as the dictionary writes it. */
  raw: string;
  /** The term without annotations, pronouns, articles or placeholders ("er/sie wächst" → "wächst"). */
  text: string;
  /** Number of words in `text`. */
  words: number;
  /** Contents of `{…}`: part of speech, or irregular English forms ("grew", "grown"). */
  braces: string[];
  /** Contents of `[…]`: usage and subject labels ("Br.", "archaic", "comp."). */
  labels: string[];
}

export interface DingSubEntry {
  /** Synonyms by position (null where a synonym is a phrase pattern): positions correspond across sub-entries. */
  terms: Array<DingTerm | null>;
  /** Part-of-speech marks anywhere in the sub-entry: "n", "f", "pl", "vt", "adj", … */
  pos: string[];
}

export interface DingLine {
  de: DingSubEntry[];
  en: DingSubEntry[];
}

/** Header comments (`# Version :: …`, `# Copyright …`, `# License :: …`) carry the attribution. */
export interface DingHeader {
  version: string;
  lines: string[];
}

export function readHeader(lines: Iterable<string>): DingHeader {
  const header: string[] = [];
  let version = "unknown";
  for (const line of lines) {
    if (!line.startsWith("#")) break;
    const text = line.replace(/^#\s?/, "").trim();
    header.push(text);
    const match = /^Version\s*::\s*(.+)$/i.exec(text);
    if (match?.[1]) version = match[1].trim();
  }
  return { version, lines: header };
}

/** Splits on a separator at bracket depth 0 (`{grew; grown}` and `(a; b)` stay whole). */
function splitTopLevel(text: string, separator: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{" || ch === "[" || ch === "(" || ch === "<") depth++;
    else if (ch === "}" || ch === "]" || ch === ")" || ch === ">") depth = Math.max(0, depth - 1);
    else if (depth === 0 && text.startsWith(separator, i)) {
      out.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

// Words that only frame a form in Ding's verb tables ("er/sie ist/war gewachsen", "I/he/she would grow"),
// articles, reflexives and placeholders ("jdm. etw.", "sb./sth.").
const FRAME_WORDS: Record<Side, ReadonlySet<string>> = {
  de: words(`ich du er sie es wir ihr man ist war hat hatte habe haben sind waren wird wurde werden sei ware
    der die das den dem des ein eine einen einem einer eines am sich jd jdn jdm jds etw zu`),
  en: words(`i you he she it we they has had have is was are were would will be been shall to the a an
    oneself yourself myself himself herself itself ourselves themselves sb sth sb's sbs someone something`),
};

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export type Side = "de" | "en";

function isFrameToken(token: string, side: Side): boolean {
  const bare = token
    .toLowerCase()
    .replace(/[.’']/g, (c) => (c === "." ? "" : "'"))
    .replace(/[äöü]/g, (c) => ({ ä: "a", ö: "o", ü: "u" })[c] ?? c);
  return bare.split("/").every((part) => FRAME_WORDS[side].has(part));
}

/** One synonym: pull out annotations, drop framing words; null when nothing usable is left. */
export function parseTerm(raw: string, side: Side): DingTerm | null {
  const braces: string[] = [];
  const labels: string[] = [];
  let text = raw
    .replace(/\{([^}]*)\}/g, (_, inner: string) => {
      for (const part of inner.split(/[;,]/)) if (part.trim()) braces.push(part.trim());
      return " ";
    })
    .replace(/\[([^\]]*)\]/g, (_, inner: string) => {
      labels.push(inner.trim());
      return " ";
    })
    .replace(/\([^)]*\)/g, " ")
    .replace(/<[^>]*>/g, " ")
    // Codes and abbreviations: "Deutschland {n} /DE/", "medical doctor /M.D./".
    .replace(/\/[A-Za-z.&]{1,10}\//g, " ");
  // "sich verpflichten, etw. zu tun" / "to commit yourself to do sth.": the verb is the term.
  text = text.replace(/,?\s*(?:etw\.\s+)?zu tun\b/g, " ").replace(/\bto do (?:sth\.|something)/g, " ");
  // Placeholders and sentence material make a term a phrase pattern, not a term.
  if (/[…!?:"“”=+]|\.\.\./.test(text)) return null;
  const tokens = text
    .split(/\s+/)
    .filter(Boolean)
    .filter((token) => !isFrameToken(token, side));
  text = tokens.join(" ").replace(/[,.]$/, "");
  if (text === "" || /[/;,]/.test(text)) return null;
  return { raw, text, words: tokens.length, braces, labels };
}

const POS_RE = /\{(n|m|f|pl|vt|vi|vr|v|adj|adv|m,f|m,n|f,n|n,m)\}/g;

function parseSide(text: string, side: Side): DingSubEntry[] {
  return splitTopLevel(text, " | ").map((sub) => ({
    terms: splitTopLevel(sub, "; ").map((s) => parseTerm(s.trim(), side)),
    pos: [...sub.matchAll(POS_RE)].map((m) => m[1] as string),
  }));
}

/** A dictionary line, or null for comments, blanks and malformed lines. */
export function parseLine(line: string): DingLine | null {
  if (line.startsWith("#") || line.trim() === "") return null;
  const halves = line.split(" :: ");
  if (halves.length !== 2) return null;
  return { de: parseSide(halves[0] as string, "de"), en: parseSide(halves[1] as string, "en") };
}
