import { GatewayOpcodes } from "discord-api-types/v10";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionTracker, type TrackedInteraction } from "../../bench/reliability/interaction-tracker.ts";
import { ACK_LIMIT_MS, startBotAgainst } from "../../bench/reliability/load.ts";
import type { RunningBot } from "../../bot/main.ts";
import type { Engine } from "../../retrieval/index.ts";
import { FakeDiscord, type RecordedRequest, waitFor } from "../../tools/fake-discord/index.ts";
import { observedEngine } from "../support/observed-engine.ts";
import { type TempEngine, tempEngine } from "../support/temp-engine.ts";

const QUESTION = "Wie viel hat OpenAI für Azure-Services zugesagt?";
/** REST timeout for this bot, so a stalled Discord shows up in a test-friendly time (discord.js default 15 s). */
const REST_TIMEOUT_MS = 800;
const WAIT_MS = 15_000;
const APOLOGY = /^Entschuldigung, da ist etwas schiefgegangen \(Fehler-ID `[0-9A-F]{6}`\)/;

let temp: TempEngine;
let real: Engine;

beforeAll(async () => {
  temp = await tempEngine();
  real = temp.engine;
});

afterAll(() => temp?.dispose());

interface Asked {
  item: TrackedInteraction;
  ack: RecordedRequest;
  ackMs: number;
  final: RecordedRequest;
  finalMs: number;
}

