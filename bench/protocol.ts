/** The line protocol between the benchmark and its child processes: `@@bench <json>` lines on stdout. */

export const PREFIX = "@@bench ";

export interface ChildEvent {
  event: string;
  /** performance.now() in the child: ms since that process started. */
  t: number;
  data?: unknown;
}

/** Writes one event line; `result` is the last one a task sends. */
export function emit(event: string, data?: unknown): void {
  const line: ChildEvent = { event, t: performance.now(), data };
  process.stdout.write(`${PREFIX}${JSON.stringify(line)}\n`);
}

export function parseEventLine(line: string): ChildEvent | null {
  if (!line.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(line.slice(PREFIX.length)) as ChildEvent;
    return typeof parsed.event === "string" ? parsed : null;
  } catch {
    return null;
  }
}

export interface MemorySample {
  rssMB: number;
  /** Peak resident set size of the process so far. */
  maxRssMB: number;
  heapUsedMB: number;
  externalMB: number;
}

export function memorySample(): MemorySample {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    rssMB: mb(m.rss),
    maxRssMB: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMB: mb(m.heapUsed),
    externalMB: mb(m.external),
  };
}
