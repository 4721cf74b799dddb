/**
 * A fake Discord on 127.0.0.1 for end-to-end tests of the real discord.js client: REST under `/api/v10` and
 * a WebSocket gateway on the same ephemeral port. It records every REST call and gateway op, answers the
 * calls the bot makes, and can inject 429s, 5xx and stalls, send RECONNECT, and dispatch any gateway event.
 *
 * Point the bot at it with `DISCORD_API_URL=fake.apiUrl`; the gateway URL is what GET /gateway/bot returns.
 * This file holds the server and the fake's state; the gateway, REST routes, payloads and faults have their
 * own modules.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { GatewayDispatchEvents, type GatewayOpcodes, InteractionType } from "discord-api-types/v10";
import { Faults, type InjectedFailure, type InjectedStall } from "./faults.ts";
import { type ClientPayloads, Gateway, type GatewayRecord, guildIdForShard } from "./gateway.ts";
import { snowflake } from "./ids.ts";
import {
  type CommandOptionValue,
  commandData,
  componentData,
  type FakeAttachment,
  type FakeMessage,
  type FakeThread,
  type FakeUser,
  fakeUser,
  guildPayload,
  type InteractionSource,
  interactionBase,
  readyPayload,
  userMessage,
  type World,
} from "./payloads.ts";
import { invalidBody, type RecordedRequest, type RestWorld, readRequest, routes } from "./rest.ts";
import { waitFor } from "./wait.ts";

export interface FakeDiscordOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  guildLocale?: string;
  /**
   * Answer 400 / 50035 "Invalid Form Body" to message bodies Discord would refuse (limits, embed URLs), as
   * Discord does. On by default; every refusal is also kept in `rejected`.
   */
  strict?: boolean;
}

/** Who sends a slash command, and from where (defaults: the member, in the fake's channel). */
export interface CommandSource extends InteractionSource {
  user?: FakeUser;
}

/** What a dispatched interaction can be answered by: its id and token, and when it went out. */
export interface SentInteraction {
  id: string;
  token: string;
  dispatchedAt: number;
}

export class FakeDiscord implements World, RestWorld {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly adminRoleId = snowflake();
  readonly guildLocale: string;
  readonly bot: FakeUser;
  readonly admin: FakeUser;
  readonly member: FakeUser;
  readonly roleAdmin: FakeUser;
  /** The application's owner, as GET /applications/@me reports it. */
  readonly owner: FakeUser;

  readonly requests: RecordedRequest[] = [];
  /** Messages the bot created or edited, by id (interaction originals are keyed `original:<token>`). */
  readonly messages = new Map<string, FakeMessage>();
  readonly threads = new Map<string, FakeThread>();
  /** Requests refused with 400 / 50035 because their message body broke Discord's rules. */
  readonly rejected: Array<{ request: RecordedRequest; problems: string[] }> = [];
  /** Reactions the bot added: `channelId/messageId/emoji`. */
  readonly reactions: string[] = [];

