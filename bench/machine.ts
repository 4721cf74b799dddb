/** What the numbers were measured on: they mean little without it. */
import { execFileSync } from "node:child_process";
import os from "node:os";

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  platform: string;
  node: string;
  v8: string;
  commit: string | null;
  /** Uncommitted changes in the tree when the bench ran. */
  dirty: boolean | null;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  loadAverage: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
      stdio: "pipe",
    }).trim();
    dirty =
      execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
        encoding: "utf8",
        stdio: "pipe",
      }).trim() !== "";
  } catch {
    // Not a git checkout (e.g. an unpacked tarball): the rest still describes the machine.
  }
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    commit,
    dirty,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
