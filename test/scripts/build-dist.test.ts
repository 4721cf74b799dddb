import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript build script without type declarations
import { isFresh } from "../../scripts/build-dist.mjs";

/** A project tree with a stamp that lists `inputs`; every file is older than the stamp. */
async function project(root: string, inputs: string[]): Promise<string> {
  const old = new Date("2026-01-01T00:00:00Z");
  for (const file of [...inputs, "package.json", "scripts/build-dist.mjs"]) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), "// source\n");
    await utimes(path.join(root, file), old, old);
  }
  const stamp = path.join(root, "dist", ".built");
  await mkdir(path.dirname(stamp), { recursive: true });
  await writeFile(stamp, JSON.stringify({ builtAt: "2026-02-01T00:00:00Z", inputs }));
  const built = new Date("2026-02-01T00:00:00Z");
  await utimes(stamp, built, built);
  return stamp;
}

describe("launch freshness of dist/", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "fundstelle-dist-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("is fresh when nothing the build read changed", async () => {
    const stamp = await project(root, ["scripts/ask.ts", "cli/engine-cli.ts"]);
    expect(await isFresh(root, stamp)).toBe(true);
  });

  it("rebuilds when any input changed, in whatever folder it lives", async () => {
    const stamp = await project(root, ["scripts/ask.ts", "cli/engine-cli.ts"]);
    const later = new Date("2026-03-01T00:00:00Z");
    await utimes(path.join(root, "cli/engine-cli.ts"), later, later);
    expect(await isFresh(root, stamp)).toBe(false);
  });

  it("rebuilds when an input is gone, package.json changed, or the stamp is missing or unreadable", async () => {
    const stamp = await project(root, ["scripts/ask.ts", "retrieval/engine.ts"]);
    await rm(path.join(root, "retrieval/engine.ts"));
    expect(await isFresh(root, stamp)).toBe(false);

    const second = await project(path.join(root, "b"), ["scripts/ask.ts"]);
    const later = new Date("2026-03-01T00:00:00Z");
    await utimes(path.join(root, "b", "package.json"), later, later);
    expect(await isFresh(path.join(root, "b"), second)).toBe(false);

    const third = await project(path.join(root, "c"), ["scripts/ask.ts"]);
    await writeFile(third, "2026-02-01T00:00:00Z\n"); // the old stamp format: a bare date
    expect(await isFresh(path.join(root, "c"), third)).toBe(false);
    expect(await isFresh(path.join(root, "d"), path.join(root, "d", "dist", ".built"))).toBe(false);
  });
});
