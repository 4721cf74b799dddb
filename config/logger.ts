import pino, { type Logger as PinoLogger } from "pino";
import { stripControlSequences } from "../retrieval/text/control.ts";
import type { AppConfig } from "./index.ts";

const REDACTED_PATHS = [
  "token",
  "*.token",
  "config.discord.token",
  "discord.token",
  "headers.authorization",
  "*.headers.authorization",
];

/**
 * Structured logs to stderr (stdout stays clean for `--json` output). Secrets are redacted by path,
 * and every string containing the bot token is scrubbed by `scrubSecrets` before it is logged.
 */
export function createLogger(
  log: Pick<AppConfig["log"], "level" | "pretty">,
  secrets: string[] = [],
  options: { humanLines?: boolean } = {},
): PinoLogger {
  const secretList = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level: log.level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      hooks: {
        logMethod(args, method) {
          if (secretList.length === 0) return method.apply(this, args);
          const cleaned = args.map((a) => scrubSecrets(a, secretList)) as Parameters<typeof method>;
          return method.apply(this, cleaned);
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.humanLines
      ? humanLineStream(process.stderr)
      : log.pretty
        ? pino.transport({ target: "pino-pretty", options: { destination: 2 } })
        : pino.destination(2),
  );
}

/**
 * The console chat on a terminal: warnings and errors as one readable line each
 * ("Warnung: no embedding model loaded — running lexical-only (reason: …)"), no JSON, no timestamps.
 */
export function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trim();
  }
  const level = String(entry.level ?? "info");
  const label = level === "warn" ? "warning" : level;
  const msg = String(entry.msg ?? "").trim();
  const err = entry.err as { message?: unknown } | string | undefined;
  const reason =
    typeof err === "string"
      ? err
      : typeof err?.message === "string"
        ? err.message
        : (entry.reason as string | undefined);
  const detail = reason ? ` (${String(reason).split("\n")[0]})` : "";
  return stripControlSequences(`${label}: ${msg}${detail}`).replace(/\s+/g, " ");
}

function humanLineStream(out: NodeJS.WritableStream): { write(line: string): void } {
  return {
    write(line: string) {
      out.write(`${humanLine(line)}\n`);
    },
  };
}

/** Replaces every occurrence of a secret inside strings, errors and plain objects (depth-bounded). */
export function scrubSecrets(value: unknown, secrets: string[], depth = 0): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") {
    let out = value;
    for (const s of secrets) out = out.split(s).join("[redacted]");
    return out;
  }
  // Deeper than this (or a cycle through `cause`) is not worth logging, and must not leak unscrubbed.
  if (depth > 6) return value !== null && typeof value === "object" ? "[too deep]" : value;
  if (value instanceof Error) {
    // Keep what operators need (code such as ENOSPC or 50035, status, url, method, cause): only the text is
    // scrubbed. The copy keeps the original's prototype, so `instanceof` and the class name survive too.
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Error;
    for (const key of Object.getOwnPropertyNames(value)) {
      const own = value as unknown as Record<string, unknown>;
      Object.defineProperty(copy, key, {
        value: scrubSecrets(own[key], secrets, depth + 1),
        enumerable: Object.prototype.propertyIsEnumerable.call(value, key),
        writable: true,
        configurable: true,
      });
    }
    if (copy.name !== value.name) copy.name = value.name;
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubSecrets(v, secrets, depth + 1);
    return out;
  }
  return value;
}
