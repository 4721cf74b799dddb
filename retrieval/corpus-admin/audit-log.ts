/** Append-only JSONL record of every corpus change: who, when, what, content hash, source URL. */
import { readFile } from "node:fs/promises";
import { appendLine } from "./atomic-file.ts";

export interface AuditEntry {
  at: string;
  /** Who asked, e.g. `discord:123456789012345678` or `cli:alice`. */
  actor: string;
  action: "add" | "remove" | "refresh";
  documentId: string;
  title: string;
  contentHash?: string;
  sourceUrl?: string;
  /** For refresh: whether the document changed. */
  outcome?: "added" | "removed" | "updated";
}

export class AuditLog {
  constructor(readonly file: string) {}

  append(entry: AuditEntry): Promise<void> {
    return appendLine(this.file, JSON.stringify(entry));
  }

  /** All entries, oldest first; lines that do not parse (a torn last line) are skipped. */
  async entries(): Promise<AuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return [];
    }
    const out: AuditEntry[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as AuditEntry);
      } catch {
        // a line cut by a crash: ignore it
      }
    }
    return out;
  }
}
