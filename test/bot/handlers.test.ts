/** Handler units through the real dispatcher, with plain objects standing in for discord.js interactions. */
import { type Interaction, MessageFlags } from "discord.js";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { commandsByName, componentHandlers } from "../../bot/commands/index.ts";
import { createContext } from "../../bot/context.ts";
import { Dispatcher } from "../../bot/dispatcher.ts";
import { type DiscordConfig, loadConfig } from "../../config/index.ts";
import { CorpusError, IndexWriteError, ReindexInProgressError } from "../../retrieval/errors.ts";
import { answer, stubEngine, stubReport } from "./stub-engine.ts";

const ADMIN_ROLE = "222222222222222222";

function setup(overrides: Partial<DiscordConfig> = {}) {
  const base = loadConfig(
    { DISCORD_TOKEN: "t".repeat(40), ADMIN_ROLE_IDS: ADMIN_ROLE },
    { dotenvPath: false },
  );
  const config = { ...(base.discord as DiscordConfig), ...overrides };
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (s: string) => lines.push(s) });
  const engine = stubEngine();
  const ctx = createContext(engine, config, logger, { progressIntervalMs: 0 });
  const dispatcher = new Dispatcher(ctx, commandsByName, componentHandlers);
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { config, engine, ctx, dispatcher, logs };
}

type Call = { kind: string; body: Record<string, unknown> };

function command(
  name: string,
  options: Record<string, string | boolean> = {},
  caller: { userId?: string; permissions?: bigint; roles?: string[]; locale?: string; dm?: boolean } = {},
) {
  const calls: Call[] = [];
  const i = {
    id: "900000000000000001",
    commandName: name,
    user: { id: caller.userId ?? "300000000000000001" },
    guildId: "400000000000000001",
    locale: caller.locale ?? "de",
    member: { roles: caller.roles ?? [] },
    memberPermissions: { bitfield: caller.permissions ?? 0n },
    deferred: false,
    replied: false,
    options: {
      getString: (n: string) => (typeof options[n] === "string" ? options[n] : null),
      getBoolean: (n: string) => (typeof options[n] === "boolean" ? options[n] : null),
    },
    isChatInputCommand: () => true,
    inGuild: () => caller.dm !== true,
    isCommand: () => true,
    isAutocomplete: () => false,
    isButton: () => false,
    isStringSelectMenu: () => false,
    isRepliable: () => true,
    async deferReply(body: Record<string, unknown> = {}) {
      calls.push({ kind: "defer", body });
      i.deferred = true;
    },
    async reply(body: Record<string, unknown>) {
      calls.push({ kind: "reply", body });
      i.replied = true;
    },
    async editReply(body: Record<string, unknown>) {
      calls.push({ kind: "edit", body });
      i.replied = true;
    },
    async followUp(body: Record<string, unknown>) {
      calls.push({ kind: "followUp", body });
    },
  };
  return { interaction: i as unknown as Interaction, calls };
}

