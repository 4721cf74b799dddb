/**
 * Two shards through discord.js's ShardingManager (`npm start` with SHARD_COUNT=2) against the fake Discord,
 * which routes each guild's events to the shard that owns it. Both shards serve from the same index files;
 * a /reindex in one shard is picked up by the other.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GatewayOpcodes } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionTracker, type TrackedInteraction } from "../../bench/reliability/interaction-tracker.ts";
import { defaultEmbeddingOptions, loadEngine } from "../../retrieval/index.ts";
import { readCurrentVersion } from "../../retrieval/store/index-store.ts";
import { FakeDiscord, PERMS, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHARDS = 2;
/** Two shard start-ups 5.5 s apart (Discord's IDENTIFY spacing) plus engine loads. */
const STARTUP_MS = 45_000;
const WAIT_MS = 15_000;
const NEW_FACT = "Die Firma Quarkwerk investierte 77 Milliarden Dollar in Käsereien.";
const PROGRESS = /^Neuindizierung (gestartet|läuft)/;

/** Polls an async check until it yields a value (bounded). */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("two shards through the ShardingManager", () => {
  let dir: string;
  let corpusDir: string;
  let indexDir: string;
  let fake: FakeDiscord;
  let tracker: InteractionTracker;
  let manager: ChildProcess;
  let stderr = "";
  const guildOf: string[] = [];

  async function command(
    name: string,
    shard: number,
    options: Record<string, string> = {},
    admin = false,
  ): Promise<{ item: TrackedInteraction; shards: number[]; reply: RecordedRequest }> {
    const from = {
      guildId: guildOf[shard],
      ...(admin ? { user: fake.admin, permissions: PERMS.manageGuild } : {}),
    };
    const sent = fake.sendCommand(name, options, from);
    const routed = [...fake.lastDispatchShards];
    const item = tracker.track(sent);
    const reply = await tracker.until(
      item,
      (i) => {
        const ack = InteractionTracker.ack(i);
        if (ack?.body?.type === 4) return ack;
        // Progress edits of /reindex are not the final reply.
        return i.edits.find(
          (e) => e.body?.embeds?.length || (e.body?.content && !PROGRESS.test(e.body.content)),
        );
      },
      WAIT_MS,
      `${name} reply`,
    );
    return { item, shards: routed, reply };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fundstelle-shards-"));
    corpusDir = path.join(dir, "corpus");
    indexDir = path.join(dir, "index");
    await cp(path.join(ROOT, "corpus"), corpusDir, { recursive: true });
    // Build the index once, so the shards start from the same snapshot instead of racing to build it.
    const engine = await loadEngine({
      corpusDir,
      indexDir,
      embedding: { ...defaultEmbeddingOptions, enabled: false },
    });
    await engine.close();

    fake = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 });
    tracker = new InteractionTracker(fake);
    for (let shard = 0; shard < SHARDS; shard++) guildOf.push(fake.guildIdForShard(shard, SHARDS));
    manager = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        // /reindex is for operators (CORPUS_EDITORS=operators by default).
        ADMIN_USER_IDS: fake.admin.id,
        SHARD_COUNT: String(SHARDS),
        INDEX_REFRESH_MS: "200",
        CORPUS_DIR: corpusDir,
        INDEX_DIR: indexDir,
        EMBEDDINGS_ENABLED: "false",
        MENTIONS_ENABLED: "false",
        REGISTER_COMMANDS: "false",
        USER_COOLDOWN_MS: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    manager.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-20_000);
    });
    await waitFor(() => fake.connectedSessions === SHARDS, STARTUP_MS, `${SHARDS} shard sessions`).catch(
      (err) => {
        throw new Error(`${(err as Error).message}\n${stderr}`);
      },
    );
  }, STARTUP_MS + 30_000);

  afterAll(async () => {
    if (manager && manager.exitCode === null) manager.kill("SIGKILL");
    tracker?.stop();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("identifies once per shard, each with its own shard id", () => {
    const identifies = fake.ops(GatewayOpcodes.Identify).map((op) => op.d.shard);
    expect(identifies).toHaveLength(SHARDS);
    expect(identifies.map((s) => s?.[0]).sort()).toEqual([0, 1]);
    expect(identifies.every((s) => s?.[1] === SHARDS)).toBe(true);
  });

  it("every shard answers the guilds it owns, each interaction exactly once", async () => {
    for (let shard = 0; shard < SHARDS; shard++) {
      const { item, shards, reply } = await command("ask", shard, {
        question: "Wie viel hat OpenAI für Azure-Services zugesagt?",
      });
      expect(shards).toEqual([shard]);
      expect(JSON.stringify(reply.body.embeds)).toContain("250");
      expect(item.callbacks).toHaveLength(1);
    }
  });

  it("a /reindex in shard 0 is picked up by shard 1", async () => {
    await writeFile(path.join(corpusDir, "quarkwerk.de.txt"), `# Quarkwerk\n\n${NEW_FACT}\n`);
    const { reply } = await command("reindex", 0, {}, true);
    expect(JSON.stringify(reply.body)).toContain("Neuindizierung abgeschlossen");
    const written = await readCurrentVersion(indexDir);
    // Shard 1 never saw the /reindex; it switches to the new snapshot on its next look at the disk.
    // eventually() throws when shard 1 never shows the new version: that is the assertion.
    await eventually(
      async () => {
        const { reply: r } = await command("sources", 1);
        return JSON.stringify(r.body).includes(written ?? "?") ? r : undefined;
      },
      WAIT_MS,
      "shard 1 on the new index",
    );
    const { reply: answer } = await command("ask", 1, {
      question: "Wie viel investierte Quarkwerk in Käsereien?",
    });
    expect(JSON.stringify(answer.body.embeds)).toContain("77");
  });

  it("SIGTERM stops both shards and the manager cleanly", async () => {
    const exited = new Promise<number | null>((resolve) => manager.once("exit", (code) => resolve(code)));
    manager.kill("SIGTERM");
    expect(await exited).toBe(0);
    await waitFor(() => fake.connectedSessions === 0, WAIT_MS, "shards disconnected");
    expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(SHARDS);
  });
});
