/** `npm run lexicon:build [-- --source FILE] [-- --out DIR]`: compiles the Ding dictionary into the shipped lexicon. */
import { parseArgs } from "node:util";
import { buildLexicon, DEBIAN_DING_PATH, DingSourceMissingError } from "../tools/lexicon/build.ts";

const { values } = parseArgs({
  options: {
    source: { type: "string", default: DEBIAN_DING_PATH },
    out: { type: "string", default: "retrieval/lexical/data" },
  },
});

try {
  const started = performance.now();
  const result = await buildLexicon({ source: values.source, outDir: values.out });
  console.log(
    `lexicon: ${result.englishKeys} English and ${result.germanKeys} German keys, ` +
      `${result.inflectionGroups} inflection groups from ${result.dictionaryLines} dictionary lines ` +
      `(Ding ${result.sourceVersion}) → ${result.lexiconPath} (${(result.bytes / 1e6).toFixed(1)} MB) ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );
} catch (error) {
  if (error instanceof DingSourceMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
