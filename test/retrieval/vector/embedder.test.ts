import { mkdtemp, rm, unlink } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "@xenova/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultEmbeddingOptions, type EmbeddingOptions } from "../../../retrieval/options.ts";
import type { Logger } from "../../../retrieval/types.ts";
import { type Embedder, loadEmbedder } from "../../../retrieval/vector/embedder.ts";
import { VectorIndex } from "../../../retrieval/vector/vector-index.ts";
import { writeTestModel } from "../../../tools/test-model/index.ts";

interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine["level"]) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, msg: typeof obj === "string" ? obj : (msg ?? "") });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
}

const PASSAGES = [
  "Nvidia wollte 100 Milliarden Dollar in OpenAI investieren, doch der Deal ist ins Stocken geraten.",
  "Sogar OpenAIs Entscheidung, Chips von AMD zu kaufen, sorgte für hochgezogene Augenbrauen.",
  "Konkurrenz von Google und Anthropic heizte sich auf.",
  "Jensen Huang hinterfragte OpenAIs Disziplin im Finanzmanagement.",
];

describe("loadEmbedder with the generated test model", () => {
  let root: string;
  let modelsDir: string;
  let options: EmbeddingOptions;
  let embedder: Embedder;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "fundstelle-embedder-"));
    modelsDir = path.join(root, "models");
    const model = await writeTestModel(modelsDir);
    options = { ...defaultEmbeddingOptions, model: model.modelId, modelsDir, loadTimeoutMs: 10_000 };
    const loaded = await loadEmbedder(options, recordingLogger());
    if (!loaded.embedder) throw new Error(`test model did not load: ${loaded.reason}`);
    embedder = loaded.embedder;
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("reports the model and embeds passages and queries as unit vectors", async () => {
    expect(embedder.modelId).toBe("fundstelle-test-model");
    expect(embedder.dims).toBe(64);
    expect(embedder.quantized).toBe(true);
    const vectors = await embedder.embedPassages(PASSAGES);
    expect(vectors).toHaveLength(PASSAGES.length);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(64);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(norm(await embedder.embedQuery("Wer ist Jensen Huang?"))).toBeCloseTo(1, 5);
  });

  it("gives the same vector for a text alone or inside a padded batch", async () => {
    const batch = await embedder.embedPassages(PASSAGES);
    for (const [i, text] of PASSAGES.entries()) {
      const [single] = await embedder.embedPassages([text]);
      expect(Array.from(single as Float32Array)).toEqual(
        Array.from(batch[i] as Float32Array).map((x) => expect.closeTo(x, 6)),
      );
    }
  });

  it("splits work into batches of batchSize and reports progress", async () => {
    const loaded = await loadEmbedder({ ...options, batchSize: 3 }, recordingLogger());
    if (!loaded.embedder) throw new Error(loaded.reason);
    const texts = [...PASSAGES, ...PASSAGES];
    const progress: Array<[number, number]> = [];
    const vectors = await loaded.embedder.embedPassages(texts, (done, total) => progress.push([done, total]));
    expect(vectors).toHaveLength(8);
    expect(progress).toEqual([
      [3, 8],
      [6, 8],
      [8, 8],
    ]);
    expect(await loaded.embedder.embedPassages([])).toEqual([]);
  });

  it("never returns NaN, even for empty text without prefixes", async () => {
    const loaded = await loadEmbedder({ ...options, queryPrefix: "", passagePrefix: "" }, recordingLogger());
    if (!loaded.embedder) throw new Error(loaded.reason);
    for (const v of [
      await loaded.embedder.embedQuery(""),
      ...(await loaded.embedder.embedPassages(["", " "])),
    ]) {
      expect(v.every(Number.isFinite)).toBe(true);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it("puts a question nearest to the passage it is about, with exact and HNSW search", async () => {
    const vectors = await embedder.embedPassages(PASSAGES);
    const cases: Array<[string, number]> = [
      ["Welche Konkurrenz durch Google und Anthropic gab es?", 2],
      ["Warum kaufte OpenAI Chips von AMD?", 1],
      ["Was sagte Jensen Huang über das Finanzmanagement?", 3],
    ];
    for (const exactBelow of [Number.POSITIVE_INFINITY, 0]) {
      const index = VectorIndex.build(vectors, embedder.dims, { exactBelow });
      for (const [question, expected] of cases) {
        const [best] = index.search(await embedder.embedQuery(question), 1);
        expect({ question, kind: index.kind, id: best?.id }).toEqual({
          question,
          kind: index.kind,
          id: expected,
        });
      }
    }
  });

  it("shares one load between concurrent callers", async () => {
    const logger = recordingLogger();
    const fp32 = { ...options, quantized: false };
    const [a, b] = await Promise.all([loadEmbedder(fp32, logger), loadEmbedder(fp32, logger)]);
    expect(a.embedder?.quantized).toBe(false);
    expect(b.embedder?.dims).toBe(64);
    expect(logger.lines.filter((l) => l.msg === "Embedding model loaded")).toHaveLength(1);
  });
});

describe("loadEmbedder when the model cannot be loaded", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "fundstelle-embedder-missing-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("returns a clear reason quickly when the model is missing and remote downloads are off", async () => {
    const logger = recordingLogger();
    const started = performance.now();
    const result = await loadEmbedder(
      { ...defaultEmbeddingOptions, modelsDir: path.join(root, "empty"), allowRemote: false },
      logger,
    );
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.embedder).toBeNull();
    const reason = result.embedder === null ? result.reason : "";
    expect(reason).toContain("Xenova/multilingual-e5-small not found in");
    expect(reason).toContain("ALLOW_REMOTE_MODELS=false");
    expect(reason).toContain("npm run model:pull");
    expect(reason).not.toContain("\n");
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(1);
  });

  it("names the missing file of an incomplete model folder", async () => {
    const modelsDir = path.join(root, "incomplete");
    const model = await writeTestModel(modelsDir);
    await unlink(path.join(model.modelDir, "onnx", "model_quantized.onnx"));
    const result = await loadEmbedder(
      { ...defaultEmbeddingOptions, model: model.modelId, modelsDir, allowRemote: false },
      recordingLogger(),
    );
    expect(result.embedder === null && result.reason).toMatch(
      /incomplete \(missing .*model_quantized\.onnx\)/,
    );
  });

  it("forgets a failed load, so a later call can succeed once the model is there", async () => {
    const modelsDir = path.join(root, "later");
    const options = { ...defaultEmbeddingOptions, model: "fundstelle-test-model", modelsDir };
    expect((await loadEmbedder(options, recordingLogger())).embedder).toBeNull();
    await writeTestModel(modelsDir);
    expect((await loadEmbedder(options, recordingLogger())).embedder?.dims).toBe(64);
  });

  describe("with a model server that accepts connections but never answers", () => {
    let server: Server;
    /** Sockets that carried a model request; aborting the download must close them. */
    const requestSockets = new Set<Socket>();
    let requests = 0;
    const savedRemoteHost = env.remoteHost;

    beforeAll(async () => {
      server = createServer((request) => {
        // Never respond.
        requests++;
        const socket = request.socket;
        requestSockets.add(socket);
        socket.on("close", () => requestSockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      env.remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      env.remoteHost = savedRemoteHost;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it("gives up after loadTimeoutMs and aborts the hanging download", async () => {
      const logger = recordingLogger();
      const started = performance.now();
      const result = await loadEmbedder(
        {
          ...defaultEmbeddingOptions,
          model: "nobody/hanging-model",
          modelsDir: path.join(root, "remote"),
          allowRemote: true,
          loadTimeoutMs: 300,
        },
        logger,
      );
      const elapsed = performance.now() - started;
      expect(result.embedder).toBeNull();
      expect(result.embedder === null && result.reason).toMatch(/timed out after 300 ms/);
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1500);
      expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(1);
      // The request was really made and then dropped: nothing keeps the process alive.
      expect(requests).toBeGreaterThan(0);
      await expect.poll(() => requestSockets.size, { timeout: 1000 }).toBe(0);
    });
  });
});
