/**
 * Front matter: a YAML block between `---` lines at the very top of a corpus file, read with the `yaml`
 * package (inline lists, comments, quoted colons) and checked by one schema. Front matter is untrusted: a
 * block that is not valid YAML, or a field of the wrong shape, is refused with a message that names the line
 * or the field; values are sanitised where they are used.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import { stripControlSequences } from "../text/control.ts";

type YamlPackage = typeof import("yaml");
let yamlPackage: YamlPackage | undefined;
/**
 * `yaml`, loaded on the first front matter: answering from a saved index reads none, and importing the package
 * (dozens of files) would add to every start of `npm run ask`.
 */
function yaml(): YamlPackage {
  yamlPackage ??= createRequire(import.meta.url)("yaml") as YamlPackage;
  return yamlPackage;
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** A scalar as text: `date: 2026-02-01`, `title: 2026` and `title: "Nvidia: Rekord"` all read as strings. */
const text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v).trim());
/** One item or a list of them (`sources: https://…` or `sources: [a, b]` or `- a` lines). */
const textList = z.union([text.transform((v) => [v]), z.array(text)]);

/** The fields the project reads; other keys are kept as they are (and ignored). */
export const frontMatterSchema = z.looseObject({
  title: text.optional(),
  date: text.optional(),
  language: text.optional(),
  lang: text.optional(),
  url: text.optional(),
  sources: textList.optional(),
  byline: text.optional(),
  source_url: text.optional(),
  canonical_url: text.optional(),
  file_name: text.optional(),
  added_at: text.optional(),
  added_by: text.optional(),
  content_hash: text.optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Front matter that cannot be read; the message says where and why. */
export class FrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrontMatterError";
  }
}

/** Where the front matter ends (0 without one) and what it says. Throws FrontMatterError on bad input. */
export function readFrontMatter(raw: string): { fields: FrontMatter; end: number } {
  const m = FRONT_MATTER.exec(raw);
  if (!m) return { fields: {}, end: 0 };
  // Control and escape sequences are no YAML; they are dropped here as everywhere else in document text.
  const block = stripControlSequences(m[1] as string);
  let document = parseYaml(block);
  if (document.errors.length > 0) {
    // Hand-written front matter (and every file written before YAML was read strictly) has lines like
    // `title: Nvidia: Der Deal stockt`: read such a value as the text it obviously is, if that is all that is wrong.
    const lenient = parseYaml(quoteColonValues(block));
    if (lenient.errors.length === 0) document = lenient;
  }
  const problem = document.errors[0];
  if (problem) {
    // The file's line: the front matter starts on line 2.
    const line = problem.linePos ? ` at line ${problem.linePos[0].line + 1}` : "";
    const what = (problem.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const hint = problem.code === "BLOCK_AS_IMPLICIT_KEY" ? ' (put a value that holds ": " in quotes)' : "";
    throw new FrontMatterError(`the front matter is not valid YAML${line}: ${what}${hint}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 0 }) ?? {};
  } catch {
    throw new FrontMatterError("the front matter uses YAML aliases (*name), which are not allowed");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FrontMatterError("the front matter must be `key: value` lines");
  }
  // Keys in any case (`Title:`), as they were always read; an empty value (`sources:`) is no value.
  const lowered = Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
  const parsed = frontMatterSchema.safeParse(lowered);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FrontMatterError(
      `the front matter field \`${issue?.path.join(".") ?? "?"}\` must be text${
        issue?.path.length === 1 && issue.path[0] === "sources" ? " or a list of links" : ""
      }`,
    );
  }
  return { fields: parsed.data, end: m[0].length };
}

function parseYaml(block: string) {
  return yaml().parseDocument(block, { prettyErrors: true, uniqueKeys: false });
}

const PLAIN_FIELD = /^([A-Za-z_][\w-]*):[ \t]+(\S.*)$/;
/** A value that YAML reads as more than text: quoted, a flow list or map, a block scalar, an alias or tag. */
const YAML_SYNTAX_START = /^["'[{|>&*!%@`]/;

/** Top-level `key: value` lines whose plain value holds ": " get the value in double quotes (a JSON string). */
export function quoteColonValues(block: string): string {
  return block
    .split("\n")
    .map((line) => {
      const m = PLAIN_FIELD.exec(line.trimEnd());
      const value = m?.[2];
      if (!m || value === undefined || !value.includes(": ")) return line;
      // YAML syntax or a comment (" #"): YAML's to read, not text.
      if (YAML_SYNTAX_START.test(value) || value.includes(" #")) return line;
      return `${m[1]}: ${JSON.stringify(value)}`;
    })
    .join("\n");
}

/** The file without its front matter. */
export function stripFrontMatter(raw: string): string {
  return raw.replace(FRONT_MATTER, "");
}
