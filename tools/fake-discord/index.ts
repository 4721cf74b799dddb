/**
 * A fake Discord on 127.0.0.1 for end-to-end tests of the real discord.js client: REST under `/api/v10` and
 * a WebSocket gateway on the same ephemeral port. It records every REST call and gateway op, answers the
 * calls the bot makes, and can inject 429s and 500s, send RECONNECT, and dispatch any gateway event.
 *
 * Point the bot at it with `DISCORD_API_URL=fake.apiUrl`; the gateway URL is what GET /gateway/bot returns.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocket, WebSocketServer } from "ws";
import { messageProblems } from "./rules.ts";

export interface RecordedRequest {
  method: string;
  /** Route after `/api/v10`, URL-decoded, without the query: `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON; tests read what they need.
  body: any;
  /** performance.now() when the request arrived. */
  at: number;
  status: number;
  authorization?: string;
  /** Files of a multipart request (attachments), with their raw bytes. */
  files?: RecordedFile[];
}

export interface RecordedFile {
  /** The form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts, bytes intact (PNG attachments are binary). */
function multipartParts(raw: Buffer, contentType: string): Array<{ headers: string; data: Buffer }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ""}`);
  const parts: Array<{ headers: string; data: Buffer }> = [];
  let at = raw.indexOf(marker);
  while (at >= 0) {
    const next = raw.indexOf(marker, at + marker.length);
    if (next < 0) break;
    const part = raw.subarray(at + marker.length + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    if (split >= 0)
      parts.push({ headers: part.subarray(0, split).toString("utf8"), data: part.subarray(split + 4) });
    at = next;
  }
  return parts;
}

export interface GatewayRecord {
  op: number;
  // biome-ignore lint/suspicious/noExplicitAny: gateway payloads are arbitrary JSON.
  d: any;
  at: number;
}

export interface InjectedFailure {
  method?: string;
  path: string | RegExp;
  status: 429 | 500 | 502 | 503;
  /** Seconds, for 429 (Retry-After). */
  retryAfter?: number;
  times?: number;
}

/** A response held back this long before it is handled (a slow or unresponsive Discord). */
export interface InjectedStall {
  method?: string;
  path: string | RegExp;
  ms: number;
  times?: number;
}

interface Failure extends InjectedFailure {
  remaining: number;
}

interface Session {
  id: string;
  seq: number;
  // biome-ignore lint/suspicious/noExplicitAny: buffered dispatch payloads.
  buffer: Array<{ s: number; t: string; d: any }>;
  socket: WebSocket | null;
  intents: number;
  /** [shard id, shard count] from IDENTIFY; guild events go only to the shard that owns the guild. */
  shard: [number, number];
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
  flags: number;
}

/** A file as Discord's CDN serves it, and as it appears in `data.resolved.attachments`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

const isAttachment = (value: unknown): value is FakeAttachment =>
  typeof value === "object" && value !== null && "proxy_url" in value;

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

let counter = 0n;
/** A realistic, unique, 18–19 digit snowflake (discord.js's REST buckets expect 17–19 digits). */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | counter).toString();
}

/** Permission bits as Discord sends them in `member.permissions`. */
export const PERMS = {
  member: (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n) | (1n << 35n) | (1n << 38n),
  manageGuild: 1n << 5n,
  administrator: 1n << 3n,
};

function user(id: string, username: string, bot = false): FakeUser {
  return {
    id,
    username,
    global_name: username,
    discriminator: "0",
    avatar: null,
    flags: 0,
    ...(bot ? { bot } : {}),
  };
}

/** Polls `predicate` every 10 ms until it returns a truthy value, or rejects after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false,
  timeoutMs: number,
  what = "condition",
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly adminRoleId = snowflake();
  readonly bot: FakeUser;
  readonly admin: FakeUser;
  readonly member: FakeUser;
  readonly roleAdmin: FakeUser;
  /** The application's owner, as GET /applications/@me reports it. */
  readonly owner: FakeUser;

  readonly requests: RecordedRequest[] = [];
  readonly gateway: GatewayRecord[] = [];
  /** Messages the bot created or edited, by id (interaction originals are keyed `original:<token>`). */
  // biome-ignore lint/suspicious/noExplicitAny: message objects are arbitrary JSON.
  readonly messages = new Map<string, any>();
  // biome-ignore lint/suspicious/noExplicitAny: thread objects are arbitrary JSON.
  readonly threads = new Map<string, any>();
  /** Requests refused with 400 / 50035 because their message body broke Discord's rules. */
  readonly rejected: Array<{ request: RecordedRequest; problems: string[] }> = [];
  /** Reactions the bot added: `channelId/messageId/emoji`. */
  readonly reactions: string[] = [];

  #server: Server;
  #wss: WebSocketServer;
  #port = 0;
  #failures: Failure[] = [];
  #stalls: Array<InjectedStall & { remaining: number }> = [];
  #requestListeners = new Set<(request: RecordedRequest) => void>();
  /** Shard ids the latest dispatch went to (sendCommand and friends dispatch synchronously). */
  lastDispatchShards: number[] = [];
  #sessions = new Map<string, Session>();
  #sockets = new Set<WebSocket>();
  #heartbeatIntervalMs: number;
  #guildLocale: string;
  #strict: boolean;
  readonly #attachments = new Map<string, { body: Buffer; contentType: string }>();

  private constructor(options: FakeDiscordOptions) {
    this.token =
      options.token ??
      `${Buffer.from(snowflake()).toString("base64url")}.fake.${randomBytes(20).toString("base64url")}`;
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.#guildLocale = options.guildLocale ?? "de";
    this.#strict = options.strict ?? true;
    this.bot = user(snowflake(), "Fundstelle", true);
    this.admin = user(snowflake(), "admin");
    this.member = user(snowflake(), "mitglied");
    this.roleAdmin = user(snowflake(), "rollenadmin");
    this.owner = user(snowflake(), "eigentuemerin");
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(err), code: 0 }));
      });
    });
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on("upgrade", (req, socket, head) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connection(ws));
    });
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

  /** Gateway ops received from clients with this opcode (1 heartbeat, 2 identify, 6 resume). */
  ops(op: number): GatewayRecord[] {
    return this.gateway.filter((g) => g.op === op);
  }

  /** Sessions with an open socket. */
  get connectedSessions(): number {
    return [...this.#sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
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

  /** The next `times` requests matching method and path get this status (429 with Retry-After, or 5xx). */
  fail(failure: InjectedFailure): void {
    this.#failures.push({ ...failure, remaining: failure.times ?? 1 });
  }

  // ---------------------------------------------------------------- gateway

  /**
   * Dispatches an event to every identified session (buffered for resumption while disconnected); an event of
   * a guild goes only to the shard that owns the guild, as Discord does. Returns the shard ids it went to.
   */
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are arbitrary JSON.
  dispatch(t: string, d: any): number[] {
    const shards: number[] = [];
    this.lastDispatchShards = shards;
    for (const session of this.#sessions.values()) {
      if (!this.#owns(session, d?.guild_id)) continue;
      shards.push(session.shard[0]);
      session.seq += 1;
      const entry = { s: session.seq, t, d };
      session.buffer.push(entry);
      if (session.buffer.length > 1000) session.buffer.shift();
      if (session.socket?.readyState === WebSocket.OPEN)
        session.socket.send(JSON.stringify({ op: 0, ...entry }));
    }
    return shards;
  }

  /** Discord's rule: a guild belongs to shard (guild_id >> 22) % shard count; DMs (no guild) to shard 0. */
  #owns(session: Session, guildId: string | undefined): boolean {
    const [id, count] = session.shard;
    if (count <= 1) return true;
    return Number(guildId ? (BigInt(guildId) >> 22n) % BigInt(count) : 0n) === id;
  }

  /** A guild id that `shardCount` shards route to `shardId`: the fake's own guild when it fits. */
  guildIdForShard(shardId: number, shardCount: number): string {
    let id = BigInt(this.guildId);
    while (Number((id >> 22n) % BigInt(shardCount)) !== shardId) id += 1n << 22n;
    return id.toString();
  }

  /** Sends op 7 RECONNECT: the client should reconnect to resume_gateway_url and RESUME. */
  requestReconnect(): void {
    for (const ws of this.#sockets)
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op: 7, d: null }));
  }

  #connection(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on("close", () => {
      this.#sockets.delete(ws);
      for (const s of this.#sessions.values()) if (s.socket === ws) s.socket = null;
    });
    ws.on("message", (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        ws.close(4002, "Error while decoding payload.");
        return;
      }
      this.gateway.push({ op: payload.op, d: payload.d, at: performance.now() });
      this.#gatewayOp(ws, payload.op, payload.d);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#heartbeatIntervalMs } }));
  }

  // biome-ignore lint/suspicious/noExplicitAny: gateway payloads are arbitrary JSON.
  #gatewayOp(ws: WebSocket, op: number, d: any): void {
    switch (op) {
      case 1:
        ws.send(JSON.stringify({ op: 11 }));
        return;
      case 2: {
        if (d?.token !== this.token) {
          ws.close(4004, "Authentication failed.");
          return;
        }
        const session: Session = {
          id: randomBytes(16).toString("hex"),
          seq: 0,
          buffer: [],
          socket: ws,
          intents: d.intents,
          shard: Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1],
        };
        this.#sessions.set(session.id, session);
        this.#send(session, "READY", {
          v: 10,
          user: { ...this.bot, verified: true, mfa_enabled: false, email: null },
          guilds: this.#owns(session, this.guildId) ? [{ id: this.guildId, unavailable: true }] : [],
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: d.shard ?? [0, 1],
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          user_settings: {},
        });
        if (this.#owns(session, this.guildId)) this.#send(session, "GUILD_CREATE", this.guildPayload());
        return;
      }
      case 6: {
        const session = this.#sessions.get(d?.session_id);
        if (!session || d?.token !== this.token) {
          ws.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        session.socket = ws;
        for (const entry of session.buffer)
          if (entry.s > (d.seq ?? 0)) ws.send(JSON.stringify({ op: 0, ...entry }));
        this.#send(session, "RESUMED", {});
        return;
      }
      default:
        return;
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: event payloads are arbitrary JSON.
  #send(session: Session, t: string, d: any): void {
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.buffer.push(entry);
    session.socket?.send(JSON.stringify({ op: 0, ...entry }));
  }

  guildPayload() {
    const now = new Date().toISOString();
    return {
      id: this.guildId,
      name: "Testserver",
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.admin.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: this.#guildLocale,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      vanity_url_code: null,
      application_id: null,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id: this.guildId,
          name: "@everyone",
          color: 0,
          hoist: false,
          position: 0,
          permissions: String(PERMS.member),
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: this.adminRoleId,
          name: "Korpus-Admins",
          color: 0,
          hoist: false,
          position: 1,
          permissions: String(PERMS.member),
          managed: false,
          mentionable: true,
          flags: 0,
        },
      ],
      joined_at: now,
      large: false,
      unavailable: false,
      member_count: 4,
      voice_states: [],
      members: [this.#memberPayload(this.bot, [])],
      channels: [this.#channelPayload(this.channelId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #memberPayload(u: FakeUser, roles: string[], permissions?: bigint) {
    return {
      user: u,
      roles,
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      ...(permissions === undefined ? {} : { permissions: String(permissions) }),
    };
  }

  #channelPayload(channelId: string) {
    const thread = this.threads.get(channelId);
    if (thread) return thread;
    return {
      id: channelId,
      type: 0,
      guild_id: this.guildId,
      name: "fragen",
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }

  #interactionBase(
    type: number,
    from: FakeUser,
    options: {
      permissions?: bigint;
      roles?: string[];
      locale?: string;
      channelId?: string;
      guildId?: string;
      /** A direct message to the bot: no guild, no member, the user at the top level. */
      dm?: boolean;
    },
  ) {
    const id = snowflake();
    const guildId = options.guildId ?? this.guildId;
    if (options.dm) {
      const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString("base64url")}`;
      const channelId = options.channelId ?? snowflake();
      return {
        id,
        token,
        payload: {
          id,
          application_id: this.applicationId,
          type,
          token,
          version: 1,
          channel_id: channelId,
          channel: { id: channelId, type: 1, recipients: [from], last_message_id: null, flags: 0 },
          user: from,
          locale: options.locale ?? "de",
          app_permissions: String(PERMS.member),
          entitlements: [],
          authorizing_integration_owners: { "1": from.id },
          context: 1,
          attachment_size_limit: 10_485_760,
        },
      };
    }
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString("base64url")}`;
    const channelId = options.channelId ?? this.channelId;
    const permissions = options.permissions ?? PERMS.member;
    return {
      id,
      token,
      payload: {
        id,
        application_id: this.applicationId,
        type,
        token,
        version: 1,
        guild_id: guildId,
        guild: { id: guildId, locale: this.#guildLocale, features: [] },
        channel_id: channelId,
        channel: this.#channelPayload(channelId),
        member: this.#memberPayload(from, options.roles ?? [], permissions),
        locale: options.locale ?? "de",
        guild_locale: this.#guildLocale,
        app_permissions: String(PERMS.member),
        entitlements: [],
        authorizing_integration_owners: { "0": guildId },
        context: 0,
        attachment_size_limit: 10_485_760,
      },
    };
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

  /** Options as Discord sends them: string → 3, boolean → 5, attachment → 11 (with `resolved.attachments`). */
  #commandData(name: string, options: Record<string, string | boolean | FakeAttachment>, focused?: string) {
    const [command = name, subcommand] = name.split(" ");
    const attachments: Record<string, FakeAttachment> = {};
    const list = Object.entries(options).map(([n, value]) => {
      if (isAttachment(value)) {
        attachments[value.id] = value;
        return { name: n, type: 11, value: value.id };
      }
      return {
        name: n,
        type: typeof value === "boolean" ? 5 : 3,
        value,
        ...(focused === n ? { focused: true } : {}),
      };
    });
    return {
      id: snowflake(),
      name: command,
      type: 1,
      options: subcommand ? [{ name: subcommand, type: 1, options: list }] : list,
      ...(Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {}),
    };
  }

  /**
   * Dispatches a slash command. `name` may name a subcommand (`"corpus add"`); `options` maps option names to
   * values (string → type 3, boolean → type 5, an attachment from `attach()` → type 11).
   * Returns the interaction id and token and when it was dispatched (performance.now()).
   */
  sendCommand(
    name: string,
    options: Record<string, string | boolean | FakeAttachment> = {},
    from: {
      user?: FakeUser;
      permissions?: bigint;
      roles?: string[];
      locale?: string;
      channelId?: string;
      /** Another guild than the fake's own (e.g. `guildIdForShard`), for sharding tests. */
      guildId?: string;
      /** Sent in a direct message to the bot instead of a server channel. */
      dm?: boolean;
    } = {},
  ): { id: string; token: string; dispatchedAt: number } {
    const base = this.#interactionBase(2, from.user ?? this.member, from);
    const payload = { ...base.payload, data: this.#commandData(name, options) };
    const dispatchedAt = performance.now();
    this.dispatch("INTERACTION_CREATE", payload);
    return { id: base.id, token: base.token, dispatchedAt };
  }

  /** Dispatches an autocomplete interaction for a string option being typed. */
  sendAutocomplete(name: string, option: string, typed: string, from: { user?: FakeUser } = {}) {
    const base = this.#interactionBase(4, from.user ?? this.member, {});
    const payload = { ...base.payload, data: this.#commandData(name, { [option]: typed }, option) };
    this.dispatch("INTERACTION_CREATE", payload);
    return { id: base.id, token: base.token, dispatchedAt: performance.now() };
  }

  /** Dispatches a button press on a message the bot sent. */
  // biome-ignore lint/suspicious/noExplicitAny: message objects are arbitrary JSON.
  sendButton(customId: string, message: any, from: { user?: FakeUser } = {}) {
    const base = this.#interactionBase(3, from.user ?? this.member, { channelId: message.channel_id });
    const payload = { ...base.payload, message, data: { custom_id: customId, component_type: 2 } };
    this.dispatch("INTERACTION_CREATE", payload);
    return { id: base.id, token: base.token, dispatchedAt: performance.now() };
  }

  /** Dispatches a choice in a string select menu on a message the bot sent. */
  // biome-ignore lint/suspicious/noExplicitAny: message objects are arbitrary JSON.
  sendSelect(customId: string, values: string[], message: any, from: { user?: FakeUser } = {}) {
    const base = this.#interactionBase(3, from.user ?? this.member, { channelId: message.channel_id });
    const payload = { ...base.payload, message, data: { custom_id: customId, component_type: 3, values } };
    this.dispatch("INTERACTION_CREATE", payload);
    return { id: base.id, token: base.token, dispatchedAt: performance.now() };
  }

  /**
   * Dispatches MESSAGE_CREATE from a user. `mentionBot` adds the bot to `mentions` (as Discord does for
   * `<@botId>` in the content); `@everyone` in the content sets `mention_everyone`.
   */
  sendUserMessage(
    content: string,
    options: { from?: FakeUser; channelId?: string; mentionBot?: boolean } = {},
  ) {
    const from = options.from ?? this.member;
    const id = snowflake();
    const channelId = options.channelId ?? this.channelId;
    const roleMentions = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]);
    const message = {
      id,
      type: 0,
      channel_id: channelId,
      guild_id: this.guildId,
      author: from,
      member: this.#memberPayload(from, []),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: content.includes("@everyone") || content.includes("@here"),
      mentions: options.mentionBot ? [{ ...this.bot, member: this.#memberPayload(this.bot, []) }] : [],
      mention_roles: roleMentions,
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
    this.dispatch("MESSAGE_CREATE", message);
    return { id, message, dispatchedAt: performance.now() };
  }

  // ---------------------------------------------------------------- REST

  // biome-ignore lint/suspicious/noExplicitAny: message bodies are arbitrary JSON.
  #messageFrom(body: any, channelId: string, extra: Record<string, unknown> = {}) {
    return {
      id: snowflake(),
      type: body?.message_reference ? 19 : 0,
      channel_id: channelId,
      guild_id: this.guildId,
      author: this.bot,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      ...(body?.message_reference
        ? { message_reference: { ...body.message_reference, channel_id: channelId } }
        : {}),
      ...extra,
    };
  }

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
    const prefix = /^\/api(?:\/v\d+)?/;
    const path = decodeURIComponent(url.pathname.replace(prefix, ""));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString("utf8");
    // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON.
    let body: any = null;
    let files: RecordedFile[] | undefined;
    if (raw) {
      const contentType = req.headers["content-type"] ?? "";
      if (contentType.includes("multipart/form-data")) {
        const parts = multipartParts(rawBytes, contentType);
        const json = parts.find((p) => /name="payload_json"/.test(p.headers));
        body = json ? JSON.parse(json.data.toString("utf8")) : raw;
        files = parts
          .filter((p) => /filename="/.test(p.headers))
          .map((p) => ({
            field: /name="([^"]+)"/.exec(p.headers)?.[1] ?? "",
            filename: /filename="([^"]+)"/.exec(p.headers)?.[1] ?? "",
            contentType: /content-type:\s*([^\r\n]+)/i.exec(p.headers)?.[1] ?? "",
            data: p.data,
          }));
      } else {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
    }
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      at,
      status: 0,
      authorization: req.headers.authorization,
      ...(files ? { files } : {}),
    };
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

    await this.#stallIfAsked(method, path);
    const failure = this.#failures.find(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method === method) &&
        (typeof f.path === "string" ? f.path === path : f.path.test(path)),
    );
    if (failure) {
      failure.remaining -= 1;
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 0.2;
        send(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: false },
          { "retry-after": String(retryAfter), "x-ratelimit-scope": "user" },
        );
      } else {
        send(failure.status, { message: `${failure.status}: Server Error`, code: 0 });
      }
      return;
    }

    const needsAuth = !path.startsWith("/interactions/") && !path.startsWith("/webhooks/");
    if (needsAuth && req.headers.authorization !== `Bot ${this.token}`) {
      send(401, { message: "401: Unauthorized", code: 0 });
      return;
    }

    const invalid = this.#strict ? this.#invalidBody(method, path, body) : [];
    if (invalid.length > 0) {
      this.rejected.push({ request: record, problems: invalid });
      send(400, { message: "Invalid Form Body", code: 50035, errors: { _errors: invalid } });
      return;
    }

    for (const [routeMethod, pattern, handler] of this.#routes(body, record, send)) {
      if (routeMethod !== "*" && routeMethod !== method) continue;
      const match = pattern.exec(path);
      if (match) {
        handler(match, method);
        return;
      }
    }
    send(404, { message: "404: Not Found", code: 0 });
  }

  /** What Discord would refuse in a message body sent to `path` (empty: acceptable). */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON.
  #invalidBody(method: string, path: string, body: any): string[] {
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(path) && method === "POST") {
      return body?.type === 4 ? messageProblems(body.data ?? {}, { create: true }) : [];
    }
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(path) && method === "PATCH") {
      return messageProblems(body ?? {});
    }
    if (/^\/webhooks\/\d+\/[^/]+$/.test(path) && method === "POST") {
      return messageProblems(body ?? {}, { create: true });
    }
    if (/^\/channels\/\d+\/messages$/.test(path) && method === "POST") {
      return messageProblems(body ?? {}, { create: true });
    }
    return [];
  }

  /** The REST routes the bot uses, as [method or "*", path pattern, handler]. */
  #routes(
    // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON.
    body: any,
    record: RecordedRequest,
    send: (status: number, payload?: unknown, headers?: Record<string, string>) => void,
  ): Array<[string, RegExp, (m: RegExpExecArray, method: string) => void]> {
    return [
      [
        "GET",
        /^\/gateway(?:\/bot)?$/,
        () =>
          send(200, {
            url: this.gatewayUrl,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
          }),
      ],
      ["GET", /^\/users\/@me$/, () => send(200, this.bot)],
      [
        "GET",
        /^\/applications\/@me$/,
        () =>
          send(200, {
            id: this.applicationId,
            name: "Fundstelle",
            owner: this.owner,
            team: null,
            flags: 0,
            bot_public: true,
            description: "",
          }),
      ],
      [
        "PUT",
        /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
        (m) => {
          const list = Array.isArray(body) ? body : [];
          send(
            200,
            list.map((c: Record<string, unknown>) => ({
              ...c,
              id: snowflake(),
              application_id: m[1],
              version: snowflake(),
              ...(m[2] ? { guild_id: m[2] } : {}),
            })),
          );
        },
      ],
      [
        "POST",
        /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
        (m) => {
          const token = m[2] as string;
          const type = body?.type as number;
          const data = body?.data ?? {};
          let message: { id: string } | undefined;
          if (type === 4 || type === 5) {
            message = this.#messageFrom(data, this.channelId, {
              flags: data.flags ?? 0,
              ...(type === 5 ? { content: "", flags: (data.flags ?? 0) | 128 } : {}),
              webhook_id: this.applicationId,
              application_id: this.applicationId,
            });
            this.messages.set(`original:${token}`, message);
          }
          if (record.query.with_response === "true") {
            send(200, {
              interaction: { id: m[1], type: 2, response_message_id: message?.id },
              resource: { type, ...(message ? { message } : {}) },
            });
          } else {
            send(204);
          }
        },
      ],
      [
        "*",
        /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
        (m, method) => {
          const key = m[3] === "@original" ? `original:${m[2]}` : (m[3] as string);
          const existing = this.messages.get(key);
          if (method === "DELETE") {
            this.messages.delete(key);
            send(204);
          } else if (!existing) {
            send(404, { message: "Unknown Message", code: 10008 });
          } else if (method === "GET") {
            send(200, existing);
          } else if (method === "PATCH") {
            const updated = {
              ...existing,
              ...(body ?? {}),
              flags: (existing.flags & ~128) | (body?.flags ?? 0),
              edited_timestamp: new Date().toISOString(),
            };
            delete updated.allowed_mentions;
            this.messages.set(key, updated);
            send(200, updated);
          } else {
            send(405, { message: "405: Method Not Allowed", code: 0 });
          }
        },
      ],
      [
        "POST",
        /^\/webhooks\/(\d+)\/([^/]+)$/,
        () => {
          const message = this.#messageFrom(body, this.channelId, {
            webhook_id: this.applicationId,
            application_id: this.applicationId,
          });
          this.messages.set(message.id, message);
          send(200, message);
        },
      ],
      [
        "POST",
        /^\/channels\/(\d+)\/messages$/,
        (m) => {
          const message = this.#messageFrom(body, m[1] as string);
          this.messages.set(message.id, message);
          send(200, message);
        },
      ],
      [
        "POST",
        /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
        (m) => {
          const now = new Date().toISOString();
          const thread = {
            id: m[2] as string,
            type: 11,
            guild_id: this.guildId,
            parent_id: m[1],
            owner_id: this.bot.id,
            name: body?.name ?? "thread",
            last_message_id: null,
            rate_limit_per_user: 0,
            message_count: 0,
            member_count: 1,
            total_message_sent: 0,
            flags: 0,
            thread_metadata: {
              archived: false,
              auto_archive_duration: body?.auto_archive_duration ?? 1440,
              archive_timestamp: now,
              locked: false,
              create_timestamp: now,
            },
            member: { id: m[2], user_id: this.bot.id, join_timestamp: now, flags: 0 },
          };
          this.threads.set(thread.id, thread);
          send(201, thread);
          this.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
        },
      ],
      ["POST", /^\/channels\/(\d+)\/typing$/, () => send(204)],
      [
        "PUT",
        /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/,
        (m) => {
          this.reactions.push(`${m[1]}/${m[2]}/${m[3]}`);
          send(204);
        },
      ],
    ];
  }

  // ------------------------------------------------- fault injection and observation (test/reliability)

  /** Calls `listener` with every request once its status is decided; returns an unsubscribe function. */
  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.#requestListeners.add(listener);
    return () => this.#requestListeners.delete(listener);
  }

  /** Holds the next `times` matching requests for `ms` before handling them (the client may time out). */
  stall(stall: InjectedStall): void {
    this.#stalls.push({ ...stall, remaining: stall.times ?? 1 });
  }

  async #stallIfAsked(method: string, path: string): Promise<void> {
    const stall = this.#stalls.find(
      (s) =>
        s.remaining > 0 &&
        (!s.method || s.method === method) &&
        (typeof s.path === "string" ? s.path === path : s.path.test(path)),
    );
    if (!stall) return;
    stall.remaining -= 1;
    await new Promise((resolve) => setTimeout(resolve, stall.ms));
  }

  /** Sends op 9 INVALID_SESSION; `resumable` is its `d`. A non-resumable one also forgets the sessions. */
  invalidateSessions(resumable: boolean): void {
    if (!resumable) this.#sessions.clear();
    for (const ws of this.#sockets)
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ op: 9, d: resumable }));
  }

  /** Drops every gateway socket without a close frame, as a network failure would (close code 1006). */
  dropConnections(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  /** Closes every gateway socket with `code` (4000 may be resumed; 4004 "authentication failed" is fatal). */
  closeConnections(code: number, reason = ""): void {
    for (const ws of this.#sockets) ws.close(code, reason);
  }

  /** Closes every socket and the server. */
  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
