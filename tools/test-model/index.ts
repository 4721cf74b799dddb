/**
 * Generates a tiny BERT-typed embedding model that transformers.js loads like a real one, so tests and
 * offline hosts can exercise the whole embedding path without the Hugging Face Hub.
 *
 * The ONNX graph is a single Gather from an int8 embedding table followed by DequantizeLinear: each token
 * maps to a fixed vector and mean pooling makes a bag-of-words embedding. int8 keeps the folder small.
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";
import { seededRandom } from "../random.ts";

const { onnx } = onnxProto;

export const TEST_MODEL_ID = "fundstelle-test-model";

const CORPUS_FILE = fileURLToPath(new URL("../../corpus/nvidia-openai-deal.de.txt", import.meta.url));

const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

const ENGLISH_WORDS = (
  "the a an of and or to in on at for with from by is are was did does do how much many what why " +
  "who when where which it its this that deal chip chips billion million money invest investment " +
  "company partnership price market stock share data center compute power gigawatt model models " +
  "question answer article news nvidia openai microsoft google query passage"
).split(" ");

/** Low-weight words: they appear in almost every text, so they should not dominate similarity. */
const FUNCTION_WORDS = new Set([
  "query",
  "passage",
  "the",
  "and",
  "with",
  "from",
  "what",
  "which",
  "this",
  "that",
]);

const LETTERS = [..."abcdefghijklmnopqrstuvwxyzß0123456789"];

export interface TestModelOptions {
  /** Embedding size (default 64). */
  dims?: number;
  /** Words to include besides special tokens and letters (default: words of the corpus article plus common English words). */
  vocab?: string[];
}

export interface TestModelInfo {
  /** `<dir>/<modelId>`. */
  modelDir: string;
  /** Folder name under `dir`: pass it as the model id with `modelsDir: dir`. */
  modelId: string;
  dims: number;
}

export async function writeTestModel(dir: string, options: TestModelOptions = {}): Promise<TestModelInfo> {
  const dims = options.dims ?? 64;
  if (!Number.isInteger(dims) || dims < 2 || dims > 4096) {
    throw new RangeError(`dims must be 2..4096, got ${dims}`);
  }
  const tokens = buildVocab(options.vocab ?? defaultWords());
  const modelDir = path.join(dir, TEST_MODEL_ID);
  await mkdir(path.join(modelDir, "onnx"), { recursive: true });

  const onnxBytes = encodeGraph(embeddingTable(tokens, dims), tokens.length, dims);
  await Promise.all([
    writeFile(path.join(modelDir, "config.json"), json(modelConfig(tokens.length, dims))),
    writeFile(path.join(modelDir, "tokenizer.json"), json(tokenizerJson(tokens))),
    writeFile(path.join(modelDir, "tokenizer_config.json"), json(tokenizerConfig())),
    writeFile(path.join(modelDir, "onnx", "model.onnx"), onnxBytes),
    writeFile(path.join(modelDir, "onnx", "model_quantized.onnx"), onnxBytes),
  ]);
  return { modelDir, modelId: TEST_MODEL_ID, dims };
}

/** The same normalization BertNormalizer applies (lowercase + strip accents), so vocab entries match. */
export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "");
}

function defaultWords(): string[] {
  let corpus = "";
  try {
    corpus = readFileSync(CORPUS_FILE, "utf8");
  } catch {
    // Corpus missing (e.g. a trimmed checkout): English words and letters still make every text tokenizable.
  }
  return [...corpus.split(/[^\p{L}\p{N}]+/u), ...ENGLISH_WORDS];
}

function buildVocab(words: string[]): string[] {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  for (const letter of LETTERS) tokens.add(letter);
  for (const letter of LETTERS) tokens.add(`##${letter}`);
  for (const word of words) {
    const w = normalizeWord(word.trim());
    if (w.length > 1 && w.length <= 40 && /^[\p{L}\p{N}]+$/u.test(w)) tokens.add(w);
  }
  return [...tokens];
}

