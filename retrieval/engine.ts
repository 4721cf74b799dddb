/**
 * The engine: owns the live index, answers questions, and swaps in re-built indexes atomically.
 * Loading prefers the saved snapshot and rebuilds only when the corpus or the model changed.
 */
import { performance } from "node:perf_hooks";
import { composeAnswer } from "./answer/compose.ts";
import type { Vocabulary } from "./answer/constraints.ts";
import { resolveFollowUp } from "./answer/follow-up.ts";
import { answerAboutDocuments } from "./answer/meta.ts";
import { lexiconVocabulary } from "./answer/vocabulary.ts";
import { type BuiltCorpus, buildFromCorpus, type LiveIndex, snapshotToLive, toLiveIndex } from "./build.ts";
import { slicer } from "./cooperative.ts";
import { corpusFingerprint, corpusHash, readCorpusFiles } from "./corpus/ingest.ts";
import type { Engine } from "./engine-api.ts";
import { CorpusError, IndexIntegrityError, ReindexInProgressError } from "./errors.ts";
import { figureTopics, filterFigures } from "./figures/filter.ts";
import { loadSharedLexicon } from "./lexical/lexicon.ts";
import { buildConcepts } from "./lexical/query.ts";
import type { EngineOptions } from "./options.ts";
import { buildSnapshotInWorker } from "./reindex/run-in-worker.ts";
import { confidenceFor, type DenseHit, fuse, isConfident } from "./search/hybrid.ts";
import { chunkIdsOf } from "./store/chunk-table.ts";
import {
  type IndexManifest,
  type IndexSnapshot,
  readCurrentVersion,
  readSnapshot,
  readSnapshotSummary,
  SnapshotFormatError,
  writeSnapshot,
} from "./store/index-store.ts";
import { explainWriteError } from "./store/write-errors.ts";
import { detectLanguage } from "./text/language.ts";
import {
  type Answer,
  type AskOptions,
  type DocumentMeta,
  type EngineStatus,
  type Figure,
  type FigureChange,
  type FigureFilter,
  type Logger,
  type Passage,
  type ReindexProgress,
  type ReindexReport,
  silentLogger,
} from "./types.ts";
import { type Embedder, loadEmbedder } from "./vector/embedder.ts";

/** Questions longer than this are cut before analysis (Discord caps /ask at 500 characters anyway). */
const MAX_QUESTION_CHARS = 2000;
const CANDIDATES = 20;

export class RetrievalEngine implements Engine {
  private reindexRun: Promise<ReindexReport> | null = null;
  private readonly vocabulary: Vocabulary = lexiconVocabulary();

  private constructor(
    private live: LiveIndex,
    private readonly embedder: Embedder | null,
    private readonly modelError: string | undefined,
    private readonly options: EngineOptions,
    private readonly logger: Logger,
  ) {}

  static async load(options: EngineOptions): Promise<RetrievalEngine> {
    const logger = options.logger ?? silentLogger;
    const started = performance.now();
    // The saved index, the corpus check and the model load at the same time: reading and checksumming the
    // snapshot runs in the thread pool while this thread loads the model and the dictionary. Vectors are read
    // whenever embeddings are on; if the model then fails to load they are simply not used.
    const saved = settle(readSnapshot(options.indexDir, logger, { vectors: options.embedding.enabled }));
    const fingerprint = corpusFingerprint(options.corpusDir);
    const modelLoad = options.embedding.enabled
      ? loadEmbedder(options.embedding, logger)
      : Promise.resolve({ embedder: null, reason: "embeddings are turned off (EMBEDDINGS_ENABLED=false)" });
    // Read the dictionary now, once, so no question pays for it (language detection and queries use it).
    const lexicon = loadSharedLexicon();
    if (lexicon.error) logger.warn({ reason: lexicon.error }, "no lexicon: cross-language search is off");
    else logger.debug({ ms: Math.round(lexicon.loadMs) }, "lexicon loaded");
    const loaded = await modelLoad;
    const embedder = loaded.embedder;
    const modelError = loaded.embedder ? undefined : loaded.reason;
    const live = await loadOrBuild(options, embedder, logger, { saved, fingerprint });
    const engine = new RetrievalEngine(live, embedder, modelError, options, logger);
    logger.info(
      {
        mode: engine.mode,
        chunks: live.chunks.length,
        figures: live.figures.count,
        indexVersion: live.version,
        ms: Math.round(performance.now() - started),
      },
      "engine ready",
    );
    return engine;
  }

