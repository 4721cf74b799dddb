/**
 * Sentence embeddings with transformers.js (ONNX, CPU). Loading is bounded and never throws: when the model
 * cannot be loaded the caller gets a one-line reason and runs lexical-only.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import path from "node:path";
import type { EmbeddingOptions } from "../options.ts";
import { withTimeout } from "../timeout.ts";
import type { Logger } from "../types.ts";

export interface Embedder {
  readonly modelId: string;
  readonly dims: number;
  readonly quantized: boolean;
  /** Embeds passages (with the passage prefix) in batches; vectors are L2-normalized. */
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** Embeds a question (with the query prefix); the vector is L2-normalized. */
  embedQuery(text: string): Promise<Float32Array>;
}

export type LoadEmbedderResult = { embedder: Embedder } | { embedder: null; reason: string };

/** The slice of transformers.js we use; typed locally because its `env` typings are read-only. */
interface Tensor {
  dims: number[];
  data: Float32Array;
}
type Extractor = ((texts: string[], options: { pooling: "mean"; normalize: boolean }) => Promise<Tensor>) & {
  model?: { session?: { handler?: { constructor?: { name?: string } } } };
  dispose(): Promise<void>;
};
interface TransformersEnv {
  localModelPath: string;
  cacheDir: string;
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  remoteHost: string;
}

interface LoadedModel {
  extract: Extractor;
  dims: number;
  backend: string;
}

type ModelLoad = { model: LoadedModel } | { model: null; reason: string };

const NATIVE_SESSION_HANDLER = "OnnxruntimeSessionHandler";

/** One shared load per (model, dir, quantized); failed loads are forgotten so a later call can retry. */
const sharedLoads = new Map<string, Promise<ModelLoad>>();
/** transformers.js reads its global `env` during a load, so loads run one at a time. */
let loadQueue: Promise<unknown> = Promise.resolve();

export async function loadEmbedder(options: EmbeddingOptions, logger: Logger): Promise<LoadEmbedderResult> {
  if (!options.enabled) {
    return { embedder: null, reason: "embeddings are disabled (EMBEDDINGS_ENABLED=false)" };
  }
  const modelsDir = path.resolve(options.modelsDir);
  const key = JSON.stringify([options.model, modelsDir, options.quantized]);
  let load = sharedLoads.get(key);
  if (!load) {
    const started = loadQueue.then(() => loadModel({ ...options, modelsDir }, logger));
    loadQueue = started.catch(() => undefined);
    load = started;
    sharedLoads.set(key, load);
    void load.then((result) => {
      if (!result.model) sharedLoads.delete(key);
    });
  }
  const result = await load;
  if (!result.model) return { embedder: null, reason: result.reason };
  return { embedder: createEmbedder(result.model, options) };
}

async function loadModel(options: EmbeddingOptions, logger: Logger): Promise<ModelLoad> {
  const started = performance.now();
  const missing = missingLocalModelReason(options);
  if (missing) {
    logger.warn(
      { model: options.model, modelsDir: options.modelsDir },
      `Embedding model unavailable: ${missing}`,
    );
    return { model: null, reason: missing };
  }
  let loading: Promise<LoadedModel> | undefined;
  let used = false;
  try {
    // The deadline also aborts the model's downloads.
    const model = await withTimeout(
      options.loadTimeoutMs,
      (signal) => {
        loading = withAbortableHubFetches(signal, () => createExtractor(options));
        return loading;
      },
      () => new LoadTimeoutError(options.loadTimeoutMs),
    );
    used = true;
    const ms = Math.round(performance.now() - started);
    logger.info(
      { model: options.model, dims: model.dims, backend: model.backend, ms },
      "Embedding model loaded",
    );
    if (model.backend !== NATIVE_SESSION_HANDLER) {
      logger.warn(
        { model: options.model, backend: model.backend },
        "onnxruntime-node could not create a session; transformers.js fell back to WASM (slower)",
      );
    }
    return { model };
  } catch (error) {
    const reason = describeLoadFailure(error, options);
    logger.warn(
      { model: options.model, modelsDir: options.modelsDir },
      `Embedding model unavailable: ${reason}`,
    );
    return { model: null, reason };
  } finally {
    // A load that finishes after the timeout is not used: free its session.
    loading
      ?.then((model) => {
        if (!used) return model.extract.dispose();
      })
      .catch(() => {});
  }
}

/** Cheap pre-check so the common offline case fails fast with the clearest message. */
function missingLocalModelReason(options: EmbeddingOptions): string | null {
  if (options.allowRemote) return null;
  if (existsSync(path.join(options.modelsDir, options.model, "config.json"))) return null;
  return (
    `model ${options.model} not found in ${options.modelsDir} and remote downloads are off ` +
    "(ALLOW_REMOTE_MODELS=false); run `npm run model:pull` where the Hub is reachable"
  );
}

