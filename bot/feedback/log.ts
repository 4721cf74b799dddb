/**
 * The question log: an append-only JSONL file with one line per question (answered or abstained) and one per
 * 👍/👎 vote. It is what /stats and `npm run stats` read, and the votes with their question, answer and
 * citations are an evaluation set in the making. User ids are stored only as keyed hashes (HMAC-SHA256 with
 * a random per-installation key kept beside the log), so the file names nobody. Writing never fails a reply:
 * a disk problem is logged and the answer still goes out.
 */
import { createHmac, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Answer, Lang, Logger, RetrievalMode } from "../../retrieval/index.ts";

export interface LoggedCitation {
  n: number;
  chunkId: string;
  documentId: string;
  section: string;
  quote: string;
}

export type QuestionSource = "slash" | "mention" | "thread";

export interface QuestionRecord {
  v: 1;
  type: "question";
  /** ISO time the answer was sent. */
  at: string;
  answerId: string;
  user: string;
  source: QuestionSource;
  question: string;
  lang: Lang;
  abstained: boolean;
  answer: string;
  citations: LoggedCitation[];
  indexVersion: string;
  mode: RetrievalMode;
  /** From receiving the question to the answer being sent. */
  ms: number;
}

export interface FeedbackRecord {
  v: 1;
  type: "feedback";
  at: string;
  answerId: string;
  user: string;
  vote: "up" | "down";
  /** Copied from the answer's question record, when it is still in the log. */
  question?: string;
  answer?: string;
  abstained?: boolean;
  citations?: LoggedCitation[];
  indexVersion?: string;
}

export type LogRecord = QuestionRecord | FeedbackRecord;

/** How many recent answers are kept in memory so a vote needs no file scan. */
const RECENT_ANSWERS = 2_000;

export class QuestionLog {
  #key: Buffer | undefined;
  #writes: Promise<void> = Promise.resolve();
  readonly #recent = new Map<string, QuestionRecord>();

  /** `file` null: nothing is written or read (FEEDBACK_FILE=off). */
  constructor(
    readonly file: string | null,
    private readonly logger: Logger,
  ) {}

  /** The key for user hashes: read from `<log>.key`, created once with random bytes. */
  async #hashKey(): Promise<Buffer> {
    if (this.#key) return this.#key;
    if (!this.file) {
      this.#key = randomBytes(32);
      return this.#key;
    }
    const keyFile = `${this.file}.key`;
    try {
      const existing = (await readFile(keyFile, "utf8")).trim();
      if (/^[0-9a-f]{64}$/.test(existing)) this.#key = Buffer.from(existing, "hex");
    } catch {
      // No key yet: created below.
    }
    if (!this.#key) {
      const key = randomBytes(32);
      await mkdir(path.dirname(keyFile), { recursive: true });
      // `wx`: when two processes race, the first key wins and the second reads it back.
      await writeFile(keyFile, `${key.toString("hex")}\n`, { flag: "wx", mode: 0o600 }).catch(async () => {
        const raced = (await readFile(keyFile, "utf8")).trim();
        if (!/^[0-9a-f]{64}$/.test(raced)) throw new Error(`${keyFile} is not a valid key file`);
      });
      this.#key = Buffer.from((await readFile(keyFile, "utf8")).trim(), "hex");
    }
    return this.#key;
  }

  async hashUser(userId: string): Promise<string> {
    return createHmac("sha256", await this.#hashKey())
      .update(userId)
      .digest("hex")
      .slice(0, 16);
  }

  /** Appends one record; never throws (the reply matters more than the log line). */
  append(record: LogRecord): Promise<void> {
    if (record.type === "question") {
      this.#recent.set(record.answerId, record);
      if (this.#recent.size > RECENT_ANSWERS) {
        const oldest = this.#recent.keys().next().value;
        if (oldest !== undefined) this.#recent.delete(oldest);
      }
    }
    const file = this.file;
    if (!file) return Promise.resolve();
    const line = `${JSON.stringify(record)}\n`;
    // Chained: lines from this process never interleave. O_APPEND keeps lines of other processes whole.
    this.#writes = this.#writes
      .then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, line, "utf8");
      })
      .catch((err: unknown) => {
        this.logger.warn({ err, file: this.file }, "could not write to the question log");
      });
    return this.#writes;
  }

  /** The question record of an answer: from memory, else from the file (after a restart). */
  async findAnswer(answerId: string): Promise<QuestionRecord | undefined> {
    const recent = this.#recent.get(answerId);
    if (recent) return recent;
    let found: QuestionRecord | undefined;
    if (!this.file) return undefined;
    for await (const record of readLog(this.file, this.logger)) {
      if (record.type === "question" && record.answerId === answerId) found = record;
    }
    return found;
  }

  /** Waits for pending writes (shutdown, tests). */
  flush(): Promise<void> {
    return this.#writes;
  }
}

/** The citations as logged: what was shown, without scores. */
export function loggedCitations(answer: Answer): LoggedCitation[] {
  return answer.citations.map((c) => ({
    n: c.n,
    chunkId: c.chunkId,
    documentId: c.documentId,
    section: c.section,
    quote: c.quote,
  }));
}

function isRecord(value: unknown): value is LogRecord {
  if (!value || typeof value !== "object") return false;
  const r = value as Record<string, unknown>;
  if (typeof r.at !== "string" || typeof r.answerId !== "string") return false;
  if (r.type === "question") return typeof r.question === "string" && typeof r.abstained === "boolean";
  return r.type === "feedback" && (r.vote === "up" || r.vote === "down");
}

/** Every well-formed record of the log, oldest first; a missing file is an empty log, a bad line is skipped. */
export async function* readLog(file: string | null, logger?: Logger): AsyncGenerator<LogRecord> {
  if (!file) return;
  const stream = createReadStream(file, { encoding: "utf8" });
  const missing = new Promise<boolean>((resolve) => {
    stream.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") logger?.warn({ err, file }, "could not read the question log");
      resolve(true);
    });
    stream.once("readable", () => resolve(false));
    stream.once("end", () => resolve(false));
  });
  if (await missing) return;
  let skipped = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!line.trim()) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRecord(parsed)) yield parsed;
      else skipped++;
    } catch {
      // A line cut short by a crash mid-write: skip it, keep the rest.
      skipped++;
    }
  }
  if (skipped > 0) logger?.warn({ file, skipped }, "skipped malformed lines in the question log");
}

export async function readAllRecords(file: string | null, logger?: Logger): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const record of readLog(file, logger)) out.push(record);
  return out;
}
