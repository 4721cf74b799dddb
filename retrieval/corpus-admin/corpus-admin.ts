/**
 * Corpus changes with a report: add a document, remove one, refresh the fetched ones. One change at a time;
 * each ends with the engine's re-index (worker process, atomic swap). If anything fails before the new index
 * is live, the corpus folder is put back and the old index keeps serving. Knows nothing of Discord.
 */
import { ingestText } from "../corpus/ingest.ts";
import { CorpusError, IndexWriteError, ReindexInProgressError } from "../errors.ts";
import type { FigureChange, Logger, ReindexProgress, ReindexReport } from "../types.ts";
import { silentLogger } from "../types.ts";
import { type AuditEntry, AuditLog } from "./audit-log.ts";
import { CorpusStore, type StoredDocument } from "./corpus-store.ts";
import { contentHashOf, renderDocument, slugOf } from "./document-file.ts";
import { CorpusBusyError, CorpusChangeRefused } from "./errors.ts";
import { type DocumentInput, type PreparedDocument, prepareDocument } from "./prepare.ts";
import type { FetchPolicy } from "./safe-fetch.ts";

export interface CorpusAdminOptions {
  corpusDir: string;
  fetch: FetchPolicy;
  /** The engine's re-index: re-reads the corpus, builds in a worker and swaps atomically. */
  reindex: (onProgress?: (p: ReindexProgress) => void) => Promise<ReindexReport>;
  logger?: Logger;
  now?: () => Date;
}

export type DocumentOutcome = "added" | "removed" | "updated" | "unchanged" | "failed";

export interface DocumentChange {
  id: string;
  title: string;
  date?: string;
  /** The article's first sentence as indexed: shows at a glance whether extraction worked. */
  firstSentence?: string;
  sourceUrl?: string;
  chunks?: number;
  outcome: DocumentOutcome;
  /** Why a refresh of this document failed. */
  reason?: string;
}

export interface ChangeReport {
  action: "add" | "remove" | "refresh";
  documents: DocumentChange[];
  /** The re-index that made the change live; absent when nothing changed. */
  index?: {
    documents: number;
    chunks: number;
    figures: number;
    chunksAdded: number;
    chunksRemoved: number;
    figuresAdded: FigureChange[];
    figuresRemoved: FigureChange[];
    /** Same label, new value (a refreshed page whose numbers changed). */
    figuresChanged: FigureChange[];
    version: string;
    durationMs: number;
  };
}

export interface ListedDocument {
  id: string;
  title: string;
  date?: string;
  sourceUrl?: string;
  addedAt?: string;
}