describe("the bot under REST and gateway faults", () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let tracker: InteractionTracker;
  let observed: ReturnType<typeof observedEngine>;
  let expectedIdentifies = 1;
  const logLines: string[] = [];

  /** Sends /ask and waits for its acknowledgement and its final edit (answer or message). */
  async function ask(question = QUESTION): Promise<Asked> {
    const item = tracker.track(fake.sendCommand("ask", { question }));
    const ack = await tracker.until(item, InteractionTracker.ack, WAIT_MS, "acknowledgement");
    const final = await tracker.until(
      item,
      (i) => i.edits.find((e) => e.body?.embeds?.length || e.body?.content),
      WAIT_MS,
      "final edit",
    );
    return { item, ack, ackMs: ack.at - item.dispatchedAt, final, finalMs: final.at - item.dispatchedAt };
  }

  function expectAnswered(asked: Asked): void {
    expect(asked.ack.body.type).toBe(5);
    expect(asked.ackMs).toBeLessThan(ACK_LIMIT_MS);
    expect(JSON.stringify(asked.final.body.embeds)).toContain("250");
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    observed = observedEngine(real);
    const logger = pino({ level: "debug" }, { write: (line: string) => logLines.push(line) });
    bot = await startBotAgainst(fake, observed.engine, { USER_COOLDOWN_MS: "0" }, { logger });
    bot.client.rest.options.timeout = REST_TIMEOUT_MS;
    tracker = new InteractionTracker(fake);
  });

  afterAll(async () => {
    tracker?.stop();
    await bot?.stop();
    await fake?.close();
  });

  it("answers normally to begin with", async () => {
    expectAnswered(await ask());
  });

  describe("REST", () => {
    it("429 on the acknowledgement: waits Retry-After, acknowledges within 3 s, answers", async () => {
      fake.fail({ method: "POST", path: /\/callback$/, status: 429, retryAfter: 0.5 });
      const asked = await ask();
      expect(asked.item.callbacks.map((c) => c.status)).toEqual([429, expect.any(Number)]);
      expectAnswered(asked);
    });

    it("500 on the acknowledgement: retried, answers", async () => {
      fake.fail({ method: "POST", path: /\/callback$/, status: 500 });
      const asked = await ask();
      expect(asked.item.callbacks[0]?.status).toBe(500);
      expectAnswered(asked);
    });

    it("the acknowledgement times out: retried within the 3 s window, answers", async () => {
      fake.stall({ method: "POST", path: /\/callback$/, ms: REST_TIMEOUT_MS + 400 });
      const asked = await ask();
      expectAnswered(asked);
      expect(asked.ackMs).toBeGreaterThanOrEqual(REST_TIMEOUT_MS);
    });

    it("429 on the answer edit: retried, answers", async () => {
      fake.fail({ method: "PATCH", path: /@original$/, status: 429, retryAfter: 0.5 });
      const asked = await ask();
      expectAnswered(asked);
      expect(asked.finalMs).toBeGreaterThanOrEqual(500);
    });

    it("500 on the answer edit: retried, answers", async () => {
      fake.fail({ method: "PATCH", path: /@original$/, status: 500 });
      expectAnswered(await ask());
    });

    it("the answer edit times out: retried, answers", async () => {
      fake.stall({ method: "PATCH", path: /@original$/, ms: REST_TIMEOUT_MS + 400 });
      expectAnswered(await ask());
    });

    it("the answer edit fails past every retry: the user gets a plain apology with an error id", async () => {
      // discord.js tries a request 1 + 3 times; the fifth PATCH (the apology) goes through.
      fake.fail({ method: "PATCH", path: /@original$/, status: 500, times: 4 });
      const asked = await ask();
      expect(asked.ackMs).toBeLessThan(ACK_LIMIT_MS);
      expect(asked.final.body.content).toMatch(APOLOGY);
      const errorId = /`([0-9A-F]{6})`/.exec(asked.final.body.content)?.[1] ?? "";
      expect(logLines.some((l) => l.includes(errorId) && l.includes("handler failed"))).toBe(true);
    });
  });

  describe("gateway", () => {
    it("RECONNECT: resumes (no new IDENTIFY) and answers a question sent meanwhile", async () => {
      const resumes = fake.ops(GatewayOpcodes.Resume).length;
      fake.requestReconnect();
      expectAnswered(await ask());
      await waitFor(
        () => fake.ops(GatewayOpcodes.Resume).length > resumes && fake.connectedSessions === 1,
        WAIT_MS,
        "RESUME",
      );
      expectAnswered(await ask());
      expect(fake.ops(GatewayOpcodes.Resume).length).toBe(resumes + 1);
      expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(expectedIdentifies);
    });

    it("INVALID_SESSION, resumable: resumes and answers", async () => {
      const resumes = fake.ops(GatewayOpcodes.Resume).length;
      fake.invalidateSessions(true);
      await waitFor(() => fake.ops(GatewayOpcodes.Resume).length > resumes, WAIT_MS, "RESUME");
      expectAnswered(await ask());
    });

    it("INVALID_SESSION, not resumable: identifies once more (a new session, not a new login) and answers", async () => {
      fake.invalidateSessions(false);
      expectedIdentifies += 1;
      await waitFor(
        () => fake.ops(GatewayOpcodes.Identify).length === expectedIdentifies && fake.connectedSessions === 1,
        WAIT_MS,
        "IDENTIFY",
      );
      expectAnswered(await ask());
    });

    it("a dropped socket (no close frame): reconnects, resumes and answers", async () => {
      const resumes = fake.ops(GatewayOpcodes.Resume).length;
      fake.dropConnections();
      await waitFor(
        () => fake.ops(GatewayOpcodes.Resume).length > resumes && fake.connectedSessions === 1,
        WAIT_MS,
        "RESUME",
      );
      expectAnswered(await ask());
    });
  });

  describe("engine", () => {
    it("a slow engine (4 s): acknowledged at once, answered when the engine is done", async () => {
      observed.behaviour.delayMs = 4_000;
      try {
        const asked = await ask();
        expectAnswered(asked);
        expect(asked.finalMs).toBeGreaterThanOrEqual(4_000);
      } finally {
        observed.behaviour.delayMs = 0;
      }
    });

    it("a broken engine: the user gets a plain apology with an error id, the next question is answered", async () => {
      observed.behaviour.fail = new Error("engine exploded");
      try {
        const asked = await ask();
        expect(asked.ackMs).toBeLessThan(ACK_LIMIT_MS);
        expect(asked.final.body.content).toMatch(APOLOGY);
        expect(asked.final.body.content).not.toContain("engine exploded");
      } finally {
        observed.behaviour.fail = undefined;
      }
      expectAnswered(await ask());
    });
  });

  it("never logged in again: IDENTIFY only at start and after the non-resumable invalid session", () => {
    expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(expectedIdentifies);
    expect(fake.findRequests("GET", /^\/gateway\/bot$/).length).toBeLessThanOrEqual(expectedIdentifies);
  });
});

describe("a fatal gateway close (4004 authentication failed)", () => {
  it("gives up once: onFatal is called, and there is no new IDENTIFY", async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    const fatal: string[] = [];
    const bot = await startBotAgainst(fake, real, {}, { onFatal: (reason) => fatal.push(reason) });
    try {
      fake.closeConnections(4004, "Authentication failed.");
      await waitFor(() => fatal.length > 0, WAIT_MS, "onFatal");
      // Give a login loop time to show itself.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatch(/token/);
      expect(fake.ops(GatewayOpcodes.Identify)).toHaveLength(1);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
