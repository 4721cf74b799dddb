/**
 * Compiles the user-facing entry points into dist/ (one esbuild pass, ~0.5 s): `npm start`, `npm run ask` and
 * the others then run plain node on JavaScript instead of transpiling TypeScript at every start. The project's
 * code is bundled with its small pure-JavaScript packages (zod alone is hundreds of files to resolve at every
 * start); native and large packages stay external and load from node_modules as usual (EXTERNAL).
 * Plain JavaScript so that it runs before anything is built.
 *
 *   node scripts/build-dist.mjs            build (exit 1 on an error)
 *   node scripts/build-dist.mjs --prepare  from npm's `prepare` (npm install / npm ci): never fails the
 *                                          install; scripts/launch.mjs builds on first use if this could not
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST = path.join(ROOT, "dist");
/**
 * Written last: when dist/ was built and from which project files (esbuild's own list of inputs), so that
 * launch.mjs can tell whether any of them changed since, wherever in the tree they live.
 */
export const STAMP = path.join(DIST, ".built");

/** dist/<name>.js ← source. The re-index worker is started by file name (retrieval/reindex/run-in-worker.ts). */
export const ENTRIES = {
  start: "scripts/start.ts",
  ask: "scripts/ask.ts",
  figures: "scripts/figures.ts",
  "build-index": "scripts/build-index.ts",
  register: "scripts/register.ts",
  "model-pull": "scripts/model-pull.ts",
  "reindex-worker": "retrieval/reindex/worker.ts",
};

/**
 * Packages bundled into dist/: small, pure JavaScript, needed on every start, slow to resolve file by file.
 * Every other package stays external: native code (hnswlib-node, onnxruntime and sharp under transformers.js,
 * resvg), packages that find files of their own at run time (pino's transports, fonts), and ones loaded only on
 * some paths (discord.js with a token, echarts for the figures chart).
 */
const BUNDLED = new Set(["zod", "snowball-stemmers", "dotenv", "cli-progress"]);

/** The package a bare import names ("zod/v4" → "zod", "@scope/pkg/x" → "@scope/pkg"); null for relative ones. */
function packageOf(specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? null);
}

const externalUnlessBundled = {
  name: "external-unless-bundled",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageOf(args.path);
      // Imports from inside a bundled package resolve normally, so its own files come along.
      if (name === null || BUNDLED.has(name) || args.importer.includes("node_modules")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Bundled CommonJS packages call require() for Node's built-ins; ESM output has no require of its own. */
const BANNER =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

export async function buildDist() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, file])),
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externalUnlessBundled],
    banner: { js: BANNER },
    chunkNames: "chunk-[hash]",
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    write: false,
  });
  await mkdir(DIST, { recursive: true });
  // File by file through a rename: a process starting meanwhile never reads a half-written file, and chunks
  // of an older build stay for a process that is still running on it (their names are content hashes).
  for (const file of result.outputFiles) {
    const temp = `${file.path}.tmp-${process.pid}`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes("node_modules"));
  await writeFile(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs })}\n`);
  return result.outputFiles.length;
}

/** Files whose change always calls for a rebuild, besides the sources esbuild read. */
const BUILD_INPUTS = ["package.json", "scripts/build-dist.mjs"];

/**
 * Is dist/ up to date? True when the stamp exists and no file the last build read (nor package.json or this
 * script) is newer than it or gone. A new source file only matters once an existing one imports it, and that
 * edit makes the importer newer.
 */
export async function isFresh(root = ROOT, stampFile = STAMP) {
  let stamp;
  try {
    const [text, info] = await Promise.all([readFile(stampFile, "utf8"), stat(stampFile)]);
    stamp = { builtMs: info.mtimeMs, inputs: JSON.parse(text).inputs };
  } catch {
    return false;
  }
  if (!Array.isArray(stamp.inputs) || stamp.inputs.length === 0) return false;
  const files = [...stamp.inputs, ...BUILD_INPUTS].map((file) => path.join(root, String(file)));
  const times = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.mtimeMs,
        () => Infinity,
      ),
    ),
  );
  return times.every((time) => time <= stamp.builtMs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const prepare = process.argv.includes("--prepare");
  const started = performance.now();
  try {
    const files = await buildDist();
    process.stderr.write(`Built dist/ (${files} files) in ${Math.round(performance.now() - started)} ms\n`);
  } catch (error) {
    await rm(STAMP, { force: true }).catch(() => {});
    process.stderr.write(
      `Could not build dist/: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (prepare) process.stderr.write("The commands will build it on first use (scripts/launch.mjs).\n");
    process.exitCode = prepare ? 0 : 1;
  }
}