  private get mode(): "hybrid" | "lexical" {
    return this.embedder && this.live.vectors ? "hybrid" : "lexical";
  }

  async ask(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
    const t0 = performance.now();
    const live = this.live;
    const question = cleanQuestion(rawQuestion);
    const context = (options.context ?? []).map(cleanQuestion);
    const lang = detectLanguage(question, live.corpusLang);
    // An elliptic follow-up ("Und bis wann?") borrows its topic from the earlier question; others stand alone.
    const searched = resolveFollowUp(question, context, lang, this.vocabulary);
    const concepts = buildConcepts(searched, lang, live.corpusLang, live.lexical);
    const t1 = performance.now();
    const lexicalHits = live.lexical.search(concepts, CANDIDATES);
    const t2 = performance.now();

    let denseHits: DenseHit[] = [];
    let embedMs = 0;
    let vectorMs = 0;
    if (this.embedder && live.vectors && question !== "") {
      const e0 = performance.now();
      const vector = await this.embedder.embedQuery(searched);
      const e1 = performance.now();
      denseHits = live.vectors.search(vector, CANDIDATES);
      embedMs = e1 - e0;
      vectorMs = performance.now() - e1;
    }
    const f0 = performance.now();
    const hits = fuse(lexicalHits, denseHits, CANDIDATES);
    const confidence = confidenceFor(live.confidence, lang !== live.corpusLang);
    const { confident, denseOnly } = isConfident(hits, concepts, live.lexical, confidence);
    const f1 = performance.now();
    const about = answerAboutDocuments(question, lang, live.documents);
    const composed = about
      ? { abstained: false, answer: about, citations: [] }
      : composeAnswer({
          question: searched,
          lang,
          concepts,
          hits,
          chunks: live.chunks,
          documents: live.documentById,
          index: live.lexical,
          confident,
          maxCitations: options.maxCitations ?? 3,
          vocabulary: this.vocabulary,
          minSentenceCoverage: denseOnly ? 0 : confidence.minSentenceCoverage,
        });
    const end = performance.now();
    return {
      // Echo the question as asked; analysis above used the cleaned text.
      question: String(rawQuestion ?? "")
        .slice(0, MAX_QUESTION_CHARS)
        .trim(),
      lang,
      ...composed,
      mode: this.mode,
      timings: {
        embedMs: roundMs(embedMs),
        vectorMs: roundMs(vectorMs),
        lexicalMs: roundMs(t2 - t1 + (t1 - t0)),
        fusionMs: roundMs(f1 - f0),
        composeMs: roundMs(end - f1),
        totalMs: roundMs(end - t0),
      },
    };
  }

  figures(filter?: FigureFilter): Figure[] {
    return filterFigures(this.live.figures.all(), filter);
  }

  figureTopics(): string[] {
    return figureTopics(this.live.figures.all());
  }

  documents(): DocumentMeta[] {
    return this.live.documents;
  }

  passage(chunkId: string): Passage | undefined {
    const live = this.live;
    const chunk = live.chunks.at(live.chunks.indexOfId(chunkId));
    const document = chunk ? live.documentById.get(chunk.documentId) : undefined;
    return chunk && document ? { chunk, document } : undefined;
  }

  status(): EngineStatus {
    return {
      mode: this.mode,
      documents: this.live.documents.length,
      chunks: this.live.chunks.length,
      figures: this.live.figures.count,
      indexVersion: this.live.version,
      builtAt: this.live.builtAt,
      modelId: this.embedder?.modelId ?? null,
      modelError: this.modelError,
      reindexing: this.reindexRun !== null,
    };
  }

  reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexReport> {
    if (this.reindexRun) return Promise.reject(new ReindexInProgressError());
    this.reindexRun = this.runReindex(onProgress).finally(() => {
      this.reindexRun = null;
    });
    return this.reindexRun;
  }

