/** Errors the library raises on purpose; callers map them to user-facing messages. */

/** The corpus cannot be turned into an index (empty, unreadable, not UTF-8, too large...). The old index keeps serving. */
export class CorpusError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CorpusError";
  }
}

/** A re-index was requested while another one runs. */
export class ReindexInProgressError extends Error {
  constructor() {
    super("A re-index is already running.");
    this.name = "ReindexInProgressError";
  }
}

/** A saved index failed its integrity checks (missing file, checksum mismatch, bad manifest). */
export class IndexIntegrityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IndexIntegrityError";
  }
}

/** Why an index folder could not be written: a full disk, a read-only mount, permissions, a wrong path. */
export type IndexWriteReason = "disk-full" | "read-only" | "permission" | "path" | "io";

/** The index could not be saved. The message says why in plain words and names the folder. */
export class IndexWriteError extends Error {
  readonly reason: IndexWriteReason;
  readonly indexDir: string;
  readonly code: string;

  constructor(
    message: string,
    options: { reason: IndexWriteReason; indexDir: string; code: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = "IndexWriteError";
    this.reason = options.reason;
    this.indexDir = options.indexDir;
    this.code = options.code;
  }
}
