/**
 * The corpus folder as a set of documents, changed in transactions: a journal (written before any file moves)
 * says how to undo the change, so a failed re-index or a crash mid-change puts the folder back as it was.
 * Hidden files (journal, backups, audit log) start with a dot and are never read as articles.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import {
  type FrontMatter,
  FrontMatterError,
  readFrontMatter,
  stripFrontMatter,
} from "../corpus/front-matter.ts";
import { type ParsedDocument, parseDocument } from "../corpus/parse.ts";
import { fsyncDir, writeFileAtomic } from "./atomic-file.ts";
import { contentHashOf } from "./document-file.ts";

export interface StoredDocument {
  /** File name without extension, as the engine names documents. */
  id: string;
  /** File name inside the corpus folder. */
  file: string;
  title: string;
  date?: string;
  sourceUrl?: string;
  canonicalUrl?: string;
  /** Hash of the body (without front matter), for duplicate detection and refresh. */
  contentHash: string;
  addedAt?: string;
  raw: string;
}

/** One step of a change and how to undo it: restore `backup` over `file`, or delete `file` when there is none. */
interface JournalEntry {
  file: string;
  backup?: string;
}

const JOURNAL = ".corpus-journal.json";
const BACKUPS = ".corpus-backup";
const ARTICLE = /\.(txt|md)$/i;

export class CorpusStore {
  constructor(readonly dir: string) {}

  get auditFile(): string {
    return path.join(this.dir, ".corpus-audit.jsonl");
  }

  async list(): Promise<StoredDocument[]> {
    const names = (await readdir(this.dir)).filter((n) => ARTICLE.test(n) && !n.startsWith(".")).sort();
    const docs: StoredDocument[] = [];
    for (const file of names) {
      let raw: string;
      try {
        if (!(await stat(path.join(this.dir, file))).isFile()) continue;
        raw = await readFile(path.join(this.dir, file), "utf8");
      } catch {
        continue;
      }
      const body = stripFrontMatter(raw);
      // The title and date as the engine will see them (front matter, else inferred from the text). A file
      // whose front matter cannot be read is still listed (by its text), so it can be removed.
      let fields: FrontMatter = {};
      let parsed: ParsedDocument;
      try {
        fields = readFrontMatter(raw).fields;
        parsed = parseDocument(raw);
      } catch (error) {
        if (!(error instanceof FrontMatterError)) throw error;
        parsed = parseDocument(body);
      }
      const heading = parsed.blocks.find((b) => b.kind === "heading");
      const inferredTitle = parsed.title ?? (heading?.kind === "heading" ? heading.line.text : undefined);
      docs.push({
        id: file.replace(ARTICLE, ""),
        file,
        title: inferredTitle?.slice(0, 200) ?? file.replace(ARTICLE, ""),
        date: parsed.date,
        sourceUrl: fields.source_url,
        canonicalUrl: fields.canonical_url,
        contentHash: contentHashOf(body),
        addedAt: fields.added_at,
        raw,
      });
    }
    return docs;
  }

  /** A file name `<slug>.md` not yet used (`<slug>-2.md`, … on collisions). */
  async freeFileName(slug: string): Promise<string> {
    const taken = new Set((await readdir(this.dir)).map((n) => n.toLowerCase().replace(ARTICLE, "")));
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? slug : `${slug}-${n}`;
      if (!taken.has(id)) return `${id}.md`;
    }
    throw new Error(`no free file name for ${slug}`);
  }

  /**
   * Applies writes and removals as one undoable change. `commit` runs after the files are in place (the
   * re-index); if it throws, every file is put back and the error is rethrown.
   */
  async transaction<T>(
    changes: { write?: Array<{ file: string; content: string }>; remove?: string[] },
    commit: () => Promise<T>,
  ): Promise<T> {
    const backupDir = path.join(this.dir, BACKUPS);
    await mkdir(backupDir, { recursive: true });
    const stamp = `${Date.now()}-${process.pid}`;
    const journal: JournalEntry[] = [];
    const existing = new Set(await readdir(this.dir));
    for (const file of [...(changes.write ?? []).map((w) => w.file), ...(changes.remove ?? [])]) {
      assertPlainName(file);
      journal.push(existing.has(file) ? { file, backup: `${file}.${stamp}` } : { file });
    }
    // The journal is durable before the first file changes: recover() can always undo what follows.
    await writeFileAtomic(path.join(this.dir, JOURNAL), JSON.stringify(journal));
    try {
      for (const entry of journal) {
        if (!entry.backup) continue;
        // Copy, then rename: a backup that exists is always complete.
        const backup = path.join(backupDir, entry.backup);
        await copyFile(path.join(this.dir, entry.file), `${backup}.tmp`);
        await rename(`${backup}.tmp`, backup);
      }
      await fsyncDir(backupDir);
      for (const w of changes.write ?? []) await writeFileAtomic(path.join(this.dir, w.file), w.content);
      for (const file of changes.remove ?? []) await unlink(path.join(this.dir, file));
      await fsyncDir(this.dir);
      const result = await commit();
      await this.#finish(journal);
      return result;
    } catch (error) {
      await this.#undo(journal);
      throw error;
    }
  }

  /** Undoes a change a crash interrupted. Call before loading the engine. Returns whether there was one. */
  async recover(): Promise<boolean> {
    let journal: JournalEntry[];
    try {
      journal = JSON.parse(await readFile(path.join(this.dir, JOURNAL), "utf8")) as JournalEntry[];
    } catch {
      return false;
    }
    if (!Array.isArray(journal)) return false;
    await this.#undo(journal.filter((e) => typeof e?.file === "string" && isPlainName(e.file)));
    return true;
  }

  async #undo(journal: JournalEntry[]): Promise<void> {
    const backupDir = path.join(this.dir, BACKUPS);
    for (const entry of journal) {
      const target = path.join(this.dir, entry.file);
      if (entry.backup) {
        const backup = path.join(backupDir, entry.backup);
        // A backup that never got written means the original was never touched.
        if (await exists(backup)) await rename(backup, target);
      } else {
        await rm(target, { force: true });
      }
    }
    await fsyncDir(this.dir);
    await rm(path.join(this.dir, JOURNAL), { force: true });
    await fsyncDir(this.dir);
  }

  async #finish(journal: JournalEntry[]): Promise<void> {
    await rm(path.join(this.dir, JOURNAL), { force: true });
    await fsyncDir(this.dir);
    for (const entry of journal) {
      if (entry.backup) await rm(path.join(this.dir, BACKUPS, entry.backup), { force: true });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function isPlainName(file: string): boolean {
  return file === path.basename(file) && !file.startsWith(".") && ARTICLE.test(file);
}

function assertPlainName(file: string): void {
  if (!isPlainName(file)) throw new Error(`not a corpus file name: ${file}`);
}
