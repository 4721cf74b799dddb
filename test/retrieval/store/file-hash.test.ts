import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashBufferOffThread, hashFileOffThread } from "../../../retrieval/store/file-hash.ts";

const sha = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("hashing off the main thread", () => {
  it("hashes a large buffer in a worker and hands the same bytes back", async () => {
    const data = Buffer.from(randomBytes(6 * 1024 * 1024));
    const copy = Buffer.from(data);
    const result = await hashBufferOffThread(data);
    expect(result.sha256).toBe(sha(copy));
    expect(result.content.equals(copy)).toBe(true);
  });

  it("hashes small buffers and views into larger memory in place", async () => {
    const small = Buffer.from("klein");
    expect(await hashBufferOffThread(small)).toEqual({ sha256: sha(small), content: small });
    const view = Buffer.from(randomBytes(8 * 1024 * 1024)).subarray(10);
    expect((await hashBufferOffThread(view)).sha256).toBe(sha(view));
  });

  it("streams a file through the hash, and says why a file cannot be read", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fundstelle-hash-"));
    try {
      const data = randomBytes(5 * 1024 * 1024 + 3);
      await writeFile(path.join(dir, "f.bin"), data);
      expect(await hashFileOffThread(path.join(dir, "f.bin"))).toEqual({
        sha256: sha(data),
        bytes: data.length,
      });
      await expect(hashFileOffThread(path.join(dir, "missing.bin"))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
