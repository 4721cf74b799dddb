/**
 * Builds the shipped lexicon from a Ding dictionary file: compiles it (compile.ts) and writes the lexicon and
 * its attribution next to each other, so a clone never needs the apt package.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { LEXICON_FILE_NAME } from "../../retrieval/lexical/lexicon.ts";
import { type CompileStats, compileLexicon } from "./compile.ts";
import { readHeader } from "./ding.ts";

/** Where Debian's trans-de-en package puts the dictionary. */
export const DEBIAN_DING_PATH = "/usr/share/trans/de-en";
export const LEXICON_FILE = LEXICON_FILE_NAME;
export const NOTICE_FILE = "NOTICE.md";

export interface BuildOptions {
  source: string;
  outDir: string;
}

export interface BuildResult extends CompileStats {
  lexiconPath: string;
  noticePath: string;
  bytes: number;
  sourceVersion: string;
}

export class DingSourceMissingError extends Error {
  constructor(source: string) {
    super(
      `The Ding dictionary was not found at ${source}. Install it with \`apt-get install trans-de-en\` ` +
        "or pass --source FILE (a file in Ding's `German :: English` format).",
    );
    this.name = "DingSourceMissingError";
  }
}

export async function buildLexicon({ source, outDir }: BuildOptions): Promise<BuildResult> {
  if (!existsSync(source)) throw new DingSourceMissingError(source);
  const lines = readFileSync(source, "utf8").split(/\r?\n/);
  const header = readHeader(lines);
  const compiled = compileLexicon(lines, header);
  await mkdir(outDir, { recursive: true });
  const lexiconPath = path.join(outDir, LEXICON_FILE);
  const noticePath = path.join(outDir, NOTICE_FILE);
  // Plain text: decompressing (gzip would quarter the size) costs the loader more than its whole budget.
  writeFileSync(lexiconPath, compiled.text);
  writeFileSync(noticePath, notice(header.lines, header.version));
  return {
    ...compiled.stats,
    lexiconPath,
    noticePath,
    bytes: Buffer.byteLength(compiled.text),
    sourceVersion: header.version,
  };
}

function notice(headerLines: string[], version: string): string {
  return `# ${LEXICON_FILE}: license and attribution

\`${LEXICON_FILE}\` is compiled from the **Ding German–English dictionary** (version ${version}) by
Frank Richter, TU Chemnitz — https://dict.tu-chemnitz.de/ , distributed in Debian as the package
\`trans-de-en\`. The dictionary file's own header reads:

${headerLines.map((l) => `    ${l}`).join("\n")}

The compiled lexicon (a selection of the dictionary's translations and inflected forms, folded to lowercase
without umlauts) is a modified version of that work. It is free software: you can redistribute it and/or
modify it under the terms of the GNU General Public License as published by the Free Software Foundation,
either version 2 of the License, or (at your option) any later version. It is distributed in the hope that it
will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR
A PARTICULAR PURPOSE. See \`COPYING.GPL-2\` in this folder and \`LICENSE\` (GPL-3.0) at the project root.

Rebuild with \`npm run lexicon:build\` (needs \`apt-get install trans-de-en\`, or \`-- --source FILE\`).
`;
}
