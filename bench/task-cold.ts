/** Cold start in a fresh process: module loading, engine ready (saved index or build), first answer. */
import { emit, memorySample } from "./protocol.ts";
import type { Task } from "./tasks.ts";

export async function runCold(task: Extract<Task, { kind: "cold" }>) {
  const { loadEngine } = await import("../retrieval/index.ts");
  emit("imported");
  const engine = await loadEngine({ ...task.engine });
  emit("ready");
  const answer = await engine.ask(task.question);
  emit("answered");
  const status = engine.status();
  await engine.close();
  return {
    mode: status.mode,
    modelError: status.modelError ?? null,
    chunks: status.chunks,
    abstained: answer.abstained,
    timings: answer.timings,
    memory: memorySample(),
  };
}
