/**
 * Security basics: the bot token never reaches the logs (not at trace level, not in errors, not when Discord
 * rejects it), interaction tokens are not logged either, and no secret is committed.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GatewayOpcodes } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionTracker } from "../../bench/reliability/interaction-tracker.ts";
import { FakeDiscord, waitFor } from "../../tools/fake-discord/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WAIT_MS = 20_000;
/** Discord bot tokens: base64 user id, a timestamp part and an HMAC, separated by dots. */
const TOKEN_SHAPE = /[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}/;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fundstelle-security-"));
  await cp(path.join(ROOT, "corpus"), path.join(dir, "corpus"), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `npm start` as a child process against the fake, logging everything (trace includes discord.js debug). */
function startBotProcess(fake: FakeDiscord, token: string): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: token,
      DISCORD_API_URL: fake.apiUrl,
      SHARD_COUNT: "1",
      CORPUS_DIR: path.join(dir, "corpus"),
      INDEX_DIR: path.join(dir, "index"),
      EMBEDDINGS_ENABLED: "false",
      REGISTER_COMMANDS: "true",
      USER_COOLDOWN_MS: "0",
      LOG_LEVEL: "trace",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the bot token in logs", () => {
  it("appears nowhere in a trace-level log of a session with answers and failures", async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    const tracker = new InteractionTracker(fake);
    const bot = startBotProcess(fake, fake.token);
    try {
      await waitFor(
        () => fake.connectedSessions === 1 && fake.findRequests("PUT", /commands$/).length > 0,
        WAIT_MS,
        "ready",
      );
      const answered = tracker.track(
        fake.sendCommand("ask", { question: "Wie viel hat OpenAI für Azure zugesagt?" }),
      );
      await tracker.until(answered, (i) => i.edits[0], WAIT_MS, "answer");
      // A failure path: every edit attempt fails, so the handler logs the REST error.
      fake.fail({ method: "PATCH", path: /@original$/, status: 500, times: 5 });
      const failed = fake.sendCommand("ask", { question: "Wer ist Jensen Huang?" });
      // The log arrives on the child's stderr, not as a request: poll it.
      await waitFor(() => bot.output().includes("handler failed"), WAIT_MS, "the logged failure");
      bot.child.kill("SIGTERM");
      expect(await exitOf(bot.child)).toBe(0);

      const log = bot.output();
      expect(log).toContain("handler failed");
      expect(log).not.toContain(fake.token);
      expect(log).not.toContain(fake.token.split(".").at(-1));
      // Interaction tokens let anyone post as the bot in that channel for 15 minutes.
      expect(log).not.toContain(answered.token);
      expect(log).not.toContain(failed.token);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      tracker.stop();
      await fake.close();
    }
  });

  it("appears nowhere when Discord rejects it, and the process exits non-zero without retrying", async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    const wrong = `${fake.token.split(".")[0]}.wrong0.${"x".repeat(38)}`;
    const bot = startBotProcess(fake, wrong);
    try {
      const code = await Promise.race([
        exitOf(bot.child),
        new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), WAIT_MS)),
      ]);
      expect(code).toBe(1);
      expect(bot.output()).not.toContain(wrong);
      expect(bot.output()).not.toContain("x".repeat(38));
      // One attempt, no login loop.
      expect(fake.findRequests("GET", /^\/gateway\/bot$/).length).toBeLessThanOrEqual(1);
      expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(0);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await fake.close();
    }
  });
});

describe("secrets in the repository", () => {
  it("keeps .env out of git and commits nothing shaped like a Discord token", async () => {
    const ignore = await readFile(path.join(ROOT, ".gitignore"), "utf8");
    expect(ignore.split("\n")).toContain(".env");
    const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    expect(tracked).not.toContain(".env");
    const offenders: string[] = [];
    for (const file of tracked) {
      if (/\.(png|jpg|onnx|lock)$|package-lock\.json$/.test(file)) continue;
      const text = await readFile(path.join(ROOT, file), "utf8").catch(() => "");
      if (TOKEN_SHAPE.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
