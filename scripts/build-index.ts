/**
 * `npm run index`: builds the saved index from the corpus, with a progress bar. It builds once, in this
 * process, and writes one snapshot: no engine is loaded first and nothing is read back.
 */
import { Presets, SingleBar } from "cli-progress";
import { exitOnCliError, loadCliConfig } from "../cli/engine-cli.ts";
import { createLogger } from "../config/logger.ts";
import { buildIndex } from "../retrieval/index.ts";

const config = loadCliConfig();
const logger = createLogger(config.log, config.discord ? [config.discord.token] : []);
const bar = new SingleBar(
  { format: " {phase} [{bar}] {value}/{total}", hideCursor: true, stream: process.stderr },
  Presets.shades_classic,
);
let started = false;
try {
  const { report, mode, modelError } = await buildIndex({ ...config.engine, logger }, (p) => {
    if (!started) {
      bar.start(Math.max(1, p.total), 0, { phase: p.phase.padEnd(5) });
      started = true;
    }
    bar.setTotal(Math.max(1, p.total));
    bar.update(p.done, { phase: p.phase.padEnd(5) });
  });
  bar.stop();
  process.stdout.write(
    [
      `Index ${report.indexVersion} (${mode} mode${modelError ? `: ${modelError}` : ""})`,
      `  documents ${report.documents}, chunks ${report.chunks} (+${report.chunksAdded} / -${report.chunksRemoved}), figures ${report.figures}`,
      `  built in ${report.durationMs} ms`,
      "",
    ].join("\n"),
  );
} catch (error) {
  bar.stop();
  exitOnCliError(error, logger);
}
