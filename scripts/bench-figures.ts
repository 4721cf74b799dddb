/** `npm run bench:figures [-- --chunks 28800]`: figure extraction time per chunk on a synthetic corpus. */
import { parseArgs } from "node:util";
import { syntheticChunks, timeFigureExtraction } from "../bench/figure-timing.ts";

const { values } = parseArgs({
  options: { chunks: { type: "string", default: "10000" }, corpus: { type: "string", default: "corpus" } },
});
const n = Number(values.chunks);
if (!Number.isInteger(n) || n < 1) {
  process.stderr.write(`--chunks must be a positive whole number, got "${values.chunks}"\n`);
  process.exit(2);
}
const chunks = await syntheticChunks(values.corpus, n);
// A small warm-up pass, so the timed pass measures extraction rather than the JIT's first compile.
timeFigureExtraction(chunks.slice(0, 200));
process.stdout.write(`${JSON.stringify(timeFigureExtraction(chunks))}\n`);