const sameUrl = (a: string | undefined, b: string | undefined) => {
  const norm = (u: string) => u.replace(/#.*$/, "").replace(/\/+$/, "").toLowerCase();
  return a !== undefined && b !== undefined && norm(a) === norm(b);
};

export class CorpusAdmin {
  readonly store: CorpusStore;
  readonly audit: AuditLog;
  #busy = false;
  readonly #log: Logger;
  readonly #now: () => Date;

  constructor(private readonly options: CorpusAdminOptions) {
    this.store = new CorpusStore(options.corpusDir);
    this.audit = new AuditLog(this.store.auditFile);
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? (() => new Date());
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Puts back a change a crash interrupted; call before the engine loads. */
  async recover(): Promise<boolean> {
    const recovered = await this.store.recover();
    if (recovered)
      this.#log.warn({ corpusDir: this.options.corpusDir }, "undid an interrupted corpus change");
    return recovered;
  }

  async list(): Promise<ListedDocument[]> {
    return (await this.store.list()).map(({ id, title, date, sourceUrl, addedAt }) => ({
      id,
      title,
      date,
      sourceUrl,
      addedAt,
    }));
  }

  /** The engine's re-index under the same lock as corpus changes (so no change lands mid-build). */
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexReport> {
    // The engine's own errors pass through unchanged (CorpusError: the old index keeps serving).
    return this.#exclusive(() => this.options.reindex(onProgress));
  }

  add(input: DocumentInput, actor: string): Promise<ChangeReport> {
    return this.#exclusive(async () => {
      const prepared = await prepareDocument(input, this.options.fetch);
      const existing = await this.store.list();
      this.#refuseDuplicate(prepared, existing);
      const file = await this.store.freeFileName(slugOf(prepared.fields.title));
      const content = renderDocument(
        { ...prepared.fields, addedAt: this.#now().toISOString(), addedBy: actor },
        prepared.body,
      );
      const change = this.#describe(file, content, "added", prepared.fields.sourceUrl);
      const index = await this.store.transaction({ write: [{ file, content }] }, () => this.#reindex());
      await this.#audit(actor, "add", change, contentHashOf(prepared.body));
      return { action: "add", documents: [change], index: indexOf(index) };
    });
  }

  remove(id: string, actor: string): Promise<ChangeReport> {
    return this.#exclusive(async () => {
      const docs = await this.store.list();
      const doc = docs.find((d) => d.id === id) ?? docs.find((d) => d.title === id);
      if (!doc)
        throw new CorpusChangeRefused("not-found", `No document "${id.slice(0, 100)}" in the corpus.`);
      if (docs.length === 1) {
        throw new CorpusChangeRefused(
          "invalid-document",
          "The last document cannot be removed; add another first.",
        );
      }
      const change = this.#describe(doc.file, doc.raw, "removed", doc.sourceUrl);
      const index = await this.store.transaction({ remove: [doc.file] }, () => this.#reindex());
      await this.#audit(actor, "remove", change, doc.contentHash);
      return { action: "remove", documents: [change], index: indexOf(index) };
    });
  }

  /** Fetches every document that came from a URL again; unchanged ones (same content hash) are skipped. */
  refresh(actor: string): Promise<ChangeReport> {
    return this.#exclusive(async () => {
      const docs = (await this.store.list()).filter((d) => d.sourceUrl);
      const changes: DocumentChange[] = [];
      const writes: Array<{ file: string; content: string; hash: string }> = [];
      for (const doc of docs) {
        const url = doc.sourceUrl as string;
        let prepared: PreparedDocument;
        try {
          prepared = await prepareDocument({ kind: "url", url }, this.options.fetch);
        } catch (error) {
          if (!(error instanceof CorpusChangeRefused)) throw error;
          changes.push({
            id: doc.id,
            title: doc.title,
            sourceUrl: url,
            outcome: "failed",
            reason: error.message,
          });
          continue;
        }
        const hash = contentHashOf(prepared.body);
        if (hash === doc.contentHash) {
          changes.push({
            id: doc.id,
            title: doc.title,
            date: doc.date,
            sourceUrl: url,
            outcome: "unchanged",
          });
          continue;
        }
        const content = renderDocument(
          {
            ...prepared.fields,
            sourceUrl: url,
            addedAt: doc.addedAt ?? this.#now().toISOString(),
            addedBy: actor,
          },
          prepared.body,
        );
        changes.push(this.#describe(doc.file, content, "updated", url));
        writes.push({ file: doc.file, content, hash });
      }
      if (writes.length === 0) return { action: "refresh", documents: changes };
      const index = await this.store.transaction({ write: writes }, () => this.#reindex());
      for (const w of writes) {
        const change = changes.find((c) => `${c.id}.md` === w.file && c.outcome === "updated");
        if (change) await this.#audit(actor, "refresh", change, w.hash);
      }
      return { action: "refresh", documents: changes, index: indexOf(index) };
    });
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new CorpusBusyError();
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }

  async #reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexReport> {
    try {
      return await this.options.reindex(onProgress);
    } catch (error) {
      if (error instanceof ReindexInProgressError) throw new CorpusBusyError();
      if (error instanceof IndexWriteError) {
        throw new CorpusChangeRefused(
          "index-unwritable",
          `The new index could not be saved (${error.reason}); the old one keeps serving.`,
          {
            cause: error,
          },
        );
      }
      if (error instanceof CorpusError) {
        throw new CorpusChangeRefused(
          "invalid-document",
          `The corpus could not be indexed: ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  #refuseDuplicate(prepared: PreparedDocument, existing: StoredDocument[]): void {
    const hash = contentHashOf(prepared.body);
    const { sourceUrl, canonicalUrl } = prepared.fields;
    const same = existing.find(
      (d) =>
        d.contentHash === hash ||
        [sourceUrl, canonicalUrl].some((u) => sameUrl(u, d.canonicalUrl) || sameUrl(u, d.sourceUrl)),
    );
    if (same) {
      throw new CorpusChangeRefused(
        "duplicate",
        `Already in the corpus as "${same.title}" (id ${same.id}${same.date ? `, ${same.date}` : ""}).`,
      );
    }
  }

  /** Parses the document as the engine will, for the report; refuses one with nothing to index. */
  #describe(file: string, content: string, outcome: DocumentOutcome, sourceUrl?: string): DocumentChange {
    const { document, chunks } = ingestText(file, content);
    if (chunks.length === 0 && outcome !== "removed") {
      throw new CorpusChangeRefused("empty-article", "The document has no text to index.");
    }
    return {
      id: document.id,
      title: document.title,
      date: document.date,
      firstSentence: firstSentenceOf(chunks),
      sourceUrl,
      chunks: chunks.length,
      outcome,
    };
  }

  async #audit(
    actor: string,
    action: AuditEntry["action"],
    change: DocumentChange,
    contentHash: string,
  ): Promise<void> {
    const entry: AuditEntry = {
      at: this.#now().toISOString(),
      actor,
      action,
      documentId: change.id,
      title: change.title,
      contentHash,
      sourceUrl: change.sourceUrl,
      outcome: change.outcome === "failed" || change.outcome === "unchanged" ? undefined : change.outcome,
    };
    try {
      await this.audit.append(entry);
    } catch (error) {
      // The change is live; a full disk must not turn it into a reported failure. The log says what is missing.
      this.#log.error({ err: error, entry }, "could not write the corpus audit log");
    }
  }
}

/** The first sentence of running text (four words or more), else the first sentence at all. */
function firstSentenceOf(chunks: ReturnType<typeof ingestText>["chunks"]): string | undefined {
  const sentences = chunks.flatMap((c) => c.sentences.map((s) => s.text));
  return sentences.find((s) => s.split(/\s+/).length >= 4) ?? sentences[0];
}

function indexOf(report: ReindexReport): ChangeReport["index"] {
  return {
    documents: report.documents,
    chunks: report.chunks,
    figures: report.figures,
    chunksAdded: report.chunksAdded,
    chunksRemoved: report.chunksRemoved,
    figuresAdded: report.figuresAdded,
    figuresRemoved: report.figuresRemoved,
    figuresChanged: report.figuresChanged,
    version: report.indexVersion,
    durationMs: report.durationMs,
  };
}

/** Runs a refresh every `hours` (CORPUS_REFRESH_HOURS); returns a stop function. Skips when a change runs. */
export function startRefreshTimer(
  admin: CorpusAdmin,
  hours: number,
  logger: Logger = silentLogger,
): () => void {
  if (!(hours > 0)) return () => {};
  const timer = setInterval(() => {
    if (admin.busy) return;
    admin
      .refresh("timer")
      .then((report) =>
        logger.info(
          { updated: report.documents.filter((d) => d.outcome === "updated").length },
          "scheduled corpus refresh finished",
        ),
      )
      .catch((err: unknown) => logger.warn({ err }, "scheduled corpus refresh failed"));
  }, hours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
