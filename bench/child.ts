/** Entry of a benchmark child process: runs the task in BENCH_TASK and reports through `@@bench` lines. */
import { emit } from "./protocol.ts";
import type { Task } from "./tasks.ts";

const task = JSON.parse(process.env.BENCH_TASK ?? '{"kind":"noop"}') as Task;

async function run(): Promise<unknown> {
  switch (task.kind) {
    case "noop":
      return {};
    case "cold":
      return (await import("./task-cold.ts")).runCold(task);
    case "queries":
      return (await import("./task-queries.ts")).runQueries(task);
    case "lexical-peers":
      return (await import("./task-lexical-peers.ts")).runLexicalPeers(task);
    case "embed":
      return (await import("./task-embed.ts")).runEmbed(task);
    case "scale-build":
      return (await import("./task-scale.ts")).runScaleBuild(task);
    case "crossover":
      return (await import("./task-vectors.ts")).runCrossover(task);
    case "hnsw-grid":
      return (await import("./task-vectors.ts")).runHnswGrid(task);
  }
}

try {
  emit("result", await run());
  process.exit(0);
} catch (error) {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
