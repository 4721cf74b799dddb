/** Crash-safe file operations: a file is either its old or its new content, never half of each. */
import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import path from "node:path";

/** Makes renames and deletions in `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes to a temp file in the same folder, fsyncs it, renames it over `file`, fsyncs the folder. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx");
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await fsyncDir(dir);
}

/** Appends one line and fsyncs: an append-only log that survives a crash right after the call. */
export async function appendLine(file: string, line: string): Promise<void> {
  const handle = await open(file, "a");
  try {
    await handle.appendFile(`${line}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}
