/**
 * The fake's WebSocket gateway: HELLO, HEARTBEAT_ACK, IDENTIFY → READY (+ GUILD_CREATE on the shard that owns
 * the guild), RESUME with replay of the buffered dispatches, and the faults a real gateway produces (RECONNECT,
 * INVALID_SESSION, dropped sockets, close codes). Every op a client sends is recorded.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { performance } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayHeartbeatData,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayResumeData,
} from "discord-api-types/v10";
import { WebSocket, WebSocketServer } from "ws";

/** An op a client sent, with its payload as received. */
export interface GatewayRecord<D = unknown> {
  op: GatewayOpcodes;
  d: D;
  at: number;
}

/** The payload (`d`) clients send with the opcodes the fake handles, as Discord documents them. */
export interface ClientPayloads {
  [GatewayOpcodes.Heartbeat]: GatewayHeartbeatData;
  [GatewayOpcodes.Identify]: GatewayIdentifyData;
  [GatewayOpcodes.Resume]: GatewayResumeData;
}

interface DispatchEntry {
  s: number;
  t: GatewayDispatchEvents;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  buffer: DispatchEntry[];
  socket: WebSocket | null;
  intents: number;
  /** [shard id, shard count] from IDENTIFY; guild events go only to the shard that owns the guild. */
  shard: [number, number];
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** The fake's guild: GUILD_CREATE goes to the shard that owns it. */
  guildId: string;
  /** READY's payload for a new session. */
  ready: (session: { id: string; shard: [number, number] | undefined; ownsGuild: boolean }) => unknown;
  /** GUILD_CREATE's payload. */
  guildCreate: () => unknown;
}

/** Most dispatches a session keeps for RESUME. */
const RESUME_BUFFER = 1000;

/** Discord's rule: a guild belongs to shard (guild_id >> 22) % shard count; DMs (no guild) to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  return Number(guildId ? (BigInt(guildId) >> 22n) % BigInt(shardCount) : 0n);
}

/** A guild id, at or after `guildId`, that `shardCount` shards route to `shardId`. */
export function guildIdForShard(guildId: string, shardId: number, shardCount: number): string {
  let id = BigInt(guildId);
  while (Number((id >> 22n) % BigInt(shardCount)) !== shardId) id += 1n << 22n;
  return id.toString();
}

function guildIdOf(d: unknown): string | undefined {
  if (typeof d !== "object" || d === null || !("guild_id" in d)) return undefined;
  return typeof d.guild_id === "string" ? d.guild_id : undefined;
}

function send(ws: WebSocket, payload: { op: GatewayOpcodes } & Record<string, unknown>): void {
  ws.send(JSON.stringify(payload));
}

export class Gateway {
  /** Ops received from clients, in order. */
  readonly records: GatewayRecord[] = [];
  /** Shard ids the latest dispatch went to. */
  lastDispatchShards: number[] = [];
  readonly #options: GatewayOptions;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, Session>();
  readonly #sockets = new Set<WebSocket>();

  constructor(options: GatewayOptions) {
    this.#options = options;
  }

  /** Takes over an HTTP upgrade request of the fake's server. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connection(ws));
  }

  /** Sessions with an open socket. */
  get connectedSessions(): number {
    return [...this.#sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  /**
   * Dispatches an event to every identified session (buffered for resumption while disconnected); an event of
   * a guild goes only to the shard that owns the guild, as Discord does. Returns the shard ids it went to.
   */
  dispatch(t: GatewayDispatchEvents, d: unknown): number[] {
    const shards: number[] = [];
    this.lastDispatchShards = shards;
    for (const session of this.#sessions.values()) {
      if (!this.#owns(session, guildIdOf(d))) continue;
      shards.push(session.shard[0]);
      session.seq += 1;
      const entry = { s: session.seq, t, d };
      session.buffer.push(entry);
      if (session.buffer.length > RESUME_BUFFER) session.buffer.shift();
      if (session.socket?.readyState === WebSocket.OPEN)
        send(session.socket, { op: GatewayOpcodes.Dispatch, ...entry });
    }
    return shards;
  }

  /** Sends op 7 RECONNECT: the client should reconnect to resume_gateway_url and RESUME. */
  requestReconnect(): void {
    for (const ws of this.#sockets)
      if (ws.readyState === WebSocket.OPEN) send(ws, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Sends op 9 INVALID_SESSION; `resumable` is its `d`. A non-resumable one also forgets the sessions. */
  invalidateSessions(resumable: boolean): void {
    if (!resumable) this.#sessions.clear();
    for (const ws of this.#sockets)
      if (ws.readyState === WebSocket.OPEN) send(ws, { op: GatewayOpcodes.InvalidSession, d: resumable });
  }

  /** Drops every socket without a close frame, as a network failure would (close code 1006). */
  dropConnections(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  /** Closes every socket with `code` (4000 may be resumed; 4004 "authentication failed" is fatal). */
  closeConnections(code: number, reason = ""): void {
    for (const ws of this.#sockets) ws.close(code, reason);
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #owns(session: Session, guildId: string | undefined): boolean {
    const [id, count] = session.shard;
    return count <= 1 || shardOf(guildId, count) === id;
  }

  #connection(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on("close", () => {
      this.#sockets.delete(ws);
      for (const s of this.#sessions.values()) if (s.socket === ws) s.socket = null;
    });
    ws.on("message", (raw) => {
      let payload: { op: GatewayOpcodes; d: unknown };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
        return;
      }
      this.records.push({ op: payload.op, d: payload.d, at: performance.now() });
      this.#receive(ws, payload.op, payload.d);
    });
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } });
  }

  #receive(ws: WebSocket, op: GatewayOpcodes, d: unknown): void {
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        send(ws, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(ws, d as Partial<GatewayIdentifyData> | null);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(ws, d as Partial<GatewayResumeData> | null);
        return;
      default:
        return;
    }
  }

  #identify(ws: WebSocket, identify: Partial<GatewayIdentifyData> | null): void {
    if (identify?.token !== this.#options.token) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      seq: 0,
      buffer: [],
      socket: ws,
      intents: identify.intents ?? 0,
      shard: Array.isArray(identify.shard) ? [Number(identify.shard[0]), Number(identify.shard[1])] : [0, 1],
    };
    this.#sessions.set(session.id, session);
    const ownsGuild = this.#owns(session, this.#options.guildId);
    this.#send(
      session,
      GatewayDispatchEvents.Ready,
      this.#options.ready({ id: session.id, shard: identify.shard, ownsGuild }),
    );
    if (ownsGuild) this.#send(session, GatewayDispatchEvents.GuildCreate, this.#options.guildCreate());
  }

  #resume(ws: WebSocket, resume: Partial<GatewayResumeData> | null): void {
    const session = resume?.session_id === undefined ? undefined : this.#sessions.get(resume.session_id);
    if (!session || resume?.token !== this.#options.token) {
      send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    session.socket = ws;
    for (const entry of session.buffer)
      if (entry.s > (resume.seq ?? 0)) send(ws, { op: GatewayOpcodes.Dispatch, ...entry });
    this.#send(session, GatewayDispatchEvents.Resumed, {});
  }

  #send(session: Session, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.buffer.push(entry);
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...entry }));
  }
}
