import path from "node:path";
import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config/index.ts";
import { createLogger, scrubSecrets } from "../../config/logger.ts";

const ROOT = "/srv/fundstelle";
const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false, root: ROOT });

describe("folders", () => {
  it("an empty or blank CORPUS_DIR / INDEX_DIR / MODELS_DIR means the default, never the working directory", () => {
    const config = load({ CORPUS_DIR: "", INDEX_DIR: "  ", MODELS_DIR: "" });
    expect(config.engine.corpusDir).toBe(path.join(ROOT, "corpus"));
    expect(config.engine.indexDir).toBe(path.join(ROOT, "data"));
    expect(config.engine.embedding.modelsDir).toBe(path.join(ROOT, "models"));
    expect(config.engine.indexDir).not.toBe(ROOT);
  });

  it("a set folder resolves against the root", () => {
    expect(load({ INDEX_DIR: "var/index" }).engine.indexDir).toBe(path.join(ROOT, "var/index"));
  });
});

describe("boolean switches", () => {
  it("read true/false, 1/0, yes/no, on/off in any case; unset or empty keeps the default", () => {
    expect(load({}).engine.embedding.enabled).toBe(true);
    expect(load({ EMBEDDINGS_ENABLED: "" }).engine.embedding.enabled).toBe(true);
    expect(load({ EMBEDDINGS_ENABLED: "FALSE" }).engine.embedding.enabled).toBe(false);
    expect(load({ EMBEDDINGS_ENABLED: "0" }).engine.embedding.enabled).toBe(false);
    expect(load({ ALLOW_REMOTE_MODELS: "On" }).engine.embedding.allowRemote).toBe(true);
    expect(load({ LOG_PRETTY: "" }).log).toMatchObject({ pretty: false, explicit: false });
    expect(load({ LOG_PRETTY: "yes" }).log).toMatchObject({ pretty: true, explicit: true });
  });

  it("refuse anything else, naming the variable", () => {
    expect(() => load({ EMBEDDINGS_ENABLED: "maybe" })).toThrow(/EMBEDDINGS_ENABLED/);
  });
});

describe("DISCORD_API_URL", () => {
  it.each(["ftp://example.com/api", "file:///etc/passwd", "ws://127.0.0.1:1/api", "not a url"])(
    "refuses %s, naming the variable",
    (url) => {
      expect(() => load({ DISCORD_TOKEN: "x".repeat(30), DISCORD_API_URL: url })).toThrow(ConfigError);
      try {
        load({ DISCORD_TOKEN: "x".repeat(30), DISCORD_API_URL: url });
      } catch (error) {
        expect((error as ConfigError).problems.join("\n")).toMatch(/DISCORD_API_URL/);
      }
    },
  );

  it("accepts http and https", () => {
    const https = load({ DISCORD_TOKEN: "x".repeat(30), DISCORD_API_URL: "https://discord.com/api" });
    expect(https.discord?.apiUrl).toBe("https://discord.com/api");
    const http = load({ DISCORD_TOKEN: "x".repeat(30), DISCORD_API_URL: "http://127.0.0.1:4000/api" });
    expect(http.discord?.apiUrl).toBe("http://127.0.0.1:4000/api");
  });
});

describe("the token scrubber", () => {
  // Token-shaped, assembled at run time so the repository holds nothing shaped like a token.
  const TOKEN = ["MTIzNDU2Nzg5MDEyMzQ1Njc4", "GabcDE", `${"secret".repeat(5)}12`].join(".");

  it("keeps code, status, url, method and cause of a Discord API error, and its class", () => {
    const error = new DiscordAPIError(
      { code: 50035, message: `Invalid Form Body ${TOKEN}`, errors: {} },
      50035,
      400,
      "PATCH",
      `https://discord.com/api/v10/webhooks/1/${TOKEN}/messages/@original`,
      { body: { content: "x" } },
    );
    const scrubbed = scrubSecrets(error, [TOKEN]) as DiscordAPIError;
    expect(scrubbed).toBeInstanceOf(DiscordAPIError);
    expect(scrubbed.code).toBe(50035);
    expect(scrubbed.status).toBe(400);
    expect(scrubbed.method).toBe("PATCH");
    expect(scrubbed.url).toBe("https://discord.com/api/v10/webhooks/1/[redacted]/messages/@original");
    expect(JSON.stringify(scrubbed.rawError)).not.toContain(TOKEN);
    expect(scrubbed.stack).not.toContain(TOKEN);
  });

  it("keeps a system error's code and its cause chain, scrubbed", () => {
    const cause = Object.assign(new Error(`write failed for ${TOKEN}`), { code: "ENOSPC", errno: -28 });
    const error = new Error("cannot write the index", { cause });
    const scrubbed = scrubSecrets(error, [TOKEN]) as Error & { cause: Error & { code: string } };
    expect(scrubbed.message).toBe("cannot write the index");
    expect(scrubbed.cause.code).toBe("ENOSPC");
    expect(scrubbed.cause.message).toBe("write failed for [redacted]");
  });

  it("a real log line carries code, status, url and cause, and never the token", () => {
    let out = "";
    const logger = createLogger({ level: "info", pretty: false }, [TOKEN]);
    // pino writes to fd 2: capture by swapping the destination's write for this test.
    const stream = (logger as unknown as Record<symbol, { write: (s: string) => void }>)[
      Object.getOwnPropertySymbols(logger).find((s) => s.toString() === "Symbol(pino.stream)") as symbol
    ];
    if (!stream) throw new Error("pino's stream was not found");
    const original = stream.write.bind(stream);
    stream.write = (line: string) => {
      out += line;
    };
    try {
      const cause = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      const err = Object.assign(new Error(`failed at ${TOKEN}`, { cause }), {
        code: 50035,
        status: 400,
        url: `https://discord.com/api/v10/x/${TOKEN}`,
      });
      logger.error({ err }, "handler failed");
    } finally {
      stream.write = original;
    }
    const line = JSON.parse(out) as { err: Record<string, unknown> };
    expect(out).not.toContain(TOKEN);
    expect(line.err.code).toBe(50035);
    expect(line.err.status).toBe(400);
    expect(line.err.url).toBe("https://discord.com/api/v10/x/[redacted]");
    // pino folds the cause chain into message and stack ("caused by: …").
    expect(line.err.message).toContain("no space left on device");
    expect(line.err.stack).toContain("caused by");
  });
});