describe("/reindex", () => {
  it("refuses a plain member ephemerally and does not touch the engine", async () => {
    const { dispatcher, engine } = setup();
    const { interaction, calls } = command("reindex", {}, { permissions: 1n << 11n });
    await dispatcher.handleInteraction(interaction);
    expect(engine.calls.reindex).toBe(0);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.kind).toBe("reply");
    expect(calls[0]?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(calls[0]?.body.content).toMatch(/nur die Betreiber des Bots/);
  });

  it("refuses a server admin under the default policy (CORPUS_EDITORS=operators)", async () => {
    const { dispatcher, engine } = setup();
    const { interaction, calls } = command("reindex", {}, { permissions: 1n << 5n });
    await dispatcher.handleInteraction(interaction);
    expect(engine.calls.reindex).toBe(0);
    expect(calls).toEqual([
      {
        kind: "reply",
        body: expect.objectContaining({
          flags: MessageFlags.Ephemeral,
          content: expect.stringMatching(/nur die Betreiber/),
        }),
      },
    ]);
  });

  it("limits re-indexes per guild", async () => {
    const { dispatcher, engine } = setup();
    for (let i = 0; i < 5; i++) {
      await dispatcher.handleInteraction(command("reindex", {}, { roles: [ADMIN_ROLE] }).interaction);
    }
    expect(engine.calls.reindex).toBe(5);
    const sixth = command("reindex", {}, { roles: [ADMIN_ROLE] });
    await dispatcher.handleInteraction(sixth.interaction);
    expect(engine.calls.reindex).toBe(5);
    expect(sixth.calls[0]?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(sixth.calls[0]?.body.content).toMatch(/bitte warte noch \d+ s/);
  });

  it("runs for an admin role, or a server admin with CORPUS_EDITORS=server-admins, with progress and a summary", async () => {
    const callers = [
      { caller: { roles: [ADMIN_ROLE] }, overrides: {} },
      { caller: { permissions: 1n << 5n }, overrides: { corpusEditors: "server-admins" as const } },
    ];
    for (const { caller, overrides } of callers) {
      const { dispatcher, engine } = setup(overrides);
      const { interaction, calls } = command("reindex", {}, caller);
      await dispatcher.handleInteraction(interaction);
      expect(engine.calls.reindex).toBe(1);
      expect(calls[0]).toEqual({ kind: "defer", body: { flags: MessageFlags.Ephemeral } });
      const edits = calls.filter((c) => c.kind === "edit");
      expect(edits[0]?.body.content).toBe("Neuindizierung gestartet …");
      expect(edits.some((e) => String(e.body.content).startsWith("Neuindizierung läuft: Korpus lesen"))).toBe(
        true,
      );
      const last = edits.at(-1)?.body;
      expect(JSON.stringify(last?.embeds)).toContain("Neuindizierung abgeschlossen");
      expect(JSON.stringify(last?.embeds)).toContain(stubReport.indexVersion);
    }
  });

  it("tells the admin why a bad corpus failed, and when one is already running", async () => {
    const { dispatcher, engine } = setup();
    engine.reindexImpl = async () => {
      throw new CorpusError("corpus/a.txt is not valid UTF-8");
    };
    const first = command("reindex", {}, { roles: [ADMIN_ROLE], locale: "en-US" });
    await dispatcher.handleInteraction(first.interaction);
    expect(first.calls.at(-1)?.body.content).toBe(
      "The corpus could not be processed: corpus/a.txt is not valid UTF-8\nThe previous index keeps serving.",
    );
    engine.reindexImpl = async () => {
      throw new ReindexInProgressError();
    };
    const second = command("reindex", {}, { roles: [ADMIN_ROLE], locale: "en-US" });
    await dispatcher.handleInteraction(second.interaction);
    expect(second.calls.at(-1)?.body.content).toMatch(/already running/);
  });
});

describe("/reindex when the index cannot be saved", () => {
  it.each([
    ["disk-full", "ENOSPC", /Der Speicherplatz ist voll/],
    ["read-only", "EROFS", /schreibgeschützt \(read-only\)/],
    ["path", "ENOTDIR", /Pfad des Index-Verzeichnisses stimmt nicht/],
  ] as const)(
    "says %s in plain words, without the server path, and that the old index serves",
    async (reason, code, text) => {
      const { dispatcher, engine } = setup();
      engine.reindexImpl = async () => {
        throw new IndexWriteError(`The index folder /srv/secret/data cannot be written (${code}).`, {
          reason,
          indexDir: "/srv/secret/data",
          code,
        });
      };
      const { interaction, calls } = command("reindex", {}, { roles: [ADMIN_ROLE] });
      await dispatcher.handleInteraction(interaction);
      const last = String(calls.at(-1)?.body.content);
      expect(last).toMatch(text);
      expect(last).toContain("Der bisherige Index bleibt aktiv");
      expect(last).not.toContain("/srv/secret");
    },
  );
});

describe("/reindex by two admins at the same moment", () => {
  it('the second is told it is already running, ephemerally, and never sees "started"', async () => {
    const { dispatcher, engine } = setup();
    let finish = () => {};
    engine.reindexImpl = () =>
      new Promise((resolve) => {
        finish = () => resolve(stubReport);
      });
    const first = command("reindex", {}, { roles: [ADMIN_ROLE] });
    const second = command("reindex", {}, { roles: [ADMIN_ROLE], userId: "300000000000000009" });
    const both = Promise.all([
      dispatcher.handleInteraction(first.interaction),
      dispatcher.handleInteraction(second.interaction),
    ]);
    await new Promise((r) => setTimeout(r, 20));
    finish();
    await both;
    expect(engine.calls.reindex).toBe(1);
    const shown = second.calls.map((c) => String(c.body.content ?? ""));
    expect(shown.some((text) => text.includes("gestartet"))).toBe(false);
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0]?.kind).toBe("reply");
    expect(second.calls[0]?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(shown[0]).toMatch(/läuft bereits/);
    expect(JSON.stringify(first.calls.at(-1)?.body.embeds)).toContain("Neuindizierung abgeschlossen");
  });
});