/** Deterministic vectors: words sharing a 5-letter prefix share a base direction, so inflections are related. */
function embeddingTable(tokens: string[], dims: number): Float32Array {
  const table = new Float32Array(tokens.length * dims);
  tokens.forEach((token, row) => {
    const vector = tokenVector(token, dims);
    table.set(vector, row * dims);
  });
  return table;
}

function tokenVector(token: string, dims: number): Float32Array {
  if (token === "[PAD]") return new Float32Array(dims);
  const isPiece = token.length === 1 || token.startsWith("##") || token.startsWith("[");
  if (isPiece) return scaled(unitGaussian(`piece:${token}`, dims), token.startsWith("[") ? 0.1 : 0.15);
  const base = unitGaussian(`base:${token.slice(0, 5)}`, dims);
  const own = unitGaussian(`word:${token}`, dims);
  const weight = token.length <= 3 || FUNCTION_WORDS.has(token) ? 0.3 : 1;
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) out[i] = weight * ((base[i] ?? 0) + 0.35 * (own[i] ?? 0));
  return out;
}

function unitGaussian(seedText: string, dims: number): Float32Array {
  const random = seededRandom(fnv1a(seedText));
  const out = new Float32Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    // Box–Muller; 1 - random() keeps log() away from 0.
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out[i] = g;
    norm += g * g;
  }
  return scaled(out, 1 / Math.sqrt(norm));
}

function scaled(v: Float32Array, factor: number): Float32Array {
  return v.map((x) => x * factor);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function encodeGraph(table: Float32Array, vocabSize: number, dims: number): Uint8Array {
  let maxAbs = 0;
  for (const x of table) maxAbs = Math.max(maxAbs, Math.abs(x));
  const scale = maxAbs / 127 || 1;
  const quantized = new Int8Array(table.length);
  for (let i = 0; i < table.length; i++) quantized[i] = Math.round((table[i] ?? 0) / scale);

  const { DataType } = onnx.TensorProto;
  const int64Input = (name: string) => ({
    name,
    type: {
      tensorType: {
        elemType: DataType.INT64,
        shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }] },
      },
    },
  });
  const graph = {
    name: "fundstelle-test-embedding",
    input: [int64Input("input_ids"), int64Input("attention_mask"), int64Input("token_type_ids")],
    output: [
      {
        name: "last_hidden_state",
        type: {
          tensorType: {
            elemType: DataType.FLOAT,
            shape: { dim: [{ dimParam: "batch" }, { dimParam: "sequence" }, { dimValue: dims }] },
          },
        },
      },
    ],
    initializer: [
      {
        name: "embeddings",
        dataType: DataType.INT8,
        dims: [vocabSize, dims],
        rawData: new Uint8Array(quantized.buffer),
      },
      { name: "scale", dataType: DataType.FLOAT, dims: [], floatData: [scale] },
      { name: "zero_point", dataType: DataType.INT8, dims: [], int32Data: [0] },
    ],
    node: [
      {
        opType: "Gather",
        input: ["embeddings", "input_ids"],
        output: ["token_vectors"],
        attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      },
      {
        opType: "DequantizeLinear",
        input: ["token_vectors", "scale", "zero_point"],
        output: ["last_hidden_state"],
      },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "fundstelle-test-model",
    opsetImport: [{ domain: "", version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function modelConfig(vocabSize: number, dims: number) {
  return {
    _name_or_path: TEST_MODEL_ID,
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: dims,
    vocab_size: vocabSize,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: dims,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
}

function tokenizerJson(tokens: string[]) {
  const id = (t: string) => tokens.indexOf(t);
  const special = (t: string) => ({ id: t, ids: [id(t)], tokens: [t] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(tokens.map((t, i) => [t, i])),
    },
  };
}

function tokenizerConfig() {
  // Without pad_token (and friends) transformers.js fails on batches of different lengths.
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    strip_accents: null,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