  private async runReindex(onProgress: (p: ReindexProgress) => void = () => {}): Promise<ReindexReport> {
    const started = performance.now();
    const before = this.live;
    // Any CorpusError propagates from here, before anything is written: the old index keeps serving.
    if (this.options.reindexInWorker ?? true) {
      this.live = await this.buildInWorker(onProgress);
    } else {
      const built = await buildFromCorpus(this.options.corpusDir, this.embedder, onProgress);
      onProgress({ phase: "write", done: 0, total: 1 });
      const manifest = await this.persist(built);
      onProgress({ phase: "swap", done: 1, total: 1 });
      this.live = toLiveIndex(built, { version: manifest.indexVersion, builtAt: manifest.createdAt });
    }
    const report = await diffReport(await contentsOf(before), await contentsOf(this.live), started);
    this.logger.info(
      {
        ...report,
        figuresAdded: report.figuresAdded.length,
        figuresRemoved: report.figuresRemoved.length,
        figuresChanged: report.figuresChanged.length,
      },
      "re-index done",
    );
    return report;
  }

  /** Embedding blocks its thread: build and write in a worker, then load the written snapshot here. */
  private async buildInWorker(onProgress: (p: ReindexProgress) => void): Promise<LiveIndex> {
    const { corpusDir, indexDir, logger } = this.options;
    // The worker embeds only when this engine has a model, so the snapshot matches what it can search.
    const embedding = { ...this.options.embedding, enabled: this.embedder !== null };
    const manifest = await buildSnapshotInWorker({ corpusDir, indexDir, embedding, logger }, onProgress);
    onProgress({ phase: "swap", done: 0, total: 1 });
    const snapshot = await readSnapshot(indexDir, this.logger, { vectors: this.embedder !== null });
    if (!snapshot) {
      throw new IndexIntegrityError(
        `The re-index wrote ${manifest.indexVersion}, but no index can be read back.`,
      );
    }
    onProgress({ phase: "swap", done: 1, total: 1 });
    return snapshotToLive(snapshot, modelMatches(snapshot.manifest, this.embedder));
  }

  private async persist(built: BuiltCorpus): Promise<IndexManifest> {
    try {
      return await writeSnapshot(
        this.options.indexDir,
        { ...built, model: this.embedder ? modelInfo(this.embedder) : null },
        this.logger,
      );
    } catch (error) {
      throw explainWriteError(error, this.options.indexDir) ?? error;
    }
  }

  async refreshFromDisk(): Promise<boolean> {
    const version = await readCurrentVersion(this.options.indexDir);
    if (!version || version === this.live.version || this.reindexRun) return false;
    const snapshot = await readSnapshot(this.options.indexDir, this.logger, {
      vectors: this.embedder !== null,
    });
    if (!snapshot || snapshot.manifest.indexVersion === this.live.version) return false;
    // An index built in memory (the folder could not be written) is never replaced by an older one on disk.
    if (isInMemory(this.live) && snapshot.manifest.createdAt <= this.live.builtAt) return false;
    this.live = snapshotToLive(snapshot, modelMatches(snapshot.manifest, this.embedder));
    this.logger.info({ indexVersion: this.live.version }, "picked up an index written by another process");
    return true;
  }

  async close(): Promise<void> {
    await this.reindexRun?.catch(() => {});
  }
}