describe("dispatcher", () => {
  it("defers /ask first, then edits in the answer with no mentions allowed", async () => {
    const { dispatcher, engine } = setup();
    const { interaction, calls } = command("ask", { question: "Wie viel @everyone?", private: true });
    await dispatcher.handleInteraction(interaction);
    expect(calls.map((c) => c.kind)).toEqual(["defer", "edit"]);
    expect(calls[0]?.body).toEqual({ flags: MessageFlags.Ephemeral });
    expect(calls[1]?.body.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(engine.calls.ask[0]?.question).toBe("Wie viel @everyone?");
  });

  it("applies the per-user cooldown", async () => {
    const { dispatcher, engine } = setup({ userCooldownMs: 60_000 });
    await dispatcher.handleInteraction(command("ask", { question: "a" }).interaction);
    const second = command("ask", { question: "b" });
    await dispatcher.handleInteraction(second.interaction);
    expect(engine.calls.ask).toHaveLength(1);
    expect(second.calls[0]?.kind).toBe("reply");
    expect(second.calls[0]?.body.content).toMatch(/Bitte warte noch 60 s/);
    const other = command("ask", { question: "c" }, { userId: "300000000000000002" });
    await dispatcher.handleInteraction(other.interaction);
    expect(engine.calls.ask).toHaveLength(2);
  });

  it("answers a failing handler with an apology and error id, and logs the details under that id", async () => {
    const { dispatcher, engine, logs } = setup();
    engine.askImpl = async () => {
      throw new Error("index exploded");
    };
    const { interaction, calls } = command("ask", { question: "x" });
    await dispatcher.handleInteraction(interaction);
    const apology = String(calls.at(-1)?.body.content);
    const id = /`([0-9A-F]{6})`/.exec(apology)?.[1];
    expect(id).toBeDefined();
    expect(apology).not.toContain("index exploded");
    const entry = logs().find((l) => l.errorId === id);
    expect(entry?.msg).toBe("handler failed");
    expect(JSON.stringify(entry?.err)).toContain("index exploded");
  });

  it("tells the user when the engine queue is full", async () => {
    const { dispatcher, engine } = setup({ maxConcurrentAsks: 1, maxQueuedAsks: 0, userCooldownMs: 0 });
    let release = () => {};
    engine.askImpl = (q) =>
      new Promise((resolve) => {
        release = () => resolve(answer(q));
      });
    const first = command("ask", { question: "a" });
    const running = dispatcher.handleInteraction(first.interaction);
    await new Promise((r) => setTimeout(r, 5));
    const second = command("ask", { question: "b" }, { userId: "300000000000000002" });
    await dispatcher.handleInteraction(second.interaction);
    expect(second.calls.at(-1)?.body.content).toMatch(/zu viele Fragen/);
    release();
    await running;
    // The first question is still answered: its last call carries the answer embed, titled with the question.
    const embeds = first.calls.at(-1)?.body.embeds as Array<{ title?: string }> | undefined;
    expect(embeds?.length).toBeGreaterThan(0);
    expect(embeds?.[0]?.title).toBe("a");
  });

  it("refuses new work while shutting down and waits for work in flight", async () => {
    const { dispatcher, engine } = setup();
    let release = () => {};
    engine.askImpl = (q) =>
      new Promise((resolve) => {
        release = () => resolve(answer(q));
      });
    const first = command("ask", { question: "a" });
    void dispatcher.handleInteraction(first.interaction);
    await new Promise((r) => setTimeout(r, 5));
    dispatcher.stopAccepting();
    const late = command("ask", { question: "b" }, { userId: "300000000000000002" });
    await dispatcher.handleInteraction(late.interaction);
    expect(late.calls[0]?.body.content).toMatch(/startet gerade neu/);
    expect(await dispatcher.drain(20)).toBe(false);
    release();
    expect(await dispatcher.drain(1_000)).toBe(true);
    expect(first.calls.at(-1)?.kind).toBe("edit");
  });
});
