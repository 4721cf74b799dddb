/**
 * The import boundaries in biome.json (noRestrictedImports): bot/ reaches the retrieval library only through
 * retrieval/index.ts, and nothing outside test/ imports test/. `npm run lint` enforces them on the tree; this
 * test proves the rules fire by linting deliberate violations with the project's own biome.json.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIOME = path.join(ROOT, "node_modules", ".bin", "biome");

const RETRIEVAL_RULE = /bot\/ uses the retrieval library only through its public API/;
const TEST_RULE = /Only test\/ may import from test\//;

/** Probe files, by path, each with one import; `expected` is the rule that must reject it (null: allowed). */
const PROBES: Array<{ file: string; source: string; expected: RegExp | null }> = [
  {
    file: "bot/commands/deep-type.ts",
    source: 'import type { Answer } from "../../retrieval/types.ts";\nexport type A = Answer;\n',
    expected: RETRIEVAL_RULE,
  },
  {
    file: "bot/deep-value.ts",
    source:
      'import { CorpusAdmin } from "../retrieval/corpus-admin/index.ts";\nexport const c = CorpusAdmin;\n',
    expected: RETRIEVAL_RULE,
  },
  {
    file: "bot/dynamic.ts",
    source: 'export const engine = await import("../retrieval/engine.ts");\n',
    expected: RETRIEVAL_RULE,
  },
  {
    file: "bot/re-export.ts",
    source: 'export { loadEngine } from "../retrieval/engine.ts";\n',
    expected: RETRIEVAL_RULE,
  },
  {
    file: "bot/public-api.ts",
    source: 'import { loadEngine } from "../retrieval/index.ts";\nexport const load = loadEngine;\n',
    expected: null,
  },
  {
    file: "bot/commands/public-api.ts",
    source: 'import type { Answer } from "../../retrieval/index.ts";\nexport type A = Answer;\n',
    expected: null,
  },
  {
    file: "bot/from-test.ts",
    source: 'import { tempEngine } from "../test/support/temp-engine.ts";\nexport const t = tempEngine;\n',
    expected: TEST_RULE,
  },
  {
    file: "scripts/from-test.ts",
    source: 'import { tempEngine } from "../test/support/temp-engine.ts";\nexport const t = tempEngine;\n',
    expected: TEST_RULE,
  },
  {
    file: "tools/fake-discord/from-test.ts",
    source: 'import { x } from "../../test/fixtures/hostile-corpus.ts";\nexport const y = x;\n',
    expected: TEST_RULE,
  },
  {
    file: "bench/from-test.ts",
    source: 'import { x } from "../test/support/large-snapshot.ts";\nexport const y = x;\n',
    expected: TEST_RULE,
  },
  {
    file: "retrieval/from-test.ts",
    source: 'import { x } from "../test/support/temp-engine.ts";\nexport const y = x;\n',
    expected: TEST_RULE,
  },
  {
    file: "cli/from-test.ts",
    source: 'import { x } from "../test/support/temp-engine.ts";\nexport const y = x;\n',
    expected: TEST_RULE,
  },
  {
    file: "scripts/library-internals.ts",
    source: 'import { LexicalIndex } from "../retrieval/lexical/bm25.ts";\nexport const l = LexicalIndex;\n',
    expected: null,
  },
  {
    file: "test/support/inside-test.ts",
    source:
      'import { x } from "./temp-engine.ts";\nimport type { Chunk } from "../../retrieval/types.ts";\n' +
      "export const y: Chunk | typeof x = x;\n",
    expected: null,
  },
];

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string };
}

let dir: string;
let diagnostics: Diagnostic[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "fundstelle-boundaries-"));
  copyFileSync(path.join(ROOT, "biome.json"), path.join(dir, "biome.json"));
  for (const probe of PROBES) {
    mkdirSync(path.dirname(path.join(dir, probe.file)), { recursive: true });
    writeFileSync(path.join(dir, probe.file), probe.source);
  }
  // Biome exits 1 when it reports errors; the JSON report is on stdout either way.
  const output = await promisify(execFile)(BIOME, ["lint", "--reporter=json", "."], { cwd: dir }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? "" }),
  );
  diagnostics = (JSON.parse(output.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("import boundaries (biome.json noRestrictedImports)", () => {
  it("linted every probe file", () => {
    expect(diagnostics.length).toBeGreaterThan(0);
  });

  it.each(PROBES.map((p) => [p.file, p] as const))("%s", (file, probe) => {
    const found = diagnostics.filter(
      (d) => d.location.path === file && d.category === "lint/style/noRestrictedImports",
    );
    if (probe.expected === null) {
      expect(found).toEqual([]);
    } else {
      expect(found).toHaveLength(1);
      expect(found[0]?.message).toMatch(probe.expected);
    }
  });
});
