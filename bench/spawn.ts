/**
 * Runs one benchmark task in a fresh child process, so every measurement starts from a clean heap and its
 * resident memory is its own. Events the child sends carry the child's clock; the parent adds the wall time
 * since spawn (what a user waiting for the process sees).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type ChildEvent, parseEventLine } from "./protocol.ts";
import type { Task } from "./tasks.ts";

/** How the child is started: `tsx` is the CLI the npm scripts use; `node` is `node --import tsx` (one process). */
export type Launcher = "tsx" | "node";

export interface TimedEvent extends ChildEvent {
  /** ms from spawn() in the parent to the parent reading this event. */
  wallMs: number;
}

export interface ChildRun<T> {
  result: T;
  events: TimedEvent[];
  /** ms from spawn() to the process exiting. */
  exitMs: number;
}

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

function command(launcher: Launcher): string[] {
  if (launcher === "node") return ["--import", import.meta.resolve("tsx"), CHILD];
  return [fileURLToPath(import.meta.resolve("tsx/cli")), CHILD];
}

export function runChild<T>(
  task: Task,
  options: { launcher?: Launcher; timeoutMs?: number; env?: NodeJS.ProcessEnv; verbose?: boolean } = {},
): Promise<ChildRun<T>> {
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(process.execPath, command(options.launcher ?? "node"), {
    stdio: ["ignore", "pipe", options.verbose ? "inherit" : "pipe"],
    env: { ...process.env, ...options.env, BENCH_TASK: JSON.stringify(task) },
  });
  const events: TimedEvent[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  if (!child.stdout) throw new Error("child has no stdout pipe");
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    const event = parseEventLine(line);
    if (event) events.push({ ...event, wallMs: since() });
  });
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bench task ${task.kind} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const exitMs = since();
      const result = events.find((e) => e.event === "result");
      if (code !== 0 || !result) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        reject(new Error(`bench task ${task.kind} failed (${why})${stderr ? `:\n${stderr.trim()}` : ""}`));
        return;
      }
      resolve({ result: result.data as T, events, exitMs });
    });
  });
}

/** The wall time at which the child sent `event`, or NaN. */
export function wallAt(run: ChildRun<unknown>, event: string): number {
  return run.events.find((e) => e.event === event)?.wallMs ?? Number.NaN;
}
