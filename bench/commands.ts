/**
 * Cold start as the user types it (issue 11): wall time of the real commands, npm included, from spawn to
 * exit (`npm run ask …`) or to the line saying the start is done (`npm start` → console chat banner), each
 * paired in the same round with `node -e 0`, the runtime's own floor on this machine at that moment.
 * "Before" rows run the TypeScript sources through tsx, as every npm script did before the compiled start.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { median } from "./stats.ts";

export interface CommandSpec {
  /** What the table shows, e.g. "npm run ask -- --json …". */
  label: string;
  argv: string[];
  /** Done when a stdout line matches (the process is then stopped); otherwise at exit. */
  readyLine?: RegExp;
}

export interface CommandTiming {
  label: string;
  runs: number;
  medianMs: number;
  minMs: number;
  /** Median of `node -e 0` in the same rounds. */
  floorMs: number;
}

const TIMEOUT_MS = 120_000;

/** Wall ms of one run; rejects on a non-zero exit or a missing ready line. */
export function timeCommand(spec: CommandSpec, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const [file, ...args] = spec.argv;
  if (!file) throw new Error(`empty command for ${spec.label}`);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const child = spawn(file, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    let readyAt: number | null = null;
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    if (spec.readyLine && child.stdout) {
      const pattern = spec.readyLine;
      createInterface({ input: child.stdout }).on("line", (line) => {
        if (readyAt === null && pattern.test(line)) {
          readyAt = elapsed();
          child.stdin?.end("/quit\n");
          child.kill("SIGTERM");
        }
      });
    } else {
      child.stdout?.resume();
      child.stdin?.end();
    }
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (spec.readyLine) {
        if (readyAt !== null) resolve(readyAt);
        else reject(new Error(`${spec.label}: no ready line (exit ${code ?? signal}): ${stderr.trim()}`));
      } else if (code === 0) resolve(elapsed());
      else reject(new Error(`${spec.label} failed (exit ${code ?? signal}): ${stderr.trim()}`));
    });
  });
}

/** Interleaved rounds (a first one discarded: it warms the file cache), each with its own `node -e 0`. */
export async function timeCommands(
  specs: CommandSpec[],
  runs: number,
  env: NodeJS.ProcessEnv,
  cwd: string,
  log: (line: string) => void,
): Promise<CommandTiming[]> {
  const floor: number[] = [];
  const samples = specs.map(() => [] as number[]);
  const noop: CommandSpec = { label: "node -e 0", argv: [process.execPath, "-e", "0"] };
  for (let round = 0; round <= runs; round++) {
    const f = await timeCommand(noop, env, cwd);
    for (const [i, spec] of specs.entries()) {
      const ms = await timeCommand(spec, env, cwd);
      if (round > 0) samples[i]?.push(ms);
    }
    if (round > 0) floor.push(f);
    log(`  commands round ${round}/${runs}${round === 0 ? " (warm-up, discarded)" : ""}`);
  }
  const floorMs = median(floor);
  return [
    { label: noop.label, runs, medianMs: floorMs, minMs: Math.min(...floor), floorMs },
    ...specs.map((spec, i) => ({
      label: spec.label,
      runs,
      medianMs: median(samples[i] ?? []),
      minMs: Math.min(...(samples[i] ?? [])),
      floorMs,
    })),
  ];
}