async function createExtractor(options: EmbeddingOptions): Promise<LoadedModel> {
  const transformers = await import("@xenova/transformers");
  const env = transformers.env as unknown as TransformersEnv;
  env.localModelPath = options.modelsDir;
  env.cacheDir = options.modelsDir;
  env.allowRemoteModels = options.allowRemote;
  env.allowLocalModels = true;
  const extract = (await transformers.pipeline("feature-extraction", options.model, {
    quantized: options.quantized,
  })) as unknown as Extractor;
  // Warm-up: proves the session runs and tells the real output size.
  const probe = await extract(["warm-up"], { pooling: "mean", normalize: false });
  const dims = probe.dims[1];
  if (!dims) throw new Error(`model produced an output of shape [${probe.dims.join(", ")}]`);
  const backend = extract.model?.session?.handler?.constructor?.name ?? "unknown";
  return { extract, dims, backend };
}

function createEmbedder(model: LoadedModel, options: EmbeddingOptions): Embedder {
  const batchSize = Math.max(1, options.batchSize);
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await model.extract(texts, { pooling: "mean", normalize: false });
    return texts.map((_, i) => unitVector(output.data.subarray(i * model.dims, (i + 1) * model.dims)));
  };
  return {
    modelId: options.model,
    dims: model.dims,
    quantized: options.quantized,
    async embedPassages(texts, onProgress) {
      // Batches of similar length waste little work on padding (every text in a batch is padded to the
      // longest): +20% chunks/s with the test model at batch 16 (docs/BENCHMARKS.md). Output keeps input order.
      const order = texts
        .map((_, i) => i)
        .sort((a, b) => (texts[b] as string).length - (texts[a] as string).length);
      const vectors: Float32Array[] = new Array(texts.length);
      let done = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const ids = order.slice(start, start + batchSize);
        const embedded = await embed(ids.map((i) => options.passagePrefix + texts[i]));
        ids.forEach((id, j) => {
          vectors[id] = embedded[j] as Float32Array;
        });
        done += ids.length;
        onProgress?.(done, texts.length);
        // Inference is a blocking native call: let other work (Discord heartbeats) run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return vectors;
    },
    async embedQuery(text) {
      const [vector] = await embed([options.queryPrefix + text]);
      return vector ?? new Float32Array(model.dims);
    },
  };
}

/** L2-normalized copy; a zero or non-finite vector becomes all zeros (cosine 0 to everything) instead of NaN. */
function unitVector(values: Float32Array): Float32Array {
  let sum = 0;
  for (const x of values) sum += x * x;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(values.length);
  if (!(norm > 0) || !Number.isFinite(norm)) return out;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) / norm;
  return out;
}

class LoadTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

function describeLoadFailure(error: unknown, options: EmbeddingOptions): string {
  const model = options.model;
  if (error instanceof LoadTimeoutError) {
    const where = options.allowRemote ? "; is the Hugging Face Hub reachable?" : "";
    return `loading model ${model} timed out after ${error.ms} ms (MODEL_LOAD_TIMEOUT_MS)${where}`;
  }
  const message = rootMessage(error);
  const notLocal = /file was not found locally at "([^"]+)"/.exec(message);
  if (notLocal) {
    return (
      `model ${model} in ${options.modelsDir} is incomplete (missing ${path.relative(options.modelsDir, notLocal[1] ?? "")}) ` +
      "and remote downloads are off (ALLOW_REMOTE_MODELS=false); run `npm run model:pull` where the Hub is reachable"
    );
  }
  if (isNetworkFailure(error)) return `could not download model ${model}: ${message}`;
  return `could not load model ${model}: ${message}`;
}

/** `TypeError: fetch failed` hides the real reason (DNS, refused, reset) in `cause`: follow the chain. */
function rootMessage(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (message && message !== "fetch failed" && !parts.includes(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return (parts.join(": ") || "fetch failed").replace(/\s+/g, " ").trim();
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === "fetch failed";
}

/*
 * transformers.js fetches model files with the global fetch and no timeout, so a server that accepts but
 * never answers keeps the load (and the process) alive for minutes. Requests made inside a load get that
 * load's abort signal; all other fetches pass through untouched.
 */
const loadSignal = new AsyncLocalStorage<AbortSignal>();
let originalFetch: typeof fetch | undefined;
let activeLoads = 0;

const abortableFetch: typeof fetch = (input, init) => {
  const realFetch = originalFetch ?? globalThis.fetch;
  const signal = loadSignal.getStore();
  if (!signal) return realFetch(input, init);
  return realFetch(input, {
    ...init,
    signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
  });
};

async function withAbortableHubFetches<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  if (activeLoads++ === 0) {
    if (globalThis.fetch !== abortableFetch) originalFetch = globalThis.fetch;
    globalThis.fetch = abortableFetch;
  }
  try {
    return await loadSignal.run(signal, run);
  } finally {
    if (--activeLoads === 0) {
      if (globalThis.fetch === abortableFetch && originalFetch) globalThis.fetch = originalFetch;
    }
  }
}
