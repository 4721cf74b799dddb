/**
 * `npm run model:pull`: downloads EMBEDDING_MODEL into MODELS_DIR (remote downloads allowed for this run),
 * so the folder can be copied to hosts that cannot reach the Hugging Face Hub.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/index.ts";
import { createLogger } from "../config/logger.ts";
import { loadEmbedder } from "../retrieval/vector/embedder.ts";

/** Downloads of a ~100 MB model need far longer than the start-up load bound. */
const PULL_TIMEOUT_MS = 15 * 60_000;

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const logger = createLogger(config.log);
const embedding = config.engine.embedding;
const modelDir = path.join(embedding.modelsDir, embedding.model);
const variant = embedding.quantized ? "quantized" : "fp32";

process.stderr.write(`Fetching ${embedding.model} (${variant}) into ${modelDir} …\n`);
const result = await loadEmbedder(
  {
    ...embedding,
    enabled: true,
    allowRemote: true,
    loadTimeoutMs: Math.max(embedding.loadTimeoutMs, PULL_TIMEOUT_MS),
  },
  logger,
);
if (!result.embedder) {
  process.stderr.write(
    `Could not fetch the model: ${result.reason}\n` +
      `Run it on a machine that reaches https://huggingface.co, then copy ${modelDir} to this host.\n`,
  );
  process.exitCode = 1;
} else {
  const files = await listFiles(modelDir);
  const totalMb = files.reduce((sum, f) => sum + f.bytes, 0) / 1e6;
  const relative = path.relative(process.cwd(), modelDir) || modelDir;
  process.stdout.write(
    [
      `Model ${embedding.model} (${variant}, ${result.embedder.dims} dims) is in ${modelDir} (${totalMb.toFixed(1)} MB):`,
      ...files.map((f) => `  ${f.name}  ${(f.bytes / 1e6).toFixed(2)} MB`),
      "",
      "To use it on a host without Hub access, copy the folder to the same place under its MODELS_DIR, e.g.:",
      `  rsync -a ${relative}/ user@host:/path/to/fundstelle/${relative}/`,
      `and run there with EMBEDDING_MODEL=${embedding.model} ALLOW_REMOTE_MODELS=false.`,
      "",
    ].join("\n"),
  );
}

async function listFiles(dir: string, prefix = ""): Promise<Array<{ name: string; bytes: number }>> {
  const out: Array<{ name: string; bytes: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const name = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), name)));
    else out.push({ name, bytes: (await stat(path.join(dir, entry.name))).size });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
