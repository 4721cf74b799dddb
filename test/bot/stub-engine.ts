/** A plain-object Engine for handler unit tests (the e2e tests use the real engine). */

import type { Engine } from "../../retrieval/engine-api.ts";
import { ReindexInProgressError } from "../../retrieval/errors.ts";
import type {
  Answer,
  AskOptions,
  Citation,
  DocumentMeta,
  EngineStatus,
  Figure,
  FigureFilter,
  ReindexProgress,
  ReindexReport,
} from "../../retrieval/types.ts";

export const stubDocument: DocumentMeta = {
  id: "nvidia-openai-deal.de",
  path: "nvidia-openai-deal.de.txt",
  title: "Warum Nvidia von seinem 100-Milliarden-Dollar-OpenAI-Deal zurückgetreten ist",
  date: "2026-02-01",
  language: "de",
  sources: [{ title: "Beispielquelle", url: "https://example.org/artikel" }],
  contentHash: "abc",
};

export function citation(n: number, overrides: Partial<Citation> = {}): Citation {
  return {
    n,
    chunkId: `chunk${n}`,
    documentId: stubDocument.id,
    section: "Microsoft und Azure",
    quote: "OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen.",
    passage:
      "Microsoft bleibt wichtig. OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen. Das ist viel.",
    score: 0.9,
    sources: stubDocument.sources,
    ...overrides,
  };
}

export function answer(question: string, overrides: Partial<Answer> = {}): Answer {
  return {
    question,
    lang: "de",
    abstained: false,
    answer: "$250 Milliarden (250 billion US dollars) — OpenAI hat zugesagt, Azure-Services zu kaufen [1].",
    mode: "lexical",
    citations: [citation(1)],
    timings: { embedMs: 0, vectorMs: 0, lexicalMs: 1, fusionMs: 0, composeMs: 0, totalMs: 1 },
    ...overrides,
  };
}

export const stubFigure: Figure = {
  label: "OpenAI-Zusage für Azure-Services",
  text: "$250 Milliarden",
  value: 250e9,
  unit: "USD",
  quote: "OpenAI hat zugesagt, Azure-Services im Wert von $250 Milliarden zu kaufen.",
  chunkId: "chunk1",
  documentId: stubDocument.id,
  documentTitle: stubDocument.title,
  section: "Microsoft und Azure",
  topics: ["azure", "openai", "microsoft"],
  keyScore: 0.75,
  key: true,
  factId: "chunk1:$250 Milliarden",
  primary: true,
  alternates: [],
};

export interface StubEngine extends Engine {
  calls: { ask: Array<{ question: string; options?: AskOptions }>; reindex: number };
  reindexImpl: (onProgress?: (p: ReindexProgress) => void) => Promise<ReindexReport>;
  askImpl: (question: string, options?: AskOptions) => Promise<Answer>;
}

export const stubReport: ReindexReport = {
  documents: 1,
  chunks: 42,
  figures: 30,
  chunksAdded: 2,
  chunksRemoved: 1,
  figuresAdded: [{ label: "Neue Zahl", text: "5 %" }],
  figuresRemoved: [],
  figuresChanged: [],
  durationMs: 1234,
  indexVersion: "def456-2",
};

export function stubEngine(): StubEngine {
  let reindexing = false;
  const engine: StubEngine = {
    calls: { ask: [], reindex: 0 },
    askImpl: async (question) => answer(question),
    reindexImpl: async (onProgress) => {
      onProgress?.({ phase: "read", done: 1, total: 1 });
      return stubReport;
    },
    async ask(question, options) {
      engine.calls.ask.push({ question, options });
      return engine.askImpl(question, options);
    },
    figures(filter?: FigureFilter) {
      return filter?.topic && !stubFigure.topics.includes(filter.topic.toLowerCase()) ? [] : [stubFigure];
    },
    figureTopics: () => ["Azure", "OpenAI", "Microsoft", "Nvidia", "Gigawatt"],
    documents: () => [stubDocument],
    passage(chunkId) {
      const c = citation(1);
      if (chunkId !== c.chunkId) return undefined;
      const start = c.passage.indexOf(c.quote);
      return {
        document: stubDocument,
        chunk: {
          id: c.chunkId,
          documentId: stubDocument.id,
          section: c.section,
          kind: "prose",
          text: c.passage,
          start: 0,
          end: c.passage.length,
          sentences: [
            { text: c.passage.slice(0, start).trim(), start: 0, end: start - 1 },
            { text: c.quote, start, end: start + c.quote.length },
            {
              text: c.passage.slice(start + c.quote.length).trim(),
              start: start + c.quote.length + 1,
              end: c.passage.length,
            },
          ],
        },
      };
    },
    status(): EngineStatus {
      return {
        mode: "lexical",
        documents: 1,
        chunks: 40,
        figures: 30,
        indexVersion: "abc123-1",
        builtAt: "2026-02-01T10:00:00.000Z",
        modelId: null,
        reindexing,
      };
    },
    async reindex(onProgress) {
      engine.calls.reindex++;
      // Like the real engine: a second run while one is going is refused.
      if (reindexing) throw new ReindexInProgressError();
      reindexing = true;
      try {
        return await engine.reindexImpl(onProgress);
      } finally {
        reindexing = false;
      }
    },
    refreshFromDisk: async () => false,
    close: async () => {},
  };
  return engine;
}