  readonly #server: Server;
  readonly #gateway: Gateway;
  readonly #faults = new Faults();
  readonly #strict: boolean;
  readonly #requestListeners = new Set<(request: RecordedRequest) => void>();
  readonly #attachments = new Map<string, { body: Buffer; contentType: string }>();
  #port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token =
      options.token ??
      `${Buffer.from(snowflake()).toString("base64url")}.fake.${randomBytes(20).toString("base64url")}`;
    this.guildLocale = options.guildLocale ?? "de";
    this.#strict = options.strict ?? true;
    this.bot = fakeUser(snowflake(), "Fundstelle", true);
    this.admin = fakeUser(snowflake(), "admin");
    this.member = fakeUser(snowflake(), "mitglied");
    this.roleAdmin = fakeUser(snowflake(), "rollenadmin");
    this.owner = fakeUser(snowflake(), "eigentuemerin");
    this.#gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      guildId: this.guildId,
      ready: (session) => readyPayload(this, { ...session, resumeUrl: this.gatewayUrl }),
      guildCreate: () => this.guildPayload(),
    });
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(err), code: 0 }));
      });
    });
    this.#server.on("upgrade", (req, socket, head) => this.#gateway.upgrade(req, socket, head));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once("error", reject);
      fake.#server.listen(0, "127.0.0.1", () => resolve());
    });
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  get port(): number {
    return this.#port;
  }

  /** What DISCORD_API_URL should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}`;
  }

  // ------------------------------------------------------------------------------------ observation

  /** Every gateway op received from clients. */
  get gateway(): GatewayRecord[] {
    return this.#gateway.records;
  }

  /** Gateway ops received from clients with this opcode, their payloads typed as Discord documents them. */
  ops<Op extends keyof ClientPayloads>(op: Op): Array<GatewayRecord<ClientPayloads[Op]>>;
  ops(op: GatewayOpcodes): GatewayRecord[];
  ops(op: GatewayOpcodes): GatewayRecord[] {
    return this.#gateway.records.filter((g) => g.op === op);
  }

  /** Sessions with an open socket. */
  get connectedSessions(): number {
    return this.#gateway.connectedSessions;
  }

  /** Shard ids the latest dispatch went to (sendCommand and friends dispatch synchronously). */
  get lastDispatchShards(): number[] {
    return this.#gateway.lastDispatchShards;
  }

  findRequests(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
    );
  }

  waitForRequest(
    method: string,
    path: string | RegExp,
    timeoutMs: number,
    where: (r: RecordedRequest) => boolean = () => true,
  ): Promise<RecordedRequest> {
    return waitFor(
      () => this.findRequests(method, path).find((r) => r.status < 400 && where(r)),
      timeoutMs,
      `${method} ${path}`,
    );
  }

  /** Calls `listener` with every request once its status is decided; returns an unsubscribe function. */
  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.#requestListeners.add(listener);
    return () => this.#requestListeners.delete(listener);
  }

  // ------------------------------------------------------------------------------------ faults

  /** The next `times` requests matching method and path get this status (429 with Retry-After, or 5xx). */
  fail(failure: InjectedFailure): void {
    this.#faults.fail(failure);
  }

  /** Holds the next `times` matching requests for `ms` before handling them (the client may time out). */
  stall(stall: InjectedStall): void {
    this.#faults.stall(stall);
  }

  /** Sends op 7 RECONNECT: the client should reconnect to resume_gateway_url and RESUME. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION; `resumable` is its `d`. A non-resumable one also forgets the sessions. */
  invalidateSessions(resumable: boolean): void {
    this.#gateway.invalidateSessions(resumable);
  }

  /** Drops every gateway socket without a close frame, as a network failure would (close code 1006). */
  dropConnections(): void {
    this.#gateway.dropConnections();
  }

  /** Closes every gateway socket with `code` (4000 may be resumed; 4004 "authentication failed" is fatal). */
  closeConnections(code: number, reason = ""): void {
    this.#gateway.closeConnections(code, reason);
  }

  // ------------------------------------------------------------------------------------ events

  /**
   * Dispatches an event to every identified session (buffered for resumption while disconnected); an event of
   * a guild goes only to the shard that owns the guild, as Discord does. Returns the shard ids it went to.
   */
  dispatch(t: GatewayDispatchEvents, d: unknown): number[] {
    return this.#gateway.dispatch(t, d);
  }

  /** A guild id that `shardCount` shards route to `shardId`: the fake's own guild when it fits. */
  guildIdForShard(shardId: number, shardCount: number): string {
    return guildIdForShard(this.guildId, shardId, shardCount);
  }

  guildPayload() {
    return guildPayload(this);
  }

  /**
   * Stores a file the way Discord's CDN would serve it (on this fake's port, no auth), for attachment options.
   */
  attach(filename: string, body: Buffer | string, contentType = "text/plain; charset=utf-8"): FakeAttachment {
    const id = snowflake();
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
    this.#attachments.set(id, { body: bytes, contentType });
    const url = `http://127.0.0.1:${this.#port}/attachments/${this.channelId}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType };
  }

  /**
   * Dispatches a slash command. `name` may name a subcommand (`"corpus add"`); `options` maps option names to
   * values (string, boolean, or an attachment from `attach()`). `from.guildId` sends it from another guild
   * (e.g. `guildIdForShard`), `from.dm` in a direct message to the bot.
   * Returns the interaction id and token and when it was dispatched (performance.now()).
   */
  sendCommand(
    name: string,
    options: Record<string, CommandOptionValue> = {},
    from: CommandSource = {},
  ): SentInteraction {
    const base = interactionBase(this, InteractionType.ApplicationCommand, from.user ?? this.member, from);
    const payload = { ...base.payload, data: commandData(name, options) };
    const dispatchedAt = performance.now();
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: base.id, token: base.token, dispatchedAt };
  }

  /** Dispatches an autocomplete interaction for a string option being typed. */
  sendAutocomplete(
    name: string,
    option: string,
    typed: string,
    from: { user?: FakeUser } = {},
  ): SentInteraction {
    const base = interactionBase(
      this,
      InteractionType.ApplicationCommandAutocomplete,
      from.user ?? this.member,
      {},
    );
    const payload = { ...base.payload, data: commandData(name, { [option]: typed }, option) };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: base.id, token: base.token, dispatchedAt: performance.now() };
  }

  /** Dispatches a button press on a message the bot sent. */
  sendButton(
    customId: string,
    message: FakeMessage | undefined,
    from: { user?: FakeUser } = {},
  ): SentInteraction {
    return this.#sendComponent(componentData(customId), message, from);
  }

  /** Dispatches a choice in a string select menu on a message the bot sent. */
  sendSelect(
    customId: string,
    values: string[],
    message: FakeMessage | undefined,
    from: { user?: FakeUser } = {},
  ): SentInteraction {
    return this.#sendComponent(componentData(customId, values), message, from);
  }

  #sendComponent(
    data: ReturnType<typeof componentData>,
    message: FakeMessage | undefined,
    from: { user?: FakeUser },
  ): SentInteraction {
    if (!message) throw new Error("a component interaction needs the message it is on (none was given)");
    const base = interactionBase(this, InteractionType.MessageComponent, from.user ?? this.member, {
      channelId: message.channel_id,
    });
    const payload = { ...base.payload, message, data };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { id: base.id, token: base.token, dispatchedAt: performance.now() };
  }

  /**
   * Dispatches MESSAGE_CREATE from a user. `mentionBot` adds the bot to `mentions` (as Discord does for
   * `<@botId>` in the content); `@everyone` in the content sets `mention_everyone`.
   */
  sendUserMessage(
    content: string,
    options: { from?: FakeUser; channelId?: string; mentionBot?: boolean } = {},
  ): { id: string; message: ReturnType<typeof userMessage>; dispatchedAt: number } {
    const message = userMessage(this, content, {
      from: options.from ?? this.member,
      channelId: options.channelId ?? this.channelId,
      mentionBot: options.mentionBot ?? false,
    });
    this.dispatch(GatewayDispatchEvents.MessageCreate, message);
    return { id: message.id, message, dispatchedAt: performance.now() };
  }

  // ------------------------------------------------------------------------------------ REST

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(url.pathname);
    if (attachment && method === "GET") {
      const file = this.#attachments.get(attachment[1] as string);
      res.writeHead(file ? 200 : 404, { "content-type": file?.contentType ?? "text/plain" });
      res.end(file?.body ?? "not found");
      return;
    }
    const record = await readRequest(req, url, method, at);
    this.requests.push(record);

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      for (const listener of this.#requestListeners) listener(record);
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    await this.#faults.stallIfAsked(method, record.path);
    const failure = this.#faults.takeFailure(method, record.path);
    if (failure) {
      send(failure.status, failure.body, failure.headers);
      return;
    }

    const needsAuth = !record.path.startsWith("/interactions/") && !record.path.startsWith("/webhooks/");
    if (needsAuth && req.headers.authorization !== `Bot ${this.token}`) {
      send(401, { message: "401: Unauthorized", code: 0 });
      return;
    }

    const invalid = this.#strict ? invalidBody(method, record.path, record.body) : [];
    if (invalid.length > 0) {
      this.rejected.push({ request: record, problems: invalid });
      send(400, { message: "Invalid Form Body", code: 50035, errors: { _errors: invalid } });
      return;
    }

    for (const [routeMethod, pattern, handler] of routes(this, record, send)) {
      if (routeMethod !== "*" && routeMethod !== method) continue;
      const match = pattern.exec(record.path);
      if (match) {
        handler(match, method);
        return;
      }
    }
    send(404, { message: "404: Not Found", code: 0 });
  }

  /** Closes every socket and the server. */
  async close(): Promise<void> {
    await this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