/** NFC joins decomposed umlauts ("u\u0308"); format characters (zero-width, bidi marks) would split words. */
function cleanQuestion(text: unknown): string {
  return String(text ?? "")
    .normalize("NFC")
    .replace(/\p{Cf}/gu, "")
    .slice(0, MAX_QUESTION_CHARS)
    .trim();
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: its failure is handled where it is awaited, maybe after other awaits. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

async function unwrap<T>(settled: Promise<Settled<T>>): Promise<T> {
  const result = await settled;
  if (!result.ok) throw result.error;
  return result.value;
}

async function loadOrBuild(
  options: EngineOptions,
  embedder: Embedder | null,
  logger: Logger,
  started: { saved: Promise<Settled<IndexSnapshot | null>>; fingerprint: Promise<string | null> },
): Promise<LiveIndex> {
  let snapshot = null;
  try {
    snapshot = await unwrap(started.saved);
  } catch (error) {
    const unreadable = explainWriteError(error, options.indexDir);
    if (unreadable) {
      // An index folder that cannot even be read is no reason to stop: build from the corpus instead.
      logger.warn(
        { indexDir: options.indexDir, code: unreadable.code },
        `The saved index in ${options.indexDir} cannot be read (${unreadable.code}); building from the corpus.`,
      );
    } else {
      if (!(error instanceof IndexIntegrityError)) throw error;
      if (error instanceof SnapshotFormatError)
        logger.info({ reason: error.message }, "rebuilding the saved index");
      else logger.warn({ err: error.message }, "saved index failed its integrity check; rebuilding");
    }
  }
  let currentHash: string | null = null;
  let corpusProblem: CorpusError | null = null;
  const fingerprint = await started.fingerprint;
  try {
    // Unchanged names, sizes and times: the snapshot's own corpus hash stands (no file is read).
    currentHash =
      snapshot && fingerprint !== null && fingerprint === snapshot.manifest.corpusFingerprint
        ? snapshot.manifest.corpusHash
        : corpusHash(await readCorpusFiles(options.corpusDir));
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    corpusProblem = error;
  }
  if (snapshot) {
    const sameCorpus = currentHash === snapshot.manifest.corpusHash;
    const modelOk = embedder ? modelMatches(snapshot.manifest, embedder) : true;
    if ((sameCorpus || corpusProblem) && modelOk) {
      if (corpusProblem)
        logger.warn({ err: corpusProblem.message }, "corpus unreadable; serving the saved index");
      return snapshotToLive(snapshot, embedder !== null);
    }
    logger.info({ sameCorpus, modelOk }, "saved index is stale; rebuilding");
  }
  if (corpusProblem) throw corpusProblem;
  const built = await buildFromCorpus(options.corpusDir, embedder);
  try {
    const manifest = await writeSnapshot(
      options.indexDir,
      { ...built, model: embedder ? modelInfo(embedder) : null },
      logger,
    );
    return toLiveIndex(built, { version: manifest.indexVersion, builtAt: manifest.createdAt });
  } catch (error) {
    const problem = explainWriteError(error, options.indexDir);
    if (!problem) throw error;
    // Degrade, don't die: a full or read-only disk must not turn into a restart loop.
    logger.warn(
      { indexDir: options.indexDir, reason: problem.reason, code: problem.code },
      `${problem.message} Serving an index built in memory from the corpus; it is not saved, so the next start builds it again.`,
    );
    return toLiveIndex(built, {
      version: inMemoryVersion(built.corpusHash),
      builtAt: new Date().toISOString(),
    });
  }
}

const IN_MEMORY = "memory-";

/** Version of an index that lives only in memory (it could not be saved). */
function inMemoryVersion(corpusHash: string): string {
  return `${IN_MEMORY}${corpusHash.slice(0, 12)}`;
}

function isInMemory(live: LiveIndex): boolean {
  return live.version.startsWith(IN_MEMORY);
}

/**
 * `npm run index`: builds the index from the corpus once, in this process, and writes it. No engine is
 * loaded first (that would build or read an index only to replace it), and nothing is read back.
 */
export async function buildIndex(
  options: EngineOptions,
  onProgress: (p: ReindexProgress) => void = () => {},
): Promise<{ report: ReindexReport; mode: "hybrid" | "lexical"; modelError?: string }> {
  const logger = options.logger ?? silentLogger;
  const started = performance.now();
  const loaded = options.embedding.enabled
    ? await loadEmbedder(options.embedding, logger)
    : { embedder: null, reason: "embeddings are turned off (EMBEDDINGS_ENABLED=false)" };
  const previous = await readSnapshotSummary(options.indexDir);
  const built = await buildFromCorpus(options.corpusDir, loaded.embedder, onProgress);
  onProgress({ phase: "write", done: 0, total: 1 });
  let manifest: IndexManifest;
  try {
    manifest = await writeSnapshot(
      options.indexDir,
      { ...built, model: loaded.embedder ? modelInfo(loaded.embedder) : null },
      logger,
    );
  } catch (error) {
    // "disk full", "read-only", "path" in plain words; the old index is untouched.
    throw explainWriteError(error, options.indexDir) ?? error;
  }
  onProgress({ phase: "write", done: 1, total: 1 });
  const before = {
    version: previous?.indexVersion ?? "",
    documents: [],
    chunkIds: previous?.chunkIds ?? [],
    figures: previous?.figures ?? [],
  };
  const after = {
    version: manifest.indexVersion,
    documents: built.documents,
    chunkIds: built.chunks.map((c) => c.id),
    figures: built.figures,
  };
  const report = await diffReport(before, after, started);
  const mode = loaded.embedder && built.vectors ? "hybrid" : "lexical";
  return loaded.embedder ? { report, mode } : { report, mode, modelError: loaded.reason };
}

function modelInfo(embedder: Embedder) {
  return { id: embedder.modelId, dims: embedder.dims, quantized: embedder.quantized };
}

function modelMatches(manifest: IndexManifest, embedder: Embedder | null): boolean {
  if (!embedder || !manifest.model) return false;
  return (
    manifest.model.id === embedder.modelId &&
    manifest.model.dims === embedder.dims &&
    manifest.model.quantized === embedder.quantized
  );
}

function figureKey(f: Figure): string {
  return `${f.label}\u0000${f.text}`;
}

/** What a re-index report compares: LiveIndex has it, and so has a freshly built corpus. */
interface IndexContents {
  version: string;
  documents: readonly unknown[];
  chunkIds: string[];
  figures: Figure[];
}

/** A live index's side of a report; figures not parsed yet are parsed in slices (this is the bot's thread). */
async function contentsOf(live: LiveIndex): Promise<IndexContents> {
  return {
    version: live.version,
    documents: live.documents,
    chunkIds: chunkIdsOf(live.chunks),
    figures: await live.figures.prepare(slicer()),
  };
}

/** Runs on the bot's thread after a swap: each step is a pass over all chunks or figures, with a pause between. */
async function diffReport(
  before: IndexContents,
  after: IndexContents,
  started: number,
): Promise<ReindexReport> {
  const pause = slicer();
  const oldChunks = new Set(before.chunkIds);
  await pause();
  const newChunks = new Set(after.chunkIds);
  await pause();
  const oldByQuote = new Map(before.figures.map((f) => [`${f.quote}\u0000${f.text}`, f]));
  await pause();
  const newByQuote = new Map(after.figures.map((f) => [`${f.quote}\u0000${f.text}`, f]));
  await pause();
  const oldByLabel = new Map(before.figures.map((f) => [f.label, f]));
  await pause();
  const added: FigureChange[] = [];
  const changed: FigureChange[] = [];
  for (const [key, f] of newByQuote) {
    if (oldByQuote.has(key)) continue;
    const previous = oldByLabel.get(f.label);
    if (previous && figureKey(previous) !== figureKey(f)) changed.push({ label: f.label, text: f.text });
    else added.push({ label: f.label, text: f.text });
  }
  await pause();
  const changedLabels = new Set(changed.map((c) => c.label));
  const removed: FigureChange[] = [...oldByQuote]
    .filter(([key, f]) => !newByQuote.has(key) && !changedLabels.has(f.label))
    .map(([, f]) => ({ label: f.label, text: f.text }));
  await pause();
  const chunksAdded = [...newChunks].filter((id) => !oldChunks.has(id)).length;
  await pause();
  const chunksRemoved = [...oldChunks].filter((id) => !newChunks.has(id)).length;
  return {
    documents: after.documents.length,
    chunks: after.chunkIds.length,
    figures: after.figures.length,
    chunksAdded,
    chunksRemoved,
    figuresAdded: added,
    figuresRemoved: removed,
    figuresChanged: changed,
    durationMs: Math.round(performance.now() - started),
    indexVersion: after.version,
  };
}

/** Stage timings to the microsecond: finer is noise, coarser hides the fast stages. */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
