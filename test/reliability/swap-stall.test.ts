/**
 * Swaps that never stall (issue 10, point 4): a live bot under /ask load picks up a 30,000-chunk index that
 * another process wrote (the refresh path of shards and of `npm run index` beside a running bot, and the
 * last step of /reindex). The swap runs on the bot's thread while interactions keep coming through the fake
 * Discord: every one must be acknowledged within Discord's 3 s and answered. The event-loop delay is printed
 * (its bound is a benchmark figure, `npm run bench`, not a timed assertion here).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatLoadReport,
  type LoadReport,
  loadUsers,
  runLoad,
  startBotAgainst,
} from "../../bench/reliability/load.ts";
import type { RunningBot } from "../../bot/main.ts";
import { FakeDiscord } from "../../tools/fake-discord/index.ts";
import { projectRoot, type TempEngine, tempEngine } from "../support/temp-engine.ts";

const SWAP_CHUNKS = 30_000;
const BATCH = 100;
/** Bounds the test: the swap takes about a second, far fewer batches than this. */
const MAX_BATCHES = 40;
const CONCURRENCY = 16;
/** tsx's ESM loader by absolute URL, so the working directory does not matter. */
const TSX = pathToFileURL(path.join(projectRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;

/** Writes the large snapshot in another process, as a /reindex worker or another shard would. */
function writeLargeSnapshotElsewhere(corpusDir: string, indexDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      TSX,
      path.join(projectRoot, "test/support/large-snapshot-child.ts"),
      corpusDir,
      indexDir,
      String(SWAP_CHUNKS),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`snapshot writer failed (${code}): ${err}`)),
    );
  });
}

let temp: TempEngine;
let questions: string[];

beforeAll(async () => {
  temp = await tempEngine();
  const fixture = JSON.parse(
    await readFile(path.join(projectRoot, "test/fixtures/dev-questions.json"), "utf8"),
  ) as { questions: Array<{ q: string }> };
  questions = fixture.questions.map((q) => q.q);
}, 60_000);

afterAll(() => temp?.dispose());

describe(`swapping in a ${SWAP_CHUNKS}-chunk index under load`, () => {
  let fake: FakeDiscord;
  let bot: RunningBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    bot = await startBotAgainst(fake, temp.engine, { USER_COOLDOWN_MS: "60000", MAX_QUEUED_ASKS: "100" });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("acknowledges every interaction within 3 s and answers it while the new index is swapped in", async () => {
    const version = await writeLargeSnapshotElsewhere(temp.corpusDir, temp.indexDir);
    expect(temp.engine.status().chunks).toBeLessThan(1000);

    // Load in batches until the swap is over: interactions arrive before, during and after it.
    let swapDone = false;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    const swap = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      delay.enable();
      const started = performance.now();
      const swapped = await temp.engine.refreshFromDisk();
      const ms = performance.now() - started;
      delay.disable();
      swapDone = true;
      return { swapped, ms };
    })();
    const reports: LoadReport[] = [];
    do {
      reports.push(
        await runLoad(fake, {
          total: BATCH,
          concurrency: CONCURRENCY,
          questions,
          users: loadUsers(BATCH),
          warmup: 10,
        }),
      );
    } while (!swapDone && reports.length < MAX_BATCHES);
    const { swapped, ms: swapMs } = await swap;
    const sum = (pick: (r: LoadReport) => number) => reports.reduce((total, r) => total + pick(r), 0);

    console.info(
      `[swap] ${SWAP_CHUNKS} chunks swapped in ${Math.round(swapMs)} ms; event-loop delay during the swap: ` +
        `max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    for (const report of reports)
      console.info(`[swap] ${formatLoadReport(report).replaceAll("\n", "\n[swap] ")}`);
    expect(swapped).toBe(true);
    expect(swapDone).toBe(true);
    // Not a benchmark bound (that is 50 ms, `npm run bench`): half of Discord's window, the line beyond which a
    // swap puts acknowledgements at risk. BM25 rebuilt on this thread blocked it for 3 s at this size.
    expect(delay.max / 1e6).toBeLessThan(1_500);
    expect(temp.engine.status()).toMatchObject({ indexVersion: version, chunks: SWAP_CHUNKS });
    const sent = reports.length * BATCH;
    expect(sum((r) => r.sent)).toBe(sent);
    expect(sum((r) => r.outcomes.lost)).toBe(0);
    expect(sum((r) => r.acknowledged)).toBe(sent);
    expect(sum((r) => r.ackedLate)).toBe(0);
    expect(sum((r) => r.outcomes.answer)).toBe(sent);
  }, 240_000);
});
