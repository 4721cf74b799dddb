/** `npm run index` on an empty index folder builds the index once and writes one snapshot (issue 10, point 6). */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("npm run index", () => {
  it("on an empty index folder: one build, one snapshot", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-index-once-"));
    try {
      const indexDir = path.join(dir, "index");
      await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/build-index.ts")], {
        cwd: ROOT,
        env: {
          ...process.env,
          CORPUS_DIR: path.join(ROOT, "corpus"),
          INDEX_DIR: indexDir,
          EMBEDDINGS_ENABLED: "false",
          DISCORD_TOKEN: "",
          LOG_LEVEL: "silent",
        },
      });
      expect(await readdir(path.join(indexDir, "snapshots"))).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
