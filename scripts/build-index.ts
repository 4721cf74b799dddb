/** `npm run index`: builds or refreshes the saved index, with a progress bar. */
import { Presets, SingleBar } from "cli-progress";
import { runWithEngine } from "./lib/engine-cli.ts";

await runWithEngine(async ({ engine }) => {
  const bar = new SingleBar(
    { format: " {phase} [{bar}] {value}/{total}", hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  const report = await engine.reindex((p) => {
    if (!started) {
      bar.start(Math.max(1, p.total), 0, { phase: p.phase.padEnd(5) });
      started = true;
    }
    bar.setTotal(Math.max(1, p.total));
    bar.update(p.done, { phase: p.phase.padEnd(5) });
  });
  bar.stop();
  const status = engine.status();
  process.stdout.write(
    [
      `Index ${report.indexVersion} (${status.mode} mode${status.modelError ? `: ${status.modelError}` : ""})`,
      `  documents ${report.documents}, chunks ${report.chunks} (+${report.chunksAdded} / -${report.chunksRemoved}), figures ${report.figures}`,
      `  built in ${report.durationMs} ms`,
      "",
    ].join("\n"),
  );
});
