/**
 * Why a corpus change was refused. Every refusal carries a stable code (for tests, logs and the audit log)
 * and a message meant for the admin: plain, specific, and free of internals.
 */
export type RefusalCode =
  | "bad-url"
  | "blocked-address"
  | "dns-failed"
  | "too-many-redirects"
  | "http-status"
  | "timeout"
  | "too-large"
  | "unsupported-type"
  | "bad-encoding"
  | "empty-article"
  | "duplicate"
  | "not-found"
  | "network"
  | "invalid-document"
  | "index-unwritable";

export class CorpusChangeRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CorpusChangeRefused";
  }
}

/** Another corpus change is running; changes run one at a time so reports and rollbacks stay exact. */
export class CorpusBusyError extends Error {
  constructor() {
    super("Another corpus change is running; try again when it has finished.");
    this.name = "CorpusBusyError";
  }
}
