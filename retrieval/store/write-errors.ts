/**
 * Why an index folder cannot be written, in plain words. A full disk, a read-only mount or a wrong path must
 * never take the bot down: the engine keeps serving (the saved index or an in-memory build) and says once,
 * naming the folder, what is wrong; `/reindex` and `npm run index` say the same.
 */
import { IndexWriteError, type IndexWriteReason } from "../errors.ts";

const REASONS: Record<string, IndexWriteReason> = {
  ENOSPC: "disk-full",
  EDQUOT: "disk-full",
  EFBIG: "disk-full",
  EROFS: "read-only",
  EACCES: "permission",
  EPERM: "permission",
  ENOENT: "path",
  ENOTDIR: "path",
  EISDIR: "path",
  ENAMETOOLONG: "path",
  ELOOP: "path",
  EEXIST: "path",
  EIO: "io",
};

const EXPLAINED: Record<IndexWriteReason, string> = {
  "disk-full": "the disk is full",
  "read-only": "the file system is read-only",
  permission: "this process may not write there (permissions)",
  path: "the path is wrong (a missing folder, a file where a folder should be, or a broken link)",
  io: "the disk reported an input/output error",
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The IndexWriteError for a failed write into `indexDir`, or null when `error` is not a file-system error. */
export function explainWriteError(error: unknown, indexDir: string): IndexWriteError | null {
  if (error instanceof IndexWriteError) return error;
  const code = codeOf(error);
  const reason = code ? REASONS[code] : undefined;
  if (!code || !reason) return null;
  return new IndexWriteError(
    `The index folder ${indexDir} cannot be written: ${EXPLAINED[reason]} (${code}).`,
    { reason, indexDir, code, cause: error },
  );
}
